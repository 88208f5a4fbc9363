import { createPrivateKey, type KeyObject, sign } from 'node:crypto'
import {
  type Block,
  computeTransactionIds,
  createSignatureSchemes,
  DEVNET,
  type DevnetAccount,
  devnetAccount,
  equalBytes,
  genesisHashBytes,
  initHashing,
  mineHeader,
  type OutPoint,
  SEQUENCE_FINAL,
  type SignatureSchemes,
  signTransaction,
  type Transaction,
  TX_VERSION,
  type TxOutput,
  type UtxoEntry,
} from '@supernova/protocol'
import { pino } from 'pino'
import { Chain } from '../../src/chain/Chain.js'
import { createNodeEd25519 } from '../../src/crypto/nodeEd25519.js'
import { createMempool } from '../../src/mempool/createMempool.js'
import type { Mempool, MempoolOptions, Scheduler } from '../../src/mempool/types.js'
import { createMemoryStore } from '../../src/storage/memoryStore.js'
import type { KeyValueStore } from '../../src/storage/store.js'

/** Far enough ahead of the devnet genesis that no block is "too new". */
export const NOW = DEVNET.genesis.timestamp + 365 * 86_400_000
export const alice = devnetAccount(0)
export const bob = devnetAccount(1)
export const carol = devnetAccount(2)
export const miner = devnetAccount(9)

/**
 * The node's real Chain (full validation, one atomic batch per block) with test conveniences:
 * `mine` builds a template, grinds it and submits it; `reorg` grows a heavier rival branch on a
 * second Chain from a fork point and hands it over, so the chain reorganises for real.
 */
export class TestChain {
  private constructor(
    readonly chain: Chain,
    readonly store: KeyValueStore,
    readonly clock: { t: number },
  ) {}

  /** Opens a Chain on `store` (memory unless given), on `clock` (block timestamps advance it). */
  static async open(
    store: KeyValueStore = createMemoryStore(),
    clock = { t: NOW },
  ): Promise<TestChain> {
    await initHashing()
    const chain = await Chain.open(
      { params: DEVNET },
      { store, schemes: schemes(), logger: silent, now: () => clock.t },
    )
    return new TestChain(chain, store, clock)
  }

  get params() {
    return this.chain.params
  }

  tip() {
    return this.chain.tip()
  }

  /** Mines a block holding exactly `transactions` on the tip. */
  async mine(transactions: readonly Transaction[] = []): Promise<Block> {
    const block = await buildOn(this.chain, this.clock, transactions)
    const r = await this.chain.processBlock(block)
    if (r.status !== 'connected') throw new Error(`block not connected: ${r.status}`)
    return block
  }

  /**
   * Replaces the top `depth` blocks with `blocks.length` (> depth) new ones holding the given
   * transactions: one reorganisation, announced by the chain as disconnects, connects, then tip.
   */
  async reorg(depth: number, blocks: readonly (readonly Transaction[])[]): Promise<void> {
    if (blocks.length <= depth) throw new Error('the rival branch needs more blocks to win')
    const rival = await TestChain.open(createMemoryStore(), this.clock)
    const fork = this.chain.tip().height - depth
    for (let h = 1; h <= fork; h++) {
      const entry = await this.chain.getHeaderByHeight(h)
      const block = entry && (await this.chain.getBlock(entry.hash))
      if (!block) throw new Error(`missing block ${h}`)
      await rival.chain.processBlock(block)
    }
    const branch: Block[] = []
    for (const txs of blocks) branch.push(await rival.mine(txs))
    let last = ''
    for (const b of branch) last = (await this.chain.processBlock(b)).status
    if (last !== 'reorg') throw new Error(`expected a reorganisation, got ${last}`)
  }
}

async function buildOn(
  chain: Chain,
  clock: { t: number },
  transactions: readonly Transaction[],
): Promise<Block> {
  clock.t += DEVNET.targetBlockTimeMs
  const { block, included } = await chain.createBlockTemplate({
    rewardLock: miner.lock,
    transactions,
    now: clock.t,
  })
  if (included.length !== transactions.length)
    throw new Error('a transaction did not fit the template')
  const mined = mineHeader({ header: block.header, maxAttempts: 1_000_000 })
  if (!mined) throw new Error('could not mine')
  return { header: mined.header, transactions: block.transactions }
}

const silent = pino({ level: 'silent' })

/** The node's signature backends (node:crypto ed25519). */
export function schemes(): SignatureSchemes {
  return { ...createSignatureSchemes(), ed25519: createNodeEd25519() }
}

/** A devnet Chain with 10 empty blocks, so genesis allocations are mature. */
export async function createTestChain(store?: KeyValueStore): Promise<TestChain> {
  const chain = await TestChain.open(store)
  for (let i = 0; i < DEVNET.coinbaseMaturity; i++) await chain.mine()
  return chain
}

/** A spendable output and who can sign for it. */
export type Coin = { outpoint: OutPoint; entry: UtxoEntry; owner: DevnetAccount }

/** Mature confirmed coins of `owner`, largest first. */
export async function coinsOf(chain: TestChain, owner: DevnetAccount): Promise<Coin[]> {
  const next = chain.tip().height + 1
  const out: Coin[] = []
  for (const { outpoint, entry } of await chain.chain.getUtxosByLock(owner.lock)) {
    if (entry.coinbase && next - entry.height < DEVNET.coinbaseMaturity) continue
    out.push({ outpoint, entry, owner })
  }
  return out.sort((a, b) => (b.entry.amount > a.entry.amount ? 1 : -1))
}

