import {
  type Block,
  type ChainParams,
  computeTransactionIds,
  encodeAddress,
  encodeHeader,
  encodeTransaction,
  HEADER_BYTES,
  type Lock,
  type Network,
  Reader,
  type Transaction,
  toHex,
  workForBits,
} from '@supernova/protocol'
import type { HeaderEntry, TxLocation, Utxo } from '../chain/types.js'
import type { JsonSchema } from './params.js'

/**
 * The JSON shapes of the API — one place, used by JSON-RPC, WebSocket notifications and REST.
 * Hashes and bytes are lowercase hex, amounts decimal strings, work hex, heights and times numbers.
 * Each formatter has its schema summary beside it for the OpenRPC document.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

const HEX32: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' }
const HEX: JsonSchema = { type: 'string', pattern: '^([0-9a-f]{2})*$' }
const AMOUNT: JsonSchema = { type: 'string', pattern: '^-?(0|[1-9][0-9]*)$' }
const INT: JsonSchema = { type: 'integer' }
const BOOL: JsonSchema = { type: 'boolean' }
const STR: JsonSchema = { type: 'string' }

/** Schema fragments shared by the method table. */
export const S = { HEX32, HEX, AMOUNT, INT, BOOL, STR } as const

/** An object schema; every listed property is required unless its name ends with `?`. */
export function objectSchema(props: Record<string, JsonSchema>): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  for (const [key, schema] of Object.entries(props)) {
    const name = key.endsWith('?') ? key.slice(0, -1) : key
    properties[name] = schema
    if (name === key) required.push(name)
  }
  return { type: 'object', properties, required }
}

export function arraySchema(items: JsonSchema): JsonSchema {
  return { type: 'array', items }
}

export function nullable(schema: JsonSchema): JsonSchema {
  return { oneOf: [schema, { type: 'null' }] }
}

export const amount = (n: bigint): string => n.toString()
export const work = (n: bigint): string => n.toString(16)

export function address(network: Network, lock: Lock): string {
  return encodeAddress({ network, lock })
}

export const HEADER_SCHEMA = objectSchema({
  hash: HEX32,
  height: INT,
  version: INT,
  prevHash: HEX32,
  timestamp: INT,
  bits: INT,
  nonce: AMOUNT,
  txRoot: HEX32,
  utxoRoot: HEX32,
  filterHash: HEX32,
  validatorSetHash: HEX32,
  randomness: HEX32,
  work: STR,
  cumulativeWork: STR,
  confirmations: INT,
  inMainChain: BOOL,
  hex: HEX,
})

/** A header with its chain position; `confirmations` is 0 off the main chain. */
export function formatHeader(entry: HeaderEntry, tipHeight: number): JsonObject {
  const h = entry.header
  return {
    hash: toHex(entry.hash),
    height: entry.height,
    version: h.version,
    prevHash: toHex(h.prevHash),
    timestamp: h.timestamp,
    bits: h.bits,
    nonce: h.nonce.toString(),
    txRoot: toHex(h.txRoot),
    utxoRoot: toHex(h.utxoRoot),
    filterHash: toHex(h.filterHash),
    validatorSetHash: toHex(h.validatorSetHash),
    randomness: toHex(h.randomness),
    work: work(workForBits(h.bits)),
    cumulativeWork: work(entry.cumulativeWork),
    confirmations: entry.inMainChain ? Math.max(0, tipHeight - entry.height + 1) : 0,
    inMainChain: entry.inMainChain,
    hex: toHex(encodeHeader(h)),
  }
}

/** The transaction count of an encoded block, read without decoding the transactions. */
export function blockTxCount(bytes: Uint8Array): number {
  const r = new Reader(bytes, 'block')
  r.fixed(HEADER_BYTES, 'header')
  return r.varint(bytes.length, 'transactions')
}

export const BLOCK_SUMMARY_SCHEMA = {
  allOf: [HEADER_SCHEMA, objectSchema({ size: INT, txCount: INT })],
}

/** Header fields + size + txCount: a row of the explorer's block list. */
export function formatBlockSummary(
  entry: HeaderEntry,
  tipHeight: number,
  bytes: Uint8Array,
): JsonObject {
  return { ...formatHeader(entry, tipHeight), size: bytes.length, txCount: blockTxCount(bytes) }
}

/** What is known of an input's spent output. */
export type SpentInfo = { amount: bigint; lock: Lock }

/** Where and how a transaction is, for `formatTransaction`. */
export type TxContext = {
  network: Network
  status: 'mempool' | 'confirmed'
  location?: TxLocation
  confirmations: number
  /** Per input, the spent output when known. */
  spent?: readonly (SpentInfo | undefined)[]
  /** Per output, its spender on the main chain when spent. */
  spentBy?: readonly ({ txid: Uint8Array; input: number } | undefined)[]
  /** The mempool's fee, when the transaction is there. */
  fee?: bigint
}

