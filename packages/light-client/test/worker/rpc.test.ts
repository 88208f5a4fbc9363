import {
  COIN,
  computeTxid,
  encodeAddress,
  hashHeader,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LightClientError } from '../../src/verify/errors.js'
import { LightClientWorkerError } from '../../src/worker/errors.js'
import { ALICE, BOB, FAUCET, TestChain } from '../verify/testChain.js'
import { failure, hosted, INIT } from './harness.js'

let main: TestChain
let toAlice: Transaction
const alice = encodeAddress({ network: 'devnet', lock: ALICE.lock })

beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(10)
  toAlice = main.pay(ALICE.lock, 5n * COIN, FAUCET)
  await main.mine(3, { transactions: [toAlice] })
})

let setup: ReturnType<typeof hosted> | undefined
afterEach(async () => {
  await setup?.close()
  setup = undefined
})

const lightClientError = async (p: Promise<unknown>): Promise<LightClientError> => {
  const e = await failure(p)
  expect(e).toBeInstanceOf(LightClientError)
  return e as LightClientError
}

describe('worker RPC: every LightClient method over a MessagePort', () => {
  it('answers each call with the verified value and its verification (bytes and bigints intact)', async () => {
    setup = hosted({ chain: main })
    const page = setup.connect()
    const info = await page.ready
    expect(info).toMatchObject({ mode: 'port', clientInstances: 1, sessions: 1 })
    await page.start()
    const synced = await page.waitForSync({ timeoutMs: 5_000 })
    expect(synced.tip).toMatchObject({ height: 13, hash: main.mc.tip.hash })
    expect(typeof synced.tip.cumulativeWork).toBe('bigint')
    expect((await page.getChainInfo()).peers.map((p) => p.id)).toEqual(['p'])

    const balance = await page.getBalance({ address: alice })
    expect(balance.total).toBe(1_000_000n * COIN + 5n * COIN)
    expect(balance.verification).toMatchObject({ status: 'verified', depth: 0 })
    expect(balance.verification.header.hash).toBeInstanceOf(Uint8Array)

    const tx = await page.getTransaction({ txid: toHex(computeTxid(toAlice)) })
    expect(tx).toMatchObject({ height: 11, verification: { header: { height: 11 }, depth: 2 } })
    expect(tx.txid).toEqual(computeTxid(toAlice))

    const byHeight = await page.getBlock({ height: 11 })
    const byHash = await page.getBlock({ hash: hashHeader(main.headers[11]!) })
    expect(byHash.hash).toEqual(byHeight.hash)
    expect(byHeight.block.transactions).toHaveLength(2)

    const utxos = await page.getUtxos({ address: ALICE.lock, limit: 10 })
    expect(utxos.utxos.map((u) => u.entry.amount).sort()).toEqual(
      [5n * COIN, 1_000_000n * COIN].sort(),
    )
    const coin = utxos.utxos[0]!.outpoint
    const outpoint = await page.getOutpoint({ outpoint: coin })
    expect(outpoint.entry?.amount).toBe(utxos.utxos[0]!.entry.amount)

    const progress: number[] = []
    const history = await page.getAddressHistory({
      address: alice,
      fromHeight: 1,
      onProgress: (p) => progress.push(p.height),
    })
    expect(history.entries.map((e) => [e.height, e.received])).toEqual([[11, 5n * COIN]])
    expect(history.verification.header.height).toBe(13)
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toBe(13)

    const sent = await page.sendTransaction({ tx: main.pay(BOB.lock, COIN, FAUCET) })
    expect(sent.txid).toHaveLength(32)
    expect(setup.fake.sent).toHaveLength(1)
    expect(page.network).toBe('devnet')
  })

  it('the mempool over the port: an unverified summary naming its node, NOT_FOUND for a pending txid', async () => {
    setup = hosted({ chain: main })
    const page = setup.connect()
    await page.start()
    await page.waitForSync()
    const summary = await page.getMempool()
    expect(summary).toMatchObject({ txCount: 0, tipHeight: 13, recent: [] })
    expect(summary.verification).toMatchObject({ status: 'unverified', peer: 'p' })
    expect(summary.histogram).toHaveLength(18)
    const pending = await lightClientError(
      page.getPendingTransaction({ txid: toHex(computeTxid(toAlice)) }),
    )
    expect(pending.code).toBe('NOT_FOUND')
    expect(pending.details).toMatchObject({ failures: [{ peer: 'p', code: 'NOT_FOUND' }] })
  })

  it('re-creates errors on the page: LightClientError with code, message and details; TypeError as such', async () => {
    setup = hosted({ chain: main })
    const page = setup.connect()
    const early = await lightClientError(page.getChainInfo())
    expect(early.code).toBe('NOT_STARTED')
    expect(early.message).toBe('NOT_STARTED: call start() first')
    await page.start()
    await page.waitForSync()
    expect((await lightClientError(page.getBalance({ address: 'nova1nope' }))).code).toBe(
      'INVALID_ADDRESS',
    )
    const unknown = await lightClientError(page.getBlock({ height: 99 }))
    expect(unknown.code).toBe('UNKNOWN_BLOCK')
    expect(unknown.message).toContain('above the verified tip 13')
    const missing = await lightClientError(page.getTransaction({ txid: new Uint8Array(32) }))
    expect(missing.code).toBe('NOT_FOUND')
    expect(missing.details).toMatchObject({ failures: [{ peer: 'p', code: 'NOT_FOUND' }] })
    const bad = await failure(page.getTransaction({ txid: 'xyz' }))
    expect(bad).toBeInstanceOf(TypeError)
    expect(bad.message).toBe('txid must be 64 hex characters')
    const range = await failure(page.getBlock({ height: -1 }))
    expect(range).toBeInstanceOf(RangeError)
  })

  it('aborts a call when the page signal aborts (ABORTED), before or during the call', async () => {
    setup = hosted({ chain: main })
    const page = setup.connect()
    await page.start()
    const before = new AbortController()
    before.abort()
    expect(
      (await lightClientError(page.getBalance({ address: alice, signal: before.signal }))).code,
    ).toBe('ABORTED')
    const during = new AbortController()
    const call = page.waitForSync({ signal: during.signal })
    during.abort()
    expect((await lightClientError(call)).code).toBe('ABORTED')
  })

  it('starts the shared client once and stops it when the last session that started it stops', async () => {
    setup = hosted({ chain: main })
    const a = setup.connect()
    const b = setup.connect()
    await Promise.all([a.start(), b.start()])
    expect(setup.builds()).toBe(1)
    expect(await b.hostInfo()).toMatchObject({ clientInstances: 1, sessions: 2 })
    await a.stop()
    expect((await b.getChainInfo()).network).toBe('devnet')
    await b.stop()
    expect((await lightClientError(a.getChainInfo())).code).toBe('NOT_STARTED')
    await a.start()
    expect((await a.waitForSync()).tip.height).toBe(13)
  })

  it('refuses a page of another network and an unknown protocol version', async () => {
    setup = hosted({ chain: main })
    await setup.connect().ready
    const other = setup.connect({ init: { ...INIT, network: 'testnet' } })
    const e = await failure(other.ready)
    expect(e).toBeInstanceOf(LightClientWorkerError)
    expect(e).toMatchObject({
      code: 'NETWORK_MISMATCH',
      details: { worker: 'devnet', page: 'testnet' },
    })
    expect((await failure(other.getChainInfo())) as LightClientWorkerError).toMatchObject({
      code: 'NETWORK_MISMATCH',
    })

    const { port1, port2 } = new MessageChannel()
    setup.host.accept(port2)
    const answer = new Promise<unknown>((resolve) => {
      port1.onmessage = (m) => resolve(m.data)
    })
    port1.postMessage({ t: 'hello', v: 99, init: INIT })
    expect(await answer).toMatchObject({ t: 'fatal', error: { code: 'VERSION_MISMATCH' } })
    port1.close()
  })

  it('answers a message outside the protocol with BAD_MESSAGE', async () => {
    setup = hosted({ chain: main })
    const { port1, port2 } = new MessageChannel()
    setup.host.accept(port2)
    const answers: unknown[] = []
    const got = new Promise<void>((resolve) => {
      port1.onmessage = (m) => {
        answers.push(m.data)
        if (answers.length === 2) resolve()
      }
    })
    port1.postMessage({ t: 'call', id: 7, method: 'eval', params: {} })
    port1.postMessage({ t: 'call', id: 8, method: 'getChainInfo', params: {} })
    await got
    expect(answers).toEqual([
      { t: 'error', id: 7, error: expect.objectContaining({ code: 'BAD_MESSAGE' }) },
      {
        t: 'error',
        id: 8,
        error: expect.objectContaining({ code: 'BAD_MESSAGE', message: 'hello first' }),
      },
    ])
    port1.close()
  })
})
