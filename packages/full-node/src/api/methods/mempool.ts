import { DecodeError, decodeTransaction, TX_LIMITS, toHex } from '@supernova/protocol'
import { invalidParams, RpcError } from '../errors.js'
import { amount, arraySchema, type Json, nullable, objectSchema, S } from '../json.js'
import { defineMethod, type MethodContext, type MethodDef } from '../method.js'
import { addressParam, amountParam, hexParam, intParam, withDefault } from '../params.js'

export const MAX_MEMPOOL_TXIDS = 1000

/** An error thrown by the mempool (or faucet) with a machine-readable rejection code. */
function rejectionCode(e: unknown): string | undefined {
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') return e.code
  return undefined
}

/** Maps a coded rejection to -32004; anything else propagates (an internal error). */
function asRejection(e: unknown): never {
  const code = rejectionCode(e)
  if (code === undefined) throw e
  const reason = (e as Error).message
  throw new RpcError('TX_REJECTED', `transaction rejected: ${reason}`, { code, reason })
}

/** `getMempool`'s result, also REST's. */
export function loadMempool(ctx: MethodContext): { [key: string]: Json } {
  const { mempool } = ctx.components
  return {
    count: mempool.size,
    bytes: mempool.bytes,
    txids: mempool
      .list(MAX_MEMPOOL_TXIDS)
      .slice(0, MAX_MEMPOOL_TXIDS)
      .map((e) => toHex(e.txid)),
    feeHistogram: mempool
      .histogram()
      .map((b) => ({ feeRate: b.from, count: b.count, bytes: b.bytes })),
  }
}

const sendTransaction = defineMethod({
  name: 'sendTransaction',
  summary: 'Submit a signed transaction to the mempool (and the network).',
  params: { hex: hexParam('The encoded transaction', TX_LIMITS.maxEncodedBytes) },
  result: objectSchema({ txid: S.HEX32 }),
  errors: ['TX_REJECTED'],
  async handler(p, ctx) {
    let tx: ReturnType<typeof decodeTransaction>
    try {
      tx = decodeTransaction(p.hex)
    } catch (e) {
      if (e instanceof DecodeError) throw invalidParams('hex', `not a transaction (${e.message})`)
      throw e
    }
    try {
      const { txid } = await ctx.components.mempool.add(tx)
      return { txid: toHex(txid) }
    } catch (e) {
      asRejection(e)
    }
  },
})

const getMempool = defineMethod({
  name: 'getMempool',
  summary: `Mempool size, up to ${MAX_MEMPOOL_TXIDS} txids by fee rate, and a fee histogram.`,
  params: {},
  result: objectSchema({
    count: S.INT,
    bytes: S.INT,
    txids: arraySchema(S.HEX32),
    feeHistogram: arraySchema(
      objectSchema({ feeRate: { type: 'number' }, count: S.INT, bytes: S.INT }),
    ),
  }),
  errors: [],
  handler: (_p, ctx) => loadMempool(ctx),
})

const estimateFee = defineMethod({
  name: 'estimateFee',
  summary: 'Fee rate (units/byte) likely to confirm within targetBlocks.',
  params: { targetBlocks: withDefault(intParam('1 to 100', 1, 100), 2) },
  result: objectSchema({ feeRate: S.AMOUNT, targetBlocks: S.INT }),
  errors: [],
  handler: (p, ctx) => ({
    feeRate: amount(ctx.components.mempool.estimateFee(p.targetBlocks).feeRate),
    targetBlocks: p.targetBlocks,
  }),
})

const getPeers = defineMethod({
  name: 'getPeers',
  summary: 'Connected peers.',
  params: {},
  result: arraySchema(
    objectSchema({
      peerId: S.STR,
      addresses: arraySchema(S.STR),
      direction: { type: 'string', enum: ['inbound', 'outbound'] },
      'latencyMs?': S.INT,
      'height?': S.INT,
    }),
  ),
  errors: [],
  async handler(_p, ctx) {
    const peers = await ctx.components.network.getPeers()
    return peers.map((peer) => {
      const o: { [key: string]: Json } = {
        peerId: peer.peerId,
        addresses: [...peer.addresses],
        direction: peer.direction,
      }
      if (peer.latencyMs !== undefined) o.latencyMs = peer.latencyMs
      if (peer.height !== undefined) o.height = peer.height
      return o
    })
  },
})

/** Multiaddrs a browser can dial: WebSockets and WebRTC-direct, with the peer id. */
function isBrowserDialable(addr: string): boolean {
  return /\/p2p\//.test(addr) && (/\/ws(\/|$)/.test(addr) || /\/webrtc-direct\//.test(addr))
}

const getNodeInfo = defineMethod({
  name: 'getNodeInfo',
  summary:
    'This node on the peer-to-peer network: peer id, listen multiaddrs, and those a browser light client can dial (its bootstrap list).',
  params: {},
  result: objectSchema({
    network: S.STR,
    peerId: nullable(S.STR),
    multiaddrs: arraySchema(S.STR),
    browserMultiaddrs: arraySchema(S.STR),
  }),
  errors: [],
  async handler(_p, { components, network }) {
    const self = components.network.self?.()
    const multiaddrs = self ? [...self.multiaddrs] : []
    return {
      network,
      peerId: self?.peerId ?? null,
      multiaddrs,
      browserMultiaddrs: multiaddrs.filter(isBrowserDialable),
    }
  },
})

const faucet = defineMethod({
  name: 'faucet',
  summary: 'Devnet only: pay up to the faucet cap to an address.',
  params: {
    address: addressParam('Recipient'),
    amount: amountParam('Units, at most the faucet cap'),
  },
  result: objectSchema({ txid: S.HEX32 }),
  errors: ['NOT_AVAILABLE', 'TX_REJECTED'],
  async handler(p, ctx) {
    const { faucet } = ctx.components
    if (!faucet || ctx.network !== 'devnet')
      throw new RpcError('NOT_AVAILABLE', 'the faucet runs only on devnet')
    if (p.amount === 0n) throw invalidParams('amount', 'must be positive')
    if (p.amount > faucet.maxAmount)
      throw invalidParams('amount', `at most ${faucet.maxAmount} units per call`)
    try {
      return { txid: toHex(await faucet.send(p.address.lock, p.amount)) }
    } catch (e) {
      asRejection(e)
    }
  },
})

/** Transactions, fees, peers and the faucet. */
export const POOL_METHODS: readonly MethodDef[] = [
  sendTransaction,
  getMempool,
  estimateFee,
  getPeers,
  getNodeInfo,
  faucet,
]
