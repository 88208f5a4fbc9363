import { withScratchWriter } from '../codec/scratch.js'
import { hashParts } from '../hash/blake3.js'
import { writeLock } from '../policy/codec.js'
import { writeOutPoint } from './codec.js'
import { type Transaction, TX_KIND_CODES, type TxOutput } from './types.js'

/** What an input spends, as far as its signature must commit to it. */
export type SpentOutput = Pick<TxOutput, 'amount' | 'lock'>

/**
 * Per-transaction precomputation so that the sighash of each input costs one small hash
 * (BIP143-style; avoids quadratic hashing in transactions with many inputs).
 */
export type SighashContext = { readonly prefix: Uint8Array; readonly inputCount: number }

const LABEL_PREVOUTS = Uint8Array.of(1)
const LABEL_SEQUENCES = Uint8Array.of(2)
const LABEL_SPENT = Uint8Array.of(3)
const LABEL_OUTPUTS = Uint8Array.of(4)
const LABEL_PAYLOAD = Uint8Array.of(5)
const LABEL_INPUT = Uint8Array.of(6)
/** genesisHash[32] ‖ version u16 ‖ kind u8 ‖ locktime u32. */
const PREFIX_HEADER_BYTES = 39

/**
 * Builds the sighash context. Every input's signature commits to: the network (genesis hash),
 * version, kind, all outpoints and sequences, the amount and lock of *every* spent output, all
 * outputs, locktime, payload, and its own input index. Witnesses are excluded.
 * @throws {RangeError} when `spent` does not match the inputs one to one.
 */
export function createSighashContext({
  tx,
  spent,
  genesisHash,
}: {
  tx: Transaction
  spent: readonly SpentOutput[]
  genesisHash: Uint8Array
}): SighashContext {
  if (spent.length !== tx.inputs.length)
    throw new RangeError(`sighash: ${tx.inputs.length} inputs but ${spent.length} spent outputs`)
  // One buffer for the four committed lists; each list is hashed from its slice.
  const n = tx.inputs.length
  return withScratchWriter((w) => {
    for (const i of tx.inputs) writeOutPoint(w, i.prevout)
    const endPrevouts = w.length
    for (const i of tx.inputs) w.u32(i.sequence)
    const endSequences = w.length
    for (const s of spent) {
      w.u64(s.amount)
      writeLock(w, s.lock)
    }
    const endSpent = w.length
    for (const o of tx.outputs) {
      w.u64(o.amount)
      writeLock(w, o.lock)
    }
    const all = w.written()
    const prefix = new Uint8Array(PREFIX_HEADER_BYTES + 5 * 32)
    prefix.set(genesisHash.subarray(0, 32), 0)
    const view = new DataView(prefix.buffer)
    view.setUint16(32, tx.version, true)
    prefix[34] = TX_KIND_CODES[tx.kind]
    view.setUint32(35, tx.locktime, true)
    let off = PREFIX_HEADER_BYTES
    for (const [label, part] of [
      [LABEL_PREVOUTS, all.subarray(0, endPrevouts)],
      [LABEL_SEQUENCES, all.subarray(endPrevouts, endSequences)],
      [LABEL_SPENT, all.subarray(endSequences, endSpent)],
      [LABEL_OUTPUTS, all.subarray(endSpent)],
      [LABEL_PAYLOAD, tx.payload],
    ] as const) {
      prefix.set(hashParts('sighash', [label, part]), off)
      off += 32
    }
    return { prefix, inputCount: n }
  })
}

/** The 32-byte message every signature of input `index` signs. */
export function computeSighash(ctx: SighashContext, index: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= ctx.inputCount)
    throw new RangeError(`sighash: no input ${index}`)
  const idx = new Uint8Array(4)
  new DataView(idx.buffer).setUint32(0, index, true)
  return hashParts('sighash', [LABEL_INPUT, ctx.prefix, idx])
}
