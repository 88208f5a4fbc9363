import type { Lock, Policy, Satisfaction } from '../policy/types.js'

/**
 * Transaction kinds (SPEC §2). Only `coinbase` and `transfer` are active in consensus today; the
 * others are reserved wire codes whose rules arrive with staking, finality, green-miner
 * registration and governance, and are rejected until then (`TX_KIND_NOT_ACTIVE`).
 */
export const TX_KINDS = [
  'coinbase',
  'transfer',
  'stakeBond',
  'stakeUnbond',
  'slashingEvidence',
  'validatorRegistration',
  'greenMinerRegistration',
  'governanceProposal',
  'governanceVote',
] as const
export type TxKind = (typeof TX_KINDS)[number]
/** Wire codes of transaction kinds, the index in TX_KINDS. Part of consensus: never renumber. */
export const TX_KIND_CODES: Readonly<Record<TxKind, number>> = Object.fromEntries(
  TX_KINDS.map((k, i) => [k, i]),
) as Record<TxKind, number>
export const ACTIVE_TX_KINDS: ReadonlySet<TxKind> = new Set(['coinbase', 'transfer'])

export const TX_VERSION = 1

export type OutPoint = { txid: Uint8Array; vout: number }
export type TxInput = { prevout: OutPoint; sequence: number }
export type TxOutput = { amount: bigint; lock: Lock }
/** The revealed spend policy of the output being spent and its satisfaction. */
export type Witness = { policy: Policy; satisfaction: Satisfaction }

export type Transaction = {
  version: number
  kind: TxKind
  inputs: readonly TxInput[]
  outputs: readonly TxOutput[]
  /** Absolute lock: 0, a height (< LOCKTIME_THRESHOLD) or UNIX seconds. */
  locktime: number
  /** Kind-specific data. Coinbase: u32 height (LE) then up to 96 bytes of miner data. */
  payload: Uint8Array
  /** One per input (none for a coinbase). Excluded from the txid. */
  witnesses: readonly Witness[]
}

/** An unspent output as the UTXO set stores and commits to it. */
export type UtxoEntry = {
  amount: bigint
  lock: Lock
  /** Height of the block that created it. */
  height: number
  coinbase: boolean
}

/** Codec caps. Consensus limits (block and tx size) live in chain params. */
export const TX_LIMITS = {
  /** Upper bound on any encoded tx before parsing; chain params may set a lower consensus cap. */
  maxEncodedBytes: 1_000_000,
  maxPayloadBytes: 65_536,
  maxCoinbaseExtraBytes: 96,
} as const
