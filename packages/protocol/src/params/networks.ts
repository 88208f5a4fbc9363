import { utf8 } from '../bytes.js'
import { hash } from '../hash/blake3.js'
import type { Lock } from '../policy/types.js'
import { DEVNET_ACCOUNT_COUNT, devnetAccount } from './devnetAccounts.js'
import type { Network } from './network.js'
import { type ChainParams, COIN, type GenesisAllocation } from './types.js'

/**
 * The environmental treasury's lock: a policy hash that no policy encoding hashes to (the
 * preimage is not a valid policy), so treasury outputs can only be released by a consensus rule
 * (governance, a later capability), never by a key.
 */
export const TREASURY_LOCK: Lock = {
  type: 'policy',
  policyHash: hash('policy', utf8('SuperNova environmental treasury v1')),
}

const MAX_SUPPLY = 21_000_000n * COIN
const MEMPOOL = { maxTransactions: 10_000, maxBytes: 50_000_000, minFeeRate: 1n } as const
const COMMON = {
  medianTimeSpan: 11,
  maxBlockBytes: 2_000_000,
  maxTxBytes: 1_000_000,
  dustThreshold: 546n,
  maxTxSigChecks: 1_000,
  maxBlockSigChecks: 4_000,
  maxSupply: MAX_SUPPLY,
  treasuryFeeShareBps: 200,
  treasuryLock: TREASURY_LOCK,
  validatorRewardShareBps: 2_000,
  maxReorgDepth: 1_000,
  mempool: MEMPOOL,
} as const

export const MAINNET: ChainParams = {
  ...COMMON,
  network: 'mainnet',
  genesisHash: 'ad8992f715debec10ebb6a148eabfad3223778dd1ea4eda82ba02ae7ae87a819',
  genesis: {
    timestamp: 1_796_083_200_000,
    message: 'SuperNova mainnet genesis 2026-12-01: every number verified in your browser',
    allocations: [],
  },
  targetBlockTimeMs: 5_000,
  asertHalfLifeMs: 3_600_000,
  powLimitBits: 0x1f00ffff,
  // ≈ 2^28 hashes per block at launch (≈ 54 MH/s across the network at 5 s blocks).
  genesisBits: 0x1d100000,
  maxFutureDriftMs: 120_000,
  coinbaseMaturity: 100,
  // 0.4 NOVA per block, halving every 25,246,080 blocks (four years of 5 s blocks): ≈ 20.2 M NOVA.
  initialSubsidy: 40_000_000n,
  halvingInterval: 25_246_080,
  epochLength: 4,
}

export const TESTNET: ChainParams = {
  ...MAINNET,
  network: 'testnet',
  genesisHash: '42ede9738d54be0b59c476bf85919f04a2e3e69a741038554260db717e3d29e2',
  genesis: {
    timestamp: 1_793_491_200_000,
    message: 'SuperNova testnet genesis 2026-11-01',
    allocations: [],
  },
  // ≈ 2^20 hashes per block at launch.
  genesisBits: 0x1e100000,
}

let devnetAllocations: readonly GenesisAllocation[] | undefined

export const DEVNET: ChainParams = {
  ...COMMON,
  network: 'devnet',
  genesisHash: '197c936bd6fe644b11dab0e5f37f794edd431a31a7b50c7e4e7b2ef9e8cbe666',
  genesis: {
    timestamp: 1_795_219_200_000,
    message:
      'SuperNova devnet genesis: prefunded well-known accounts, never use their keys elsewhere',
    // A getter, so loading the package derives no key: the allocations (ed25519 public keys of
    // the well-known accounts) are built the first time something reads them, then kept.
    get allocations(): readonly GenesisAllocation[] {
      devnetAllocations ??= Array.from({ length: DEVNET_ACCOUNT_COUNT }, (_, i) => ({
        lock: devnetAccount(i).lock,
        amount: 1_000_000n * COIN,
      }))
      return devnetAllocations
    },
  },
  targetBlockTimeMs: 1_000,
  asertHalfLifeMs: 60_000,
  powLimitBits: 0x207fffff,
  genesisBits: 0x207fffff,
  maxFutureDriftMs: 15_000,
  coinbaseMaturity: 10,
  initialSubsidy: 50n * COIN,
  halvingInterval: 100_000,
  epochLength: 5,
}

export const CHAIN_PARAMS: Readonly<Record<Network, ChainParams>> = {
  mainnet: MAINNET,
  testnet: TESTNET,
  devnet: DEVNET,
}

export function getChainParams(network: Network): ChainParams {
  const p = CHAIN_PARAMS[network]
  if (!p) throw new RangeError(`unknown network: ${String(network)}`)
  return p
}
