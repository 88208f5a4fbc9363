import { compareBytes } from '../bytes.js'
import { withScratchWriter } from '../codec/scratch.js'
import { Writer } from '../codec/writer.js'
import { SCHEME_CODES } from '../crypto/types.js'
import { buildBlockFilter, hashBlockFilter } from '../filter/index.js'
import { hash } from '../hash/blake3.js'
import { computeMerkleRoot } from '../merkle/computeMerkleRoot.js'
import { lockForPolicy, writeLock } from '../policy/codec.js'
import { equalLocks } from '../policy/lock.js'
import type { KeyRef, Lock } from '../policy/types.js'
import type { Transaction } from '../tx/types.js'

/** The 33-byte encoding of a lock (type code, policy hash): the unit the block filter indexes. */
export function encodeLock(lock: Lock): Uint8Array {
  return withScratchWriter((w) => {
    writeLock(w, lock)
    return w.written().slice()
  })
}

/**
 * The items a block's address filter commits to: the lock of every output created and of every
 * output spent, each distinct lock once, in first-seen order (the set the filter encodes). Spent
 * locks are derived from the policies revealed in witnesses, so a light client can rebuild the
 * filter from the block alone. A validator that already matched every input's policy to the lock
 * it spends passes those locks as `inputLocks` (per transaction, per input) and saves hashing
 * each policy again; the items are the same.
 */
export function blockFilterItems(
  transactions: readonly Transaction[],
  inputLocks?: readonly (readonly Lock[])[],
): Uint8Array[] {
  // Repeated locks (change back to the payer, one address paid many times) are dropped before
  // they are encoded: looked up by 30 bits of their hash (a small integer), then compared.
  const seen = new Map<number, Lock[]>()
  const items: Uint8Array[] = []
  const add = (lock: Lock) => {
    const h = lock.policyHash
    const prefix = ((h[0]! & 0x3f) << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!
    const same = seen.get(prefix)
    if (same === undefined) seen.set(prefix, [lock])
    else if (same.some((l) => equalLocks(l, lock))) return
    else same.push(lock)
    items.push(encodeLock(lock))
  }
  for (let t = 0; t < transactions.length; t++) {
    const tx = transactions[t]!
    for (const o of tx.outputs) add(o.lock)
    const locks = inputLocks?.[t]
    for (let i = 0; i < tx.witnesses.length; i++)
      add(locks?.[i] ?? lockForPolicy(tx.witnesses[i]!.policy))
  }
  return items
}

/** The block's compact address filter, keyed by its parent hash. */
export function computeBlockFilter({
  prevHash,
  transactions,
  inputLocks,
}: {
  prevHash: Uint8Array
  transactions: readonly Transaction[]
  /** See `blockFilterItems`: only locks already matched to the witnesses' policies. */
  inputLocks?: readonly (readonly Lock[])[]
}): Uint8Array {
  return buildBlockFilter({ key: prevHash, items: blockFilterItems(transactions, inputLocks) })
}

export function computeFilterHash(p: {
  prevHash: Uint8Array
  transactions: readonly Transaction[]
}): Uint8Array {
  return hashBlockFilter(computeBlockFilter(p))
}

/** Merkle root of the wtxids (witness-committing). */
export function computeTxRoot(wtxids: readonly Uint8Array[]): Uint8Array {
  return computeMerkleRoot(wtxids)
}

/** A bonded validator as the validator-set commitment sees it. */
export type ValidatorEntry = { key: KeyRef; stake: bigint }

/**
 * Commitment to a validator set: hash('validatorSet', count ‖ (scheme, public key, stake)…) with
 * entries ordered by (scheme code, public key); a key may appear once. The empty set (all networks today, until staking activates) has a
 * fixed hash.
 */
export function hashValidatorSet(validators: readonly ValidatorEntry[]): Uint8Array {
  const sorted = [...validators].sort(
    (a, b) =>
      SCHEME_CODES[a.key.scheme] - SCHEME_CODES[b.key.scheme] ||
      compareBytes(a.key.publicKey, b.key.publicKey),
  )
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!.key
    const b = sorted[i]!.key
    if (a.scheme === b.scheme && compareBytes(a.publicKey, b.publicKey) === 0)
      throw new RangeError('hashValidatorSet: a validator key appears twice')
  }
  const w = new Writer(16 + sorted.length * 48)
  w.varint(sorted.length)
  for (const v of sorted) w.u8(SCHEME_CODES[v.key.scheme]).bytes(v.key.publicKey).u64(v.stake)
  return hash('validatorSet', w.finish())
}
