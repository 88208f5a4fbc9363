import {
  CHAIN_PARAMS,
  createGenesis,
  createSignatureSchemes,
  DEVNET,
  devnetAccount,
  encodeHeader,
  type Header,
  hashHeader,
  initHashing,
  MemoryChain,
  TESTNET,
  ValidationError,
  workForBits,
} from '@supernova/protocol'
import { beforeAll, describe, expect, it } from 'vitest'
import { pinnedGenesisHeader } from '../src/headers/genesisHeaders.js'
import {
  appendHeaders,
  createHeaderChain,
  extendHeaderChain,
  HeaderChainError,
} from '../src/headers/headerChain.js'

const NOW = DEVNET.genesis.timestamp + 86_400_000
let headers: Header[]

beforeAll(async () => {
  await initHashing()
  const chain = new MemoryChain(DEVNET, createSignatureSchemes())
  for (let i = 0; i < 30; i++)
    await chain.connect(chain.buildBlock({ rewardLock: devnetAccount(9).lock }), NOW)
  headers = chain.entries.slice(1).map((e) => e.header)
})

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    return e instanceof ValidationError || e instanceof HeaderChainError ? e.code : String(e)
  }
  return undefined
}

describe('header chain verification from the pinned genesis', () => {
  it('accepts a real chain and sums its work, in one batch or many', () => {
    const start = createHeaderChain(DEVNET)
    const all = appendHeaders({ state: start, headers, now: NOW })
    expect(all.tip.header.height).toBe(30)
    expect(all.cumulativeWork).toBe(31n * workForBits(DEVNET.powLimitBits))
    let s = start
    for (let i = 0; i < headers.length; i += 7)
      s = appendHeaders({ state: s, headers: headers.slice(i, i + 7), now: NOW })
    expect(s.tip.hash).toEqual(all.tip.hash)
    expect(s.recentTimestamps).toEqual(all.recentTimestamps)
  })

  it('rejects a tampered header anywhere and keeps the previous state intact', () => {
    const start = createHeaderChain(DEVNET)
    const tampered = headers.map((h, i) =>
      i === 17 ? { ...h, utxoRoot: new Uint8Array(32).fill(7) } : h,
    )
    const err = (() => {
      try {
        appendHeaders({ state: start, headers: tampered, now: NOW })
      } catch (e) {
        return e as ValidationError
      }
    })()
    expect(err).toBeInstanceOf(ValidationError)
    // Changing any field breaks the next header's link (or this header's PoW).
    expect(['HEADER_PREV_MISMATCH', 'HEADER_BAD_POW']).toContain(err!.code)
    expect(start.tip.header.height).toBe(0)
  })

  it('rejects reordered, skipped and future headers with their codes', () => {
    const start = createHeaderChain(DEVNET)
    expect(codeOf(() => appendHeaders({ state: start, headers: [headers[1]!], now: NOW }))).toBe(
      'HEADER_BAD_HEIGHT',
    )
    expect(
      codeOf(() =>
        appendHeaders({
          state: start,
          headers: headers.slice(0, 5),
          now: DEVNET.genesis.timestamp - DEVNET.maxFutureDriftMs,
        }),
      ),
    ).toBe('HEADER_TIME_TOO_NEW')
  })

  it('refuses headers of another network (different genesis)', () => {
    expect(
      codeOf(() =>
        appendHeaders({
          state: createHeaderChain(TESTNET),
          headers: headers.slice(0, 1),
          now: NOW,
        }),
      ),
    ).toBe('HEADER_PREV_MISMATCH')
  })

  it('refuses params whose genesis does not match the pinned hash', () => {
    expect(
      codeOf(() =>
        createHeaderChain({ ...DEVNET, genesis: { ...DEVNET.genesis, message: 'forged' } }),
      ),
    ).toBe('GENESIS_MISMATCH')
  })

  it('returns each appended header with its hash, encoding and cumulative work (one hash each)', () => {
    const start = createHeaderChain(DEVNET)
    const { state, added } = extendHeaderChain({ state: start, headers, now: NOW })
    expect(state).toEqual(appendHeaders({ state: start, headers, now: NOW }))
    expect(added).toHaveLength(headers.length)
    added.forEach((v, i) => {
      expect(v.header).toBe(headers[i])
      expect(v.hash).toEqual(hashHeader(headers[i]!))
      expect(v.bytes).toEqual(encodeHeader(headers[i]!))
      expect(v.cumulativeWork).toBe(BigInt(i + 2) * workForBits(DEVNET.powLimitBits))
    })
    expect(added.at(-1)!.hash).toEqual(state.tip.hash)
  })

  it.each(Object.keys(CHAIN_PARAMS) as (keyof typeof CHAIN_PARAMS)[])(
    'ships the %s genesis header exactly as its params build it',
    (network) => {
      const params = CHAIN_PARAMS[network]
      const g = createGenesis(params)
      expect(pinnedGenesisHeader(params)).toEqual({ header: g.block.header, hash: g.hash })
      expect(createHeaderChain(params)).toEqual({
        params,
        tip: { header: g.block.header, hash: g.hash },
        recentTimestamps: [g.block.header.timestamp],
        cumulativeWork: workForBits(g.block.header.bits),
      })
      // Any other params object is built and checked, never matched against the shipped header.
      expect(pinnedGenesisHeader({ ...params })).toBeUndefined()
    },
  )
})
