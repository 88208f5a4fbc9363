import { DEVNET, MAINNET } from '@supernova/protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { NetworkError } from '../../src/network/errors.js'
import type { GetFeeEstimateParameters } from '../../src/network/getFeeEstimate.js'
import type { NetworkPeer } from '../../src/network/types.js'
import {
  DEFAULT_MAX_FEE_RATE,
  estimateFees,
  type FeeEstimateNetwork,
  median,
} from '../../src/wallet/feeChoice.js'
import { PaymentError } from '../../src/wallet/paymentErrors.js'

/** Per peer: its floor, and its rate per target (or an error code). */
type Advice = { floor: bigint; rates: (target: number) => bigint | 'TIMEOUT' }

/**
 * The two calls estimateFees makes, answered from a table: peer ids, scores and each peer's
 * advice. Records every request so tests can see who was asked what.
 */
function adviceNetwork(advice: Record<string, Advice>, scores: Record<string, number> = {}) {
  const asked: GetFeeEstimateParameters[] = []
  const peer = (id: string): NetworkPeer => ({
    id,
    address: `/memory/${id}`,
    transport: 'websockets',
    status: undefined,
    statusAt: undefined,
    latencyMs: 1,
    score: scores[id] ?? 0,
    connectedAt: 0,
  })
  const network: FeeEstimateNetwork = {
    peers: () => Object.keys(advice).map(peer),
    async getFeeEstimate(q) {
      asked.push(q)
      const a = advice[q.peer!]!
      const rate = a.rates(q.targetBlocks)
      if (rate === 'TIMEOUT')
        throw new NetworkError({ code: 'TIMEOUT', message: 'slow', peer: q.peer! })
      return {
        peer: q.peer!,
        targetBlocks: q.targetBlocks,
        feeRate: rate < a.floor ? a.floor : rate,
        minFeeRate: a.floor,
        tipHeight: 10,
        samples: 5,
      }
    },
  }
  return { network, asked }
}

/** An honest node: 40 units/byte within 1 block, 20 within 6, 5 beyond. */
const honest: Advice = { floor: 1n, rates: (t) => (t <= 1 ? 40n : t <= 6 ? 20n : 5n) }

describe('median', () => {
  it('is the middle value, or the rounded-up mean of the middle two', () => {
    expect(median([])).toBeUndefined()
    expect(median([7n])).toBe(7n)
    expect(median([9n, 1n, 5n])).toBe(5n)
    expect(median([1n, 4n])).toBe(3n)
    expect(median([4n, 1n, 10n, 2n])).toBe(3n)
  })

  it('lies between the extremes and equals a strict majority’s common value', () => {
    const rate = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })
    fc.assert(
      fc.property(fc.array(rate, { minLength: 1, maxLength: 15 }), rate, (values, honestRate) => {
        const m = median(values)!
        expect(values.some((v) => v <= m) && values.some((v) => v >= m)).toBe(true)
        const majority = [...values, ...values.map(() => honestRate), honestRate]
        expect(median(majority)).toBe(honestRate)
      }),
      { numRuns: 200 },
    )
  })
})

