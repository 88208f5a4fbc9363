import {
  equalBytes,
  isValidSmtMembershipProof,
  type Lock,
  type OutPoint,
  type ProvenUtxo,
  toHex,
  type UtxoEntry,
  utxoKey,
  utxoValueHash,
} from '@supernova/protocol'
import { askPeers, requestOptions, type VerifyContext } from './askPeers.js'
import { VerificationError, type VerificationErrorCode } from './errors.js'
import { requireOnChain } from './onChain.js'
import { type ChainHeader, type Verified, verificationFor } from './types.js'

/** Most UTXOs one `utxos` request may ask for (docs/network.md §2.1). */
export const MAX_UTXOS_LIMIT = 1000

export type GetVerifiedUtxosParameters = {
  lock: Lock
  /** At most this many (1..1000). Default 1000. */
  limit?: number
  signal?: AbortSignal
}

/** One unspent output, proven present in the UTXO tree of the verification's header. */
export type VerifiedUtxo = { outpoint: OutPoint; entry: UtxoEntry }

export type GetVerifiedUtxosReturnType = Verified<{
  utxos: VerifiedUtxo[]
  /**
   * False when the peer had more than it sent (the limit or its 4 MiB cap). Membership proofs show
   * each UTXO is unspent at that header; they cannot show that none was left out — the address
   * history (committed filters) is what proves completeness.
   */
  complete: boolean
}>

/** Why a `utxos` answer fails against `root` (the utxoRoot of its tip), or undefined. */
export function utxosFailure(
  lock: Lock,
  utxos: readonly ProvenUtxo[],
  root: Uint8Array,
): { code: VerificationErrorCode; message: string; index: number } | undefined {
  const seen = new Set<string>()
  for (const [index, u] of utxos.entries()) {
    const { type, policyHash } = u.entry.lock
    if (type !== lock.type || !equalBytes(policyHash, lock.policyHash))
      return { code: 'WRONG_LOCK', message: `UTXO ${index} belongs to another lock`, index }
    const key = utxoKey(u.outpoint)
    const id = toHex(key)
    if (seen.has(id))
      return { code: 'DUPLICATE_UTXO', message: `UTXO ${index} is listed twice`, index }
    seen.add(id)
    const valueHash = utxoValueHash(u.entry)
    if (!isValidSmtMembershipProof({ root, key, valueHash, proof: u.proof }))
      return {
        code: 'SMT_PROOF_INVALID',
        message: `UTXO ${index}'s membership proof does not lead to the header’s utxoRoot`,
        index,
      }
  }
  return undefined
}

/**
 * A lock's unspent outputs, verified: the answer's tip is a header of the verified chain (a
 * peer ahead makes us sync first), every entry belongs to the lock, appears once, and its SMT
 * membership proof (key hash('smtKey', outpoint), value hash('utxo', entry)) leads to that
 * header's utxoRoot.
 * @throws {RangeError} limit outside 1..1000.
 * @throws {LightClientError} NO_PEER, ALL_PEERS_FAILED, ABORTED
 */
export async function getVerifiedUtxos(
  ctx: VerifyContext,
  { lock, limit = MAX_UTXOS_LIMIT, signal }: GetVerifiedUtxosParameters,
): Promise<GetVerifiedUtxosReturnType> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_UTXOS_LIMIT)
    throw new RangeError(`limit ${limit} outside 1..${MAX_UTXOS_LIMIT}`)
  const request = { protocol: 'utxos' as const, lock, limit }
  return askPeers({
    ctx,
    what: 'getUtxos',
    signal,
    minHeight: ctx.chain.tip().height,
    attempt: async (peer) => {
      const answer = await ctx.network.getUtxos({
        lock,
        limit,
        ...requestOptions(ctx, peer, signal),
      })
      const at = await requireOnChain({ ctx, peer, request, answer, hash: answer.tipHash })
      const bad = utxosFailure(lock, answer.utxos, at.header.utxoRoot)
      if (bad !== undefined)
        throw new VerificationError({
          code: bad.code,
          message: bad.message,
          peer,
          request,
          answer: { tipHash: answer.tipHash, more: answer.more, utxos: answer.utxos },
        })
      return {
        utxos: answer.utxos.map((u) => ({ outpoint: u.outpoint, entry: u.entry })),
        complete: !answer.more,
        verification: verificationFor(ctx.chain, at),
      }
    },
  })
}

export type BalanceOf = {
  /** Σ of the verified UTXOs. */
  total: bigint
  /** Σ of those spendable in the next block (coinbase outputs need `coinbaseMaturity` blocks). */
  spendable: bigint
  utxoCount: number
}

/** Sums verified UTXOs as of `at`: coinbase outputs count as spendable once mature. */
export function balanceOf(
  utxos: readonly VerifiedUtxo[],
  at: Pick<ChainHeader, 'height'>,
  coinbaseMaturity: number,
): BalanceOf {
  let total = 0n
  let spendable = 0n
  for (const { entry } of utxos) {
    total += entry.amount
    if (!entry.coinbase || at.height + 1 - entry.height >= coinbaseMaturity)
      spendable += entry.amount
  }
  return { total, spendable, utxoCount: utxos.length }
}
