import { toHex } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { type HistoryEntryLike, historyTotals, mergeHistory, scanPercent } from './history'

const id = (n: number) => new Uint8Array(32).fill(n)

function entry(p: Partial<HistoryEntryLike> & { n: number; height: number }): HistoryEntryLike {
  const outputs = p.outputs ?? []
  const spends = p.spends ?? []
  return {
    txid: id(p.n),
    height: p.height,
    index: p.index ?? 1,
    outputs,
    spends,
    received: outputs.reduce((s, o) => s + o.amount, 0n),
    sent: spends.reduce((s, x) => s + (x.amount ?? 0n), 0n),
  }
}

describe('mergeHistory', () => {
  const receive = entry({
    n: 1,
    height: 5,
    outputs: [
      { vout: 0, amount: 70n },
      { vout: 2, amount: 30n },
    ],
  })
  const spendLater = entry({
    n: 2,
    height: 9,
    spends: [{ outpoint: { txid: id(1), vout: 2 } }, { outpoint: { txid: id(7), vout: 0 } }],
    outputs: [{ vout: 1, amount: 10n }],
  })

  it('fills spent amounts the later scan could not know and sums sent again', () => {
    const [newest, oldest] = mergeHistory([receive], [spendLater])
    expect(toHex(newest!.txid)).toBe(toHex(id(2)))
    expect(newest!.spends[0]!.amount).toBe(30n)
    expect(newest!.spends[1]!.amount).toBeUndefined()
    expect(newest!.sent).toBe(30n)
    expect(oldest).toBe(receive)
  })

  it('keeps one entry per txid (the later scan wins) and sorts newest first', () => {
    const again = { ...receive, received: 100n }
    const sameBlock = entry({ n: 3, height: 5, index: 4 })
    const merged = mergeHistory([receive, sameBlock], [again])
    expect(merged.map((e) => [e.height, e.index])).toEqual([
      [5, 4],
      [5, 1],
    ])
    expect(merged.find((e) => e.txid[0] === 1)).toBe(again)
  })

  it('leaves entries whose spends are all known untouched', () => {
    const known = entry({
      n: 4,
      height: 2,
      spends: [{ outpoint: { txid: id(9), vout: 0 }, amount: 5n }],
    })
    expect(mergeHistory([known], [])[0]).toBe(known)
    expect(mergeHistory([], [])).toEqual([])
  })
})

describe('historyTotals', () => {
  it('adds received and sent and counts spends of unknown amount', () => {
    const a = entry({ n: 1, height: 1, outputs: [{ vout: 0, amount: 8n }] })
    const b = entry({
      n: 2,
      height: 2,
      spends: [
        { outpoint: { txid: id(1), vout: 0 }, amount: 8n },
        { outpoint: { txid: id(5), vout: 1 } },
      ],
    })
    expect(historyTotals([a, b])).toEqual({
      received: 8n,
      sent: 8n,
      transactions: 2,
      unknownSpends: 1,
    })
  })
})

describe('scanPercent', () => {
  it('measures blocks done from the first scanned height', () => {
    expect(scanPercent({ height: 99, toHeight: 199 }, 0)).toBe(50)
    expect(scanPercent({ height: 199, toHeight: 199 }, 0)).toBe(100)
    expect(scanPercent({ height: 10, toHeight: 19 }, 10)).toBe(10)
    expect(scanPercent({ height: 3, toHeight: 19 }, 10)).toBe(0)
    expect(scanPercent({ height: 5, toHeight: 4 }, 10)).toBe(100)
  })
})