describe('estimateFees', () => {
  it('asks each peer for every target; one lying peer among three moves nothing', async () => {
    const liar: Advice = { floor: 1n, rates: () => 9_000n }
    const { network, asked } = adviceNetwork({ a: honest, b: honest, liar })
    const fees = await estimateFees({ network, params: DEVNET })
    expect(fees.fast).toEqual({
      speed: 'fast',
      targetBlocks: 1,
      feeRate: 40n,
      expectedWaitMs: 1_000,
      median: 40n,
      clamped: 'none',
    })
    expect([fees.normal.feeRate, fees.slow.feeRate]).toEqual([20n, 5n])
    expect(fees.slow).toMatchObject({ targetBlocks: 24, expectedWaitMs: 24_000 })
    expect(asked.map((q) => `${q.peer}:${q.targetBlocks}`).sort()).toEqual(
      ['a:1', 'a:24', 'a:6', 'b:1', 'b:24', 'b:6', 'liar:1', 'liar:24', 'liar:6'].sort(),
    )
    expect(fees.answers).toHaveLength(9)
    expect(fees).toMatchObject({
      minFeeRate: 1n,
      maxFeeRate: DEFAULT_MAX_FEE_RATE,
      floorOnly: false,
    })
  })

  it('clamps to the cap and to the floor (the chain’s, or the peers’ median floor)', async () => {
    const greedy: Advice = { floor: 1n, rates: () => 50_000n }
    const capped = await estimateFees({
      network: adviceNetwork({ a: greedy, b: greedy }).network,
      params: DEVNET,
      maxFeeRate: 100n,
    })
    expect(capped.fast).toMatchObject({ feeRate: 100n, median: 50_000n, clamped: 'cap' })
    const full: Advice = { floor: 30n, rates: () => 2n }
    const floored = await estimateFees({
      network: adviceNetwork({ a: full, b: full, c: honest }).network,
      params: DEVNET,
    })
    // Floors 30, 30, 1 → 30: two of three nodes would refuse less.
    expect(floored.minFeeRate).toBe(30n)
    expect(floored.slow).toMatchObject({ feeRate: 30n, median: 30n, clamped: 'none' })
    expect(floored.fast).toMatchObject({ feeRate: 30n, clamped: 'none' })
    // A floor above the cap is cut to the cap too.
    const capFloor = await estimateFees({
      network: adviceNetwork({ a: full }).network,
      params: DEVNET,
      maxFeeRate: 10n,
    })
    expect(capFloor.minFeeRate).toBe(10n)
    expect(capFloor.fast.feeRate).toBe(10n)
  })

  it('slower choices never cost more than faster ones', async () => {
    const odd: Advice = { floor: 1n, rates: (t) => (t === 1 ? 10n : t === 6 ? 30n : 50n) }
    const fees = await estimateFees({ network: adviceNetwork({ a: odd }).network, params: DEVNET })
    expect([fees.fast.feeRate, fees.normal.feeRate, fees.slow.feeRate]).toEqual([10n, 10n, 10n])
    expect(fees.slow).toMatchObject({ median: 50n, clamped: 'cap' })
  })

  it('asks the best-scored peers first, up to maxPeers, with the caller’s targets', async () => {
    const { network, asked } = adviceNetwork(
      { low: honest, mid: honest, top: honest },
      { low: -50, mid: -5, top: 0 },
    )
    const fees = await estimateFees({
      network,
      params: MAINNET,
      maxPeers: 2,
      targets: { normal: 3 },
    })
    expect(new Set(asked.map((q) => q.peer))).toEqual(new Set(['top', 'mid']))
    expect(fees.normal).toMatchObject({ targetBlocks: 3, feeRate: 20n, expectedWaitMs: 15_000 })
  })

  it('a failing peer is listed; the others decide', async () => {
    const slow: Advice = { floor: 1n, rates: () => 'TIMEOUT' }
    const fees = await estimateFees({
      network: adviceNetwork({ a: honest, slow }).network,
      params: DEVNET,
    })
    expect(fees.fast.feeRate).toBe(40n)
    expect(fees.failures.map((f) => [f.peer, f.speed, f.error.code])).toEqual([
      ['slow', 'fast', 'TIMEOUT'],
      ['slow', 'normal', 'TIMEOUT'],
      ['slow', 'slow', 'TIMEOUT'],
    ])
  })

  it('no peer, or no answer at all → NO_FEE_ESTIMATE; bad options → RangeError', async () => {
    const none = estimateFees({ network: adviceNetwork({}).network, params: DEVNET })
    await expect(none).rejects.toMatchObject({ name: 'PaymentError', code: 'NO_FEE_ESTIMATE' })
    const slow: Advice = { floor: 1n, rates: () => 'TIMEOUT' }
    const err = await estimateFees({ network: adviceNetwork({ slow }).network, params: DEVNET })
      .then(() => undefined)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PaymentError)
    expect((err as PaymentError).details.failures).toHaveLength(3)
    const network = adviceNetwork({ a: honest }).network
    for (const bad of [
      { targets: { fast: 0 } },
      { targets: { slow: 1009 } },
      { maxPeers: 17 },
      { maxPeers: 0 },
      { maxFeeRate: 0n },
    ])
      await expect(estimateFees({ network, params: DEVNET, ...bad })).rejects.toThrow(RangeError)
  })
})
