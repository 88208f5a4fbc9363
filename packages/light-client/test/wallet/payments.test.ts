import { COIN, computeTxid, DEVNET, toHex } from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CoinSelectionError, WalletError } from '../../src/wallet/errors.js'
import { type EstimateFeesReturnType, estimateFees, median } from '../../src/wallet/feeChoice.js'
import { PaymentError } from '../../src/wallet/paymentErrors.js'
import { preparePayment } from '../../src/wallet/preparePayment.js'
import { sendPayment } from '../../src/wallet/sendPayment.js'
import { type TrackedTransaction, trackTransaction } from '../../src/wallet/trackTransaction.js'
import { PASSWORD, type PaymentWorld, startPaymentWorld } from './paymentSetup.js'

let w: PaymentWorld
let fees: EstimateFeesReturnType

beforeAll(async () => {
  w = await startPaymentWorld()
}, 60_000)

afterAll(async () => {
  await w?.stop()
})

async function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  )
}

describe('wallet payments against real full nodes', () => {
  it('fee choices: the median of every node’s real estimate, per target', async () => {
    fees = await estimateFees({ network: w.net, params: DEVNET })
    const nodes = new Map([
      [w.a.node.network.peerId(), w.a],
      [w.b.node.network.peerId(), w.b],
    ])
    expect(new Set(fees.answers.map((x) => x.peer))).toEqual(new Set(nodes.keys()))
    for (const speed of ['fast', 'normal', 'slow'] as const) {
      const { targetBlocks } = fees[speed]
      const answers = fees.answers.filter((x) => x.targetBlocks === targetBlocks)
      for (const x of answers)
        expect(x.feeRate).toBe(nodes.get(x.peer)!.node.mempool.estimateFee(targetBlocks).feeRate)
      expect(fees[speed].median).toBe(median(answers.map((x) => x.feeRate)))
    }
    // A saw the seeding payments confirm (≈ 200 units/byte), B did not (its floor, 1).
    expect(w.a.node.mempool.estimateFee(1).feeRate).toBeGreaterThan(100n)
    expect(w.b.node.mempool.estimateFee(1).feeRate).toBe(1n)
    expect(fees.fast.feeRate).toBeGreaterThan(50n)
    expect(fees).toMatchObject({ minFeeRate: 1n, floorOnly: false, failures: [] })
  })

  it('more than the wallet holds → CoinSelectionError INSUFFICIENT_FUNDS', async () => {
    const to = (await w.recipient.receiveAddress()).address
    const err = await caught(
      preparePayment({
        client: w.client,
        wallet: w.sender,
        outputs: [{ address: to, amount: 14n * COIN }],
        feeRate: fees.normal.feeRate,
      }),
    )
    expect(err).toBeInstanceOf(CoinSelectionError)
    expect(err).toMatchObject({ code: 'INSUFFICIENT_FUNDS' })
    const { available, needed } = (err as CoinSelectionError).details as Record<string, bigint>
    expect(available).toBe(13n * COIN)
    expect(needed).toBeGreaterThan(14n * COIN)
  })

  it('a fee rate above the cap is refused before anything is fetched', async () => {
    const to = (await w.recipient.receiveAddress()).address
    const err = await caught(
      preparePayment({
        client: w.client,
        wallet: w.sender,
        outputs: [{ address: to, amount: COIN }],
        feeRate: 20_000n,
      }),
    )
    expect(err).toBeInstanceOf(PaymentError)
    expect(err).toMatchObject({ code: 'FEE_RATE_TOO_HIGH' })
  })

  it('sends to a second wallet and tracks it until confirmed, deeper, then final', async () => {
    const to = await w.recipient.receiveAddress()
    const prepared = await preparePayment({
      client: w.client,
      wallet: w.sender,
      outputs: [{ address: to.address, amount: 2n * COIN }],
      feeRate: fees.normal.feeRate,
    })
    // The review screen: decoded outputs, exact size, fee at the chosen rate.
    const paid = prepared.outputs.filter((o) => !o.change)
    expect(paid).toEqual([
      {
        vout: paid[0]!.vout,
        address: to.address,
        amount: 2n * COIN,
        lock: to.lock,
        change: false,
        own: false,
      },
    ])
    const change = prepared.outputs.find((o) => o.change)!
    expect(change).toMatchObject({ own: true, address: prepared.change!.address })
    expect(prepared.amount).toBe(2n * COIN)
    expect(prepared.fee).toBeGreaterThanOrEqual(prepared.feeRate * BigInt(prepared.size))
    const spentTotal = prepared.inputs.reduce((s, u) => s + u.amount, 0n)
    expect(spentTotal).toBe(2n * COIN + change.amount + prepared.fee)
    expect(prepared.verification).toMatchObject({ status: 'verified', header: { height: 13 } })
    const fundingIds = w.funding.map((tx) => toHex(computeTxid(tx)))
    for (const u of prepared.inputs) expect(fundingIds).toContain(toHex(u.outpoint.txid))

    // Locked: nothing is signed or sent.
    w.sender.lock()
    const locked = await caught(sendPayment({ client: w.client, wallet: w.sender, prepared }))
    expect(locked).toBeInstanceOf(WalletError)
    expect(locked).toMatchObject({ code: 'WALLET_LOCKED' })
    expect(w.a.node.mempool.size).toBe(0)

    await w.sender.unlock({ password: PASSWORD })
    const nextChange = w.sender.accounts()[0]!.nextChange
    const sent = await sendPayment({ client: w.client, wallet: w.sender, prepared })
    expect(sent.tracked).toMatchObject({
      state: 'broadcast',
      fee: prepared.fee,
      size: prepared.size,
    })
    expect(w.a.node.mempool.has(sent.txid)).toBe(true)
    expect(w.b.node.mempool.has(sent.txid)).toBe(true)
    expect(sent.markedUsed).toContain(prepared.change!.address)
    expect(w.sender.accounts()[0]!.nextChange).toBe(nextChange + 1)
    expect(sent.spentOutpoints).toEqual(prepared.inputs.map((u) => u.outpoint))

    // The same transaction again: the nodes already hold it.
    const again = await caught(sendPayment({ client: w.client, wallet: w.sender, prepared }))
    expect(again).toBeInstanceOf(PaymentError)
    expect(again).toMatchObject({ code: 'REJECTED', details: { reason: 'ALREADY_KNOWN' } })

    const updates: TrackedTransaction[] = []
    const tracker = trackTransaction({
      client: w.client,
      tx: sent.tx,
      fee: prepared.fee,
      finalConfirmations: 3,
      onUpdate: (t) => updates.push(t),
    })
    expect((await tracker.wait({ until: 'pending' })).state).toBe('pending')
    await w.mine([w.a.node.mempool.get(sent.txid)!.tx])
    const confirmed = await tracker.wait({ until: 'confirmed' })
    expect(confirmed).toMatchObject({
      state: 'confirmed',
      confirmations: 1,
      block: { height: 14, hash: toHex(w.a.node.chain.tip().hash) },
      verification: { status: 'verified', depth: 0, header: { height: 14 } },
    })
    await w.mine()
    const deeper = await tracker.wait({ confirmations: 2 })
    expect(deeper).toMatchObject({ confirmations: 2, verification: { depth: 1 } })
    await w.mine()
    expect(await tracker.wait({ until: 'final' })).toMatchObject({
      state: 'final',
      confirmations: 3,
    })
    expect(updates.map((u) => [u.state, u.confirmations])).toEqual([
      ['pending', undefined],
      ['confirmed', 1],
      ['confirmed', 2],
      ['final', 3],
    ])
    tracker.stop()
    const balance = await w.client.getBalance({ address: to.address })
    expect(balance.total).toBe(2n * COIN)
    const changeBalance = await w.client.getBalance({ address: change.address })
    expect(changeBalance.total).toBe(change.amount)
  })

  it('a pending payment’s coins can be kept out of the next one', async () => {
    const to = (await w.recipient.receiveAddress()).address
    const first = await preparePayment({
      client: w.client,
      wallet: w.sender,
      outputs: [{ address: to, amount: COIN / 2n }],
      feeRate: fees.slow.feeRate,
    })
    const second = await preparePayment({
      client: w.client,
      wallet: w.sender,
      outputs: [{ address: to, amount: COIN / 2n }],
      feeRate: fees.slow.feeRate,
      excludeOutpoints: first.inputs.map((u) => u.outpoint),
    })
    const keys = new Set(first.inputs.map((u) => `${toHex(u.outpoint.txid)}:${u.outpoint.vout}`))
    for (const u of second.inputs)
      expect(keys.has(`${toHex(u.outpoint.txid)}:${u.outpoint.vout}`)).toBe(false)
  })
})
