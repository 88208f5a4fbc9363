import { COIN, computeTxid, DEVNET, type OutPoint, toHex } from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LightClient } from '../../src/client/types.js'
import { buildTransaction } from '../../src/wallet/buildTransaction.js'
import { TrackingError } from '../../src/wallet/paymentErrors.js'
import { preparePayment } from '../../src/wallet/preparePayment.js'
import { sendPayment } from '../../src/wallet/sendPayment.js'
import { trackTransaction } from '../../src/wallet/trackTransaction.js'
import { type PaymentWorld, startPaymentWorld } from './paymentSetup.js'
import { ManualTimer } from './walletFixtures.js'

let w: PaymentWorld
/** The client with its head subscriptions counted (to see trackers clean up). */
let client: LightClient
let watching = 0
/** Coins of payments still in the nodes' pools. */
const unsettled: OutPoint[] = []

beforeAll(async () => {
  w = await startPaymentWorld()
  client = Object.create(w.client, {
    watchHeads: {
      value: (p: Parameters<LightClient['watchHeads']>[0]) => {
        watching++
        const unwatch = w.client.watchHeads(p)
        return () => {
          watching--
          unwatch()
        }
      },
    },
  }) as LightClient
}, 60_000)

afterAll(async () => {
  await w?.stop()
})

async function caught(p: Promise<unknown>): Promise<TrackingError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(TrackingError)
  return e as TrackingError
}

/** A payment of `amount` to the recipient at the floor rate, sent. */
async function sendSmall(amount: bigint, exclude: readonly OutPoint[] = []) {
  const to = (await w.recipient.receiveAddress()).address
  const prepared = await preparePayment({
    client,
    wallet: w.sender,
    outputs: [{ address: to, amount }],
    feeRate: 1n,
    excludeOutpoints: exclude,
  })
  return { prepared, sent: await sendPayment({ client, wallet: w.sender, prepared }) }
}

describe('tracking against real full nodes', () => {
  it('a fee bump that spends the same coin confirms: the first is reported replaced', async () => {
    const { prepared, sent } = await sendSmall(COIN)
    const tracker = trackTransaction({ client, tx: sent.tx, fee: prepared.fee })
    expect(watching).toBe(1)
    await tracker.wait({ until: 'pending' })
    // The same payment from the same coins at 50× the rate (the nodes replace it: full RBF).
    const change = await w.sender.changeAddress()
    const bump = buildTransaction({
      utxos: prepared.inputs,
      outputs: [{ address: (await w.recipient.receiveAddress()).address, amount: COIN }],
      change: { address: change.address, policy: change.policy },
      feeRate: 50n,
      params: DEVNET,
    })
    const signed = w.sender.signTransaction({ tx: bump.tx, spent: bump.spent })
    const bumped = await client.sendTransaction({ tx: signed })
    expect(w.a.node.mempool.has(sent.txid)).toBe(false)
    // Observed at once: the wait fails while the block is still being mined.
    const failed = caught(tracker.wait({ until: 'confirmed' }))
    await w.mine([signed])
    const err = await failed
    expect(err.code).toBe('REPLACED')
    const state = tracker.current()
    expect(state).toMatchObject({
      state: 'replaced',
      reason: 'INPUT_SPENT',
      replacedBy: {
        txid: toHex(bumped.txid),
        block: { height: w.a.node.chain.tip().height, hash: toHex(w.a.node.chain.tip().hash) },
        verification: { status: 'verified' },
      },
    })
    expect(watching).toBe(0) // a final state ends the head subscription
    await caught(tracker.wait({ until: 'pending' })) // already impossible: REPLACED at once
  })

  it('unconfirmed past expireAfterMs with its coins unspent → dropped EXPIRED', async () => {
    let now = 0
    const { sent } = await sendSmall(COIN / 4n)
    // Still in the nodes' pools: its coins stay out of the next payment.
    unsettled.push(...sent.spentOutpoints)
    const tracker = trackTransaction({ client, tx: sent.tx, now: () => now, expireAfterMs: 60_000 })
    await tracker.wait({ until: 'pending' })
    now = 60_001
    // Observed at once: the wait may fail while the block is still being mined.
    const failed = caught(tracker.wait())
    await w.mine() // a block without it: the next check finds it expired
    const err = await failed
    expect(err).toMatchObject({ code: 'DROPPED', details: { reason: 'EXPIRED' } })
    expect(tracker.current()).toMatchObject({
      state: 'dropped',
      reason: 'EXPIRED',
      updatedAt: 60_001,
    })
    expect(watching).toBe(0)
  })

  it('waits time out (TIMEOUT), abort (ABORTED), and stop fails them (STOPPED) and unsubscribes', async () => {
    const timer = new ManualTimer()
    const { sent } = await sendSmall(COIN / 8n, unsettled)
    const tracker = trackTransaction({ client, tx: sent.tx, timer })
    expect(tracker.txid).toBe(toHex(computeTxid(sent.tx)))
    expect(tracker.inputs).toEqual(sent.spentOutpoints)
    await tracker.refresh()
    expect(tracker.current().state).toBe('pending')
    const timedOut = tracker.wait({ until: 'final', timeoutMs: 30_000 })
    expect([...timer.pending.values()].map((t) => t.ms)).toEqual([30_000])
    timer.fireAll()
    expect(await caught(timedOut)).toMatchObject({ code: 'TIMEOUT' })
    const controller = new AbortController()
    const aborted = tracker.wait({ signal: controller.signal })
    controller.abort()
    expect((await caught(aborted)).code).toBe('ABORTED')
    const stopped = tracker.wait({ until: 'confirmed' })
    expect(watching).toBe(1)
    tracker.stop()
    expect((await caught(stopped)).code).toBe('STOPPED')
    expect((await caught(tracker.wait())).code).toBe('STOPPED')
    expect(watching).toBe(0)
    expect(timer.pending.size).toBe(0)
  })
})
