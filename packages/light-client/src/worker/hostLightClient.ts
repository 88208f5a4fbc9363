import type { Network } from '@supernova/protocol'
import { createLightClient } from '../client/createLightClient.js'
import type { LightClient } from '../client/types.js'
import { createEmitter } from '../network/events.js'
import { type NetworkLogger, SILENT_LOGGER, type TransportName } from '../network/types.js'
import { postCloneable } from './cloneable.js'
import { LightClientWorkerError, serializeError } from './errors.js'
import { createFanout } from './fanout.js'
import {
  createHostSession,
  type HostSession,
  type SessionCloseReason,
  type SessionHost,
} from './hostSession.js'
import { type HostLimitsWithSessions, resolveHostLimits } from './limits.js'
import {
  type AddressWatchValue,
  addressKey,
  type HostMode,
  type LightClientInit,
  type PortLike,
  WORKER_PROTOCOL_VERSION,
} from './protocol.js'
import { dialableTransports } from './transports.js'

/** A SharedWorker's global scope, as far as the host uses it. */
export type SharedWorkerScopeLike = {
  onconnect: unknown
  addEventListener(type: 'connect', listener: (e: MessageEvent) => void): void
}

/** Builds the worker's client from the first page's init; `transports` are those it can dial. */
export type CreateHostedClient = (
  init: LightClientInit,
  env: { transports: TransportName[] },
) => LightClient | Promise<LightClient>

export type HostLightClientParameters = {
  /** `self` in the worker: a SharedWorker's scope (a session per connecting tab) or a dedicated worker's (one session). */
  scope?: SharedWorkerScopeLike | PortLike
  /** A port to serve (tests, iframes); more with `host.accept(port)`. */
  port?: PortLike
  /** Default: `createLightClient` with the init and the dialable transports (IndexedDB storage). */
  create?: CreateHostedClient
  limits?: Partial<HostLimitsWithSessions>
  /** Web Locks, to learn at once that a tab is gone. Default `navigator.locks` where it exists; null: none. */
  locks?: Pick<LockManager, 'request'> | null
  logger?: NetworkLogger
  /** Clock (ms) for idle timeouts. Default Date.now. */
  now?: () => number
}

export type LightClientHostEvents = {
  'session:open': { session: number }
  'session:close': { session: number; reason: SessionCloseReason }
}

export type LightClientHost = {
  readonly mode: HostMode
  /** Serves one more port; returns its session number. */
  accept(port: PortLike): number
  /** Clients built, sessions open, streams (event and address subscriptions) running. */
  info(): { clientInstances: number; sessions: number; streams: number; listeners: number }
  on<K extends keyof LightClientHostEvents>(
    event: K,
    listener: (e: LightClientHostEvents[K]) => void,
  ): () => void
  /** Closes every session and stops the client. */
  close(): Promise<void>
}

const isSharedScope = (s: SharedWorkerScopeLike | PortLike): s is SharedWorkerScopeLike =>
  'onconnect' in s

const defaultCreate: CreateHostedClient = (init, { transports }) =>
  createLightClient({ ...init, p2p: { ...init.p2p, transports } })

/**
 * Runs one LightClient for every page that connects: in a SharedWorker, every tab of the site
 * shares it (each connecting port is a session); in a dedicated Worker, its page has it. Pages
 * reach it with `connectLightClient`. The client is built by the first page's hello; a page of
 * another network is refused (NETWORK_MISMATCH). A session's subscriptions end when its page
 * unsubscribes, says bye, its port closes, its tab's Web Lock is released, or it stays silent for
 * `idleTimeoutMs`; the client stops when no open session has it started.
 *
 * Chromium does not expose WebRTC (`RTCPeerConnection`) to workers: a client in a worker dials
 * WebSockets only, so the bootstrap list must carry `/ws` (or `/wss`) addresses.
 * @throws {RangeError} a limit that is not a positive integer.
 * @example
 * // worker.ts, bundled by the app and passed to createBrowserLightClient as workerUrl
 * import { hostLightClient } from '@supernova/light-client'
 * hostLightClient({ scope: self })
 */
