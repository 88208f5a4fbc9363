import { encodeTransaction, type Transaction } from '@supernova/protocol'
import type { HeaderEntry } from '../chain/types.js'
import { invalidParams, notFound } from './errors.js'
import { formatTransaction, type Json, type SpentInfo } from './json.js'
import type { MethodContext } from './method.js'

/**
 * Inputs (and outputs) resolved per `getTransaction`: each is a store read, so a huge transaction
 * cannot turn one request into tens of thousands of them. Past the cap, amounts, addresses and
 * the fee are left out (they are optional in the result).
 */
export const MAX_RESOLVED_IO = 1000

/** The header named by exactly one of `hash` or `height`. @throws {RpcError} */
export async function resolveHeader(
  ctx: MethodContext,
  p: { hash: Uint8Array | undefined; height: number | undefined },
): Promise<HeaderEntry> {
  const { chain } = ctx.components
  if ((p.hash === undefined) === (p.height === undefined))
    throw invalidParams('hash', 'give exactly one of hash or height')
  const entry =
    p.hash !== undefined
      ? await chain.getHeaderByHash(p.hash)
      : await chain.getHeaderByHeight(p.height as number)
  if (!entry) throw notFound('block')
  return entry
}

/** The spent outputs of a confirmed `tx`'s inputs, from the chain (or the mempool, mid-reorg). */
async function resolveSpent(
  ctx: MethodContext,
  tx: Transaction,
): Promise<(SpentInfo | undefined)[] | undefined> {
  if (tx.kind === 'coinbase' || tx.inputs.length > MAX_RESOLVED_IO) return undefined
  const { chain, mempool } = ctx.components
  const parents = new Map<string, Transaction | undefined>()
  const spent: (SpentInfo | undefined)[] = []
  for (const { prevout } of tx.inputs) {
    const utxo = await chain.getUtxo(prevout)
    if (utxo) {
      spent.push(utxo)
      continue
    }
    const key = prevout.txid.join(',')
    if (!parents.has(key)) {
      const parent = (await chain.getTransaction(prevout.txid))?.tx ?? mempool.get(prevout.txid)?.tx
      parents.set(key, parent)
    }
    spent.push(parents.get(key)?.outputs[prevout.vout])
  }
  return spent
}

/** `getTransaction`'s result: the mempool first, then the main chain. @throws {RpcError} NOT_FOUND */
export async function loadTransaction(ctx: MethodContext, txid: Uint8Array): Promise<Json> {
  const { chain, mempool } = ctx.components
  const network = ctx.network
  const pooled = mempool.get(txid)
  if (pooled) {
    return formatTransaction(pooled.tx, encodeTransaction(pooled.tx), {
      network,
      status: 'mempool',
      confirmations: 0,
      fee: pooled.fee,
      spent: pooled.spent,
    })
  }
  const found = await chain.getTransaction(txid)
  if (!found) throw notFound('transaction')
  const { tx, location } = found
  const spent = await resolveSpent(ctx, tx)
  const spentBy =
    tx.outputs.length > MAX_RESOLVED_IO
      ? undefined
      : await Promise.all(tx.outputs.map((_, vout) => chain.getSpender({ txid, vout })))
  return formatTransaction(tx, encodeTransaction(tx), {
    network,
    status: 'confirmed',
    location,
    confirmations: Math.max(0, chain.tip().height - location.height + 1),
    ...(spent ? { spent } : {}),
    ...(spentBy ? { spentBy } : {}),
  })
}
