import { createGenesis, DEVNET, type Header, toHex } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { BlockIndex, type IndexEntry } from '../../src/chain/BlockIndex.js'

const GENESIS = createGenesis(DEVNET).block.header

/** An entry at `height` on `parent` with its own timestamp and a made-up (unique) hash. */
function entry(parent: IndexEntry | undefined, timestamp: number, tag: number): IndexEntry {
  const height = parent ? parent.height + 1 : 0
  const hash = new Uint8Array(32)
  new DataView(hash.buffer).setUint32(0, height * 1000 + tag)
  const header: Header = {
    ...GENESIS,
    height,
    timestamp,
    prevHash: parent ? parent.hash : new Uint8Array(32),
  }
  return { header, hash, key: toHex(hash), height, cumulativeWork: BigInt(height), status: 0 }
}

/** Timestamps by walking parent links: the definition. */
function walk(index: BlockIndex, e: IndexEntry, span: number): number[] {
  const out: number[] = []
  for (let x: IndexEntry | undefined = e; x && out.length < span; x = index.parent(x))
    out.push(x.header.timestamp)
  return out.reverse()
}

describe('BlockIndex.recentTimestamps', () => {
  it('gives the same timestamps for main-chain and side entries as walking parent links', () => {
    const index = new BlockIndex()
    const main: IndexEntry[] = []
    let parent: IndexEntry | undefined
    for (let h = 0; h < 30; h++) {
      // Out of order on purpose: the median rule does not need sorted timestamps.
      parent = entry(parent, 1_000_000 + h * 1_000 + ((h * 7919) % 13) * 100, 0)
      index.add(parent)
      index.pushMain(parent)
      main.push(parent)
    }
    let side: IndexEntry = main[20]!
    const branch: IndexEntry[] = []
    for (let h = 0; h < 5; h++) {
      side = entry(side, 2_000_000 + h, 1)
      index.add(side)
      branch.push(side)
    }
    for (const span of [1, 11, 40])
      for (const e of [...main, ...branch]) {
        expect(index.recentTimestamps(e, span)).toEqual(walk(index, e, span))
      }
    expect(index.recentTimestamps(main[3]!, 11)).toHaveLength(4)
    expect(index.recentTimestamps(branch[4]!, 11).slice(-5)).toEqual(
      branch.map((b) => b.header.timestamp),
    )
  })
})
