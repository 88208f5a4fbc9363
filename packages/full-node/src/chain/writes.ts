import { encodeUtxoEntry } from '@supernova/protocol'
import { keys } from '../storage/layout.js'
import type { BatchOp } from '../storage/store.js'
import type { BlockEffects } from './effects.js'
import {
  encodeHeaderRecord,
  encodeHistory,
  encodeSpender,
  encodeTxLocation,
  encodeUndo,
  type HeaderRecord,
} from './records.js'

const EMPTY = new Uint8Array(0)

/**
 * The operations that connect a block: UTXOs, indexes, undo data, filter and the tip. Always written
 * whole in one batch (alone, or after the connects of the blocks before it).
 */
export function connectOps(p: {
  hash: Uint8Array
  height: number
  txids: readonly Uint8Array[]
  effects: BlockEffects
  record: HeaderRecord
  /** The block's address filter, as validation computed it. */
  filter: Uint8Array
}): BatchOp[] {
  const { hash, height, txids, effects } = p
  const ops: BatchOp[] = []
  for (const s of effects.spentFromSet) {
    ops.push(
      { type: 'del', key: keys.utxo(s.outpoint) },
      { type: 'del', key: keys.lockUtxo(s.entry.lock, s.outpoint) },
    )
  }
  for (const c of effects.created) {
    ops.push(
      { type: 'put', key: keys.utxo(c.outpoint), value: encodeUtxoEntry(c.entry) },
      { type: 'put', key: keys.lockUtxo(c.entry.lock, c.outpoint), value: EMPTY },
    )
  }
  for (const s of effects.spenders)
    ops.push({ type: 'put', key: keys.spentBy(s.outpoint), value: encodeSpender(s.txid, s.input) })
  for (let index = 0; index < txids.length; index++) {
    ops.push({
      type: 'put',
      key: keys.txLocation(txids[index]!),
      value: encodeTxLocation({ blockHash: hash, index, height }),
    })
  }
  for (const h of effects.history)
    ops.push({ type: 'put', key: keys.history(h.lock, height, h.tx), value: encodeHistory(h) })
  ops.push(
    { type: 'put', key: keys.undo(hash), value: encodeUndo(effects.spentFromSet) },
    {
      type: 'put',
      key: keys.filter(hash),
      value: p.filter,
    },
    { type: 'put', key: keys.height(height), value: hash },
    { type: 'put', key: keys.header(hash), value: encodeHeaderRecord(p.record) },
    { type: 'put', key: keys.meta('tip'), value: hash },
  )
  return ops
}

/** The one atomic batch that disconnects the tip block: the exact inverse of `connectOps`. */
export function disconnectOps(p: {
  hash: Uint8Array
  parentHash: Uint8Array
  height: number
  txids: readonly Uint8Array[]
  effects: BlockEffects
}): BatchOp[] {
  const { hash, height, txids, effects } = p
  const ops: BatchOp[] = []
  for (const c of effects.created)
    ops.push(
      { type: 'del', key: keys.utxo(c.outpoint) },
      { type: 'del', key: keys.lockUtxo(c.entry.lock, c.outpoint) },
    )
  for (const s of effects.spentFromSet) {
    ops.push(
      { type: 'put', key: keys.utxo(s.outpoint), value: encodeUtxoEntry(s.entry) },
      { type: 'put', key: keys.lockUtxo(s.entry.lock, s.outpoint), value: EMPTY },
    )
  }
  for (const s of effects.spenders) ops.push({ type: 'del', key: keys.spentBy(s.outpoint) })
  for (const txid of txids) ops.push({ type: 'del', key: keys.txLocation(txid) })
  for (const h of effects.history)
    ops.push({ type: 'del', key: keys.history(h.lock, height, h.tx) })
  ops.push(
    { type: 'del', key: keys.undo(hash) },
    { type: 'del', key: keys.height(height) },
    { type: 'put', key: keys.meta('tip'), value: p.parentHash },
  )
  return ops
}
