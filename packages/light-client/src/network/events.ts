import type { NetworkLogger } from './types.js'

/** Most listeners per event: a leak shows up as an error, not as unbounded growth. */
const MAX_LISTENERS = 64

/** A small typed emitter; a listener that throws is logged and does not stop the others. */
export function createEmitter<E extends Record<string, unknown>>(logger: NetworkLogger) {
  const listeners = new Map<keyof E, Set<(e: never) => void>>()
  return {
    /**
     * Calls `listener` on every `event`; returns the function that unsubscribes it.
     * @throws {RangeError} over 64 listeners on one event.
     */
    on<K extends keyof E>(event: K, listener: (e: E[K]) => void): () => void {
      let set = listeners.get(event)
      if (set === undefined) {
        set = new Set()
        listeners.set(event, set)
      }
      if (set.size >= MAX_LISTENERS)
        throw new RangeError(`more than ${MAX_LISTENERS} listeners on ${String(event)}`)
      const l = listener as (e: never) => void
      set.add(l)
      return () => {
        set.delete(l)
      }
    },
    emit<K extends keyof E>(event: K, payload: E[K]): void {
      for (const l of listeners.get(event) ?? []) {
        try {
          ;(l as (e: E[K]) => void)(payload)
        } catch (err) {
          logger.warn({ event: String(event), err: String(err) }, 'a network listener threw')
        }
      }
    },
  }
}
