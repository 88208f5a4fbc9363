/// <reference types="node" />
import { COIN, type Lock } from '@supernova/protocol'
import { afterAll, describe, expect, it } from 'vitest'
import { GET } from '../../app/api/v1/indicators/route'
import { mine, payment, startDevnetNode, type TestNode } from '../../test/devnetNode'
import type { IndicatorsBody } from './indicatorsBody'
import { closeServerChain } from './serverClient'

// The route handler itself, with its server light client, against a real full node on loopback.
const URL_BASE = 'http://localhost:3000/dashboard/api/v1/indicators'
const RECIPIENT: Lock = { type: 'policy', policyHash: new Uint8Array(32).fill(42) }
let t: TestNode | undefined

afterAll(async () => {
  await closeServerChain()
  await t?.stop()
})

/** The answer: the indicators on 200, an error body (`error`, `message`, `parameter`) otherwise. */
type Body = IndicatorsBody & { error?: string; parameter?: string; message?: string }

async function get(query = ''): Promise<{ status: number; body: Body; headers: Headers }> {
  const r = await GET(new Request(`${URL_BASE}${query}`))
  return { status: r.status, body: await r.json(), headers: r.headers }
}

/** Asks until `accept` holds (the server's client syncs in the background). */
async function until(accept: (r: Awaited<ReturnType<typeof get>>) => boolean, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs
  for (;;) {
    const r = await get()
    if (accept(r)) return r
    if (Date.now() > end)
      throw new Error(`gave up; last answer ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

describe('GET /dashboard/api/v1/indicators against a real full node', { timeout: 60_000 }, () => {
  it('answers 503 with the reason while no node answers', async () => {
    process.env.SUPERNOVA_RPC_URL = 'http://127.0.0.1:1/rpc'
    const r = await get()
    expect(r.status).toBe(503)
    expect(r.body.error).toBe('NODE_UNREACHABLE')
    expect(r.headers.get('retry-after')).toBe('5')
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('answers the indicators of the headers and blocks its light client verified', async () => {
    t = await startDevnetNode()
    // Genesis coins mature after 10 blocks (devnet coinbaseMaturity).
    for (let i = 0; i < 10; i++) await mine(t)
    // A payment with a 100,000-unit fee: the coinbase owes the treasury 2% = 2,000 units.
    await mine(t, [await payment(t, RECIPIENT, 100_000n)])
    for (let i = 0; i < 4; i++) await mine(t)
    process.env.SUPERNOVA_RPC_URL = t.rpcUrl
    const r = await until((x) => x.status === 200)
    const b = r.body
    expect(b.verification).toBe('verified by the server’s light client')
    expect(b.chain).toMatchObject({
      network: 'devnet',
      headerRange: { fromHeight: 0, toHeight: 15 },
      headersVerifiedFromGenesis: 16,
      // Genesis is left out of the window (its time is a constant): blocks 2..15 over 1..15's span.
      blocks: 14,
      spanSeconds: 14,
      // Every block 1 s apart at the easiest target (2 expected hashes): 28 hashes in 14 s.
      hashesPerSecond: 2,
      transactions: 1,
    })
    expect(b.treasury.paidInWindow).toEqual({ baseUnits: '2000', nova: '0.00002' })
    expect(b.treasury.allocations).toEqual([{ height: 11, baseUnits: '2000', nova: '0.00002' }])
    expect(b.indicators.perTransaction?.transactions).toBe(1)
    expect(b.indicators.powerWatts.lower).toBeLessThan(b.indicators.powerWatts.upper)
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('takes assumptions and a holding from the query, and refuses bad ones', async () => {
    const r = await get('?pue=1.2&price=0.3&mix=france:1&holding=1000')
    expect(r.status).toBe(200)
    expect(r.body.assumptions).toEqual({
      pue: 1.2,
      electricityPriceUsdPerKWh: 0.3,
      regionMix: { france: 1 },
    })
    expect(r.body.indicators.gridIntensityGCO2ePerKWh).toBe(56)
    expect(r.body.perHolding?.holding).toEqual({
      baseUnits: (1000n * COIN).toString(),
      nova: '1000',
    })
    const bad = await get('?mix=atlantis:1')
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: 'BAD_QUERY', parameter: 'mix' })
  })

  it('follows new blocks', async () => {
    await mine(t!)
    const r = await until((x) => x.status === 200 && x.body.chain.headerRange.toHeight === 16)
    expect(r.body.chain.blocks).toBe(15)
  })

  it('answers 503 once its node is gone', async () => {
    await t!.stop()
    t = undefined
    const r = await until((x) => x.status === 503)
    expect(['NO_PEER', 'NODE_UNREACHABLE', 'SYNC_TIMEOUT']).toContain(r.body.error)
  })
})
