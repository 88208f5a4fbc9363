import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ed25519 } from '@noble/curves/ed25519.js'
import {
  type Block,
  type ChainParams,
  createSignatureSchemes,
  DEVNET,
  devnetAccount,
  genesisHashBytes,
  initHashing,
  type Lock,
  lockForPolicy,
  mineHeader,
  SEQUENCE_FINAL,
  signTransaction,
  type Transaction,
  TX_VERSION,
} from '@supernova/protocol'
import pino from 'pino'
import { Chain } from '../../src/chain/Chain.js'
import { openLevelStore } from '../../src/storage/levelStore.js'
import type { KeyValueStore } from '../../src/storage/store.js'

export const logger = pino({ level: 'silent' })

/** A clock the tests move: starts just after genesis, one block interval per `tick()`. */
export function createClock(params: ChainParams = DEVNET) {
  let now = params.genesis.timestamp + 1_000
  return {
    now: () => now,
    tick: (ms = params.targetBlockTimeMs) => {
      now += ms
      return now
    },
  }
}

export function tempDir(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'sn-chain-'))
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) }
}

export async function openTestChain(
  dir: string,
  clock = createClock(),
  params: ChainParams = DEVNET,
): Promise<{ chain: Chain; store: KeyValueStore; clock: ReturnType<typeof createClock> }> {
  await initHashing()
  const store = await openLevelStore(join(dir, 'db'))
  const chain = await Chain.open(
    { params },
    { store, schemes: createSignatureSchemes(), logger, now: clock.now },
  )
  return { chain, store, clock }
}

export const alice = devnetAccount(0)
export const bob = devnetAccount(1)
export const miner = devnetAccount(9)
/** A key no genesis allocation pays: its balance is only what tests send it. */
export const carol = (() => {
  const secretKey = new Uint8Array(32).fill(0xca)
  const publicKey = ed25519.getPublicKey(secretKey)
  const policy = { type: 'key' as const, key: { scheme: 'ed25519' as const, publicKey } }
  return { secretKey, publicKey, policy, lock: lockForPolicy(policy) }
})()

/** Build, mine and submit a block on the tip. */
export async function mineBlock(
  chain: Chain,
  clock: ReturnType<typeof createClock>,
  o: { txs?: Transaction[]; to?: Lock; extra?: string } = {},
): Promise<Block> {
  clock.tick()
  const { block } = await chain.createBlockTemplate({
    rewardLock: o.to ?? miner.lock,
    transactions: o.txs ?? [],
    now: clock.now(),
    ...(o.extra ? { extraData: new TextEncoder().encode(o.extra) } : {}),
  })
  const mined = mineHeader({ header: block.header, maxAttempts: 1_000_000 })
  if (!mined) throw new Error('could not mine')
  const b = { header: mined.header, transactions: block.transactions }
  const r = await chain.processBlock(b)
  if (r.status !== 'connected' && r.status !== 'reorg')
    throw new Error(`block not connected: ${r.status}`)
  return b
}

/** Mine a block on the tip WITHOUT submitting it. */
export async function buildBlock(
  chain: Chain,
  clock: ReturnType<typeof createClock>,
  o: { txs?: Transaction[]; to?: Lock; extra?: string } = {},
): Promise<Block> {
  const { block } = await chain.createBlockTemplate({
    rewardLock: o.to ?? miner.lock,
    transactions: o.txs ?? [],
    now: clock.now() + 1_000,
    ...(o.extra ? { extraData: new TextEncoder().encode(o.extra) } : {}),
  })
  const mined = mineHeader({ header: block.header, maxAttempts: 1_000_000 })
  if (!mined) throw new Error('could not mine')
  return { header: mined.header, transactions: block.transactions }
}

/** A signed payment from a devnet account's mature coin (largest first) to `to`, change back. */
export async function pay(
  chain: Chain,
  /** A devnet account, or any ed25519 key (such as `carol`). */
  from: Pick<ReturnType<typeof devnetAccount>, 'secretKey' | 'policy' | 'lock'>,
  to: Lock,
  amount: bigint,
  fee = 10_000n,
): Promise<Transaction> {
  const height = chain.tip().height + 1
  const coins = (await chain.getUtxosByLock(from.lock)).filter(
    (u) => !u.entry.coinbase || height - u.entry.height >= chain.params.coinbaseMaturity,
  )
  coins.sort((a, b) => (a.entry.amount < b.entry.amount ? 1 : -1))
  const coin = coins[0]
  if (!coin) throw new Error('no mature coin')
  return signTransaction({
    tx: {
      version: TX_VERSION,
      kind: 'transfer',
      inputs: [{ prevout: coin.outpoint, sequence: SEQUENCE_FINAL }],
      outputs: [
        { amount, lock: to },
        { amount: coin.entry.amount - amount - fee, lock: from.lock },
      ],
      locktime: 0,
      payload: new Uint8Array(0),
    },
    spent: [{ amount: coin.entry.amount, lock: coin.entry.lock, policy: from.policy }],
    genesisHash: genesisHashBytes(chain.params),
    sign: (_key, msg) => ed25519.sign(msg, from.secretKey),
  })
}
