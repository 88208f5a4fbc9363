import { Writer } from '../codec/writer.js'
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
  const prevouts = new Writer(36 * tx.inputs.length + 1)
  const sequences = new Writer(4 * tx.inputs.length + 1)
  for (const i of tx.inputs) {
    writeOutPoint(prevouts, i.prevout)
    sequences.u32(i.sequence)
  }
  const spentW = new Writer(41 * spent.length + 1)
  for (const s of spent) {
    spentW.u64(s.amount)
    writeLock(spentW, s.lock)
  }
  const outputs = new Writer(41 * tx.outputs.length + 1)
  for (const o of tx.outputs) {
    outputs.u64(o.amount)
    writeLock(outputs, o.lock)
  }
  const header = new Writer(64)
  header.fixed(genesisHash, 32).u16(tx.version).u8(TX_KIND_CODES[tx.kind]).u32(tx.locktime)
  const prefix = new Writer(32 * 6)
  prefix.raw(header.finish())
  prefix.raw(hashParts('sighash', [LABEL_PREVOUTS, prevouts.finish()]))
  prefix.raw(hashParts('sighash', [LABEL_SEQUENCES, sequences.finish()]))
  prefix.raw(hashParts('sighash', [LABEL_SPENT, spentW.finish()]))
  prefix.raw(hashParts('sighash', [LABEL_OUTPUTS, outputs.finish()]))
  prefix.raw(hashParts('sighash', [LABEL_PAYLOAD, tx.payload]))
  return { prefix: prefix.finish(), inputCount: tx.inputs.length }
}

/** The 32-byte message every signature of input `index` signs. */
export function computeSighash(ctx: SighashContext, index: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= ctx.inputCount)
    throw new RangeError(`sighash: no input ${index}`)
  const idx = new Uint8Array(4)
  new DataView(idx.buffer).setUint32(0, index, true)
  return hashParts('sighash', [LABEL_INPUT, ctx.prefix, idx])
}
