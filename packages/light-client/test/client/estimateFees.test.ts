// @vitest-environment happy-dom
import { DEVNET } from '@supernova/protocol'
import { QueryClient } from '@tanstack/react-query'
import { cleanup, renderHook, waitFor } from '@testing-library/react'
import { createElement, type ReactNode } from 'react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLightClient } from '../../src/client/createLightClient.js'
import { FEE_ESTIMATE_UNVERIFIED_REASON } from '../../src/client/estimateFees.js'
import { NetworkError } from '../../src/network/errors.js'
import { LightClientProvider, lightClientKeys, useFeeEstimate } from '../../src/react/index.js'
import { createMemoryStorage } from '../../src/storage/createMemoryStorage.js'
import { LightClientError } from '../../src/verify/errors.js'
import { createFakeNetwork, type Tamper } from '../verify/fakeNetwork.js'
import { NOW, TestChain } from '../verify/testChain.js'
import { hosted } from '../worker/harness.js'

let main: TestChain

beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(3)
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  cleanup()
  for (const s of stops.splice(0)) await s()
})

/** A node advising `rate` units per byte for every target, above a floor of 2. */
const advising = (rate: bigint): Tamper => ({
  'fee-estimate': (a) => ({ ...a, feeRate: rate, minFeeRate: 2n, samples: 12 }),
})

function clientOver(peers: [string, Tamper][]) {
  const fake = createFakeNetwork()
  for (const [id, tamper] of peers) fake.add(id, main, tamper)
  const client = createLightClient(
    {
      network: 'devnet',
      bootstrap: [],
      now: () => NOW,
      storage: createMemoryStorage({ params: DEVNET }),
      sync: { pollIntervalMs: 3_600_000 },
      verify: { peerWaitMs: 50 },
    },
    { network: fake.network },
  )
  stops.push(() => client.stop())
  return { client, fake }
}

describe('estimateFees through the light client', () => {
  it('the median of several nodes’ advice, marked unverified and naming every node that answered', async () => {
    const { client } = clientOver([
      ['a', advising(5n)],
      ['b', advising(40n)],
      ['c', advising(1_000_000n)], // an inflating node moves nothing
    ])
    await client.start()
    const fees = await client.estimateFees()
    expect(fees.verification).toEqual({
      status: 'unverified',
      peers: ['a', 'b', 'c'],
      reason: FEE_ESTIMATE_UNVERIFIED_REASON,
    })
    expect([fees.fast.feeRate, fees.normal.feeRate, fees.slow.feeRate]).toEqual([40n, 40n, 40n])
    expect(fees.fast).toMatchObject({ targetBlocks: 1, median: 40n, clamped: 'none' })
    expect(fees.normal.expectedWaitMs).toBe(6 * DEVNET.targetBlockTimeMs)
    expect(fees.minFeeRate).toBe(2n)
    expect(fees.answers).toHaveLength(9)
    expect(fees.failures).toEqual([])
    expect(fees.floorOnly).toBe(false)
  })

  it('failures are plain data; no answer at all is ALL_PEERS_FAILED, no peer NO_PEER', async () => {
    const refuse: Tamper = {
      'fee-estimate': (a) => {
        throw new NetworkError({ code: 'TIMEOUT', message: 'fee-estimate: too slow', peer: a.peer })
      },
    }
    const { client } = clientOver([
      ['a', {}],
      ['b', refuse],
    ])
    await client.start()
    const fees = await client.estimateFees({ maxPeers: 2 })
    expect(fees.verification.peers).toEqual(['a'])
    expect(fees.failures).toHaveLength(3)
    expect(fees.failures[0]).toEqual({
      peer: 'b',
      speed: 'fast',
      code: 'TIMEOUT',
      message: 'TIMEOUT: fee-estimate: too slow',
    })
    expect(fees.floorOnly).toBe(true)

    const only = clientOver([['b', refuse]])
    await only.client.start()
    const failed = await only.client.estimateFees().catch((e: unknown) => e)
    expect(failed).toBeInstanceOf(LightClientError)
    expect(failed).toMatchObject({ code: 'ALL_PEERS_FAILED' })

    const none = clientOver([])
    await none.client.start()
    expect(await none.client.estimateFees().catch((e: unknown) => e)).toMatchObject({
      code: 'NO_PEER',
    })
    await expect(client.estimateFees({ maxPeers: 0 })).rejects.toThrow(RangeError)
  })

  it('over a worker port: the same advice, bigints intact', async () => {
    const setup = hosted({ chain: main, tamper: advising(7n) })
    stops.push(() => setup.close())
    const page = setup.connect()
    await page.start()
    const fees = await page.estimateFees({ targets: { slow: 48 } })
    expect(fees.normal.feeRate).toBe(7n)
    expect(fees.slow.targetBlocks).toBe(48)
    expect(fees.verification).toMatchObject({ status: 'unverified', peers: ['p'] })
  })

  it('useFeeEstimate: the advice under its own key, unverified', async () => {
    const { client } = clientOver([['a', advising(9n)]])
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(LightClientProvider, { client, queryClient }, children)
    const { result } = renderHook(() => useFeeEstimate({ maxPeers: 1 }), { wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data?.fast.feeRate).toBe(9n)
    expect(result.current.data?.verification).toMatchObject({ status: 'unverified', peers: ['a'] })
    const key = lightClientKeys.feeEstimate('devnet', { maxPeers: 1 })
    expect(queryClient.getQueryCache().find({ queryKey: key })).toBeDefined()
    expect(JSON.parse(JSON.stringify(key))).toEqual(key)
  })
})
