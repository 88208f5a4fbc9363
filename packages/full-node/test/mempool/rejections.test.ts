import { coinbaseOutputs, createCoinbase, toHex, ValidationError } from '@supernova/protocol'
import { beforeAll, describe, expect, it } from 'vitest'
import { MempoolError } from '../../src/mempool/errors.js'
import {
  alice,
  bob,
  type Coin,
  codeOf,
  createTestChain,
  fundCoins,
  miner,
  outputsOf,
  pay,
  payAtRate,
  spend,
  startMempool,
  type TestChain,
} from './helpers.js'

describe('mempool rejections (one per code)', () => {
  let chain: TestChain
  let coins: Coin[]
  const next = () => coins.shift()!

  beforeAll(async () => {
    chain = await createTestChain()
    coins = await fundCoins(chain, alice, 40)
  })

  it('ALREADY_KNOWN: in the pool, or confirmed', async () => {
    const { mempool } = await startMempool(chain)
    const tx = pay([next()], bob, 10_000n)
    await mempool.add(tx)
    expect(await codeOf(mempool.add(tx))).toBe('ALREADY_KNOWN')
    const confirmed = pay([next()], bob, 10_000n)
    await chain.mine([confirmed])
    expect(await codeOf(mempool.add(confirmed))).toBe('ALREADY_KNOWN')
    await mempool.stop()
  })

  it('INVALID: wraps the ValidationError (bad signature, outputs above inputs, dust)', async () => {
    const { mempool } = await startMempool(chain)
    const good = pay([next()], bob, 10_000n)
    const sig = good.witnesses[0]!.satisfaction as { type: 'signature'; signature: Uint8Array }
    const forged = sig.signature.slice()
    forged[0]! ^= 1
    const bad = {
      ...good,
      witnesses: [
        { ...good.witnesses[0]!, satisfaction: { type: 'signature' as const, signature: forged } },
      ],
    }
    const err = await mempool.add(bad).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MempoolError)
    expect((err as MempoolError).code).toBe('INVALID')
    expect((err as MempoolError).details.validationCode).toBe('TX_BAD_SIGNATURE')
    expect((err as MempoolError).cause).toBeInstanceOf(ValidationError)
    expect((err as MempoolError).peerAction).toBe('penalize')

    const c = next()
    const overspend = spend([c], [{ amount: c.entry.amount + 1n, lock: bob.lock }])
    const e2 = (await mempool.add(overspend).catch((e: unknown) => e)) as MempoolError
    expect([e2.code, e2.details.validationCode]).toEqual(['INVALID', 'TX_INPUTS_BELOW_OUTPUTS'])

    // A lock not yet met is INVALID now, but no fault of the relaying peer.
    const early = pay([next()], bob, 10_000n, 1, {
      locktime: chain.tip().height + 5,
      sequence: 0xffff_fffe,
    })
    const e4 = (await mempool.add(early).catch((e: unknown) => e)) as MempoolError
    expect([e4.code, e4.details.validationCode, e4.peerAction]).toEqual([
      'INVALID',
      'TX_NOT_FINAL',
      'ignore',
    ])

    const dust = spend([next()], [{ amount: 1n, lock: bob.lock }])
    const e3 = (await mempool.add(dust).catch((e: unknown) => e)) as MempoolError
    expect([e3.code, e3.details.validationCode]).toEqual(['INVALID', 'TX_OUTPUT_DUST'])
    expect(mempool.size).toBe(0)
    await mempool.stop()
  })

  it('COINBASE', async () => {
    const { mempool } = await startMempool(chain)
    const height = chain.tip().height + 1
    const cb = createCoinbase({
      height,
      outputs: coinbaseOutputs({ params: chain.params, height, fees: 0n, rewardLock: miner.lock }),
    })
    const err = (await mempool.add(cb).catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('COINBASE')
    expect(err.peerAction).toBe('penalize')
    await mempool.stop()
  })

  it('DOUBLE_SPEND: a conflict that spends an output of the transaction it would replace', async () => {
    const { mempool } = await startMempool(chain)
    const c = next()
    const first = pay([c], alice, 10_000n)
    await mempool.add(first)
    const child = outputsOf(first, alice)[0]!
    const both = pay([c, child], bob, 1_000_000n)
    const err = (await mempool.add(both).catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('DOUBLE_SPEND')
    expect(err.details.conflict).toBe(toHex(outputsOf(first, alice)[0]!.outpoint.txid))
    expect(err.peerAction).toBe('ignore')
    expect(mempool.size).toBe(1)
    await mempool.stop()
  })

  it('FEE_TOO_LOW: below minFeeRate', async () => {
    const { mempool } = await startMempool(chain, { minFeeRate: 2n })
    expect(await codeOf(mempool.add(payAtRate([next()], bob, 1n)))).toBe('FEE_TOO_LOW')
    expect(await codeOf(mempool.add(pay([next()], bob, 0n)))).toBe('FEE_TOO_LOW')
    await mempool.add(payAtRate([next()], bob, 2n))
    await mempool.stop()
  })

  it('POOL_FULL: the newcomer pays less than anything it could evict', async () => {
    const { mempool } = await startMempool(chain, { maxTransactions: 2 })
    await mempool.add(payAtRate([next()], bob, 5n))
    await mempool.add(payAtRate([next()], bob, 6n))
    const err = (await mempool
      .add(payAtRate([next()], bob, 4n))
      .catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('POOL_FULL')
    expect(err.details.lowestFeeRate).toBe(5)
    expect(mempool.size).toBe(2)
    await mempool.stop()
  })

  it('TOO_MANY_ANCESTORS and TOO_MANY_DESCENDANTS', async () => {
    const { mempool } = await startMempool(chain, { maxAncestors: 3, maxDescendants: 3 })
    const a = pay([next()], alice, 10_000n, 4)
    const b = pay(outputsOf(a, alice).slice(0, 1), alice, 10_000n)
    const c = pay(outputsOf(b, alice), alice, 10_000n)
    const d = pay(outputsOf(c, alice), alice, 10_000n)
    await mempool.add(a)
    await mempool.add(b)
    await mempool.add(c)
    expect(await codeOf(mempool.add(d))).toBe('TOO_MANY_ANCESTORS')
    // a has b and c below it: a third descendant breaks its limit of 3 (itself included).
    const sibling = pay(outputsOf(a, alice).slice(1, 2), alice, 10_000n)
    const err = (await mempool.add(sibling).catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('TOO_MANY_DESCENDANTS')
    expect(err.details.ancestor).toBe(toHex(outputsOf(a, alice)[0]!.outpoint.txid))
    await mempool.stop()
  })

  it('REPLACEMENT_FEE_TOO_LOW: a double spend paying the same fee', async () => {
    const { mempool } = await startMempool(chain)
    const c = next()
    const first = pay([c], bob, 10_000n)
    await mempool.add(first)
    const err = (await mempool
      .add(pay([c], alice, 10_000n))
      .catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('REPLACEMENT_FEE_TOO_LOW')
    expect(err.details.conflict).toBe(toHex(outputsOf(first, bob)[0]!.outpoint.txid))
    await mempool.stop()
  })

  it('MISSING_INPUTS: lists the unknown outpoints; no orphan is kept', async () => {
    const { mempool } = await startMempool(chain)
    const parent = pay([next()], alice, 10_000n)
    const orphan = pay(outputsOf(parent, alice), bob, 10_000n)
    const err = (await mempool.add(orphan).catch((e: unknown) => e)) as MempoolError
    expect(err.code).toBe('MISSING_INPUTS')
    expect(err.details.missing).toEqual([
      { txid: toHex(outputsOf(parent, alice)[0]!.outpoint.txid), vout: 0 },
    ])
    expect(mempool.size).toBe(0)
    await mempool.add(parent)
    await mempool.add(orphan)
    expect(mempool.size).toBe(2)
    await mempool.stop()
  })

  it('BUSY beyond maxPendingAdds; NOT_RUNNING before start and after stop', async () => {
    const { mempool } = await startMempool(chain, { maxPendingAdds: 2 })
    const txs = [next(), next(), next()].map((c) => pay([c], bob, 10_000n))
    const results = await Promise.allSettled(txs.map((t) => mempool.add(t)))
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected'])
    expect(((results[2] as PromiseRejectedResult).reason as MempoolError).code).toBe('BUSY')
    await mempool.stop()
    expect(await codeOf(mempool.add(pay([next()], bob, 10_000n)))).toBe('NOT_RUNNING')
  })
})
