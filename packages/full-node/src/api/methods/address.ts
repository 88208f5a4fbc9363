import type { Lock } from '@supernova/protocol'
import { encodeSmtProof, encodeUtxoEntry, toHex } from '@supernova/protocol'
import { RpcError } from '../errors.js'
import {
  amount,
  arraySchema,
  formatUtxo,
  type Json,
  objectSchema,
  S,
  UTXO_SCHEMA,
} from '../json.js'
import { defineMethod, type MethodContext, type MethodDef } from '../method.js'
import { addressParam, heightParam, intParam, optional, withDefault } from '../params.js'

/**
 * Most UTXOs summed by `getBalance`. The chain has no balance index yet; an address holding more
 * outputs than this reports the sum of the first ones.
 */
export const MAX_BALANCE_UTXOS = 100_000
export const MAX_UTXOS = 1000
export const MAX_HISTORY = 500

/** `getBalance`'s result, also REST's address page. */
export async function loadBalance(
  ctx: MethodContext,
  p: { address: string; lock: Lock },
): Promise<{ [key: string]: Json }> {
  const { chain, mempool } = ctx.components
  const height = chain.tip().height
  const utxos = await chain.getUtxosByLock(p.lock, MAX_BALANCE_UTXOS)
  let confirmed = 0n
  for (const u of utxos) confirmed += u.entry.amount
  return {
    address: p.address,
    confirmed: amount(confirmed),
    unconfirmedDelta: amount(mempool.balanceDelta(p.lock).net),
    utxoCount: utxos.length,
    height,
  }
}

/** `getAddressHistory`'s result: newest first, each with its block's timestamp. */
export async function loadHistory(
  ctx: MethodContext,
  lock: Lock,
  opts: { limit: number; beforeHeight: number | undefined },
): Promise<Json[]> {
  const { chain } = ctx.components
  const entries = await chain.getAddressHistory(lock, {
    limit: opts.limit,
    ...(opts.beforeHeight !== undefined ? { beforeHeight: opts.beforeHeight } : {}),
  })
  const times = new Map<string, number>()
  const out: Json[] = []
  for (const e of entries.slice(0, opts.limit)) {
    const key = toHex(e.blockHash)
    let timestamp = times.get(key)
    if (timestamp === undefined) {
      const header = await chain.getHeaderByHash(e.blockHash)
      if (!header) throw new RpcError('INTERNAL_ERROR', 'history names an unknown block')
      timestamp = header.header.timestamp
      times.set(key, timestamp)
    }
    out.push({
      txid: toHex(e.txid),
      height: e.height,
      blockHash: key,
      index: e.index,
      received: amount(e.received),
      sent: amount(e.sent),
      timestamp,
    })
  }
  return out
}

const address = addressParam('bech32m address on this network')

const getBalance = defineMethod({
  name: 'getBalance',
  summary: 'Confirmed balance at the tip, and the mempool effect on it.',
  params: { address },
  result: objectSchema({
    address: S.STR,
    confirmed: S.AMOUNT,
    unconfirmedDelta: S.AMOUNT,
    utxoCount: S.INT,
    height: S.INT,
  }),
  errors: [],
  handler: (p, ctx) => loadBalance(ctx, p.address),
})

const getUtxos = defineMethod({
  name: 'getUtxos',
  summary: 'Unspent outputs of an address at the tip.',
  params: {
    address,
    limit: withDefault(intParam(`At most ${MAX_UTXOS}`, 1, MAX_UTXOS), MAX_UTXOS),
  },
  result: arraySchema(UTXO_SCHEMA),
  errors: [],
  async handler(p, ctx) {
    const { chain } = ctx.components
    const tipHeight = chain.tip().height
    const utxos = await chain.getUtxosByLock(p.address.lock, p.limit)
    return utxos.slice(0, p.limit).map((u) => formatUtxo(u, tipHeight, chain.params))
  },
})

const getUtxoProofs = defineMethod({
  name: 'getUtxoProofs',
  summary:
    "Unspent outputs of an address, each with a membership proof against the tip's utxoRoot.",
  params: { address, limit: withDefault(intParam(`At most ${MAX_UTXOS}`, 1, MAX_UTXOS), 100) },
  result: objectSchema({
    tipHash: S.HEX32,
    height: S.INT,
    utxoRoot: S.HEX32,
    utxos: arraySchema(objectSchema({ txid: S.HEX32, vout: S.INT, entry: S.HEX, proof: S.HEX })),
  }),
  errors: [],
  async handler(p, ctx) {
    const { chain } = ctx.components
    const { tipHash, utxos } = await chain.getUtxoProofs(p.address.lock, p.limit)
    const tip = await chain.getHeaderByHash(tipHash)
    if (!tip) throw new RpcError('INTERNAL_ERROR', 'proofs against an unknown tip')
    return {
      tipHash: toHex(tipHash),
      height: tip.height,
      utxoRoot: toHex(tip.header.utxoRoot),
      utxos: utxos.slice(0, p.limit).map((u) => ({
        txid: toHex(u.outpoint.txid),
        vout: u.outpoint.vout,
        entry: toHex(encodeUtxoEntry(u.entry)),
        proof: toHex(encodeSmtProof(u.proof)),
      })),
    }
  },
})

const getAddressHistory = defineMethod({
  name: 'getAddressHistory',
  summary: 'Confirmed transactions touching an address, newest first.',
  params: {
    address,
    limit: withDefault(intParam(`At most ${MAX_HISTORY}`, 1, MAX_HISTORY), 50),
    beforeHeight: optional(heightParam('Only entries below this height (paging)')),
  },
  result: arraySchema(
    objectSchema({
      txid: S.HEX32,
      height: S.INT,
      blockHash: S.HEX32,
      index: S.INT,
      received: S.AMOUNT,
      sent: S.AMOUNT,
      timestamp: S.INT,
    }),
  ),
  errors: [],
  handler: (p, ctx) => loadHistory(ctx, p.address.lock, p),
})

/** Address queries. */
export const ADDRESS_METHODS: readonly MethodDef[] = [
  getBalance,
  getUtxos,
  getUtxoProofs,
  getAddressHistory,
]
