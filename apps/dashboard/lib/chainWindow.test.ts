import { COIN, DEVNET, MAINNET, toHex } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import {
  describeChainInput,
  novaToUnits,
  supplyAt,
  toWindowHeaders,
  unitsToNova,
  WINDOW_BLOCKS,
  windowSlice,
} from './chainWindow'
import { measureHashrate } from './hashrate'

const header = (height: number) => ({
  height,
  hash: new Uint8Array(32).fill(height),
  header: { timestamp: 1_000 * height, bits: 0x207fffff, nonce: 0n },
})

describe('windowSlice and toWindowHeaders', () => {
  it('takes the newest blocks + 1 headers', () => {
    const hs = Array.from({ length: 150 }, (_, i) => header(i))
    const w = windowSlice(hs)
    expect(w).toHaveLength(WINDOW_BLOCKS + 1)
    expect(w[0]!.height).toBe(49)
    expect(windowSlice(hs.slice(0, 10))).toHaveLength(10)
    expect(toWindowHeaders([header(3)])).toEqual([
      { height: 3, timestamp: 3_000, bits: 0x207fffff },
    ])
  })
})

describe('supplyAt', () => {
  it('is the genesis allocations plus the subsidies so far', () => {
    // Devnet: the prefunded accounts, then 50 NOVA per block.
    const genesis = DEVNET.genesis.allocations.reduce((s, a) => s + a.amount, 0n)
    expect(supplyAt(DEVNET, 0)).toBe(genesis)
    expect(supplyAt(DEVNET, 10)).toBe(genesis + 500n * COIN)
    // Mainnet: no allocation, 0.4 NOVA per block.
    expect(supplyAt(MAINNET, 1_000)).toBe(400n * COIN)
  })
})

describe('NOVA amounts', () => {
  it('formats base units', () => {
    expect(unitsToNova(0n)).toBe('0')
    expect(unitsToNova(COIN)).toBe('1')
    expect(unitsToNova(150_000_000n)).toBe('1.5')
    expect(unitsToNova(1n)).toBe('0.00000001')
  })

  it('parses decimals of up to 8 places and refuses the rest', () => {
    expect(novaToUnits('1.5')).toBe(150_000_000n)
    expect(novaToUnits(' 1000 ')).toBe(1_000n * COIN)
    expect(novaToUnits('0.00000001')).toBe(1n)
    for (const t of ['', '-1', '1.000000001', '1e3', 'abc', '.5', '1.'])
      expect(novaToUnits(t)).toBeUndefined()
  })
})

describe('describeChainInput', () => {
  it('records the range with hex hashes and headers verified from genesis', () => {
    const hs = [header(10), header(11), header(12)]
    const window = measureHashrate(toWindowHeaders(hs))
    const c = describeChainInput({
      network: 'devnet',
      genesisHash: new Uint8Array(32),
      first: hs[0]!,
      last: hs[2]!,
      window,
      transactions: 3,
      verification: 'verified by the server’s light client',
    })
    expect(c).toEqual({
      network: 'devnet',
      genesisHash: '00'.repeat(32),
      headerRange: {
        fromHeight: 10,
        fromHash: toHex(hs[0]!.hash),
        toHeight: 12,
        toHash: toHex(hs[2]!.hash),
      },
      headersVerifiedFromGenesis: 13,
      blocks: 2,
      spanSeconds: 2,
      hashesPerSecond: 2,
      transactions: 3,
      verification: 'verified by the server’s light client',
    })
  })
})
