import { describe, expect, it } from 'vitest'
import { fetchBlocks } from './fetchBlocks'

/** A getBlock whose answers the test releases by hand, recording how many were in flight. */
function controlled() {
  const pending: { key: number; resolve: (v: string) => void; reject: (e: Error) => void }[] = []
  let inFlight = 0
  let maxInFlight = 0
  const getBlock = (key: number) =>
    new Promise<string>((resolve, reject) => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      pending.push({
        key,
        resolve: (v) => {
          inFlight--
          resolve(v)
        },
        reject: (e) => {
          inFlight--
          reject(e)
        },
      })
    })
  return { getBlock, pending, max: () => maxInFlight }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('fetchBlocks', () => {
  it('keeps at most `concurrency` requests in flight and returns blocks in key order', async () => {
    const c = controlled()
    const progress: number[] = []
    const result = fetchBlocks({
      keys: [1, 2, 3, 4, 5],
      getBlock: c.getBlock,
      concurrency: 2,
      onProgress: (done) => progress.push(done),
    })
    await tick()
    expect(c.pending.map((p) => p.key)).toEqual([1, 2])
    // Answer out of order: 2 first, then 1.
    c.pending[1]!.resolve('b2')
    await tick()
    c.pending[0]!.resolve('b1')
    await tick()
    for (const p of c.pending.slice(2)) p.resolve(`b${p.key}`)
    await tick()
    for (const p of c.pending.slice(4)) p.resolve(`b${p.key}`)
    expect(await result).toEqual(['b1', 'b2', 'b3', 'b4', 'b5'])
    expect(c.max()).toBe(2)
    expect(progress).toEqual([1, 2, 3, 4, 5])
  })

  it('rejects with the first failure and starts nothing after it', async () => {
    const c = controlled()
    const result = fetchBlocks({ keys: [1, 2, 3, 4], getBlock: c.getBlock, concurrency: 1 })
    await tick()
    c.pending[0]!.reject(new Error('bad block'))
    await expect(result).rejects.toThrow('bad block')
    await tick()
    expect(c.pending).toHaveLength(1)
  })

  it('stops on abort and refuses a bad concurrency', async () => {
    const ac = new AbortController()
    ac.abort()
    await expect(
      fetchBlocks({ keys: [1], getBlock: async () => 'x', signal: ac.signal }),
    ).rejects.toThrow()
    await expect(
      fetchBlocks({ keys: [1], getBlock: async () => 'x', concurrency: 0 }),
    ).rejects.toThrow(RangeError)
    expect(await fetchBlocks({ keys: [], getBlock: async () => 'x' })).toEqual([])
  })
})
