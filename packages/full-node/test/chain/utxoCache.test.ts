import { devnetAccount, type OutPoint, outpointKey, type UtxoEntry } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { UtxoCache } from '../../src/chain/utxoCache.js'

const lock = devnetAccount(0).lock
const coin = (n: number): { outpoint: OutPoint; entry: UtxoEntry } => ({
  outpoint: { txid: new Uint8Array(32).fill(n), vout: n },
  entry: { amount: BigInt(n), lock, height: n, coinbase: false },
})
const key = (n: number) => outpointKey(coin(n).outpoint)

describe('UtxoCache', () => {
  it('remembers created outputs, forgets spent ones, and counts hits and misses', () => {
    const c = new UtxoCache(10)
    c.apply([coin(1), coin(2)], [])
    expect(c.get(key(1))?.entry.amount).toBe(1n)
    c.apply([coin(3)], [coin(1)])
    expect(c.get(key(1))).toBeUndefined()
    expect(c.get(key(3))?.entry.height).toBe(3)
    expect(c.stats()).toEqual({ hits: 2, misses: 1 })
  })

  it('keeps the commitment hashes an output was created with', () => {
    const c = new UtxoCache(10)
    const commitment = { key: new Uint8Array(32).fill(7), valueHash: new Uint8Array(32).fill(8) }
    c.apply([{ ...coin(1), commitment }, coin(2)], [])
    expect(c.get(key(1))?.commitment).toBe(commitment)
    expect(c.get(key(2))?.commitment).toBeUndefined()
  })

  it('never holds more than its bound, dropping the oldest first', () => {
    const c = new UtxoCache(3)
    c.apply([1, 2, 3, 4, 5].map(coin), [])
    expect(c.size).toBe(3)
    expect(c.get(key(1))).toBeUndefined()
    expect(c.get(key(2))).toBeUndefined()
    expect(c.get(key(5))?.entry.amount).toBe(5n)
  })

  it('with size 0 caches nothing, and rejects a bad size', () => {
    const c = new UtxoCache(0)
    c.apply([coin(1)], [])
    expect(c.get(key(1))).toBeUndefined()
    expect(() => new UtxoCache(-1)).toThrow(RangeError)
    expect(() => new UtxoCache(1.5)).toThrow(RangeError)
  })
})
