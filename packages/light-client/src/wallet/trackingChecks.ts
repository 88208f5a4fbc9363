/**
 * The verified questions `trackTransaction` asks at each new head: is the transaction in a block
 * of the verified chain (Merkle proof), are its inputs still unspent (SMT membership or
 * non-membership against a verified header), and which transaction spent them (the input lock's
 * filter-complete history).
 */
import {
  computeTxid,
  equalBytes,
  lockForPolicy,
  type OutPoint,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import type { LightClient } from '../client/types.js'
import { LightClientError } from '../verify/errors.js'
import type { GetVerifiedTransactionReturnType } from '../verify/getTransaction.js'
import type { Verification } from '../verify/types.js'
import type { TrackedTransaction } from './trackTransaction.js'

/** What tracking needs of the SDK. */
export type TrackTransactionClient = Pick<
  LightClient,
  'getTransaction' | 'getOutpoint' | 'getAddressHistory' | 'watchHeads'
>

/** The confirmed transaction with its verification, or undefined when no peer has it in a block. */
export async function findInclusion(
  client: TrackTransactionClient,
  txid: Uint8Array,
  signal: AbortSignal,
): Promise<GetVerifiedTransactionReturnType | undefined> {
  try {
    return await client.getTransaction({ txid, signal })
  } catch (e) {
    if (e instanceof LightClientError && e.code === 'NOT_FOUND') return undefined
    throw e
  }
}

/** Where the inputs stand: all proven unspent (at `height`), or the first proven absent. */
export type InputsState =
  | { spent: false; height: number }
  | { spent: true; index: number; outpoint: OutPoint; height: number }

/** Proves each input unspent (membership) or absent (non-membership) at a verified header. */
export async function checkInputs(
  client: TrackTransactionClient,
  tx: Transaction,
  signal: AbortSignal,
): Promise<InputsState> {
  let height = Number.POSITIVE_INFINITY
  for (const [index, input] of tx.inputs.entries()) {
    const r = await client.getOutpoint({ outpoint: input.prevout, signal })
    height = Math.min(height, r.verification.header.height)
    if (r.entry === undefined)
      return { spent: true, index, outpoint: input.prevout, height: r.verification.header.height }
  }
  return { spent: false, height: Number.isFinite(height) ? height : 0 }
}

/** True when the transaction that created `outpoint` is confirmed on the verified chain. */
export async function parentConfirmed(
  client: TrackTransactionClient,
  outpoint: OutPoint,
  signal: AbortSignal,
): Promise<boolean> {
  return (await findInclusion(client, outpoint.txid, signal)) !== undefined
}

/** The confirmed transaction that spent an input in place of ours. */
export type Conflict = {
  txid: Uint8Array
  blockHash: Uint8Array
  height: number
  verification: Verification
}

/**
 * The transaction other than `tx` that spent input `index`, found in the complete history of the
 * lock that input spends (its witness names the policy) from `fromHeight`; undefined when the
 * witness is missing or no such transaction is in the range.
 */
export async function findConflict(
  client: TrackTransactionClient,
  tx: Transaction,
  index: number,
  fromHeight: number,
  signal: AbortSignal,
): Promise<Conflict | undefined> {
  const witness = tx.witnesses[index]
  const outpoint = tx.inputs[index]?.prevout
  if (witness === undefined || outpoint === undefined) return undefined
  const ours = computeTxid(tx)
  const history = await client.getAddressHistory({
    address: lockForPolicy(witness.policy),
    fromHeight,
    signal,
  })
  for (const e of history.entries) {
    if (equalBytes(e.txid, ours)) continue
    const spends = e.spends.some(
      (s) => s.outpoint.vout === outpoint.vout && equalBytes(s.outpoint.txid, outpoint.txid),
    )
    if (spends)
      return {
        txid: e.txid,
        blockHash: e.blockHash,
        height: e.height,
        verification: e.verification,
      }
  }
  return undefined
}

/** A tracked transaction's next state, without the fields the tracker keeps. */
export type NextState = Omit<
  TrackedTransaction,
  'txid' | 'size' | 'updatedAt' | 'fee' | 'broadcastAt'
>

export type NextStateParameters = {
  client: TrackTransactionClient
  tx: Transaction
  txid: Uint8Array
  now: () => number
  broadcastAt: number
  expireAfterMs: number
  finalConfirmations: number
  conflictLookback: number
  /** Highest height at which every input was last proven unspent, if ever. */
  unspentAt: number | undefined
}

/**
 * One round of tracking: in a verified block → confirmed/final; else inputs proven unspent →
 * pending (dropped EXPIRED past `expireAfterMs`); else (and still in no block) the conflicting
 * spend is looked for from just above `unspentAt` (or `conflictLookback` below) → replaced, or
 * dropped when not found. An input whose parent is unconfirmed keeps it pending.
 * @throws {LightClientError} the verified calls' codes (the tracker reports them and retries).
 */
export async function nextState(
  p: NextStateParameters,
  signal: AbortSignal,
): Promise<{ next: NextState; unspentAt: number | undefined }> {
  const same = p.unspentAt
  const found = await findInclusion(p.client, p.txid, signal)
  if (found) return { next: confirmedState(p, found), unspentAt: same }
  const inputs = await checkInputs(p.client, p.tx, signal)
  if (!inputs.spent) {
    const unspentAt = Math.max(p.unspentAt ?? 0, inputs.height)
    if (p.now() - p.broadcastAt > p.expireAfterMs)
      return { next: { state: 'dropped', reason: 'EXPIRED' }, unspentAt }
    return { next: { state: 'pending' }, unspentAt }
  }
  // The block that spent it may be ours, arrived between the two questions.
  const late = await findInclusion(p.client, p.txid, signal)
  if (late) return { next: confirmedState(p, late), unspentAt: same }
  if (!(await parentConfirmed(p.client, inputs.outpoint, signal)))
    return { next: { state: 'pending', reason: 'PARENT_UNCONFIRMED' }, unspentAt: same }
  const from = p.unspentAt === undefined ? inputs.height - p.conflictLookback : p.unspentAt + 1
  const conflict = await findConflict(p.client, p.tx, inputs.index, Math.max(0, from), signal)
  if (conflict === undefined)
    return { next: { state: 'dropped', reason: 'INPUT_SPENT' }, unspentAt: same }
  const block = { hash: toHex(conflict.blockHash), height: conflict.height }
  const replacedBy = { txid: toHex(conflict.txid), block, verification: conflict.verification }
  return { next: { state: 'replaced', replacedBy, reason: 'INPUT_SPENT' }, unspentAt: same }
}

function confirmedState(
  p: Pick<NextStateParameters, 'finalConfirmations'>,
  found: GetVerifiedTransactionReturnType,
): NextState {
  const v = found.verification
  const confirmations = v.depth + 1
  const final = v.status === 'final' || confirmations >= p.finalConfirmations
  const block = { hash: toHex(found.blockHash), height: found.height }
  return { state: final ? 'final' : 'confirmed', block, confirmations, verification: v }
}
