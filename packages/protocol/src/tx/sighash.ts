import { withScratchWriter } from '../codec/scratch.js'
import { hashParts, hashPartsInto } from '../hash/blake3.js'
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
/** Scratch for the input index: hashing copies it, and nothing yields in between. */
const INDEX = new Uint8Array(4)
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
    const { version, locktime } = tx
    prefix[32] = version & 0xff
    prefix[33] = version >>> 8
    prefix[34] = TX_KIND_CODES[tx.kind]
    prefix[35] = locktime & 0xff
    prefix[36] = (locktime >>> 8) & 0xff
    prefix[37] = (locktime >>> 16) & 0xff
    prefix[38] = locktime >>> 24
    // Each list's hash goes straight into its slot of the prefix.
    const slot = (k: number) =>
      prefix.subarray(PREFIX_HEADER_BYTES + 32 * k, PREFIX_HEADER_BYTES + 32 * (k + 1))
    hashPartsInto('sighash', [LABEL_PREVOUTS, all.subarray(0, endPrevouts)], slot(0))
    hashPartsInto('sighash', [LABEL_SEQUENCES, all.subarray(endPrevouts, endSequences)], slot(1))
    hashPartsInto('sighash', [LABEL_SPENT, all.subarray(endSequences, endSpent)], slot(2))
    hashPartsInto('sighash', [LABEL_OUTPUTS, all.subarray(endSpent)], slot(3))
    hashPartsInto('sighash', [LABEL_PAYLOAD, tx.payload], slot(4))
    return { prefix, inputCount: n }
  })
}

/** The 32-byte message every signature of input `index` signs. */
export function computeSighash(ctx: SighashContext, index: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= ctx.inputCount)
    throw new RangeError(`sighash: no input ${index}`)
  INDEX[0] = index & 0xff
  INDEX[1] = (index >>> 8) & 0xff
  INDEX[2] = (index >>> 16) & 0xff
  INDEX[3] = index >>> 24
  return hashParts('sighash', [LABEL_INPUT, ctx.prefix, INDEX])
}
