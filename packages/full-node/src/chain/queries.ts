import {
  type Block,
  type ChainParams,
  computeTransactionIds,
  computeTxid,
  createMerkleProof,
  decodeBlock,
  decodeUtxoEntry,
  type Header,
  type Lock,
  type OutPoint,
  Reader,
  readOutPoint,
  type SparseMerkleTree,
  type Transaction,
  type UtxoEntry,
  utxoKey,
  utxoValueHash,
} from '@supernova/protocol'
import { keys, u32be } from '../storage/layout.js'
import { type KeyValueStore, prefixEnd, prefixRange } from '../storage/store.js'
import type { BlockIndex, IndexEntry } from './BlockIndex.js'
import { decodeHistory, decodeSpender, decodeTxLocation, STATUS } from './records.js'
import type { AddressHistoryEntry, ChainView, HeaderEntry, TxLocation, Utxo } from './types.js'

const MAX_LIST = 5_000

/** Read-only queries over the chain's store, index and UTXO commitment. */
export abstract class ChainQueries {
  constructor(
    readonly params: ChainParams,
    protected readonly store: KeyValueStore,
    protected readonly index: BlockIndex,
    protected utxoTree: SparseMerkleTree,
  ) {}

  protected entryView(e: IndexEntry): HeaderEntry {
    return {
      header: e.header,
      hash: e.hash,
      height: e.height,
      cumulativeWork: e.cumulativeWork,
      hasBlock: (e.status & STATUS.HAS_BLOCK) !== 0,
      inMainChain: this.index.isMain(e),
    }
  }

  protected txidOf(tx: Transaction): Uint8Array {
    return computeTxid(tx)
  }

  protected utxoKeyOf(o: OutPoint): Uint8Array {
    return utxoKey(o)
  }

  protected valueHashOf(e: UtxoEntry): Uint8Array {
    return utxoValueHash(e)
  }

  protected decodeEntry(bytes: Uint8Array): UtxoEntry {
    return decodeUtxoEntry(bytes)
  }

  /** Number of unspent outputs at the tip. */
  get utxoCount(): number {
    return this.utxoTree.size
  }

  async getHeaderByHash(hash: Uint8Array): Promise<HeaderEntry | undefined> {
    const e = this.index.get(hash)
    return e && this.entryView(e)
  }

  async getHeaderByHeight(height: number): Promise<HeaderEntry | undefined> {
    const e = this.index.atHeight(height)
    return e && this.entryView(e)
  }

  async getHeaders(fromHeight: number, count: number): Promise<Header[]> {
    const out: Header[] = []
    const n = Math.max(0, Math.min(count, MAX_LIST))
    for (let h = fromHeight; h < fromHeight + n; h++) {
      const e = this.index.atHeight(h)
      if (!e) break
      out.push(e.header)
    }
    return out
  }

  async getBlockBytes(hash: Uint8Array): Promise<Uint8Array | undefined> {
    return this.store.get(keys.block(hash))
  }

  async getBlock(hash: Uint8Array): Promise<Block | undefined> {
    const b = await this.getBlockBytes(hash)
    return b && decodeBlock(b)
  }

  async getBlockFilter(hash: Uint8Array): Promise<Uint8Array | undefined> {
    return this.store.get(keys.filter(hash))
  }

  async getTransaction(
    txid: Uint8Array,
  ): Promise<{ tx: Transaction; location: TxLocation } | undefined> {
    const loc = await this.store.get(keys.txLocation(txid))
    if (!loc) return undefined
    const location = decodeTxLocation(loc)
    const block = await this.getBlock(location.blockHash)
    const tx = block?.transactions[location.index]
    return tx && { tx, location }
  }

  async getTransactionProof(txid: Uint8Array): ReturnType<ChainView['getTransactionProof']> {
    const loc = await this.store.get(keys.txLocation(txid))
    if (!loc) return undefined
    const location = decodeTxLocation(loc)
    const block = await this.getBlock(location.blockHash)
    const tx = block?.transactions[location.index]
    if (!block || !tx) return undefined
    const proof = createMerkleProof({
      leaves: block.transactions.map((t) => computeTransactionIds(t).wtxid),
      index: location.index,
    })
    return { tx, location, header: block.header, proof }
  }

  async getUtxo(outpoint: OutPoint): Promise<UtxoEntry | undefined> {
    const v = await this.store.get(keys.utxo(outpoint))
    return v && decodeUtxoEntry(v)
  }

  async getUtxosByLock(lock: Lock, limit = 1_000): Promise<Utxo[]> {
    const outpoints: OutPoint[] = []
    for await (const [k] of this.store.entries(
      prefixRange(keys.lockUtxoPrefix(lock), { limit: Math.min(limit, MAX_LIST) }),
    )) {
      outpoints.push(readOutPoint(new Reader(k.subarray(1 + 33), 'lock utxo key')))
    }
    const values = await this.store.getMany(outpoints.map((o) => keys.utxo(o)))
    const out: Utxo[] = []
    outpoints.forEach((outpoint, i) => {
      const v = values[i]
      if (v) out.push({ outpoint, entry: decodeUtxoEntry(v) })
    })
    return out
  }

  async getUtxoProofs(lock: Lock, limit = 1_000): ReturnType<ChainView['getUtxoProofs']> {
    // The tree and the store must describe the same tip: retry if a block lands mid-read.
    for (let attempt = 0; ; attempt++) {
      const tree = this.utxoTree
      const tip = this.index.tip()
      const utxos = await this.getUtxosByLock(lock, limit)
      if (tree !== this.utxoTree && attempt < 5) continue
      return {
        tipHash: tip.hash,
        utxos: utxos.map((u) => ({ ...u, proof: tree.createProof(utxoKey(u.outpoint)) })),
      }
    }
  }

  async getOutpointProof(outpoint: OutPoint): ReturnType<ChainView['getOutpointProof']> {
    for (let attempt = 0; ; attempt++) {
      const tree = this.utxoTree
      const tip = this.index.tip()
      const entry = await this.getUtxo(outpoint)
      if (tree !== this.utxoTree && attempt < 5) continue
      return { tipHash: tip.hash, entry, proof: tree.createProof(utxoKey(outpoint)) }
    }
  }

  async getAddressHistory(
    lock: Lock,
    opts: { limit?: number; beforeHeight?: number } = {},
  ): Promise<AddressHistoryEntry[]> {
    const prefix = keys.historyPrefix(lock)
    const lt =
      opts.beforeHeight === undefined
        ? prefixEnd(prefix)
        : Uint8Array.from([...prefix, ...u32be(opts.beforeHeight)])
    const limit = Math.min(opts.limit ?? 50, MAX_LIST)
    const out: AddressHistoryEntry[] = []
    for await (const [k, v] of this.store.entries({ gte: prefix, lt, reverse: true, limit })) {
      const view = new DataView(k.buffer, k.byteOffset, k.byteLength)
      const height = view.getUint32(1 + 33, false)
      const index = view.getUint32(1 + 33 + 4, false)
      const h = decodeHistory(v)
      const block = this.index.atHeight(height)
      if (!block) continue
      out.push({
        txid: h.txid,
        height,
        blockHash: block.hash,
        index,
        received: h.received,
        sent: h.sent,
      })
    }
    return out
  }

  async getSpender(outpoint: OutPoint): Promise<{ txid: Uint8Array; input: number } | undefined> {
    const v = await this.store.get(keys.spentBy(outpoint))
    return v && decodeSpender(v)
  }
}
