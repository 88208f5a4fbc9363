import { describe, expect, it } from 'vitest'
import { mapLimit } from './concurrency'

/** A promise the test settles by hand, so ordering is decided without timers. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('mapLimit', () => {
  it('keeps the input order whatever order calls finish in', async () => {
    const gates = [deferred<void>(), deferred<void>(), deferred<void>()]
    const run = mapLimit([10, 20, 30], 3, async (x, i) => {
      await gates[i]!.promise
      return x * 2
    })
    gates[2]!.resolve()
    gates[0]!.resolve()
    gates[1]!.resolve()
    expect(await run).toEqual([20, 40, 60])
  })

  it('never runs more than the limit at once', async () => {
    let running = 0
    let peak = 0
    const gates = Array.from({ length: 7 }, () => deferred<void>())
    const run = mapLimit(gates, 2, async (gate) => {
      running++
      peak = Math.max(peak, running)
      await gate.promise
      running--
      return running
    })
    for (const gate of gates) {
      await Promise.resolve()
      gate.resolve()
    }
    await run
    expect(peak).toBe(2)
  })

  it('handles an empty list and rejects with the first failure', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([])
    await expect(
      mapLimit([1, 2, 3], 2, async (x) => {
        if (x === 2) throw new Error('two')
        return x
      }),
    ).rejects.toThrow('two')
  })

  it('refuses a limit that is not a positive integer', async () => {
    await expect(mapLimit([1], 0, async (x) => x)).rejects.toThrow(RangeError)
  })
})
