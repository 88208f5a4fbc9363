/**
 * How the dashboard reads the verified chain, the same in the browser and on the server: which
 * headers make the measured window and the charts, the supply at a height, and the record of
 * what the figures were derived from (for the proof panels, the export and the API).
 */
import { type ChainParams, COIN, issuedThrough, toHex } from '@supernova/protocol'
import type { HashrateWindow, WindowHeader } from './hashrate'
import type { MicaChainInput } from './mica'

/** Blocks the headline figures and the per-transaction allocation are measured over. */
export const WINDOW_BLOCKS = 100
/** Headers the charts span (the newest ones), and the points they are split into. */
export const CHART_HEADERS = 1_001
export const CHART_BUCKETS = 40
/** Blocks fetched at once while counting transactions. */
export const BLOCK_CONCURRENCY = 4

/** A verified header as the light client returns it. */
export type VerifiedHeaderLike = {
  height: number
  hash: Uint8Array
  header: { timestamp: number; bits: number }
}

/** The fields the hashrate needs. */
export const toWindowHeaders = (headers: readonly VerifiedHeaderLike[]): WindowHeader[] =>
  headers.map((h) => ({ height: h.height, timestamp: h.header.timestamp, bits: h.header.bits }))

/** The newest `blocks + 1` headers: the opening header and the blocks measured after it. */
export const windowSlice = <H>(headers: readonly H[], blocks = WINDOW_BLOCKS): H[] =>
  headers.slice(-(blocks + 1))

/**
 * Coins that can exist after `height`: genesis allocations plus every subsidy through it (the
 * consensus cap — coinbases may claim less, so this bounds the true supply from above).
 */
export const supplyAt = (params: ChainParams, height: number): bigint =>
  issuedThrough(params, height)

/** Base units as NOVA with up to 8 decimals, no grouping: `100000000n` → `"1"`. */
export function unitsToNova(units: bigint): string {
  const whole = units / COIN
  const frac = (units % COIN).toString().padStart(8, '0').replace(/0+$/, '')
  return frac === '' ? whole.toString() : `${whole}.${frac}`
}

/**
 * Parses a NOVA amount (digits, up to 8 decimals) into base units; undefined when it is not one.
 * @example novaToUnits('1.5') // 150000000n
 */
export function novaToUnits(text: string): bigint | undefined {
  const m = /^(\d{1,12})(?:\.(\d{1,8}))?$/.exec(text.trim())
  if (m === null) return undefined
  return BigInt(m[1]!) * COIN + BigInt((m[2] ?? '').padEnd(8, '0'))
}

/** The record of the chain inputs: range, its hashes, how many headers were verified, by whom. */
export function describeChainInput(p: {
  network: string
  genesisHash: Uint8Array
  first: VerifiedHeaderLike
  last: VerifiedHeaderLike
  window: HashrateWindow
  transactions: number | null
  verification: string
}): MicaChainInput {
  return {
    network: p.network,
    genesisHash: toHex(p.genesisHash),
    headerRange: {
      fromHeight: p.first.height,
      fromHash: toHex(p.first.hash),
      toHeight: p.last.height,
      toHash: toHex(p.last.hash),
    },
    headersVerifiedFromGenesis: p.last.height + 1,
    blocks: p.window.blocks,
    spanSeconds: p.window.spanMs / 1000,
    hashesPerSecond: p.window.hashrate,
    transactions: p.transactions,
    verification: p.verification,
  }
}
