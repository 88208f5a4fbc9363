import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { type RawData, type WebSocket, WebSocketServer } from 'ws'
import type { Dispatcher } from './dispatch.js'
import { RpcError } from './errors.js'
import { refuseSocket } from './http.js'
import type { RateDecision } from './rateLimit.js'
import type { SubscriptionHub } from './subscriptionHub.js'

export type WsLimits = {
  maxSockets: number
  maxSocketsPerIp: number
  /** Largest incoming message (ws closes the socket with 1009 beyond it). */
  maxPayloadBytes: number
  /** A socket whose unsent data exceeds this is a slow consumer and is terminated. */
  maxBufferedBytes: number
  /** Requests of one socket being handled at once; more answer -32002. */
  maxInFlight: number
  maxSubscriptionsPerSocket: number
  /** Ping interval; a socket that missed the previous pong is terminated. */
  heartbeatMs: number
}

/** What the HTTP layer decided about an upgrade request. */
export type UpgradeVerdict =
  | { ok: true; ip: string; authed: boolean }
  | { ok: false; status: number }

export type WsEndpoint = {
  /** Handles an `upgrade` to /ws (the verdict checks origin, auth and the rate limit). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, verdict: UpgradeVerdict): void
  readonly sockets: number
  /** Terminates every socket. */
  close(): void
}

const STATUS_TEXT: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
}

function refuseUpgrade(socket: Duplex, status: number): void {
  refuseSocket(socket, `${status} ${STATUS_TEXT[status] ?? 'Error'}`)
}

/**
 * JSON-RPC over WebSocket at /ws: the same dispatcher as HTTP plus subscriptions. Bounded
 * everywhere: sockets (total and per IP), message size, requests in flight, subscriptions per
 * socket, and the send buffer (a client that does not read its notifications is cut off rather
 * than letting memory grow). Dead peers are found by ping/pong.
 */
export function createWsEndpoint(p: {
  dispatcher: Dispatcher
  hub: SubscriptionHub
  limits: WsLimits
  logger: Logger
  /** Rate limit of an IP (HTTP and WebSocket share buckets). */
  rateLimit: (ip: string, cost: number) => RateDecision
  /** A `stop` call was answered. */
  onStop: () => void
}): WsEndpoint {
  const { dispatcher, hub, limits, logger } = p
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes })
  wss.on('error', (err) => logger.warn({ err }, 'api: websocket server error'))
  const perIp = new Map<string, number>()
  const alive = new WeakMap<WebSocket, boolean>()
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate()
        continue
      }
      alive.set(ws, false)
      ws.ping()
    }
  }, limits.heartbeatMs)
  heartbeat.unref()

  function connection(ws: WebSocket, ip: string, authed: boolean): void {
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1)
    alive.set(ws, true)
    let inFlight = 0
    const send = (text: string) => {
      if (ws.readyState !== ws.OPEN) return
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        logger.debug({ ip }, 'api: websocket client too slow, terminating')
        ws.terminate()
        return
      }
      ws.send(text)
    }
    const session = hub.open({ notify: send }, limits.maxSubscriptionsPerSocket)
    const admit = (cost: number): RateDecision => {
      if (inFlight > limits.maxInFlight) return { ok: false, retryAfterMs: 100 }
      return authed ? { ok: true } : p.rateLimit(ip, cost)
    }
    ws.on('pong', () => alive.set(ws, true))
    ws.on('error', (err) => logger.debug({ err, ip }, 'api: websocket error'))
    ws.on('close', () => {
      session.close()
      const n = (perIp.get(ip) ?? 1) - 1
      if (n <= 0) perIp.delete(ip)
      else perIp.set(ip, n)
    })
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        const e = new RpcError('INVALID_REQUEST', 'send JSON-RPC as text frames')
        send(JSON.stringify({ jsonrpc: '2.0', id: null, error: e.toJSON() }))
        return
      }
      inFlight++
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : data.toString('utf8')
      dispatcher
        .handle(text, { authed, session, admit })
        .then((result) => {
          if (result.body !== undefined) send(result.body)
          if (result.stopRequested) p.onStop()
        })
        .catch((err) => logger.error({ err }, 'api: websocket dispatch failed'))
        .finally(() => {
          inFlight--
        })
    })
  }

  return {
    upgrade(req, socket, head, verdict) {
      socket.on('error', () => socket.destroy())
      if (!verdict.ok) return refuseUpgrade(socket, verdict.status)
      if (wss.clients.size >= limits.maxSockets) return refuseUpgrade(socket, 503)
      if ((perIp.get(verdict.ip) ?? 0) >= limits.maxSocketsPerIp) return refuseUpgrade(socket, 503)
      wss.handleUpgrade(req, socket, head, (ws) => connection(ws, verdict.ip, verdict.authed))
    },
    get sockets() {
      return wss.clients.size
    },
    close() {
      clearInterval(heartbeat)
      for (const ws of wss.clients) ws.terminate()
      wss.close()
    },
  }
}
