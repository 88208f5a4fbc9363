import { COIN, DEVNET, genesisHashBytes, toHex } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { countBlocks } from '../blocks'
import { GRID_DATA } from '../grid'
import { parseIndicatorsQuery } from './apiQuery'
import { buildIndicatorsBody, SERVER_VERIFICATION } from './indicatorsBody'

// 101 headers one second apart at the devnet's easiest bits: 100 blocks × 2 hashes in 100 s.
const headers = Array.from({ length: 101 }, (_, i) => ({
  height: 200 + i,
  hash: new Uint8Array(32).fill(i),
  header: { timestamp: 1_000_000 + i * 1_000, bits: 0x207fffff },
}))
const counts = {
  ...countBlocks({ blocks: [], treasuryLock: DEVNET.treasuryLock }),
  blocks: 100,
  transactions: 5,
  treasuryPaid: 1_000n,
  treasuryAllocations: [{ height: 250, amount: 1_000n }],
}

function body(q = '') {
  return buildIndicatorsBody({
    network: 'devnet',
    headers,
    counts,
    query: parseIndicatorsQuery(new URLSearchParams(q), GRID_DATA),
    now: new Date('2026-11-21T12:00:00Z'),
    methodology: 'http://localhost:3000/dashboard/methodology',
  })
}

describe('buildIndicatorsBody', () => {
  it('says what it was verified against and by whom', () => {
    const b = body()
    expect(b.verification).toBe(SERVER_VERIFICATION)
    expect(b.chain).toMatchObject({
      network: 'devnet',
      genesisHash: toHex(genesisHashBytes(DEVNET)),
      headerRange: { fromHeight: 200, toHeight: 300, toHash: toHex(headers[100]!.hash) },
      headersVerifiedFromGenesis: 301,
      blocks: 100,
      spanSeconds: 100,
      hashesPerSecond: 2,
      transactions: 5,
    })
  })

  it('computes the indicators of the page’s model and is plain JSON', () => {
    const b = body('pue=1&price=0.2&mix=france:1')
    expect(b.indicators.hashesPerSecond).toBe(2)
    // 2 H/s × J/H, PUE 1: energy = W × 8760 / 1000; emissions × 56 g.
    const w = b.indicators.powerWatts.best
    expect(b.indicators.energyKWhPerYear.best).toBeCloseTo((w * 8760) / 1000, 15)
    expect(b.indicators.emissionsTCO2ePerYear.best).toBeCloseTo((w * 8760 * 56) / 1e9, 18)
    expect(b.indicators.costUsdPerYear.best).toBeCloseTo((w * 8760 * 0.2) / 1000, 15)
    expect(b.indicators.perTransaction?.transactions).toBe(5)
    expect(b.mica).toHaveLength(6)
    expect(JSON.parse(JSON.stringify(b))).toEqual(b)
  })

  it('reports supply, treasury and declarations as strings of base units', () => {
    const b = body()
    const supply = DEVNET.genesis.allocations.reduce((s, a) => s + a.amount, 0n) + 300n * 50n * COIN
    expect(b.supply).toMatchObject({ baseUnits: supply.toString(), atHeight: 300 })
    expect(b.treasury.paidInWindow).toEqual({ baseUnits: '1000', nova: '0.00001' })
    expect(b.treasury.allocations).toEqual([{ height: 250, baseUnits: '1000', nova: '0.00001' }])
    expect(b.greenMinerDeclarations.inWindow).toBe(0)
    expect(b.perHolding).toBeNull()
  })

  it('allocates to a holding, and refuses one above the supply', () => {
    const b = body('holding=1000')
    expect(b.perHolding?.holding).toEqual({ baseUnits: (1000n * COIN).toString(), nova: '1000' })
    expect(b.perHolding?.share).toBeCloseTo(
      Number(1000n * COIN) / Number(BigInt(b.supply.baseUnits)),
      18,
    )
    expect(() => body('holding=999999999999')).toThrow(/holding: exceeds/)
  })
})