export function hostLightClient(p: HostLightClientParameters): LightClientHost {
  const limits = resolveHostLimits(p.limits)
  const logger = p.logger ?? SILENT_LOGGER
  const now = p.now ?? Date.now
  const locks = p.locks === undefined ? globalThis.navigator?.locks : (p.locks ?? undefined)
  const mode: HostMode =
    p.scope === undefined ? 'port' : isSharedScope(p.scope) ? 'shared-worker' : 'worker'
  const emitter = createEmitter<LightClientHostEvents>(logger)
  const sessions = new Map<number, HostSession>()
  const starters = new Set<number>()
  const hub = createFanout<unknown>({
    maxStreams: limits.maxStreams,
    onListenerError: (e) => logger.warn({ err: String(e) }, 'worker: a subscriber threw'),
  })
  let built:
    | { client: Promise<LightClient>; network: Network; transports: TransportName[] }
    | undefined
  let clientInstances = 0
  let life: Promise<void> = Promise.resolve()
  let nextSession = 1
  let offEvidence: (() => void) | undefined

  const lifecycle = (op: (c: LightClient) => Promise<void>): Promise<void> => {
    const run = life.then(async () => {
      const c = await built?.client
      if (c !== undefined) await op(c)
    })
    life = run.catch(() => undefined)
    return run
  }

  const build = (init: LightClientInit): Promise<LightClient> => {
    const transports = dialableTransports(init.p2p?.transports)
    const client = (async () => {
      const c = await (p.create ?? defaultCreate)(init, { transports })
      clientInstances++
      offEvidence = c.on('evidence', (value) => {
        for (const s of sessions.values()) if (s.isReady()) s.send({ t: 'evidence', value })
      })
      return c
    })()
    const entry = { client, network: init.network, transports }
    built = entry
    client.catch(() => {
      if (built === entry) built = undefined
    })
    return client
  }

  const stop = (session: number): Promise<void> =>
    !starters.delete(session) || starters.size > 0 ? Promise.resolve() : lifecycle((c) => c.stop())

  const sessionHost: SessionHost = {
    limits,
    logger,
    now,
    clientFor(init) {
      if (built === undefined) {
        try {
          return build(init)
        } catch (e) {
          return Promise.reject(e)
        }
      }
      if (init.network === built.network) return built.client
      return Promise.reject(
        new LightClientWorkerError({
          code: 'NETWORK_MISMATCH',
          message: `the worker runs a ${built.network} client, the page asked for ${String(init.network)}`,
          details: { worker: built.network, page: init.network },
        }),
      )
    },
    welcome: (session, client) => ({
      t: 'welcome',
      v: WORKER_PROTOCOL_VERSION,
      network: client.network,
      evidence: client.evidence(),
      info: sessionHost.info(session),
    }),
    info: (session) => ({
      mode,
      clientInstances,
      sessions: sessions.size,
      session,
      transports: built?.transports ?? [],
    }),
    start(session) {
      starters.add(session)
      return lifecycle((c) => c.start()).catch((e: unknown) => {
        starters.delete(session)
        throw e
      })
    },
    stop,
    subscribe(m, client, emit) {
      if (m.kind === 'event') return hub.add(`event:${m.event}`, (e) => client.on(m.event, e), emit)
      // The client hands the stream the current tip first; a page joining later gets the last head.
      if (m.kind === 'heads')
        return hub.add(
          'heads',
          (e) => client.watchHeads({ onHead: e }),
          emit,
          () => true,
        )
      return hub.add(
        `address:${addressKey(m.address)}:${m.fromHeight}`,
        (e) =>
          client.watchAddress({
            address: m.address,
            fromHeight: m.fromHeight,
            onUpdate: (update) => e({ type: 'update', update } satisfies AddressWatchValue),
            onError: (err) =>
              e({ type: 'error', error: serializeError(err) } satisfies AddressWatchValue),
          }),
        emit,
        (v) => (v as AddressWatchValue).type === 'update',
      )
    },
    watchLock(name, released, signal) {
      locks?.request(name, { signal }, () => released()).catch(() => undefined)
    },
    closed(session, reason) {
      sessions.delete(session.id)
      stop(session.id).catch((e: unknown) =>
        logger.warn({ err: String(e) }, 'worker: stopping the client failed'),
      )
      emitter.emit('session:close', { session: session.id, reason })
    },
  }

  const accept = (port: PortLike, ownsPort = true): number => {
    const id = nextSession++
    if (sessions.size >= limits.maxSessions) {
      const refused = new LightClientWorkerError({
        code: 'TOO_MANY_SESSIONS',
        message: `more than ${limits.maxSessions} sessions`,
        details: { max: limits.maxSessions },
      })
      postCloneable(port, { t: 'fatal', error: serializeError(refused) })
      if (ownsPort) port.close?.()
      return id
    }
    const session = createHostSession(port, id, sessionHost, { ownsPort })
    sessions.set(id, session)
    emitter.emit('session:open', { session: id })
    return id
  }

  const sweep =
    limits.idleTimeoutMs > 0
      ? setInterval(
          () => {
            const t = now()
            for (const s of [...sessions.values()])
              if (t - s.lastSeen() > limits.idleTimeoutMs)
                s.close(
                  'idle',
                  new LightClientWorkerError({
                    code: 'CLOSED',
                    message: `no message from the page in ${limits.idleTimeoutMs} ms`,
                  }),
                )
          },
          Math.max(10, Math.floor(limits.idleTimeoutMs / 4)),
        )
      : undefined

  if (p.scope !== undefined) {
    const scope = p.scope
    if (isSharedScope(scope))
      scope.addEventListener('connect', (e) => {
        for (const port of e.ports) accept(port)
      })
    else accept(scope, false)
  }
  if (p.port !== undefined) accept(p.port)

  return {
    mode,
    accept: (port) => accept(port),
    info: () => ({
      clientInstances,
      sessions: sessions.size,
      streams: hub.streams(),
      listeners: hub.listeners(),
    }),
    on: (event, listener) => emitter.on(event, listener),
    async close() {
      clearInterval(sweep)
      const closing = new LightClientWorkerError({ code: 'CLOSED', message: 'the host closed' })
      for (const s of [...sessions.values()]) s.close('host-closed', closing)
      hub.clear()
      offEvidence?.()
      starters.clear()
      await lifecycle((c) => c.stop())
    },
  }
}
