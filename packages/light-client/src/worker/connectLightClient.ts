import type {
  AddressUpdate,
  LightClient,
  LightClientEvents,
  WatchAddressParameters,
} from '../client/types.js'
import { createEmitter } from '../network/events.js'
import { SILENT_LOGGER } from '../network/types.js'
import type { Evidence } from '../verify/evidence.js'
import { asSerializedError, LightClientWorkerError, reviveError } from './errors.js'
import { createFanout } from './fanout.js'
import { createPageRpc } from './pageRpc.js'
import {
  type AddressWatchValue,
  addressKey,
  type EventName,
  type HostInfo,
  type LightClientInit,
  type PortLike,
  WORKER_PROTOCOL_VERSION,
  type WorkerMessage,
} from './protocol.js'
import { holdTabLock } from './tabLock.js'

export type ConnectLightClientParameters = (
  | { port: PortLike }
  | { worker: Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener'> }
  | { sharedWorker: Pick<SharedWorker, 'port' | 'addEventListener'> }
) & {
  /** What the worker builds its client from (the first tab's init wins; the network must match). */
  init: LightClientInit
  /** Bound on each call (a `waitForSync` gets its own `timeoutMs` plus 5 s when longer). Default 120 s. */
  callTimeoutMs?: number
  /** Bound on the worker's welcome. Default 15 s. */
  connectTimeoutMs?: number
  /** The page pings this often so the worker knows it is alive. Default 15 s; 0: never. */
  heartbeatMs?: number
  /** A ping unanswered this long means the worker is gone (CLOSED). Default 150 s. */
  idleTimeoutMs?: number
  /** Calls in flight at once. Default 64 (the worker's default cap). */
  maxPendingCalls?: number
  /** Distinct subscriptions (events and address watches) at once. Default 64. */
  maxSubscriptions?: number
  /** Evidence records mirrored for `evidence()`. Default `init.evidenceCapacity` or 100. */
  evidenceCapacity?: number
  /** Web Locks, to let the worker learn at once that this tab is gone. Default `navigator.locks`; null: none. */
  locks?: Pick<LockManager, 'request'> | null
  /** Errors without a caller to hand them to (an event subscription refused, the connection lost). */
  onError?: (e: Error) => void
}

/** A LightClient in another realm, reached over a port. */
export type RemoteLightClient = LightClient & {
  /** Resolves with the host's state once the worker welcomed this page; rejects when it cannot. */
  readonly ready: Promise<HostInfo>
  /** The host's state now: sessions connected, clients built (1 when tabs share one). */
  hostInfo(): Promise<HostInfo>
  /** Ends this page's session (its subscriptions too); later calls fail with CLOSED. Idempotent. */
  close(): void
}

type LocalValue = { type: 'update'; update: AddressUpdate } | { type: 'error'; error: Error }

const portOf = (p: ConnectLightClientParameters): PortLike =>
  'port' in p ? p.port : 'worker' in p ? (p.worker as PortLike) : (p.sharedWorker.port as PortLike)

/**
 * The page side of a worker-hosted client (`hostLightClient`): the same `LightClient` interface,
 * each call a request over the port with an id and a timeout, each subscription torn down when
 * the page unsubscribes or the connection closes. Errors are re-created on this side:
 * LightClientError keeps its code and details. `evidence()` reads a mirror the worker keeps
 * current. Subscriptions of the same event or address share one stream over the port.
 *
 * Differences from an in-page client: `watchAddress` reports NOT_STARTED and bad addresses
 * through `onError` (asynchronously) instead of throwing; `stop()` ends this page's use of the
 * shared client (the worker stops it once no page has it started).
 * @throws {RangeError} a bound that is not a positive integer.
 * @example
 * const client = connectLightClient({ sharedWorker: new SharedWorker(url, { type: 'module' }), init: { network: 'devnet', bootstrap } })
 * await client.start()
 * const { total, verification } = await client.getBalance({ address })
 */
export function connectLightClient(p: ConnectLightClientParameters): RemoteLightClient {
  const o = resolveOptions(p)
  const port = portOf(p)
  const emitter = createEmitter<{ evidence: Evidence }>(SILENT_LOGGER)
  const streams = createFanout<unknown>({ maxStreams: o.maxSubscriptions, onListenerError: report })
  let evidence: Evidence[] = []
  let isWelcomed = false
  let welcomed: (info: HostInfo) => void = () => {}
  let refused: (e: Error) => void = () => {}
  const ready = new Promise<HostInfo>((resolve, reject) => {
    welcomed = resolve
    refused = reject
  })
  ready.catch(() => undefined)

  const keep = (e: Evidence) => {
    evidence.push(e)
    if (evidence.length > o.evidenceCapacity) evidence.shift()
  }
  const onWorkerMessage = (m: WorkerMessage) => {
    lastHeard = Date.now()
    awaitingPong = false
    if (m.t === 'welcome') {
      isWelcomed = true
      clearTimeout(connectTimer)
      evidence = m.evidence.slice(-o.evidenceCapacity)
      return welcomed(m.info)
    }
    if (m.t === 'evidence') {
      keep(m.value)
      return emitter.emit('evidence', m.value)
    }
    if (m.t === 'fatal') {
      const s = asSerializedError(m.error)
      shutdown(s ? reviveError(s) : closed('the worker ended the session'))
    }
  }
  const rpc = createPageRpc(port, {
    callTimeoutMs: o.callTimeoutMs,
    maxPendingCalls: o.maxPendingCalls,
    onMessage: onWorkerMessage,
  })
  const tabLock = holdTabLock(o.locks)

  function report(e: unknown) {
    p.onError?.(e instanceof Error ? e : new Error(String(e)))
  }
  const shutdown = (e: Error, quiet = false) => {
    if (rpc.failure() !== undefined) return
    clearTimeout(connectTimer)
    clearInterval(heartbeat)
    // Closed on purpose: the watchers are dropped, not told of an error.
    if (quiet) streams.clear()
    rpc.fail(e)
    streams.clear()
    refused(e)
    tabLock.release()
    if (!quiet) report(e)
  }

  let lastHeard = Date.now()
  let awaitingPong = false
  const connectTimer = setTimeout(
    () => shutdown(closed(`no welcome from the worker in ${o.connectTimeoutMs} ms`)),
    o.connectTimeoutMs,
  )
  const heartbeat =
    o.heartbeatMs > 0
      ? setInterval(() => {
          if (awaitingPong && Date.now() - lastHeard > o.idleTimeoutMs)
            return shutdown(closed(`the worker has been silent for ${o.idleTimeoutMs} ms`))
          if (!awaitingPong) {
            awaitingPong = true
            lastHeard = Date.now()
            rpc.send({ t: 'ping' })
          }
        }, o.heartbeatMs)
      : undefined

  // The hello goes once this tab holds its lock: the worker's request for it then waits for the tab to go.
  void tabLock.held.then((lock) =>
    rpc.open({
      t: 'hello',
      v: WORKER_PROTOCOL_VERSION,
      init: p.init,
      ...(lock === undefined ? {} : { lock }),
    }),
  )
  // Where the platform reports it (Node, recent Chromium), a port closed by the other side.
  port.addEventListener('close', () => shutdown(closed('the worker closed the port')))
  if ('sharedWorker' in p || 'worker' in p) {
    const target = 'sharedWorker' in p ? p.sharedWorker : p.worker
    // Before the welcome, an error event means the script did not load (or threw at once).
    target.addEventListener('error', () => {
      if (!isWelcomed) shutdown(closed('the worker script failed to load'))
    })
  }

  const onEvent = <K extends keyof LightClientEvents>(
    event: K,
    listener: (e: LightClientEvents[K]) => void,
  ): (() => void) => {
    if (event === 'evidence') return emitter.on('evidence', listener as (e: Evidence) => void)
    return streams.add(
      `event:${event}`,
      (emit) =>
        rpc.subscribe({ kind: 'event', event: event as EventName }, emit, (e) => {
          if (rpc.failure() === undefined) report(e)
        }),
      listener as (v: unknown) => void,
    )
  }

  const watchAddress = (q: WatchAddressParameters): (() => void) => {
    const fromHeight = q.fromHeight ?? 0
    const fallback = (e: Error) => (q.onError ? q.onError(e) : report(e))
    return streams.add(
      `address:${addressKey(q.address)}:${fromHeight}`,
      (emit) =>
        rpc.subscribe(
          { kind: 'address', address: q.address, fromHeight },
          (v) => {
            const w = v as AddressWatchValue
            if (w.type === 'update') return emit({ type: 'update', update: w.update })
            const s = asSerializedError(w.error)
            emit({ type: 'error', error: s ? reviveError(s) : new Error('watch failed') })
          },
          (error) => emit({ type: 'error', error } satisfies LocalValue),
        ),
      (v) => {
        const w = v as LocalValue
        if (w.type === 'update') q.onUpdate(w.update)
        else fallback(w.error)
      },
      (v) => (v as LocalValue).type === 'update',
    )
  }

  const call = <T>(method: Parameters<typeof rpc.call>[0], q?: unknown) =>
    rpc.call(method, q, {
      signal: (q as { signal?: AbortSignal } | undefined)?.signal,
      onProgress: (q as { onProgress?: () => void } | undefined)?.onProgress,
    }) as Promise<T>

  return {
    network: p.init.network,
    ready,
    start: () => call('start'),
    stop: () => call('stop'),
    waitForSync: (q) => call('waitForSync', q ?? {}),
    getChainInfo: () => call('getChainInfo'),
    getBlock: (q) => call('getBlock', q),
    getHeaders: (q) => call('getHeaders', q),
    getTransaction: (q) => call('getTransaction', q),
    getMempool: (q) => call('getMempool', q ?? {}),
    estimateFees: (q) => call('estimateFees', q ?? {}),
    getPendingTransaction: (q) => call('getPendingTransaction', q),
    getBalance: (q) => call('getBalance', q),
    getUtxos: (q) => call('getUtxos', q),
    getOutpoint: (q) => call('getOutpoint', q),
    getAddressHistory: (q) => call('getAddressHistory', q),
    sendTransaction: (q) => call('sendTransaction', q),
    watchHeads: ({ onHead }) =>
      streams.add(
        'heads',
        (emit) =>
          rpc.subscribe({ kind: 'heads' }, emit, (e) => {
            if (rpc.failure() === undefined) report(e)
          }),
        onHead as (v: unknown) => void,
        () => true,
      ),
    watchAddress,
    evidence: () => evidence.slice(),
    on: onEvent,
    hostInfo: () => call('hostInfo'),
    close() {
      if (rpc.failure() !== undefined) return
      rpc.send({ t: 'bye' })
      shutdown(closed('closed by the page'), true)
      port.close?.()
    },
  }
}

const closed = (message: string) => new LightClientWorkerError({ code: 'CLOSED', message })

function resolveOptions(p: ConnectLightClientParameters) {
  const o = {
    callTimeoutMs: p.callTimeoutMs ?? 120_000,
    connectTimeoutMs: p.connectTimeoutMs ?? 15_000,
    heartbeatMs: p.heartbeatMs ?? 15_000,
    idleTimeoutMs: p.idleTimeoutMs ?? 150_000,
    maxPendingCalls: p.maxPendingCalls ?? 64,
    maxSubscriptions: p.maxSubscriptions ?? 64,
    evidenceCapacity: p.evidenceCapacity ?? p.init.evidenceCapacity ?? 100,
  }
  for (const [name, v] of Object.entries(o))
    if (!Number.isSafeInteger(v) || v < (name === 'heartbeatMs' ? 0 : 1))
      throw new RangeError(`${name} must be a positive integer`)
  return { ...o, locks: p.locks === undefined ? globalThis.navigator?.locks : p.locks }
}
