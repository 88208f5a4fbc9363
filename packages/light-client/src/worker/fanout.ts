import { LightClientWorkerError } from './errors.js'

/** Starts one stream: hands each value to `emit`, returns the function that stops it. */
export type StartStream<V> = (emit: (value: V) => void) => () => void

export type Fanout<V> = {
  /**
   * Adds `listener` to the stream under `key`, starting the stream (`start`) for the first
   * listener and stopping it when the last one leaves. With `replay`, a listener joining a running
   * stream is handed its last replayable value (asynchronously) instead of waiting for the next.
   * @throws {LightClientWorkerError} TOO_MANY_SUBSCRIPTIONS past `maxStreams`; whatever `start` throws.
   */
  add(
    key: string,
    start: StartStream<V>,
    listener: (value: V) => void,
    replay?: (value: V) => boolean,
  ): () => void
  /** Streams running now. */
  streams(): number
  /** Listeners across all streams. */
  listeners(): number
  /** Stops every stream and drops every listener. */
  clear(): void
}

type Stream<V> = { listeners: Set<(value: V) => void>; stop: () => void; last?: V }

/**
 * Many listeners over few streams: N tabs (or N components) watching the same address or event
 * share one underlying subscription. Bounded by `maxStreams`; a listener that throws is reported
 * to `onListenerError` and does not stop the others.
 */
export function createFanout<V>(p: {
  maxStreams: number
  onListenerError?: (e: unknown) => void
}): Fanout<V> {
  const streams = new Map<string, Stream<V>>()
  const deliver = (l: (value: V) => void, value: V) => {
    try {
      l(value)
    } catch (e) {
      p.onListenerError?.(e)
    }
  }

  const open = (key: string): Stream<V> => {
    if (streams.size >= p.maxStreams)
      throw new LightClientWorkerError({
        code: 'TOO_MANY_SUBSCRIPTIONS',
        message: `more than ${p.maxStreams} subscriptions`,
        details: { max: p.maxStreams },
      })
    const s: Stream<V> = { listeners: new Set(), stop: () => {} }
    streams.set(key, s)
    return s
  }

  return {
    add(key, start, listener, replay) {
      const existing = streams.get(key)
      const s = existing ?? open(key)
      // A fresh wrapper per add: the same function added twice is two subscriptions.
      const l = (value: V) => listener(value)
      s.listeners.add(l)
      if (existing === undefined) {
        try {
          s.stop = start((value) => {
            if (replay?.(value)) s.last = value
            for (const each of [...s.listeners]) deliver(each, value)
          })
        } catch (e) {
          streams.delete(key)
          throw e
        }
      } else if (existing.last !== undefined) {
        const last = existing.last
        queueMicrotask(() => {
          if (s.listeners.has(l)) deliver(l, last)
        })
      }
      return () => {
        if (!s.listeners.delete(l) || s.listeners.size > 0 || streams.get(key) !== s) return
        streams.delete(key)
        s.stop()
      }
    },
    streams: () => streams.size,
    listeners: () => {
      let n = 0
      for (const s of streams.values()) n += s.listeners.size
      return n
    },
    clear() {
      const all = [...streams.values()]
      streams.clear()
      for (const s of all) {
        s.listeners.clear()
        s.stop()
      }
    },
  }
}
