import { rmSync } from 'node:fs'
import type { Libp2p } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import {
  decodeFiltersResponse,
  encodeFiltersRequest,
  equalBytes,
  FILTERS_COUNT_BYTES,
  filterItemLength,
  hashBlockFilter,
  MAX_BLOCK_FILTER_BYTES,
  MAX_FILTERS_RESPONSE_BYTES,
} from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HeaderEntry } from '../../src/chain/types.js'
import { type RequestContext, requestRaw } from '../../src/network/client.js'
import { NetworkError } from '../../src/network/errors.js'
import { mainChainFilters } from '../../src/network/filters.js'
import { mineBlock } from '../helpers/chain.js'
import {
  type Clock,
  createClient,
  createClock,
  startTestNode,
  type TestNode,
  tcpAddr,
} from './helpers.js'

/** Blocks above genesis: more than one request's 1,000 filters. */
const BLOCKS = 1_050

let clock: Clock
let node: TestNode
let client: Libp2p
let ctx: RequestContext
let target: ReturnType<typeof multiaddr>

beforeAll(async () => {
  clock = createClock()
  // A bucket of 3 requests that barely refills: every request the tests make is counted.
  node = await startTestNode({
    clock,
    tuning: { statusIntervalMs: 600_000, rateBurst: 3, ratePerSecond: 0.001 },
  })
  for (let i = 0; i < BLOCKS; i++) await mineBlock(node.chain, clock)
  client = await createClient()
  ctx = { libp2p: client, network: 'devnet' }
  target = multiaddr(tcpAddr(node))
}, 180_000)

afterAll(async () => {
  await client?.stop()
  await node?.stop()
  if (node) rmSync(node.dir, { recursive: true, force: true })
})

const filters = async (fromHeight: number, count: number) => {
  const body = await requestRaw(ctx, target, 'filters', encodeFiltersRequest({ fromHeight, count }))
  if (body === undefined) throw new Error('NOT_FOUND')
  return decodeFiltersResponse(body)
}

const clientScore = () =>
  node.network.getPeers().find((p) => p.peerId === client.peerId.toString())?.score ?? 0

describe('filters against a real node', () => {
  it('serves 1,000 main-chain filters in one request, the rest past the tip, each one token', async () => {
    const first = await filters(0, 1000)
    expect(first).toHaveLength(1000)
    for (const [i, item] of first.entries()) {
      const entry = await node.chain.getHeaderByHeight(i)
      expect(equalBytes(item.blockHash, entry!.hash), `hash at ${i}`).toBe(true)
      expect(equalBytes(hashBlockFilter(item.filter), entry!.header.filterHash)).toBe(true)
    }
    // From 1,000 to the tip (1,050): 51 filters, fewer than asked.
    const rest = await filters(1000, 1000)
    expect(rest).toHaveLength(BLOCKS - 1000 + 1)
    expect(equalBytes(rest.at(-1)!.blockHash, node.chain.tip().hash)).toBe(true)
    // Past the tip: an empty answer, not an error.
    expect(await filters(BLOCKS + 1, 10)).toEqual([])
    // Three requests (2,051 filters) took the bucket's three tokens: the fourth is refused.
    const err = await filters(0, 1).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect((err as NetworkError).code).toBe('RATE_LIMITED')
    expect(clientScore()).toBeGreaterThan(1.9)
  })
})

describe('the byte budget', () => {
  const entry = (height: number): HeaderEntry =>
    ({ hash: new Uint8Array(32).fill(height), height }) as unknown as HeaderEntry

  it('stops before the filter that would take the body past 4 MiB, and always sends one', async () => {
    const size = 1_500_000
    const chain = {
      getHeaderByHeight: async (h: number) => (h < 10 ? entry(h) : undefined),
      getBlockFilter: async () => new Uint8Array(size),
    }
    const items = await mainChainFilters({ chain }, 0, 10)
    expect(items).toHaveLength(2)
    expect(FILTERS_COUNT_BYTES + 3 * filterItemLength(size)).toBeGreaterThan(
      MAX_FILTERS_RESPONSE_BYTES,
    )
    const largest = {
      getHeaderByHeight: async (h: number) => entry(h),
      getBlockFilter: async () => new Uint8Array(MAX_BLOCK_FILTER_BYTES),
    }
    expect(await mainChainFilters({ chain: largest }, 5, 1000)).toHaveLength(1)
  })

  it('ends at a block whose filter is gone (a reorganisation mid-read)', async () => {
    const chain = {
      getHeaderByHeight: async (h: number) => entry(h),
      getBlockFilter: async (hash: Uint8Array) => (hash[0] === 3 ? undefined : Uint8Array.of(0)),
    }
    expect((await mainChainFilters({ chain }, 0, 10)).map((i) => i.blockHash[0])).toEqual([0, 1, 2])
  })
})

describe('bad requests', () => {
  it('a count of 0 or over 1,000 is BAD_REQUEST and costs the peer', async () => {
    const other = await createClient()
    try {
      const raw = (payload: Uint8Array) =>
        requestRaw({ libp2p: other, network: 'devnet' }, target, 'filters', payload).catch(
          (e: unknown) => e as NetworkError,
        )
      const zero = await raw(Uint8Array.of(0, 0, 0, 0, 0, 0))
      expect((zero as NetworkError).code).toBe('BAD_REQUEST')
      const score = node.network.getPeers().find((p) => p.peerId === other.peerId.toString())
      expect(score?.score).toBeGreaterThan(9.9)
    } finally {
      await other.stop()
    }
  })
})
