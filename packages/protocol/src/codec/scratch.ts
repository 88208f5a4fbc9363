import { Writer } from './writer.js'

/**
 * Writers lent out by `withScratchWriter`: one per nesting level, reused across calls. Encodings
 * that are only hashed (ids, sighash parts, UTXO keys and values, policy hashes) then cost no
 * allocation and no copy — on block validation's hot path that is a measurable share of the
 * time per transaction.
 */
const idle: Writer[] = []

/**
 * Runs `fn` with an empty writer and returns its result. The writer and every `written()` view
 * of it are valid only inside `fn`: hash or copy what you need before returning.
 */
export function withScratchWriter<T>(fn: (w: Writer) => T): T {
  const w = idle.pop() ?? new Writer(512)
  try {
    return fn(w.reset())
  } finally {
    idle.push(w)
  }
}
