import { computeTxid, toHex } from '@supernova/protocol'
import { beforeAll, describe, expect, it } from 'vitest'
import type { MempoolError } from '../../src/mempool/errors.js'
import type { RemovalReason } from '../../src/mempool/types.js'
import {
  alice,
  bob,
  type Coin,
  carol,
  createTestChain,
  fundCoins,
  outputsOf,
  pay,
  payAtRate,
  sizeOf,
  startMempool,
  type TestChain,
} from './helpers.js'

const id = (tx: Parameters<typeof computeTxid>[0]) => toHex(computeTxid(tx))

describe('replace-by-fee', () => {
  let chain: TestChain
  let coins: Coin[]
  const next = () => coins.shift()!

  beforeAll(async () => {
    chain = await createTestChain()
    coins = await fundCoins(chain, alice, 20)
  })

  it('a replacement paying for everything it evicts replaces the conflict and its descendants', async () => {
    const { mempool } = await startMempool(chain)
    const removed: [string, RemovalReason][] = []
    mempool.on('removed', ({ entry, reason }) => removed.push([entry.id, reason]))
    const x = next()
    const original = payAtRate([x], bob, 2n)
    const child = payAtRate(outputsOf(original, bob), carol, 2n)
    await mempool.add(original)
    await mempool.add(child)
    const replacedFees =
      mempool.get(computeTxid(original))!.fee + mempool.get(computeTxid(child))!.fee

    const replacement = pay([x], carol, replacedFees + 200n)
    const r = await mempool.add(replacement)
    expect(r.replaced.map(toHex).sort()).toEqual([id(original), id(child)].sort())
    expect(removed.sort()).toEqual(
      [
        [id(original), 'replaced'],
        [id(child), 'replaced'],
      ].sort(),
    )
    expect(mempool.size).toBe(1)
    expect(mempool.has(computeTxid(replacement))).toBe(true)
    await mempool.stop()
  })

  it('rejects a replacement that does not also pay minFeeRate × its own size on top', async () => {
    const { mempool } = await startMempool(chain)
    const x = next()
    const original = payAtRate([x], bob, 2n)
    await mempool.add(original)
    const fee = mempool.get(computeTxid(original))!.fee
    // More than the original, but less than fee + 1/byte × own size.
    const cheap = pay([x], carol, fee + 10n)
    const err = (await mempool.add(cheap).catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('REPLACEMENT_FEE_TOO_LOW')
    expect(err.details.conflict).toBe(id(original))
    expect(err.details.required).toBe((fee + BigInt(sizeOf(cheap))).toString())
    expect(mempool.has(computeTxid(original))).toBe(true)
    const enough = pay([x], carol, fee + BigInt(sizeOf(cheap)))
    await mempool.add(enough)
    expect(mempool.has(computeTxid(original))).toBe(false)
    await mempool.stop()
  })

  it('rejects a replacement with a higher absolute fee but a lower fee rate', async () => {
    const { mempool } = await startMempool(chain)
    const x = next()
    const original = payAtRate([x], bob, 20n)
    await mempool.add(original)
    const fee = mempool.get(computeTxid(original))!.fee
    // Two inputs: about twice the size, 1.4× the fee: absolute rule met, rate rule not.
    const bigger = pay([x, next()], carol, (fee * 14n) / 10n)
    expect((fee * 14n) / 10n > fee + BigInt(sizeOf(bigger))).toBe(true)
    const err = (await mempool.add(bigger).catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('REPLACEMENT_FEE_TOO_LOW')
    expect(err.details.outbid).toBe(id(original))
    await mempool.stop()
  })

  it('rejects a replacement evicting more than maxReplacements transactions (DOUBLE_SPEND)', async () => {
    const { mempool } = await startMempool(chain, { maxReplacements: 3 })
    const spent = [next(), next(), next(), next()]
    for (const c of spent) await mempool.add(payAtRate([c], bob, 2n))
    const err = (await mempool
      .add(pay(spent, carol, 1_000_000n))
      .catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('DOUBLE_SPEND')
    expect(err.details.replaced).toBe(4)
    expect((err.details.conflicts as string[]).length).toBe(4)
    // Three is within the limit.
    await mempool.add(pay(spent.slice(0, 3), carol, 1_000_000n))
    expect(mempool.size).toBe(2)
    await mempool.stop()
  })
})
