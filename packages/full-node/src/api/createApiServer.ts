import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Network } from '@supernova/protocol'
import { createTokenCheck, removeCookie, writeCookie } from './auth.js'
import type { ApiComponents } from './backend.js'
import { createDispatcher } from './dispatch.js'
import { refuseSocket, sendJson } from './http.js'
import { createHttpHandler } from './httpHandler.js'
import { createMethodTable } from './methods/index.js'
import { createRateLimiter, type RateDecision, type RateLimitOptions } from './rateLimit.js'
import { createRestRouter } from './rest.js'
import { ApiServerError } from './serverErrors.js'
import { createSubscriptionHub, type SubscriptionHub } from './subscriptionHub.js'
import { createWsEndpoint, type WsEndpoint, type WsLimits } from './ws.js'

export type ApiLimits = WsLimits & {
  /** Largest POST /rpc body. Default 1 MiB. */
  maxBodyBytes: number
  /** Most calls in one batch. Default 50. */
  maxBatch: number
  /** Per-IP token bucket shared by HTTP and WebSocket (authed callers are exempt). */
  rateLimit: RateLimitOptions
  /** Concurrent HTTP connections. */
  maxConnections: number
  headersTimeoutMs: number
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
}

export const DEFAULT_API_LIMITS: ApiLimits = {
  maxBodyBytes: 1 << 20,
  maxBatch: 50,
  rateLimit: { perSecond: 50, burst: 100 },
  maxConnections: 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxSockets: 256,
  maxSocketsPerIp: 32,
  maxPayloadBytes: 1 << 20,
  maxBufferedBytes: 4 << 20,
  maxInFlight: 32,
  maxSubscriptionsPerSocket: 32,
  heartbeatMs: 30_000,
}

export type ApiServerOptions = {
  /** Default 127.0.0.1. */
  host: string
  /** Default 7700; 0 = any free port. */
  port: number
  /** Where `.cookie` is written at start (mode 0600) and removed at stop. */
  dataDir: string
  /** A static admin key (≥ 16 characters) accepted besides the cookie. */
  apiKey?: string
  /** Browser origins allowed to call the API (CORS and WebSocket `Origin`). */
  corsOrigins: readonly string[]
  network: Network
  limits?: Partial<ApiLimits>
  /** Clock of the rate limiter (ms, monotonic). Default `performance.now`. */
  now?: () => number
}

export type ApiServer = {
  /** Writes the cookie, listens, follows the chain. Resolves with the bound address. */
  start(): Promise<{ host: string; port: number; url: string }>
  /** Closes every connection and socket and deletes the cookie. */
  stop(): Promise<void>
  /** Path of the cookie file (exists between start and stop). */
  readonly cookiePath: string | undefined
}

/**
 * The node's one HTTP server: JSON-RPC 2.0 at POST /rpc, WebSocket at /ws, REST under /api/v1/,
 * GET /health, /metrics and /openrpc.json. Admin methods need the cookie or the API key.
 * @throws {ApiServerError} INVALID_OPTIONS for a short API key.
 * @example
 * const api = createApiServer({ host: '127.0.0.1', port: 7700, dataDir, corsOrigins: [], network: 'devnet' }, components)
 * const { url } = await api.start()
 */
export function createApiServer(options: ApiServerOptions, components: ApiComponents): ApiServer {
  const limits: ApiLimits = { ...DEFAULT_API_LIMITS, ...options.limits }
  if (options.apiKey !== undefined && options.apiKey.length < 16)
    throw new ApiServerError({
      code: 'INVALID_OPTIONS',
      message: 'apiKey must be at least 16 characters',
    })
  const { logger, chain } = components
  const table = createMethodTable(options.network)
  const parseCtx = { network: options.network, params: chain.params }
  const dispatcher = createDispatcher({ table, components, ...parseCtx, maxBatch: limits.maxBatch })
  const rest = createRestRouter({ dispatcher, components, parseCtx })
  const limiter = createRateLimiter({
    ...limits.rateLimit,
    now: options.now ?? (() => performance.now()),
  })
  const rateLimit = (ip: string, cost: number): RateDecision => limiter.take(ip, cost)
  let server: Server | undefined
  let cookie: { path: string; secret: string } | undefined
  let isAuthed: (token: string | undefined) => boolean = () => false
  let stopping = false

  const requestStop = () => {
    if (stopping) return
    stopping = true
    // Answer first: the node's stop closes this server.
    setImmediate(() => {
      components.node.stop().catch((err) => logger.error({ err }, 'api: node stop failed'))
    })
  }
  let hub: SubscriptionHub | undefined
  let ws: WsEndpoint | undefined

  const http = createHttpHandler({
    components,
    dispatcher,
    rest,
    openRpcDocument: table.document,
    corsOrigins: new Set(options.corsOrigins),
    maxBodyBytes: limits.maxBodyBytes,
    rateLimit,
    isAuthed: (token) => isAuthed(token),
    onStop: requestStop,
  })

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (ws) ws.upgrade(req, socket, head, http.verdict(req))
    else socket.destroy()
  }

  function onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
    const status =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request'
    refuseSocket(socket, status)
  }

  function createHttpServer(): Server {
    const s = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
      http.onRequest(req, res).catch((err) => {
        logger.error({ err, url: req.url }, 'api: request failed')
        if (!res.headersSent)
          sendJson(res, 500, { error: { code: -32603, message: 'internal error' } })
        else res.destroy()
      })
    })
    s.headersTimeout = limits.headersTimeoutMs
    s.requestTimeout = limits.requestTimeoutMs
    s.keepAliveTimeout = limits.keepAliveTimeoutMs
    s.maxConnections = limits.maxConnections
    s.maxHeadersCount = 100
    s.on('upgrade', onUpgrade)
    s.on('clientError', onClientError)
    return s
  }

  return {
    get cookiePath() {
      return cookie?.path
    },
    async start() {
      if (server)
        throw new ApiServerError({ code: 'ALREADY_STARTED', message: 'the API server is running' })
      cookie = await writeCookie(options.dataDir)
      isAuthed = createTokenCheck(
        options.apiKey ? [cookie.secret, options.apiKey] : [cookie.secret],
      )
      const s = createHttpServer()
      server = s
      stopping = false
      hub = createSubscriptionHub({ chain, mempool: components.mempool, logger })
      ws = createWsEndpoint({ dispatcher, hub, limits, logger, rateLimit, onStop: requestStop })
      try {
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject)
          s.listen(options.port, options.host, () => {
            s.off('error', reject)
            resolve()
          })
        })
      } catch (cause) {
        server = undefined
        ws.close()
        await removeCookie(cookie.path)
        cookie = undefined
        throw new ApiServerError({
          code: 'LISTEN_FAILED',
          message: `cannot listen on ${options.host}:${options.port}`,
          cause,
        })
      }
      s.on('error', (err) => logger.error({ err }, 'api: server error'))
      hub.start()
      const address = s.address() as AddressInfo
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
      logger.info({ url: `http://${host}:${address.port}` }, 'api: listening')
      return { host: address.address, port: address.port, url: `http://${host}:${address.port}` }
    },
    async stop() {
      const s = server
      server = undefined
      hub?.stop()
      ws?.close()
      if (s) {
        const closed = new Promise<void>((resolve) => s.close(() => resolve()))
        s.closeAllConnections()
        await closed
      }
      if (cookie) await removeCookie(cookie.path)
      cookie = undefined
      isAuthed = () => false
    },
  }
}
