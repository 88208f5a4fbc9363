import { createSignatureSchemes, type Network, type SignatureSchemes } from '@supernova/protocol'
import { NetworkError } from '../network/errors.js'
import { MAX_HEADER_RANGE } from '../storage/validate.js'
import type { HeaderSync } from '../sync/headerSync.js'
import { scanAddressHistory } from '../verify/addressHistory.js'
import type { VerifyContext } from '../verify/askPeers.js'
import { LightClientError } from '../verify/errors.js'
import type { FilterCache } from '../verify/filterCache.js'
import { fetchVerifiedBlock } from '../verify/getBlock.js'
import { getVerifiedOutpoint } from '../verify/getOutpoint.js'
import { getVerifiedTransaction } from '../verify/getTransaction.js'
import { balanceOf, getVerifiedUtxos } from '../verify/getUtxos.js'
import { type ChainHeader, verificationFor } from '../verify/types.js'
import { estimateClientFees } from './estimateFees.js'
import { getMempoolSummary } from './getMempool.js'
import { getVerifiedPendingTransaction } from './pendingTransaction.js'
import { resolveHash, resolveLock } from './resolve.js'
import type { LightClient } from './types.js'

/** What the SDK calls work with once the client is started. */
export type Started = {
  network: Network
  ctx: VerifyContext
  sync: HeaderSync
  cache: FilterCache
}

type Actions = Pick<
  LightClient,
  | 'getBlock'
  | 'getHeaders'
  | 'getTransaction'
  | 'getMempool'
  | 'estimateFees'
  | 'getPendingTransaction'
  | 'getBalance'
  | 'getUtxos'
  | 'getOutpoint'
  | 'getAddressHistory'
  | 'sendTransaction'
>

/** The verified SDK calls over a started client (`started()` throws NOT_STARTED otherwise). */
export function createActions(started: () => Started): Actions {
  // The signature schemes a pending transaction is checked with, made on first use.
  let schemes: SignatureSchemes | undefined
  const signatureSchemes = () => {
    schemes ??= createSignatureSchemes()
    return schemes
  }
  return {
    async getBlock(p) {
      const s = started()
      const at = await chainHeader(s, p)
      return fetchVerifiedBlock(s.ctx, at, p.signal)
    },
    async getHeaders({ fromHeight, count, signal }) {
      const s = started()
      if (!Number.isInteger(count) || count < 1 || count > MAX_HEADER_RANGE)
        throw new RangeError(`count ${count} outside 1..${MAX_HEADER_RANGE}`)
      if (fromHeight !== undefined && (!Number.isInteger(fromHeight) || fromHeight < 0))
        throw new RangeError(`fromHeight ${fromHeight} is not a block height`)
      signal?.throwIfAborted()
      const from = fromHeight ?? Math.max(0, s.sync.tip().height - count + 1)
      const headers = await s.sync.headersInRange(from, count)
      return { headers: headers.map((h) => ({ ...h, verification: verificationFor(s.sync, h) })) }
    },
    async getTransaction({ txid, signal }) {
      const s = started()
      return getVerifiedTransaction(s.ctx, {
        txid: resolveHash(txid, 'txid'),
        ...(signal ? { signal } : {}),
      })
    },
    async getMempool({ signal } = {}) {
      return getMempoolSummary(started().ctx, signal ? { signal } : {})
    },
    async estimateFees(p = {}) {
      const s = started()
      return estimateClientFees(s.ctx, s.sync.params, p)
    },
    async getPendingTransaction({ txid, signal }) {
      const s = started()
      return getVerifiedPendingTransaction(s.ctx, signatureSchemes, {
        txid: resolveHash(txid, 'txid'),
        ...(signal ? { signal } : {}),
      })
    },
    async getBalance({ address, signal }) {
      const s = started()
      const lock = resolveLock(address, s.network)
      const r = await getVerifiedUtxos(s.ctx, { lock, ...(signal ? { signal } : {}) })
      const at = r.verification.header
      return {
        ...balanceOf(r.utxos, at, s.sync.params.coinbaseMaturity),
        complete: r.complete,
        verification: r.verification,
      }
    },
    async getUtxos({ address, limit, signal }) {
      const s = started()
      const lock = resolveLock(address, s.network)
      return getVerifiedUtxos(s.ctx, {
        lock,
        ...(limit === undefined ? {} : { limit }),
        ...(signal ? { signal } : {}),
      })
    },
    async getOutpoint({ outpoint, signal }) {
      const s = started()
      return getVerifiedOutpoint(s.ctx, { outpoint, ...(signal ? { signal } : {}) })
    },
    async sendTransaction({ tx, maxPeers = 3, signal }) {
      const s = started()
      try {
        const r = await s.ctx.network.sendTransaction({
          tx,
          broadcast: true,
          maxPeers,
          ...(signal ? { signal } : {}),
        })
        return { txid: r.txid, peer: r.peer, outcomes: r.outcomes }
      } catch (e) {
        throw sendFailure(e)
      }
    },
    async getAddressHistory({ address, ...rest }) {
      const s = started()
      const lock = resolveLock(address, s.network)
      return scanAddressHistory(s.ctx, s.cache, { lock, ...rest })
    },
  }
}

/**
 * The verified header a getBlock call names; a block we do not know yet makes us sync once.
 * @throws {LightClientError} UNKNOWN_BLOCK
 */
async function chainHeader(
  s: Started,
  p: { hash: Parameters<typeof resolveHash>[0] } | { height: number },
): Promise<ChainHeader> {
  const find = () =>
    'hash' in p ? s.sync.headerByHash(resolveHash(p.hash, 'hash')) : s.sync.headerAt(p.height)
  if ('height' in p && (!Number.isInteger(p.height) || p.height < 0))
    throw new RangeError(`height ${p.height} is not a block height`)
  const at = (await find()) ?? (await s.sync.catchUp().then(find))
  if (at !== undefined) return at
  throw new LightClientError({
    code: 'UNKNOWN_BLOCK',
    message:
      'hash' in p
        ? 'no block with that hash on the verified chain'
        : `height ${p.height} is above the verified tip ${s.sync.tip().height}`,
  })
}

function sendFailure(e: unknown): unknown {
  if (!(e instanceof NetworkError)) return e
  const code =
    e.code === 'REJECTED'
      ? 'REJECTED'
      : e.code === 'ABORTED'
        ? 'ABORTED'
        : e.code === 'NO_PEER' || e.code === 'NOT_STARTED'
          ? 'NO_PEER'
          : 'ALL_PEERS_FAILED'
  return new LightClientError({
    code,
    message: `sendTransaction: ${e.message}`,
    details: { ...e.details },
    cause: e,
  })
}
