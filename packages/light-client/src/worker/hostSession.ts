import type { LightClient } from '../client/types.js'
import type { NetworkLogger } from '../network/types.js'
import { LightClientError } from '../verify/errors.js'
import { postCloneable } from './cloneable.js'
import { LightClientWorkerError, serializeError } from './errors.js'
import { runHostCall } from './hostCalls.js'
import {
  callTimeoutMs,
  type HostInfo,
  type LightClientInit,
  type PageMessage,
  type PortLike,
  parsePageMessage,
  type SubscribeMessage,
  WORKER_PROTOCOL_VERSION,
  type WorkerMessage,
} from './protocol.js'

/** Why a session ended. */
export type SessionCloseReason =
  | 'bye'
  | 'port-closed'
  | 'tab-closed'
  | 'idle'
  | 'fatal'
  | 'host-closed'

export type HostLimits = {
  /** Calls in flight per port. Default 64. */
  maxPendingCalls: number
  /** Subscriptions per port. Default 64. */
  maxSubscriptions: number
  /** Distinct streams (events, address watches) the host runs for all ports together. Default 48. */
  maxStreams: number
  /** Bound on one call (a `waitForSync` gets its own `timeoutMs` plus 5 s when longer). Default 120 s. */
  callTimeoutMs: number
  /** A port silent this long is closed (the page pings every `heartbeatMs`). Default 150 s; 0 = never. */
  idleTimeoutMs: number
}

/** What a session needs from its host. */
export type SessionHost = {
  readonly limits: HostLimits
  readonly logger: NetworkLogger
  readonly now: () => number
  /** The client (built by the first hello), or CREATE_FAILED / NETWORK_MISMATCH. */
  clientFor(init: LightClientInit): Promise<LightClient>
  welcome(session: number, client: LightClient): WorkerMessage
  info(session: number): HostInfo
  start(session: number): Promise<void>
  stop(session: number): Promise<void>
  subscribe(m: SubscribeMessage, client: LightClient, emit: (value: unknown) => void): () => void
  /** Calls `released` when the page's tab lock is released (the tab is gone). */
  watchLock(name: string, released: () => void, signal: AbortSignal): void
  closed(session: HostSession, reason: SessionCloseReason): void
}

export type HostSession = {
  readonly id: number
  /** Clock (ms) of the last message from the page. */
  lastSeen(): number
  isReady(): boolean
  send(m: WorkerMessage): void
  /** Ends the session: aborts its calls, drops its subscriptions, tells the page when `notify`. */
  close(reason: SessionCloseReason, notify?: LightClientWorkerError): void
}

const closedError = (why: string) =>
  new LightClientWorkerError({ code: 'CLOSED', message: `session closed: ${why}` })

/** Rejects with the signal's reason as soon as it aborts, whatever `work` does. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * One page's session in the host: answers its calls and subscriptions with the shared client,
 * within the per-port caps; everything it holds is released when it closes.
 */
