import {
  type Block,
  COIN,
  computeBlockFilter,
  computeTransactionIds,
  createGenesis,
  createMerkleProof,
  createSignatureSchemes,
  DEVNET,
  type DevnetAccount,
  devnetAccount,
  equalBytes,
  genesisHashBytes,
  type Header,
  hashHeader,
  initHashing,
  type Lock,
  MemoryChain,
  type OutPoint,
  SEQUENCE_FINAL,
  signTransaction,
  type Transaction,
  TX_VERSION,
  toHex,
  utxoKey,
} from '@supernova/protocol'

/** A clock a day after devnet genesis: every mined test header is in its past. */
export const NOW = DEVNET.genesis.timestamp + 86_400_000
export const schemes = createSignatureSchemes()
export const FAUCET = devnetAccount(8)
export const MINER = devnetAccount(9)
export const ALICE = devnetAccount(3)
export const BOB = devnetAccount(4)

/** A real devnet chain (MemoryChain, fully validated) that also keeps its blocks. */
export class TestChain {
  readonly mc = new MemoryChain(DEVNET, schemes)
  readonly blocks: Block[] = [createGenesis(DEVNET).block]

  static async create(): Promise<TestChain> {
    await initHashing()
    return new TestChain()
  }

  /** A chain that holds the same blocks as this one up to `height`. */
  async copy(height = this.height): Promise<TestChain> {
    const c = new TestChain()
    for (const b of this.blocks.slice(1, height + 1)) await c.connect(b)
    return c
  }

  get height(): number {
    return this.mc.height
  }

  get headers(): Header[] {
    return this.mc.entries.map((e) => e.header)
  }

  async connect(block: Block): Promise<void> {
    await this.mc.connect(block, NOW)
    this.blocks.push(block)
  }

  /** Mines `n` blocks paying `rewardLock`; the first carries `transactions`. */
  async mine(n: number, o: { transactions?: Transaction[]; rewardLock?: Lock } = {}) {
    for (let i = 0; i < n; i++)
      await this.connect(
        this.mc.buildBlock({
          transactions: i === 0 ? (o.transactions ?? []) : [],
          rewardLock: o.rewardLock ?? MINER.lock,
        }),
      )
  }

  /** A signed transfer of `amount` from `from`'s largest coin to `to` (change back to `from`). */
  pay(to: Lock, amount: bigint, from: DevnetAccount = FAUCET, spend?: OutPoint): Transaction {
    const coins = [...this.mc.utxos.all()].filter(
      (u) =>
        equalBytes(u.entry.lock.policyHash, from.lock.policyHash) &&
        (spend === undefined ||
          (equalBytes(u.outpoint.txid, spend.txid) && u.outpoint.vout === spend.vout)),
    )
    const coin = coins.sort((a, b) => (a.entry.amount < b.entry.amount ? 1 : -1))[0]
    if (coin === undefined) throw new Error('no coin to pay from')
    const fee = 1000n
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
      genesisHash: genesisHashBytes(DEVNET),
      sign: (_key, message) => schemes.ed25519.sign(message, from.secretKey),
    })
  }

  block(hash: Uint8Array): Block | undefined {
    return this.blocks.find((b) => equalBytes(hashHeader(b.header), hash))
  }

  filter(hash: Uint8Array): Uint8Array | undefined {
    const b = this.block(hash)
    return b && computeBlockFilter({ prevHash: b.header.prevHash, transactions: b.transactions })
  }

  txProof(txid: Uint8Array) {
    for (const b of this.blocks) {
      const ids = b.transactions.map(computeTransactionIds)
      const index = ids.findIndex((i) => equalBytes(i.txid, txid))
      if (index < 0) continue
      const proof = createMerkleProof({ leaves: ids.map((i) => i.wtxid), index })
      return {
        tx: b.transactions[index]!,
        header: b.header,
        blockHash: hashHeader(b.header),
        height: b.header.height,
        proof,
      }
    }
    return undefined
  }

  utxos(lock: Lock, limit: number) {
    const all = [...this.mc.utxos.all()].filter(
      (u) =>
        u.entry.lock.type === lock.type && equalBytes(u.entry.lock.policyHash, lock.policyHash),
    )
    const tree = this.mc.utxos.tree
    return {
      tipHash: this.mc.tip.hash,
      more: all.length > limit,
      utxos: all.slice(0, limit).map((u) => ({
        outpoint: u.outpoint,
        entry: u.entry,
        proof: tree.createProof(utxoKey(u.outpoint)),
      })),
    }
  }

  outpoint(outpoint: OutPoint) {
    return {
      tipHash: this.mc.tip.hash,
      entry: this.mc.utxos.get(outpoint),
      proof: this.mc.utxos.tree.createProof(utxoKey(outpoint)),
    }
  }
}

export const hex = toHex
export { COIN }
