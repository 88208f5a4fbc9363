import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { branchAndBound } from '../../src/wallet/branchAndBound.js'
import { CoinSelectionError } from '../../src/wallet/errors.js'
import { type CoinCandidate, selectCoins } from '../../src/wallet/selectCoins.js'
import { seededRandom } from './walletFixtures.js'

type Coin = CoinCandidate & { id: number }

const SHAPE = { baseSize: 60, changeOutputSize: 41, changeSpendSize: 142, dustThreshold: 546n }

const coinArb = fc.record({
  amount: fc.oneof(fc.bigInt({ min: 1n, max: 5_000n }), fc.bigInt({ min: 1n, max: 100_000_000n })),
  inputSize: fc.integer({ min: 100, max: 160 }),
})
function effective(c: CoinCandidate, feeRate: bigint): bigint {
  return c.amount - feeRate * BigInt(c.inputSize)
}

const coinsArb = fc
  .array(coinArb, { minLength: 0, maxLength: 25 })
  .map((cs) => cs.map((c, id) => ({ ...c, id })))
const randomTarget = fc.record({
  coins: coinsArb,
  target: fc.bigInt({ min: 546n, max: 200_000_000n }),
  feeRate: fc.bigInt({ min: 0n, max: 40n }),
  seed: fc.integer(),
})
/** Targets that a random subset of the coins pays without change (within the cost of change). */
const reachableTarget = fc
  .record({
    coins: coinsArb,
    feeRate: fc.bigInt({ min: 0n, max: 40n }),
    pick: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
    slack: fc.bigInt({ min: 0n, max: 5_000n }),
    seed: fc.integer(),
  })
  .map(({ coins, feeRate, pick, slack, seed }) => {
    const subset = coins.filter((c, i) => pick[i] && effective(c, feeRate) > 0n)
    const value = subset.reduce((s, c) => s + effective(c, feeRate), 0n)
    const costOfChange = feeRate * BigInt(SHAPE.changeOutputSize + SHAPE.changeSpendSize)
    const target = value - feeRate * BigInt(SHAPE.baseSize) - (slack % (costOfChange + 1n))
    return { coins, feeRate, seed, target: target > 0n ? target : 546n }
  })
const caseArb = fc.oneof(randomTarget, reachableTarget)

type Case = { coins: Coin[]; target: bigint; feeRate: bigint; seed: number }

function run(k: Case) {
  return selectCoins({
    ...SHAPE,
    coins: k.coins,
    target: k.target,
    feeRate: k.feeRate,
    random: seededRandom(k.seed),
  })
}

describe('selectCoins properties', () => {
  it('covers outputs plus the fee at the rate, never makes dust change, BnB stays in its window', () => {
    fc.assert(
      fc.property(caseArb, (k) => {
        let r: ReturnType<typeof run>
        try {
          r = run(k)
        } catch (e) {
          if (!(e instanceof CoinSelectionError)) throw e
          return
        }
        const ids = new Set(r.selected.map((c) => c.id))
        expect(ids.size).toBe(r.selected.length)
        expect(r.inputTotal).toBe(r.selected.reduce((s, c) => s + c.amount, 0n))
        expect(r.inputTotal).toBe(k.target + r.fee + r.change)
        const size =
          SHAPE.baseSize +
          r.selected.reduce((s, c) => s + c.inputSize, 0) +
          (r.change > 0n ? SHAPE.changeOutputSize : 0)
        expect(r.size).toBe(size)
        expect(r.fee >= k.feeRate * BigInt(size)).toBe(true)
        expect(r.change === 0n || r.change >= SHAPE.dustThreshold).toBe(true)
        for (const c of r.selected) expect(effective(c, k.feeRate) > 0n).toBe(true)
        if (r.algorithm === 'bnb') {
          expect(r.change).toBe(0n)
          const costOfChange = k.feeRate * BigInt(SHAPE.changeOutputSize + SHAPE.changeSpendSize)
          expect(r.fee - k.feeRate * BigInt(size) <= costOfChange).toBe(true)
        } else if (r.change > 0n) expect(r.fee).toBe(k.feeRate * BigInt(size))
      }),
      { numRuns: 400, seed: 7 },
    )
  })

  it('fails with INSUFFICIENT_FUNDS exactly when the economical coins cannot pay', () => {
    fc.assert(
      fc.property(caseArb, (k) => {
        const spendable = k.coins
          .map((c) => effective(c, k.feeRate))
          .filter((v) => v > 0n)
          .reduce((s, v) => s + v, 0n)
        const need = k.target + k.feeRate * BigInt(SHAPE.baseSize)
        try {
          run(k)
          expect(spendable >= need).toBe(true)
        } catch (e) {
          expect(e).toBeInstanceOf(CoinSelectionError)
          const err = e as CoinSelectionError
          expect(err.code).toBe('INSUFFICIENT_FUNDS')
          expect(spendable < need).toBe(true)
          expect(err.details.available).toBe(k.coins.reduce((s, c) => s + c.amount, 0n))
          // Spending every economical coin would need its amounts plus the shortfall.
          const eligibleAmounts = k.coins
            .filter((c) => effective(c, k.feeRate) > 0n)
            .reduce((s, c) => s + c.amount, 0n)
          expect(err.details.needed).toBe(eligibleAmounts + need - spendable)
        }
      }),
      { numRuns: 300, seed: 11 },
    )
  })

  it('is deterministic given the injected randomness', () => {
    fc.assert(
      fc.property(caseArb, (k) => {
        const once = () => {
          try {
            const r = run(k)
            return { ids: r.selected.map((c) => c.id), algorithm: r.algorithm, change: r.change }
          } catch (e) {
            return (e as CoinSelectionError).code
          }
        }
        expect(once()).toEqual(once())
      }),
      { numRuns: 200, seed: 3 },
    )
  })

  it('branch-and-bound finds a changeless set whenever one exists (brute force on small sets)', () => {
    const small = fc.record({
      values: fc.array(fc.bigInt({ min: 1n, max: 2_000n }), { minLength: 1, maxLength: 10 }),
      target: fc.bigInt({ min: 1n, max: 8_000n }),
      costOfChange: fc.bigInt({ min: 0n, max: 300n }),
    })
    fc.assert(
      fc.property(small, ({ values, target, costOfChange }) => {
        const sorted = [...values].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))
        let exists = false
        let bestExcess: bigint | undefined
        for (let mask = 1; mask < 1 << sorted.length; mask++) {
          let sum = 0n
          for (let i = 0; i < sorted.length; i++) if (mask & (1 << i)) sum += sorted[i]!
          if (sum >= target && sum <= target + costOfChange) {
            exists = true
            if (bestExcess === undefined || sum - target < bestExcess) bestExcess = sum - target
          }
        }
        const found = branchAndBound({ values: sorted, target, costOfChange, maxInputs: 100 })
        expect(found !== undefined).toBe(exists)
        if (found) {
          const sum = found.reduce((s, i) => s + sorted[i]!, 0n)
          expect(sum - target).toBe(bestExcess)
        }
      }),
      { numRuns: 500, seed: 5 },
    )
  })
})

