import {
  computeTxid,
  encodeHeader,
  encodeMerkleProof,
  encodeTransaction,
  toHex,
} from '@supernova/protocol'
import { notFound } from '../errors.js'
import {
  arraySchema,
  BLOCK_SUMMARY_SCHEMA,
  formatBlockFull,
  formatBlockSummary,
  formatHeader,
  HEADER_SCHEMA,
  nullable,
  objectSchema,
  S,
  TX_SCHEMA,
  work,
} from '../json.js'
import { loadTransaction, resolveHeader } from '../lookups.js'
import { defineMethod, type MethodDef } from '../method.js'
import { hashParam, heightParam, intParam, optional, withDefault } from '../params.js'

const blockRef = {
  hash: optional(hashParam('Block hash (give this or height)')),
  height: optional(heightParam('Main-chain height (give this or hash)')),
}

const getChainInfo = defineMethod({
  name: 'getChainInfo',
  summary: 'Network, tip, work, mempool and peer counts.',
  params: {},
  result: objectSchema({
    network: S.STR,
    genesisHash: S.HEX32,
    height: S.INT,
    tipHash: S.HEX32,
    tipTimestamp: S.INT,
    medianTimePast: S.INT,
    bits: S.INT,
    cumulativeWork: S.STR,
    finalizedHeight: { type: 'null' },
    finalizedHash: { type: 'null' },
    peers: S.INT,
    mempoolSize: S.INT,
    mempoolBytes: S.INT,
    utxoCount: nullable(S.INT),
    mining: S.BOOL,
  }),
  errors: [],
  async handler(_p, { components, network }) {
    const { chain, mempool, miner } = components
    const tip = chain.tip()
    const peers = await components.network.getPeers()
    return {
      network,
      genesisHash: toHex(chain.genesisHash),
      height: tip.height,
      tipHash: toHex(tip.hash),
      tipTimestamp: tip.header.timestamp,
      medianTimePast: tip.medianTimePast,
      bits: tip.header.bits,
      cumulativeWork: work(tip.cumulativeWork),
      // No finality gadget yet (SPEC §2): these stay null until it lands.
      finalizedHeight: null,
      finalizedHash: null,
      peers: peers.length,
      mempoolSize: mempool.size,
      mempoolBytes: mempool.bytes,
      utxoCount: chain.utxoCount ?? null,
      mining: miner.isMining(),
    }
  },
})

const getBlockHeader = defineMethod({
  name: 'getBlockHeader',
  summary: 'A header by hash or main-chain height.',
  params: blockRef,
  result: HEADER_SCHEMA,
  errors: ['NOT_FOUND'],
  async handler(p, ctx) {
    const entry = await resolveHeader(ctx, p)
    return formatHeader(entry, ctx.components.chain.tip().height)
  },
})

const getBlock = defineMethod({
  name: 'getBlock',
  summary:
    'A block by hash or height. verbosity 0: { hex }; 1: header fields, size, txCount, txids; 2: header fields and decoded transactions.',
  params: { ...blockRef, verbosity: withDefault(intParam('0, 1 or 2', 0, 2), 1) },
  result: {
    oneOf: [
      objectSchema({ hex: S.HEX }),
      { allOf: [BLOCK_SUMMARY_SCHEMA, objectSchema({ txids: arraySchema(S.HEX32) })] },
      {
        allOf: [BLOCK_SUMMARY_SCHEMA, objectSchema({ transactions: arraySchema(TX_SCHEMA) })],
      },
    ],
  },
  errors: ['NOT_FOUND'],
  async handler(p, ctx) {
    const { chain } = ctx.components
    const entry = await resolveHeader(ctx, p)
    const bytes = entry.hasBlock ? await chain.getBlockBytes(entry.hash) : undefined
    if (!bytes) throw notFound('block')
    if (p.verbosity === 0) return { hex: toHex(bytes) }
    const block = await chain.getBlock(entry.hash)
    if (!block) throw notFound('block')
    const tipHeight = chain.tip().height
    if (p.verbosity === 2) return formatBlockFull(entry, tipHeight, block, bytes, ctx.network)
    return {
      ...formatBlockSummary(entry, tipHeight, bytes),
      txids: block.transactions.map((tx) => toHex(computeTxid(tx))),
    }
  },
})

const getTransaction = defineMethod({
  name: 'getTransaction',
  summary: 'A transaction from the mempool or the main chain, with spent outputs and spenders.',
  params: { txid: hashParam('Transaction id') },
  result: TX_SCHEMA,
  errors: ['NOT_FOUND'],
  handler: (p, ctx) => loadTransaction(ctx, p.txid),
})

const getTransactionProof = defineMethod({
  name: 'getTransactionProof',
  summary: "A confirmed transaction with its Merkle proof against its block's txRoot.",
  params: { txid: hashParam('Transaction id') },
  result: objectSchema({
    txid: S.HEX32,
    hex: S.HEX,
    blockHash: S.HEX32,
    height: S.INT,
    index: S.INT,
    header: S.HEX,
    proof: S.HEX,
  }),
  errors: ['NOT_FOUND'],
  async handler(p, ctx) {
    const found = await ctx.components.chain.getTransactionProof(p.txid)
    if (!found) throw notFound('confirmed transaction')
    return {
      txid: toHex(p.txid),
      hex: toHex(encodeTransaction(found.tx)),
      blockHash: toHex(found.location.blockHash),
      height: found.location.height,
      index: found.location.index,
      header: toHex(encodeHeader(found.header)),
      proof: toHex(encodeMerkleProof(found.proof)),
    }
  },
})

/** Chain queries. */
export const CHAIN_METHODS: readonly MethodDef[] = [
  getChainInfo,
  getBlockHeader,
  getBlock,
  getTransaction,
  getTransactionProof,
]
