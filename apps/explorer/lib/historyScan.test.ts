import { describe, expect, it } from 'vitest'
import type { HistoryEntryLike } from './history'
import { type HistoryScanState, runHistoryScan, type ScanChunk } from './historyScan'
import type { Verification } from './verification'

const id = (n: number) => new Uint8Array(32).fill(n)
const at = (height: number): Verification => ({
  status: 'verified',
  header: { hash: id(height), height },
  depth: 0,
})

/** A chain where block 3 pays the address and block 12 spends that coin. */
const CHAIN: Record<number, HistoryEntryLike> = {
  3: {
    txid: id(3),
    height: 3,
    index: 1,
    outputs: [{ vout: 0, amount: 50n }],
    spends: [],
    received: 50n,
    sent: 0n,
  },
  12: {
    txid: id(12),
    height: 12,
    index: 1,
    outputs: [],
    spends: [{ outpoint: { txid: id(3), vout: 0 } }],
    received: 0n,
    sent: 0n,
  },
}

type Harness = {
  calls: [number, number][]
  taken: number[]
  updates: HistoryScanState<HistoryEntryLike>[]
  run: Promise<void>
}

/** Runs a scan to `tip`, stopping at the first idle wait (caught up) or after `failAt` failures. */
function harness(p: {
  tip: number
  failOnce?: number
  from?: HistoryScanState<HistoryEntryLike>
}): Harness {
  const abort = new AbortController()
  const h: Harness = { calls: [], taken: [], updates: [], run: Promise.resolve() }
  let failed = false
  const scan: ScanChunk<HistoryEntryLike> = async ({ fromHeight, toHeight }) => {
    h.calls.push([fromHeight, toHeight])
    if (fromHeight === p.failOnce && !failed) {
      failed = true
      throw Object.assign(new Error('no peer'), { code: 'NO_PEER' })
    }
    const entries = Object.values(CHAIN).filter(
      (e) => e.height >= fromHeight && e.height <= toHeight,
    )
    return { entries, verification: at(toHeight), blocksFetched: entries.length }
  }
  h.run = runHistoryScan({
    scan,
    tip: () => p.tip,
    take: async (n) => {
      h.taken.push(n)
    },
    wait: async (ms) => {
      if (ms === 1000 && h.updates.at(-1)?.scannedTo === p.tip) abort.abort()
    },
    onUpdate: (s) => h.updates.push(s),
    signal: abort.signal,
    chunk: 5,
    ...(p.from === undefined ? {} : { from: p.from }),
  })
  return h
}

describe('runHistoryScan', () => {
  it('scans from genesis in chunks, within the budget, and merges the chunks', async () => {
    const h = harness({ tip: 13 })
    await h.run
    expect(h.calls).toEqual([
      [0, 4],
      [5, 9],
      [10, 13],
    ])
    // Filters per chunk, then the blocks fetched in it.
    expect(h.taken).toEqual([5, 1, 5, 0, 4, 1])
    const last = h.updates.at(-1)!
    expect(last.scannedTo).toBe(13)
    expect(last.verification?.header.height).toBe(13)
    expect(last.blocksFetched).toBe(2)
    expect(last.entries.map((e) => e.height)).toEqual([12, 3])
    // The spend in a later chunk learned the amount of the coin found in an earlier one.
    expect(last.entries[0]!.sent).toBe(50n)
  })

  it('resumes where an earlier run stopped', async () => {
    const first = harness({ tip: 7 })
    await first.run
    const h = harness({ tip: 13, from: first.updates.at(-1)! })
    await h.run
    expect(h.calls).toEqual([
      [8, 12],
      [13, 13],
    ])
    expect(h.updates.at(-1)!.entries.map((e) => e.height)).toEqual([12, 3])
  })

  it('reports a failed chunk and retries it', async () => {
    const h = harness({ tip: 9, failOnce: 5 })
    await h.run
    expect(h.calls).toEqual([
      [0, 4],
      [5, 9],
      [5, 9],
    ])
    expect(h.updates.map((u) => (u.error === null ? u.scannedTo : 'error'))).toEqual([
      4,
      'error',
      9,
    ])
  })
})