describe('selectCoins cases', () => {
  const coin = (id: number, amount: bigint): Coin => ({ id, amount, inputSize: 100 })

  it('an exact match is changeless (BnB)', () => {
    const r = selectCoins({
      ...SHAPE,
      coins: [coin(0, 50_000n), coin(1, 10_160n), coin(2, 70_000n)],
      target: 10_000n,
      feeRate: 1n,
    })
    expect(r.algorithm).toBe('bnb')
    expect(r.selected.map((c) => c.id)).toEqual([1])
    expect(r.change).toBe(0n)
    expect(r.fee).toBe(160n)
  })

  it('falls back to change of at least the dust threshold when no changeless set exists', () => {
    const r = selectCoins({
      ...SHAPE,
      coins: [coin(0, 100_000n), coin(1, 30_000n)],
      target: 20_000n,
      feeRate: 2n,
      random: seededRandom(1),
    })
    expect(r.algorithm).toBe('knapsack')
    expect(r.selected.map((c) => c.id)).toEqual([1])
    expect(r.change).toBe(30_000n - 20_000n - 2n * BigInt(60 + 100 + 41))
  })

  it('leaves a sub-dust remainder to the fee rather than making dust', () => {
    const r = selectCoins({
      ...SHAPE,
      coins: [coin(0, 10_700n)],
      target: 10_000n,
      feeRate: 1n,
      dustThreshold: 546n,
    })
    expect(r.change).toBe(0n)
    expect(r.fee).toBe(700n)
  })

  it('skips coins worth less than their input fee', () => {
    const dustCoin = coin(0, 150n)
    expect(() => selectCoins({ ...SHAPE, coins: [dustCoin], target: 546n, feeRate: 2n })).toThrow(
      CoinSelectionError,
    )
  })

  it('INSUFFICIENT_FUNDS carries available and needed', () => {
    try {
      selectCoins({
        ...SHAPE,
        coins: [coin(0, 1_000n), coin(1, 2_000n)],
        target: 5_000n,
        feeRate: 1n,
      })
      expect.unreachable()
    } catch (e) {
      expect((e as CoinSelectionError).code).toBe('INSUFFICIENT_FUNDS')
      expect((e as CoinSelectionError).details).toEqual({
        available: 3_000n,
        needed: 5_000n + 60n + 200n,
      })
    }
  })

  it('TOO_MANY_INPUTS when only more coins than allowed would pay', () => {
    const coins = Array.from({ length: 10 }, (_, i) => coin(i, 1_000n))
    try {
      selectCoins({ ...SHAPE, coins, target: 5_000n, feeRate: 1n, maxInputs: 3 })
      expect.unreachable()
    } catch (e) {
      expect((e as CoinSelectionError).code).toBe('TOO_MANY_INPUTS')
    }
  })
})
