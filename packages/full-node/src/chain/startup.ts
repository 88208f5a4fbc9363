import {
  decodeUtxoEntry,
  Reader,
  readOutPoint,
  SparseMerkleTree,
  utxoKey,
  utxoValueHash,
} from '@supernova/protocol'
import { keys } from '../storage/layout.js'
import { type KeyValueStore, prefixRange } from '../storage/store.js'

/** Rebuilds the UTXO commitment from the `u` table, in chunks (each chunk one batched tree update). */
export async function loadUtxoTree(
  store: KeyValueStore,
  chunk = 50_000,
): Promise<SparseMerkleTree> {
  let tree = SparseMerkleTree.EMPTY
  let pending: { key: Uint8Array; valueHash: Uint8Array }[] = []
  for await (const [k, v] of store.entries(prefixRange(keys.utxoPrefix()))) {
    const outpoint = readOutPoint(new Reader(k.subarray(1), 'utxo key'))
    pending.push({ key: utxoKey(outpoint), valueHash: utxoValueHash(decodeUtxoEntry(v)) })
    if (pending.length >= chunk) {
      tree = tree.update(pending)
      pending = []
    }
  }
  return pending.length > 0 ? tree.update(pending) : tree
}
