/**
 * Every key the node writes, in one place (bcoin's layout.ts). Keys start with one ASCII byte
 * naming the table; integers inside keys are big-endian so byte order is numeric order.
 *
 * | prefix | key                                   | value                                              |
 * |--------|---------------------------------------|----------------------------------------------------|
 * | `M`    | `M` name                              | metadata: `genesis` (network guard), `tip` (hash), `schema` (u32) |
 * | `h`    | `h` blockHash[32]                     | header entry: header[220] ‖ height u32 ‖ cumulativeWork[32] BE ‖ status u8 |
 * | `H`    | `H` height u32                        | main-chain block hash at that height               |
 * | `b`    | `b` blockHash[32]                     | the encoded block                                  |
 * | `d`    | `d` blockHash[32]                     | undo data: the outputs the block spent (connected blocks only) |
 * | `f`    | `f` blockHash[32]                     | the block's compact address filter                 |
 * | `u`    | `u` outpoint[36]                      | UTXO entry (amount, lock, height, coinbase)        |
 * | `l`    | `l` lock[33] outpoint[36]             | empty: the UTXOs of a lock (address → UTXOs index) |
 * | `t`    | `t` txid[32]                          | tx location: blockHash[32] ‖ index u32 ‖ height u32 (main chain) |
 * | `s`    | `s` outpoint[36]                      | spent-by: spending txid[32] ‖ input u32 (main chain) |
 * | `a`    | `a` lock[33] height u32 tx u32        | address history: txid[32] ‖ received u64 ‖ sent u64 |
 * | `x`    | `x` txid[32]                          | a mempool transaction: entry time u64 BE (ms) ‖ the encoded tx |
 * | `p`    | `p` peerId bytes                      | a known peer (network layer's record)              |
 *
 * Connecting a block writes `u`, `l`, `t`, `s`, `a`, `d`, `f`, `H`, its `h` record (and `b` when it
 * extends the tip) and `M tip` in one atomic batch (shared with the connects of the blocks just
 * before it during sync and import, never split); disconnecting undoes `u`, `l`, `t`, `s`, `a`, `d`,
 * `H` and `M tip` in one batch and keeps `b`, `f` and `h` (they describe the block, not the chain).
 */
import { encodeLock, encodeOutPoint, type Lock, type OutPoint } from '@supernova/protocol'

export const PREFIX = {
  meta: 0x4d, // M
  header: 0x68, // h
  height: 0x48, // H
  block: 0x62, // b
  undo: 0x64, // d
  filter: 0x66, // f
  utxo: 0x75, // u
  lockUtxo: 0x6c, // l
  txLocation: 0x74, // t
  spentBy: 0x73, // s
  history: 0x61, // a
  mempool: 0x78, // x
  peer: 0x70, // p
} as const

function key(prefix: number, ...parts: readonly Uint8Array[]): Uint8Array {
  let len = 1
  for (const p of parts) len += p.length
  const out = new Uint8Array(len)
  out[0] = prefix
  let off = 1
  for (const p of parts) {
    out.set(p, off)
    off += p.length
  }
  return out
}

export function u32be(n: number): Uint8Array {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setUint32(0, n, false)
  return b
}

const enc = new TextEncoder()

export const keys = {
  meta: (name: 'genesis' | 'tip' | 'schema') => key(PREFIX.meta, enc.encode(name)),
  header: (hash: Uint8Array) => key(PREFIX.header, hash),
  height: (height: number) => key(PREFIX.height, u32be(height)),
  block: (hash: Uint8Array) => key(PREFIX.block, hash),
  undo: (hash: Uint8Array) => key(PREFIX.undo, hash),
  filter: (hash: Uint8Array) => key(PREFIX.filter, hash),
  utxo: (o: OutPoint) => key(PREFIX.utxo, encodeOutPoint(o)),
  lockUtxo: (lock: Lock, o: OutPoint) => key(PREFIX.lockUtxo, encodeLock(lock), encodeOutPoint(o)),
  lockUtxoPrefix: (lock: Lock) => key(PREFIX.lockUtxo, encodeLock(lock)),
  txLocation: (txid: Uint8Array) => key(PREFIX.txLocation, txid),
  spentBy: (o: OutPoint) => key(PREFIX.spentBy, encodeOutPoint(o)),
  history: (lock: Lock, height: number, tx: number) =>
    key(PREFIX.history, encodeLock(lock), u32be(height), u32be(tx)),
  historyPrefix: (lock: Lock) => key(PREFIX.history, encodeLock(lock)),
  mempool: (txid: Uint8Array) => key(PREFIX.mempool, txid),
  mempoolPrefix: () => Uint8Array.of(PREFIX.mempool),
  peer: (id: Uint8Array) => key(PREFIX.peer, id),
  peerPrefix: () => Uint8Array.of(PREFIX.peer),
  utxoPrefix: () => Uint8Array.of(PREFIX.utxo),
  headerPrefix: () => Uint8Array.of(PREFIX.header),
} as const

/** Bumped when the layout changes incompatibly; a node refuses to open a store of another schema. */
export const SCHEMA_VERSION = 1
