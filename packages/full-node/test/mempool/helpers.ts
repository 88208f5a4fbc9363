import { createPrivateKey, type KeyObject, sign } from 'node:crypto'
import {
  type Block,
  type BlockConnection,
  computeTransactionIds,
  createSignatureSchemes,
  DEVNET,
  type DevnetAccount,
  devnetAccount,
  equalBytes,
  genesisHashBytes,
  initHashing,
  type Lock,
  MemoryChain,
  type OutPoint,
  SEQUENCE_FINAL,
  type SparseMerkleTree,
  signTransaction,
  type Transaction,
  TX_VERSION,
  type TxOutput,
  type UtxoEntry,
} from '@supernova/protocol'
import { pino } from 'pino'
import type { ChainEvents } from '../../src/chain/types.js'
import { createNodeEd25519 } from '../../src/crypto/nodeEd25519.js'
import { createMempool } from '../../src/mempool/createMempool.js'
import type { Mempool, MempoolChain, MempoolOptions, Scheduler } from '../../src/mempool/types.js'
import { createMemoryStore } from '../../src/storage/memoryStore.js'
import type { KeyValueStore } from '../../src/storage/store.js'

/** Far enough ahead of the devnet genesis that no block is "too new". */
export const NOW = DEVNET.genesis.timestamp + 365 * 86_400_000
export const alice = devnetAccount(0)
export const bob = devnetAccount(1)
export const carol = devnetAccount(2)
export const miner = devnetAccount(9)

type Listeners = { [K in keyof ChainEvents]: Set<(e: ChainEvents[K]) => void> }

/**
 * The protocol's MemoryChain (full validation) behind the mempool's chain port: blocks are mined
 * and connected for real, then announced like the node's Chain announces them; `disconnect`
 * reverts the tip with the block's own undo data.
 */
export class TestChain implements MempoolChain {
  readonly params = DEVNET
  readonly genesisHash = genesisHashBytes(DEVNET)
  private readonly listeners: Listeners = {
    connect: new Set(),
    disconnect: new Set(),
    tip: new Set(),
  }
  private readonly blocks: Block[] = []
  private readonly trees: SparseMerkleTree[]
  private held: (() => void)[] | undefined

  constructor(readonly mc: MemoryChain) {
    this.trees = [mc.utxos.tree]
  }

  tip() {
    return {
      height: this.mc.height,
      hash: this.mc.tip.hash,
      medianTimePast: this.mc.medianTimePast(),
    }
  }

  async getUtxo(o: OutPoint): Promise<UtxoEntry | undefined> {
    return this.mc.utxos.get(o)
  }

  on<K extends 'connect' | 'disconnect'>(
    event: K,
    listener: (e: ChainEvents[K]) => void,
  ): () => void {
    const set = this.listeners[event] as Set<(e: ChainEvents[K]) => void>
    set.add(listener)
    return () => set.delete(listener)
  }

  /** Mines a block holding `transactions` on the tip, connects it and announces it. */
  async mine(
    transactions: readonly Transaction[] = [],
    rewardLock: Lock = miner.lock,
  ): Promise<Block> {
    const block = this.mc.buildBlock({ transactions, rewardLock })
    const connection: BlockConnection = await this.mc.connect(block, NOW)
    this.blocks.push(block)
    this.trees.push(connection.utxoTree)
    const e = { block, hash: connection.hash, height: block.header.height, connection }
    this.deliver(() => {
      for (const l of this.listeners.connect) l(e)
    })
    return block
  }

  /** Disconnects the tip block and announces it. */
  disconnect(): Block {
    const entry = this.mc.entries.pop()
    const block = this.blocks.pop()
    if (!entry?.connection || !block) throw new Error('nothing to disconnect')
    this.trees.pop()
    this.mc.utxos.revert(entry.connection, this.trees[this.trees.length - 1]!)
    const e = { block, hash: entry.hash, height: block.header.height }
    this.deliver(() => {
      for (const l of this.listeners.disconnect) l(e)
    })
    return block
  }

  /** Holds announcements until `release`, which delivers them in order in one go (a whole reorg). */
  hold(): void {
    this.held = []
  }

  release(): void {
    const held = this.held ?? []
    this.held = undefined
    for (const d of held) d()
  }

  private deliver(d: () => void): void {
    if (this.held) this.held.push(d)
    else d()
  }
}

/** A devnet MemoryChain with 10 empty blocks, so genesis allocations are mature. */
export async function createTestChain(): Promise<TestChain> {
  await initHashing()
  const chain = new TestChain(new MemoryChain(DEVNET, createSignatureSchemes()))
  for (let i = 0; i < DEVNET.coinbaseMaturity; i++) await chain.mine()
  return chain
}

/** A spendable output and who can sign for it. */
export type Coin = { outpoint: OutPoint; entry: UtxoEntry; owner: DevnetAccount }

/** Mature confirmed coins of `owner`, oldest first. */
export function coinsOf(chain: TestChain, owner: DevnetAccount): Coin[] {
  const next = chain.mc.height + 1
  const out: Coin[] = []
  for (const { outpoint, entry } of chain.mc.utxos.all()) {
    if (!equalBytes(entry.lock.policyHash, owner.lock.policyHash)) continue
    if (entry.coinbase && next - entry.height < DEVNET.coinbaseMaturity) continue
    out.push({ outpoint, entry, owner })
  }
  return out.sort((a, b) => a.entry.height - b.entry.height)
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
  const source = coinsOf(chain, owner).sort((a, b) => (b.entry.amount > a.entry.amount ? 1 : -1))[0]
  if (!source) throw new Error(`account ${owner.index} has no mature coin`)
  const outs: TxOutput[] = Array.from({ length: n }, () => ({ amount, lock: owner.lock }))
  outs.push({ amount: source.entry.amount - amount * BigInt(n) - 1_000_000n, lock: owner.lock })
  const tx = spend([source], outs)
  await chain.mine([tx])
  return outputsOf(tx, owner, chain.mc.height).slice(0, n)
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
    chain,
    schemes: { ...createSignatureSchemes(), ed25519: createNodeEd25519() },
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
