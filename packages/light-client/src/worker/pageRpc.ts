import { LightClientError } from '../verify/errors.js'
import { postCloneable } from './cloneable.js'
import { asSerializedError, LightClientWorkerError, reviveError } from './errors.js'
import {
  type CallMethod,
  callTimeoutMs,
  type PageMessage,
  type PortLike,
  type SubscribeMessage,
  type WorkerMessage,
} from './protocol.js'

export type PageRpcOptions = {
  callTimeoutMs: number
  maxPendingCalls: number
  /** Called with every message that is not a call's or a subscription's (welcome, evidence, fatal). */
  onMessage: (m: WorkerMessage) => void
}

export type CallOptions = {
  signal?: AbortSignal | undefined
  onProgress?: ((p: { height: number; toHeight: number }) => void) | undefined
}

type Pending = {
  resolve: (v: unknown) => void
  reject: (e: Error) => void
  onProgress: CallOptions['onProgress']
  done: () => void
}

type Sub = { onValue: (v: unknown) => void; onError: (e: Error) => void }

/** Calls and subscriptions over a port: ids, timeouts, aborts, the pending cap, and failing them all on close. */
export type PageRpc = {
  call(method: CallMethod, params?: unknown, o?: CallOptions): Promise<unknown>
  subscribe(
    spec: DistributiveOmit<SubscribeMessage, 'id' | 't'>,
    onValue: (v: unknown) => void,
    onError: (e: Error) => void,
  ): () => void
  /** Sends now, or once `open()` has been called. */
  send(m: PageMessage): void
  /** Posts `first`, then lets the queued messages go. */
  open(first: PageMessage): void
  /** Rejects every pending call and fails every subscription with `e`; later calls fail with it too. */
  fail(e: Error): void
  failure(): Error | undefined
  pending(): number
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

const stripParams = (params: unknown): unknown => {
  if (typeof params !== 'object' || params === null) return params
  const { signal: _s, onProgress: _p, ...rest } = params as Record<string, unknown>
  return rest
}

/** The page side of the worker protocol, over `port`. */
export function createPageRpc(port: PortLike, o: PageRpcOptions): PageRpc {
  const calls = new Map<number, Pending>()
  const subs = new Map<number, Sub>()
  const outbox: PageMessage[] = []
  let opened = false
  let failed: Error | undefined
  let nextId = 1

  const send = (m: PageMessage) => {
    if (failed !== undefined) return
    if (opened) postCloneable(port, m)
    else outbox.push(m)
  }

  const call = (method: CallMethod, params?: unknown, c: CallOptions = {}): Promise<unknown> => {
    if (failed !== undefined) return Promise.reject(failed)
    if (calls.size >= o.maxPendingCalls)
      return Promise.reject(
        new LightClientWorkerError({
          code: 'TOO_MANY_PENDING',
          message: `more than ${o.maxPendingCalls} calls in flight`,
          details: { max: o.maxPendingCalls },
        }),
      )
    const { signal } = c
    if (signal?.aborted)
      return Promise.reject(
        new LightClientError({
          code: 'ABORTED',
          message: `${method}: aborted`,
          cause: signal.reason,
        }),
      )
    const id = nextId++
    return new Promise((resolve, reject) => {
      const ms = callTimeoutMs(method, params, o.callTimeoutMs)
      const giveUp = (e: Error) => {
        if (!calls.has(id)) return
        done()
        send({ t: 'abort', id })
        reject(e)
      }
      const timer = setTimeout(
        () =>
          giveUp(
            new LightClientWorkerError({
              code: 'TIMEOUT',
              message: `${method}: no answer from the worker in ${ms} ms`,
              details: { method, timeoutMs: ms },
            }),
          ),
        ms,
      )
      const onAbort = () =>
        giveUp(
          new LightClientError({
            code: 'ABORTED',
            message: `${method}: aborted`,
            cause: signal?.reason,
          }),
        )
      const done = () => {
        calls.delete(id)
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      calls.set(id, { resolve, reject, onProgress: c.onProgress, done })
      const q = stripParams(params)
      send({
        t: 'call',
        id,
        method,
        params: q,
        ...(c.onProgress === undefined ? {} : { progress: true }),
      })
    })
  }

  const onMessage = (e: MessageEvent) => {
    const m = e.data as WorkerMessage | null
    if (typeof m !== 'object' || m === null) return
    switch (m.t) {
      case 'result':
      case 'error': {
        const p = calls.get(m.id)
        if (p === undefined) return
        p.done()
        if (m.t === 'result') return p.resolve(m.value)
        const s = asSerializedError(m.error)
        return p.reject(
          s
            ? reviveError(s)
            : new LightClientWorkerError({ code: 'BAD_MESSAGE', message: 'bad error' }),
        )
      }
      case 'progress':
        return calls.get(m.id)?.onProgress?.(m.value)
      case 'event':
        return subs.get(m.id)?.onValue(m.value)
      case 'sub-error': {
        const sub = subs.get(m.id)
        subs.delete(m.id)
        const s = asSerializedError(m.error)
        return sub?.onError(s ? reviveError(s) : new Error('subscription refused'))
      }
      default:
        return o.onMessage(m)
    }
  }
  port.addEventListener('message', onMessage)
  port.start?.()

  return {
    call,
    subscribe(spec, onValue, onError) {
      if (failed !== undefined) throw failed
      const id = nextId++
      subs.set(id, { onValue, onError })
      send({ ...spec, t: 'sub', id } as SubscribeMessage)
      return () => {
        if (subs.delete(id)) send({ t: 'unsub', id })
      }
    },
    send,
    open(first) {
      if (failed !== undefined || opened) return
      opened = true
      postCloneable(port, first)
      for (const m of outbox.splice(0)) postCloneable(port, m)
    },
    fail(e) {
      if (failed !== undefined) return
      failed = e
      outbox.length = 0
      port.removeEventListener('message', onMessage)
      for (const p of [...calls.values()]) {
        p.done()
        p.reject(e)
      }
      const all = [...subs.values()]
      subs.clear()
      for (const s of all) s.onError(e)
    },
    failure: () => failed,
    pending: () => calls.size,
  }
}