/** The outputs of `tx` (confirmed or not) paying `owner`, as coins. */
export function outputsOf(tx: Transaction, owner: DevnetAccount, height = 0): Coin[] {
  const txid = computeTransactionIds(tx).txid
  const out: Coin[] = []
  tx.outputs.forEach((o, vout) => {
    if (equalBytes(o.lock.policyHash, owner.lock.policyHash))
      out.push({
        outpoint: { txid, vout },
        entry: { amount: o.amount, lock: o.lock, height, coinbase: false },
        owner,
      })
  })
  return out
}

const PKCS8_ED25519 = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
])
const privateKeys = new Map<number, KeyObject>()

function keyOf(a: DevnetAccount): KeyObject {
  let k = privateKeys.get(a.index)
  if (!k) {
    const der = new Uint8Array(48)
    der.set(PKCS8_ED25519)
    der.set(a.secretKey, 16)
    k = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' })
    privateKeys.set(a.index, k)
  }
  return k
}

export type SpendOptions = { locktime?: number; sequence?: number }

/** A signed transfer spending `coins` (node:crypto ed25519, fast enough for 10,000 txs). */
export function spend(
  coins: readonly Coin[],
  outputs: readonly TxOutput[],
  o: SpendOptions = {},
  dummySignatures = false,
): Transaction {
  return signTransaction({
    tx: {
      version: TX_VERSION,
      kind: 'transfer',
      inputs: coins.map((c) => ({ prevout: c.outpoint, sequence: o.sequence ?? SEQUENCE_FINAL })),
      outputs,
      locktime: o.locktime ?? 0,
      payload: new Uint8Array(0),
    },
    spent: coins.map((c) => ({
      amount: c.entry.amount,
      lock: c.entry.lock,
      policy: c.owner.policy,
    })),
    genesisHash: genesisHashBytes(DEVNET),
    sign: (key, message) => {
      if (dummySignatures) return new Uint8Array(64)
      const owner = coins.find((c) => equalBytes(c.owner.publicKey, key.publicKey))?.owner
      return owner ? new Uint8Array(sign(null, message, keyOf(owner))) : undefined
    },
  })
}

function total(coins: readonly Coin[]): bigint {
  return coins.reduce((s, c) => s + c.entry.amount, 0n)
}

/** Spends `coins` into `outputs` outputs to `to` (equal split), leaving exactly `fee`. */
export function pay(
  coins: readonly Coin[],
  to: DevnetAccount,
  fee: bigint,
  outputs = 1,
  o: SpendOptions = {},
  dummySignatures = false,
): Transaction {
  const value = total(coins) - fee
  const each = value / BigInt(outputs)
  const outs: TxOutput[] = Array.from({ length: outputs }, (_, i) => ({
    amount: i === 0 ? value - each * BigInt(outputs - 1) : each,
    lock: to.lock,
  }))
  return spend(coins, outs, o, dummySignatures)
}

/** `pay` with the fee set so the fee rate is exactly `rate` units per byte. */
export function payAtRate(
  coins: readonly Coin[],
  to: DevnetAccount,
  rate: bigint,
  outputs = 1,
  o: SpendOptions = {},
): Transaction {
  // Signatures have a fixed length: size the transaction with placeholders, then sign once.
  let fee = 0n
  for (let i = 0; i < 4; i++) {
    const size = computeTransactionIds(pay(coins, to, fee, outputs, o, true)).size
    if (fee === rate * BigInt(size)) return pay(coins, to, fee, outputs, o)
    fee = rate * BigInt(size)
  }
  throw new Error('payAtRate: size did not settle')
}

export function sizeOf(tx: Transaction): number {
  return computeTransactionIds(tx).size
}

/** Confirms a fan-out of `n` equal coins to `owner` (from its largest mature coin) and returns them. */
export async function fundCoins(
  chain: TestChain,
  owner: DevnetAccount,
  n: number,
  amount = 100_000_000n,
): Promise<Coin[]> {
  const source = (await coinsOf(chain, owner))[0]
  if (!source) throw new Error(`account ${owner.index} has no mature coin`)
  const outs: TxOutput[] = Array.from({ length: n }, () => ({ amount, lock: owner.lock }))
  outs.push({ amount: source.entry.amount - amount * BigInt(n) - 1_000_000n, lock: owner.lock })
  const tx = spend([source], outs)
  await chain.mine([tx])
  return outputsOf(tx, owner, chain.tip().height).slice(0, n)
}

/** Scheduler whose tasks run only when the test says so. */
export class ManualScheduler implements Scheduler {
  readonly tasks: { ms: number; task: () => void }[] = []

  every(ms: number, task: () => void): () => void {
    const t = { ms, task }
    this.tasks.push(t)
    return () => {
      const i = this.tasks.indexOf(t)
      if (i >= 0) this.tasks.splice(i, 1)
    }
  }

  runAll(): void {
    for (const t of [...this.tasks]) t.task()
  }
}

export type Harness = {
  chain: TestChain
  mempool: Mempool
  store: KeyValueStore
  clock: { t: number }
  scheduler: ManualScheduler
}

/** A started mempool on `chain` with a manual clock and scheduler (memory store unless given). */
export async function startMempool(
  chain: TestChain,
  options: MempoolOptions = {},
  o: { store?: KeyValueStore; clock?: { t: number } } = {},
): Promise<Harness> {
  const clock = o.clock ?? { t: NOW }
  const store = o.store ?? createMemoryStore()
  const scheduler = new ManualScheduler()
  const mempool = createMempool(options, {
    chain: chain.chain,
    schemes: schemes(),
    store,
    logger: pino({ level: 'silent' }),
    now: () => clock.t,
    scheduler,
  })
  await mempool.start()
  return { chain, mempool, store, clock, scheduler }
}

/** Resolves to the MempoolError code `p` rejects with (fails the test if it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    return (e as { code: string }).code
  }
  throw new Error('expected a rejection')
}
