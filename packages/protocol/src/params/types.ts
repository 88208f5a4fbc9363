import type { Lock } from '../policy/types.js'
import type { Network } from './network.js'

/** One prefunded output of a genesis block. */
export type GenesisAllocation = { lock: Lock; amount: bigint }

/**
 * Every consensus constant of a network. Validation takes these as input; nothing in the
 * protocol package reads a network constant any other way.
 */
export type ChainParams = {
  readonly network: Network
  /** Pinned hex hash of the genesis block; `createGenesisBlock(params)` must reproduce it. */
  readonly genesisHash: string
  readonly genesis: {
    readonly timestamp: number
    /** Up to 96 bytes of text committed in the genesis coinbase payload. */
    readonly message: string
    readonly allocations: readonly GenesisAllocation[]
  }
  // Proof of work and time.
  readonly targetBlockTimeMs: number
  /** ASERT half-life: how long the chain must run behind (ahead) of schedule to halve (double) difficulty. */
  readonly asertHalfLifeMs: number
  /** Easiest allowed target, compact form. */
  readonly powLimitBits: number
  /**
   * Genesis target, compact form: the ASERT anchor. Set to the expected difficulty at launch (and
   * the genesis timestamp to the launch time), so a new chain neither races nor stalls.
   */
  readonly genesisBits: number
  readonly medianTimeSpan: number
  readonly maxFutureDriftMs: number
  // Sizes and amounts.
  readonly maxBlockBytes: number
  readonly maxTxBytes: number
  readonly dustThreshold: bigint
  /**
   * Most signature checks one transaction may require, and a whole block. Bounds validation time
   * (a check costs up to ~1.5 ms on the pure-JS path), whatever the witnesses contain.
   */
  readonly maxTxSigChecks: number
  readonly maxBlockSigChecks: number
  readonly coinbaseMaturity: number
  // Supply.
  /** Hard cap on all coins ever issued (genesis allocations plus subsidies), in base units. */
  readonly maxSupply: bigint
  readonly initialSubsidy: bigint
  readonly halvingInterval: number
  /** Share of each block's fees paid to the environmental treasury, in basis points (seed 000 §7.2). */
  readonly treasuryFeeShareBps: number
  readonly treasuryLock: Lock
  /**
   * Share of subsidy and fees (after the treasury's) owed to finality validators, in basis points.
   * Paid once a validator set exists; while it is empty — every network today — the miner keeps it.
   */
  readonly validatorRewardShareBps: number
  // Chain selection and epochs.
  readonly maxReorgDepth: number
  /** Blocks per epoch: the randomness beacon (and later finality) advances at epoch boundaries. */
  readonly epochLength: number
  // Relay policy (not consensus, but the same on every node of a network).
  readonly mempool: {
    readonly maxTransactions: number
    readonly maxBytes: number
    readonly minFeeRate: bigint
  }
}

/** 1 NOVA in base units. */
export const COIN = 100_000_000n
