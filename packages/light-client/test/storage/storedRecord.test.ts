import { decodeHeader, HEADER_LAYOUT, type Header, hashHeaderBytes } from '@supernova/protocol'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkRecord, checkRecordFields } from '../../src/headers/storedRecord.js'
import type { StoredHeader } from '../../src/storage/types.js'
import { buildChains, recordsFor } from './fixtures.js'

let records: StoredHeader[]

beforeAll(async () => {
  const { main } = await buildChains({ mainLength: 12, forkAt: 12, forkLength: 12 })
  records = recordsFor(main, 1n)
})

/** A deterministic generator (xorshift32), so a failure replays. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 2 ** 32
  }
}

/** `rec` with byte `at` set to `value`, stored under the hash of its new bytes (or `keepHash`). */
function edited(rec: StoredHeader, at: number, value: number, keepHash: boolean): StoredHeader {
  const header = rec.header.slice()
  header[at] = value
  return { ...rec, header, hash: keepHash ? rec.hash : hashHeaderBytes(header) }
}

/** What checkRecord says, in checkRecordFields' terms. */
function viaDecode(rec: StoredHeader) {
  const c = checkRecord(rec)
  if (typeof c === 'string') return c
  const h: Header = c.header
  return {
    hash: c.hash,
    powValid: c.powValid,
    prevHash: h.prevHash,
    timestamp: h.timestamp,
    bits: h.bits,
  }
}

describe('checkRecordFields', () => {
  it('reads the fields decodeHeader reads, from real headers', () => {
    for (const rec of records) {
      const f = checkRecordFields(rec)
      if (typeof f === 'string') throw new Error(`refused a real header: ${f}`)
      const h = decodeHeader(rec.header)
      expect(f.powValid).toBe(true)
      expect(f.prevHash).toEqual(h.prevHash)
      expect(f.timestamp).toBe(h.timestamp)
      expect(f.bits).toBe(h.bits)
    }
  })

  it('gives checkRecord’s verdict on every edited byte of the fields it reads, hash kept or recomputed', () => {
    const next = random(0x5eed)
    // Every byte of height, timestamp and bits, and a sample of the rest, with random values.
    const positions = [
      ...Array.from({ length: 4 }, (_, i) => HEADER_LAYOUT.height + i),
      ...Array.from({ length: 12 }, (_, i) => HEADER_LAYOUT.timestamp + i),
      ...Array.from({ length: 40 }, () => Math.floor(next() * 220)),
    ]
    let checked = 0
    for (const at of positions)
      for (const keepHash of [false, true]) {
        const rec = records[Math.floor(next() * records.length)]!
        const value = Math.floor(next() * 256)
        const r = edited(rec, at, value, keepHash)
        expect(checkRecordFields(r), `byte ${at} = ${value}, hash kept: ${keepHash}`).toEqual(
          viaDecode(r),
        )
        checked++
      }
    expect(checked).toBe(2 * positions.length)
  })

  it('refuses a timestamp above 2^53 − 1 as decodeHeader does, and takes 2^53 − 1 itself', () => {
    const rec = records[3]!
    const put = (hi: number, lo: number) => {
      const header = rec.header.slice()
      const view = new DataView(header.buffer)
      view.setUint32(HEADER_LAYOUT.timestamp, lo, true)
      view.setUint32(HEADER_LAYOUT.timestamp + 4, hi, true)
      return { ...rec, header, hash: hashHeaderBytes(header) }
    }
    expect(checkRecordFields(put(0x200000, 0))).toBe('MALFORMED')
    expect(viaDecode(put(0x200000, 0))).toBe('MALFORMED')
    const max = checkRecordFields(put(0x1fffff, 0xffffffff))
    expect(typeof max === 'string' ? max : max.timestamp).toBe(Number.MAX_SAFE_INTEGER)
  })

  it('refuses a record of the wrong length or under another height', () => {
    const rec = records[5]!
    expect(checkRecordFields({ ...rec, header: rec.header.subarray(0, 219) })).toBe('MALFORMED')
    expect(checkRecordFields({ ...rec, height: rec.height + 1 })).toBe('BROKEN_LINK')
    expect(checkRecordFields({ ...rec, hash: records[6]!.hash })).toBe('HASH_MISMATCH')
  })
})