export const TX_SCHEMA = objectSchema({
  txid: HEX32,
  wtxid: HEX32,
  size: INT,
  hex: HEX,
  kind: STR,
  version: INT,
  locktime: INT,
  inputs: arraySchema(
    objectSchema({ txid: HEX32, vout: INT, sequence: INT, 'amount?': AMOUNT, 'address?': STR }),
  ),
  outputs: arraySchema(
    objectSchema({
      vout: INT,
      amount: AMOUNT,
      address: STR,
      'spentBy?': objectSchema({ txid: HEX32, input: INT }),
    }),
  ),
  'fee?': AMOUNT,
  'feeRate?': AMOUNT,
  status: { type: 'string', enum: ['mempool', 'confirmed'] },
  'blockHash?': HEX32,
  'height?': INT,
  'index?': INT,
  confirmations: INT,
})

/**
 * A decoded transaction. The fee is the mempool's when given, else Σ inputs − Σ outputs when every
 * spent output is known (never for a coinbase).
 */
export function formatTransaction(tx: Transaction, hex: Uint8Array, ctx: TxContext): JsonObject {
  const ids = computeTransactionIds(tx)
  const inputs = tx.inputs.map((input, i) => {
    const o: JsonObject = {
      txid: toHex(input.prevout.txid),
      vout: input.prevout.vout,
      sequence: input.sequence,
    }
    const spent = ctx.spent?.[i]
    if (spent) {
      o.amount = amount(spent.amount)
      o.address = address(ctx.network, spent.lock)
    }
    return o
  })
  const outputs = tx.outputs.map((output, vout) => {
    const o: JsonObject = {
      vout,
      amount: amount(output.amount),
      address: address(ctx.network, output.lock),
    }
    const by = ctx.spentBy?.[vout]
    if (by) o.spentBy = { txid: toHex(by.txid), input: by.input }
    return o
  })
  const out: JsonObject = {
    txid: toHex(ids.txid),
    wtxid: toHex(ids.wtxid),
    size: ids.size,
    hex: toHex(hex),
    kind: tx.kind,
    version: tx.version,
    locktime: tx.locktime,
    inputs,
    outputs,
  }
  const fee = ctx.fee ?? computedFee(tx, ctx.spent)
  if (fee !== undefined) {
    out.fee = amount(fee)
    out.feeRate = amount(fee / BigInt(Math.max(1, ids.size)))
  }
  out.status = ctx.status
  if (ctx.location) {
    out.blockHash = toHex(ctx.location.blockHash)
    out.height = ctx.location.height
    out.index = ctx.location.index
  }
  out.confirmations = ctx.confirmations
  return out
}

function computedFee(tx: Transaction, spent: TxContext['spent']): bigint | undefined {
  if (tx.kind === 'coinbase' || !spent || tx.inputs.length === 0) return undefined
  let total = 0n
  for (let i = 0; i < tx.inputs.length; i++) {
    const s = spent[i]
    if (!s) return undefined
    total += s.amount
  }
  for (const o of tx.outputs) total -= o.amount
  return total
}

/** A block with its decoded transactions (verbosity 2), without spent-output lookups. */
export function formatBlockFull(
  entry: HeaderEntry,
  tipHeight: number,
  block: Block,
  bytes: Uint8Array,
  network: Network,
): JsonObject {
  const confirmations = entry.inMainChain ? Math.max(0, tipHeight - entry.height + 1) : 0
  const transactions = block.transactions.map((tx, index) =>
    formatTransaction(tx, encodeTransaction(tx), {
      network,
      status: 'confirmed',
      location: { blockHash: entry.hash, height: entry.height, index },
      confirmations,
    }),
  )
  return {
    ...formatHeader(entry, tipHeight),
    size: bytes.length,
    txCount: block.transactions.length,
    transactions,
  }
}

export const UTXO_SCHEMA = objectSchema({
  txid: HEX32,
  vout: INT,
  amount: AMOUNT,
  height: INT,
  coinbase: BOOL,
  mature: BOOL,
})

/** An unspent output; `mature` = spendable in the next block (coinbase maturity). */
export function formatUtxo(utxo: Utxo, tipHeight: number, params: ChainParams): JsonObject {
  const { outpoint, entry } = utxo
  return {
    txid: toHex(outpoint.txid),
    vout: outpoint.vout,
    amount: amount(entry.amount),
    height: entry.height,
    coinbase: entry.coinbase,
    mature: !entry.coinbase || tipHeight + 1 - entry.height >= params.coinbaseMaturity,
  }
}
