import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { blockSubsidy, issuedThrough, treasuryShare } from '../../src/economics/supply.js'
import { DEVNET, MAINNET } from '../../src/params/networks.js'
import { COIN } from '../../src/params/types.js'

describe('supply schedule', () => {
  it('pays the initial subsidy, then halves at each interval', () => {
    expect(blockSubsidy(MAINNET, 0)).toBe(0n)
    expect(blockSubsidy(MAINNET, 1)).toBe(MAINNET.initialSubsidy)
    expect(blockSubsidy(MAINNET, MAINNET.halvingInterval)).toBe(MAINNET.initialSubsidy)
    expect(blockSubsidy(MAINNET, MAINNET.halvingInterval + 1)).toBe(MAINNET.initialSubsidy / 2n)
    expect(blockSubsidy(MAINNET, 64 * MAINNET.halvingInterval + 1)).toBe(0n)
  })

  it('never issues more than the hard cap, and issuance is the sum of subsidies (property)', () => {
    const small = { ...DEVNET, maxSupply: 10_000_050n * COIN, halvingInterval: 10 }
    fc.assert(
      fc.property(fc.nat(2_000), (h) => {
        expect(issuedThrough(small, h) <= small.maxSupply).toBe(true)
        expect(issuedThrough(small, h + 1) - issuedThrough(small, h)).toBe(
          blockSubsidy(small, h + 1),
        )
      }),
    )
    // The cap binds: devnet allocations are 10 M, so subsidies stop after 50 NOVA worth.
    expect(issuedThrough(small, 1_000)).toBe(small.maxSupply)
    expect(blockSubsidy(small, 1_000)).toBe(0n)
  })

  it('mainnet converges below 21 M NOVA', () => {
    const total = issuedThrough(MAINNET, 70 * MAINNET.halvingInterval)
    expect(total <= 21_000_000n * COIN).toBe(true)
    expect(total > 20_000_000n * COIN).toBe(true)
  })

  it('gives the treasury 2% of fees, rounded down', () => {
    expect(treasuryShare(MAINNET, 10_000n)).toBe(200n)
    expect(treasuryShare(MAINNET, 49n)).toBe(0n)
  })
})
