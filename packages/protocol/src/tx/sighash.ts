import { withScratchWriter } from '../codec/scratch.js'
import { hash, hashRangeInto } from '../hash/blake3.js'
import { writeLock } from '../policy/codec.js'
import { computeTxid } from './hashes.js'
import type { Transaction, TxOutput } from './types.js'

/** What an input spends, as far as its signature must commit to it. */
export type SpentOutput = Pick<TxOutput, 'amount' | 'lock'>

/**
 * Per-transaction precomputation, so that the sighash of each input costs one short hash (no
 * quadratic hashing in transactions with many inputs). Opaque: build it with
 * {@link createSighashContext}.
 */
export type SighashContext = {
  /** `6 ‖ genesisHash ‖ txid ‖ spentHash ‖ index`; the index is written per input. */
  readonly message: Uint8Array
  readonly inputCount: number
}

const LABEL_SPENT = 3
const LABEL_INPUT = 6
/** label u8 ‖ genesisHash ‖ txid ‖ spentHash ‖ index u32. */
const MESSAGE_BYTES = 1 + 3 * 32 + 4
const INDEX_AT = 1 + 3 * 32

/**
 * Messages are carved from shared slabs: a 101-byte typed array of its own is too big for V8's
 * on-heap arrays, and allocating its separate backing store cost more than the rest of the
 * context. A slab lives as long as a context carved from it.
 */
const SLAB_MESSAGES = 512
let slab = new Uint8Array(0)
let slabUsed = 0

function newMessage(): Uint8Array {
  if (slabUsed + MESSAGE_BYTES > slab.length) {
    slab = new Uint8Array(SLAB_MESSAGES * MESSAGE_BYTES)
    slabUsed = 0
  }
  const m = slab.subarray(slabUsed, slabUsed + MESSAGE_BYTES)
  slabUsed += MESSAGE_BYTES
  return m
}

/**
 * Builds the sighash context. Every input's signature commits to the network (genesis hash), the
 * txid — version, kind, every outpoint and sequence, every output, locktime and payload, but no
 * witness — the amount and lock of *every* spent output, and its own input index.
 * @param txid the transaction's txid when the caller has it (it must be of `tx`); computed if not.
 * @throws {RangeError} when `spent` does not match the inputs one to one.
 */
export function createSighashContext({
  tx,
  txid,
  spent,
  genesisHash,
}: {
  tx: Transaction
  txid?: Uint8Array | undefined
  spent: readonly SpentOutput[]
  genesisHash: Uint8Array
}): SighashContext {
  if (spent.length !== tx.inputs.length)
    throw new RangeError(`sighash: ${tx.inputs.length} inputs but ${spent.length} spent outputs`)
  if (genesisHash.length !== 32) throw new RangeError('sighash: the genesis hash is 32 bytes')
  const id = txid ?? computeTxid(tx)
  if (id.length !== 32) throw new RangeError('sighash: a txid is 32 bytes')
  const message = newMessage()
  message[0] = LABEL_INPUT
  message.set(genesisHash, 1)
  message.set(id, 33)
  withScratchWriter((w) => {
    w.u8(LABEL_SPENT)
    for (let i = 0; i < spent.length; i++) {
      const s = spent[i]!
      w.u64(s.amount)
      writeLock(w, s.lock)
    }
    hashRangeInto('sighash', w.scratch(), 0, w.length, message, 65)
  })
  return { message, inputCount: tx.inputs.length }
}

/** The 32-byte message every signature of input `index` signs. */
export function computeSighash(ctx: SighashContext, index: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= ctx.inputCount)
    throw new RangeError(`sighash: no input ${index}`)
  // The context's own buffer takes the index: hashing reads it at once, and nothing yields between.
  const m = ctx.message
  m[INDEX_AT] = index & 0xff
  m[INDEX_AT + 1] = (index >>> 8) & 0xff
  m[INDEX_AT + 2] = (index >>> 16) & 0xff
  m[INDEX_AT + 3] = index >>> 24
  return hash('sighash', m)
}
