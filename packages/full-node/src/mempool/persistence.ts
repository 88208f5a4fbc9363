import { decodeTransaction, encodeTransaction, type Transaction, toHex } from '@supernova/protocol'
import type { Logger } from 'pino'
import { keys } from '../storage/layout.js'
import { type BatchOp, type KeyValueStore, prefixRange } from '../storage/store.js'

/** A persisted pool transaction: `x` txid → entry time u64 BE ‖ encoded transaction. */
export type MempoolRecord = { tx: Transaction; time: number }

export function encodeMempoolRecord({ tx, time }: MempoolRecord): Uint8Array {
  const body = encodeTransaction(tx)
  const out = new Uint8Array(8 + body.length)
  new DataView(out.buffer).setBigUint64(0, BigInt(time), false)
  out.set(body, 8)
  return out
}

/** @throws {DecodeError | RangeError} on a malformed record. */
export function decodeMempoolRecord(bytes: Uint8Array): MempoolRecord {
  if (bytes.length < 8) throw new RangeError('mempool record shorter than its timestamp')
  const time = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, false))
  return { tx: decodeTransaction(bytes.subarray(8)), time }
}

/**
 * Batched writes of pool transactions under the `x` prefix: puts and deletes accumulate in a map
 * (a later op on the same txid replaces an earlier one) and go to the store in one batch when
 * flushed. A failed batch keeps its ops pending for the next flush.
 */
export class MempoolPersistence {
  private pending = new Map<string, BatchOp>()
  private chain: Promise<void> = Promise.resolve()

  constructor(
    private readonly store: KeyValueStore,
    private readonly logger: Logger,
  ) {}

  get pendingCount(): number {
    return this.pending.size
  }

  put(id: string, txid: Uint8Array, record: MempoolRecord): void {
    this.pending.set(id, {
      type: 'put',
      key: keys.mempool(txid),
      value: encodeMempoolRecord(record),
    })
  }

  del(id: string, txid: Uint8Array): void {
    this.pending.set(id, { type: 'del', key: keys.mempool(txid) })
  }

  /** Writes everything pending; flushes run one after another. */
  flush(): Promise<void> {
    const next = this.chain.then(() => this.write())
    this.chain = next.catch(() => undefined)
    return next
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return
    const ops = this.pending
    this.pending = new Map()
    try {
      await this.store.batch([...ops.values()])
    } catch (e) {
      for (const [id, op] of ops) if (!this.pending.has(id)) this.pending.set(id, op)
      this.logger.error({ err: e, ops: ops.size }, 'mempool: persisting failed; will retry')
      throw e
    }
  }

  /**
   * Every persisted record (at most `limit`; the rest are deleted). Records that do not decode,
   * or whose key is not their txid, are deleted with a log line.
   */
  async load(limit: number, txidOf: (tx: Transaction) => Uint8Array): Promise<MempoolRecord[]> {
    const out: MempoolRecord[] = []
    const drop: BatchOp[] = []
    for await (const [key, value] of this.store.entries(prefixRange(keys.mempoolPrefix()))) {
      const id = toHex(key.subarray(1))
      let record: MempoolRecord
      try {
        record = decodeMempoolRecord(value)
        if (toHex(txidOf(record.tx)) !== id) throw new RangeError('record is not its key’s txid')
      } catch (e) {
        this.logger.warn({ txid: id, err: e }, 'mempool: dropping an unreadable persisted record')
        drop.push({ type: 'del', key })
        continue
      }
      if (out.length >= limit) drop.push({ type: 'del', key })
      else out.push(record)
    }
    if (drop.length > 0) await this.store.batch(drop)
    return out
  }
}