export function createHostSession(
  port: PortLike,
  id: number,
  host: SessionHost,
  o: { ownsPort: boolean },
): HostSession {
  let client: Promise<LightClient> | undefined
  let ready = false
  let closed = false
  let lastSeen = host.now()
  const calls = new Map<number, AbortController>()
  const subs = new Map<number, () => void>()
  const lockWatch = new AbortController()
  const { limits } = host

  const send = (m: WorkerMessage) => {
    if (!closed) postCloneable(port, m)
  }
  const fail = (callId: number, e: unknown) =>
    send({ t: 'error', id: callId, error: serializeError(e) })
  const clientReady = (): Promise<LightClient> =>
    client ??
    Promise.reject(new LightClientWorkerError({ code: 'BAD_MESSAGE', message: 'hello first' }))

  const hello = (m: Extract<PageMessage, { t: 'hello' }>) => {
    if (client !== undefined)
      return host.logger.warn({ session: id }, 'worker: second hello ignored')
    if (m.v !== WORKER_PROTOCOL_VERSION)
      return session.close(
        'fatal',
        new LightClientWorkerError({
          code: 'VERSION_MISMATCH',
          message: `page speaks version ${m.v}, worker ${WORKER_PROTOCOL_VERSION}`,
          details: { page: m.v, worker: WORKER_PROTOCOL_VERSION },
        }),
      )
    client = host.clientFor(m.init)
    client.then(
      (c) => {
        if (closed) return
        ready = true
        send(host.welcome(id, c))
        if (m.lock !== undefined)
          host.watchLock(m.lock, () => session.close('tab-closed'), lockWatch.signal)
      },
      (e: unknown) =>
        session.close(
          'fatal',
          e instanceof LightClientWorkerError
            ? e
            : new LightClientWorkerError({ code: 'CREATE_FAILED', message: String(e), cause: e }),
        ),
    )
  }

  const call = async (m: Extract<PageMessage, { t: 'call' }>) => {
    if (calls.has(m.id)) return fail(m.id, badId(m.id))
    if (calls.size >= limits.maxPendingCalls)
      return fail(
        m.id,
        new LightClientWorkerError({
          code: 'TOO_MANY_PENDING',
          message: `more than ${limits.maxPendingCalls} calls in flight on this port`,
          details: { max: limits.maxPendingCalls },
        }),
      )
    const ac = new AbortController()
    calls.set(m.id, ac)
    const ms = callTimeoutMs(m.method, m.params, limits.callTimeoutMs)
    const timer = setTimeout(
      () =>
        ac.abort(
          new LightClientWorkerError({
            code: 'TIMEOUT',
            message: `${m.method}: no answer in ${ms} ms`,
            details: { method: m.method, timeoutMs: ms },
          }),
        ),
      ms,
    )
    try {
      const c = await raceAbort(clientReady(), ac.signal)
      const value = await raceAbort(
        runHostCall(m.method, m.params, {
          client: c,
          signal: ac.signal,
          onProgress: m.progress ? (value) => send({ t: 'progress', id: m.id, value }) : undefined,
          start: () => host.start(id),
          stop: () => host.stop(id),
          hostInfo: () => host.info(id),
        }),
        ac.signal,
      )
      if (calls.delete(m.id)) send({ t: 'result', id: m.id, value })
    } catch (e) {
      if (calls.delete(m.id)) fail(m.id, e)
    } finally {
      clearTimeout(timer)
    }
  }

  const subscribe = async (m: SubscribeMessage) => {
    const refuse = (e: unknown) => send({ t: 'sub-error', id: m.id, error: serializeError(e) })
    if (subs.has(m.id)) return refuse(badId(m.id))
    if (subs.size >= limits.maxSubscriptions)
      return refuse(
        new LightClientWorkerError({
          code: 'TOO_MANY_SUBSCRIPTIONS',
          message: `more than ${limits.maxSubscriptions} subscriptions on this port`,
          details: { max: limits.maxSubscriptions },
        }),
      )
    subs.set(m.id, () => {})
    try {
      const c = await clientReady()
      // Unsubscribed (or closed) while the client was being built.
      if (!subs.has(m.id)) return
      subs.set(
        m.id,
        host.subscribe(m, c, (value) => send({ t: 'event', id: m.id, value })),
      )
    } catch (e) {
      subs.delete(m.id)
      refuse(e)
    }
  }

  const dispatch = (m: PageMessage) => {
    switch (m.t) {
      case 'hello':
        return hello(m)
      case 'call':
        return void call(m)
      case 'abort':
        return calls
          .get(m.id)
          ?.abort(new LightClientError({ code: 'ABORTED', message: 'aborted by the page' }))
      case 'sub':
        return void subscribe(m)
      case 'unsub': {
        const off = subs.get(m.id)
        subs.delete(m.id)
        return off?.()
      }
      case 'ping':
        return send({ t: 'pong' })
      case 'bye':
        return session.close('bye')
    }
  }

  const onMessage = (e: MessageEvent) => {
    lastSeen = host.now()
    const m = parsePageMessage(e.data)
    if (m !== undefined) return dispatch(m)
    const bad = e.data as { id?: unknown } | null
    host.logger.warn({ session: id }, 'worker: a message outside the protocol')
    if (typeof bad?.id === 'number')
      fail(bad.id, new LightClientWorkerError({ code: 'BAD_MESSAGE', message: 'unknown message' }))
  }
  const onClose = () => session.close('port-closed')

  const session: HostSession = {
    id,
    lastSeen: () => lastSeen,
    isReady: () => ready,
    send,
    close(reason, notify) {
      if (closed) return
      if (notify !== undefined) send({ t: 'fatal', error: serializeError(notify) })
      closed = true
      for (const ac of calls.values()) ac.abort(closedError(reason))
      calls.clear()
      for (const off of subs.values()) off()
      subs.clear()
      lockWatch.abort()
      port.removeEventListener('message', onMessage)
      port.removeEventListener('close', onClose)
      if (o.ownsPort) port.close?.()
      host.closed(session, reason)
    },
  }
  port.addEventListener('message', onMessage)
  port.addEventListener('close', onClose)
  port.start?.()
  return session
}

function badId(id: number): LightClientWorkerError {
  return new LightClientWorkerError({ code: 'BAD_MESSAGE', message: `id ${id} already in use` })
}
