// @vitest-environment happy-dom
import {
  COIN,
  computeTxid,
  DEVNET,
  encodeAddress,
  hashHeader,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import { QueryClient } from '@tanstack/react-query'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { createElement, type ReactNode, StrictMode } from 'react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLightClient } from '../../src/client/createLightClient.js'
import type { LightClient } from '../../src/client/types.js'
import { NetworkError } from '../../src/network/errors.js'
import {
  LightClientProvider,
  lightClientKeys,
  useAddressHistory,
  useBalance,
  useBlock,
  useChainInfo,
  useEvidence,
  useLightClient,
  useMempool,
  useOutpoint,
  usePendingTransaction,
  useSendTransaction,
  useTransaction,
  useUtxos,
  useWatchAddress,
  useWatchHeads,
} from '../../src/react/index.js'
import { createMemoryStorage } from '../../src/storage/createMemoryStorage.js'
import { LightClientError } from '../../src/verify/errors.js'
import { createFakeNetwork, type Tamper } from '../verify/fakeNetwork.js'
import { ALICE, BOB, FAUCET, NOW, TestChain } from '../verify/testChain.js'

let main: TestChain
let toAlice: Transaction
const alice = encodeAddress({ network: 'devnet', lock: ALICE.lock })
const bob = encodeAddress({ network: 'devnet', lock: BOB.lock })
const ALLOCATION = 1_000_000n * COIN

beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(10)
  toAlice = main.pay(ALICE.lock, 5n * COIN, FAUCET)
  await main.mine(3, { transactions: [toAlice] })
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  cleanup()
  for (const s of stops.splice(0)) await s()
})

function setup(o: { chain?: TestChain; tamper?: Tamper; strict?: boolean } = {}) {
  const fake = createFakeNetwork()
  fake.add('p', o.chain ?? main, o.tamper)
  const client = createLightClient(
    {
      network: 'devnet',
      bootstrap: [],
      now: () => NOW,
      storage: createMemoryStorage({ params: DEVNET }),
      sync: { pollIntervalMs: 3_600_000 },
    },
    { network: fake.network },
  )
  stops.push(() => client.stop())
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = createElement(LightClientProvider, { client, queryClient }, children)
    return o.strict ? createElement(StrictMode, null, tree) : tree
  }
  return { client, fake, queryClient, wrapper }
}

describe('React hooks over a real client', () => {
  it('answers every query with verified data and its verification, under stable serialisable keys', async () => {
    const { client, wrapper, queryClient } = setup()
    await client.start()
    await client.waitForSync()
    const txid = computeTxid(toAlice)
    const { result } = renderHook(
      () => ({
        client: useLightClient(),
        info: useChainInfo(),
        balance: useBalance({ address: alice }),
        utxos: useUtxos({ address: ALICE.lock, limit: 10 }),
        tx: useTransaction({ txid }),
        block: useBlock({ hash: hashHeader(main.headers[11]!) }),
        byHeight: useBlock({ height: 11 }),
        outpoint: useOutpoint({ outpoint: { txid, vout: 0 } }),
        history: useAddressHistory({ address: alice, fromHeight: 1 }),
      }),
      { wrapper },
    )
    await waitFor(() =>
      expect(
        Object.values(result.current).every((q) => ('isSuccess' in q ? q.isSuccess : true)),
      ).toBe(true),
    )
    const r = result.current
    expect(r.client).toBe(client)
    expect(r.info.data?.tip.height).toBe(13)
    expect(r.balance.data?.total).toBe(ALLOCATION + 5n * COIN)
    expect(r.balance.data?.verification).toMatchObject({
      status: 'verified',
      depth: 0,
      header: { height: 13 },
    })
    expect(r.utxos.data?.utxos).toHaveLength(2)
    expect(r.tx.data).toMatchObject({ height: 11, verification: { depth: 2 } })
    expect(r.block.data?.hash).toEqual(r.byHeight.data?.hash)
    expect(r.outpoint.data?.entry?.amount).toBe(5n * COIN)
    expect(r.history.data?.entries.map((e) => e.height)).toEqual([11])
    const keys = queryClient
      .getQueryCache()
      .getAll()
      .map((q) => q.queryKey)
    expect(keys).toContainEqual(lightClientKeys.balance('devnet', alice))
    expect(keys).toContainEqual(['supernova', 'devnet', 'transaction', { txid: toHex(txid) }])
    expect(keys).toContainEqual([
      'supernova',
      'devnet',
      'utxos',
      { address: `ed25519:${toHex(ALICE.lock.policyHash)}`, limit: 10 },
    ])
    for (const k of keys) expect(JSON.parse(JSON.stringify(k))).toEqual(k)
  })

  it('useMempool: the node’s summary marked unverified, refreshed on an interval and on new heads; usePendingTransaction: NOT_FOUND', async () => {
    const { wrapper, client, queryClient } = setup()
    const txid = toHex(computeTxid(toAlice))
    const { result } = renderHook(
      () => ({ pool: useMempool(), pending: usePendingTransaction({ txid }) }),
      { wrapper },
    )
    await waitFor(() => expect(result.current.pool.isSuccess).toBe(true))
    expect(result.current.pool.data?.verification).toMatchObject({
      status: 'unverified',
      peer: 'p',
    })
    expect(result.current.pool.data?.txCount).toBe(0)
    await waitFor(() => expect(result.current.pending.isError).toBe(true))
    expect(result.current.pending.error).toMatchObject({ code: 'NOT_FOUND' })
    expect(
      queryClient.getQueryCache().find({ queryKey: lightClientKeys.mempool('devnet') }),
    ).toBeDefined()
    expect(
      queryClient
        .getQueryCache()
        .find({ queryKey: lightClientKeys.pendingTransaction('devnet', txid) }),
    ).toBeDefined()
    expect(client.network).toBe('devnet')
  })

  it('starts the client itself, and surfaces typed errors as LightClientError with their code', async () => {
    const { wrapper } = setup()
    const { result } = renderHook(
      () => ({
        bad: useBalance({ address: 'nova1nope' }),
        missing: useBlock({ height: 99 }),
        info: useChainInfo(),
      }),
      { wrapper },
    )
    await waitFor(() =>
      expect(result.current.bad.isError && result.current.missing.isError).toBe(true),
    )
    expect(result.current.bad.error).toBeInstanceOf(LightClientError)
    expect(result.current.bad.error).toMatchObject({ code: 'INVALID_ADDRESS' })
    expect(result.current.missing.error).toMatchObject({ code: 'UNKNOWN_BLOCK' })
    await waitFor(() => expect(result.current.info.isSuccess).toBe(true))
  })

  it('useWatchHeads refetches the tip-dependent queries; useWatchAddress writes the new balance into the cache', async () => {
    const grow = await main.copy()
    const { client, fake, wrapper } = setup({ chain: grow })
    await client.start()
    await client.waitForSync()
    const heads: number[] = []
    const { result } = renderHook(
      () => ({
        head: useWatchHeads({ onHead: (h) => heads.push(h.tip.height) }),
        watch: useWatchAddress({ address: bob, fromHeight: 1 }),
        info: useChainInfo(),
        balance: useBalance({ address: bob }),
        block: useBlock({ height: 13 }),
        byHash: useBlock({ hash: hashHeader(grow.headers[13]!) }),
      }),
      { wrapper },
    )
    await waitFor(() => expect(result.current.watch.update?.tip.height).toBe(13))
    await waitFor(() => expect(result.current.info.data?.tip.height).toBe(13))
    expect(result.current.balance.data?.total).toBe(ALLOCATION)
    await waitFor(() => expect(result.current.byHash.isSuccess).toBe(true))
    const blockBefore = result.current.block.dataUpdatedAt
    const byHashBefore = result.current.byHash.dataUpdatedAt
    await grow.mine(1, { transactions: [grow.pay(BOB.lock, 3n * COIN, FAUCET)] })
    act(() => fake.announce('p'))
    await waitFor(() => expect(result.current.head?.tip.height).toBe(14))
    await waitFor(() => expect(result.current.info.data?.tip.height).toBe(14))
    await waitFor(() => expect(result.current.watch.update?.tip.height).toBe(14))
    expect(result.current.watch.update?.newEntries.map((e) => e.received)).toEqual([3n * COIN])
    await waitFor(() => expect(result.current.balance.data?.total).toBe(ALLOCATION + 3n * COIN))
    expect(result.current.balance.data?.verification.header.height).toBe(14)
    expect(heads).toEqual([13, 14])
    // A block by height may be another after a head: refetched, still the verified block at 13.
    await waitFor(() => expect(result.current.block.dataUpdatedAt).toBeGreaterThan(blockBefore))
    expect(result.current.block.data?.verification.depth).toBe(1)
    // A block by hash is the same block whatever the tip: kept (until a reorganisation).
    expect(result.current.byHash.dataUpdatedAt).toBe(byHashBefore)
  })

  it('useSendTransaction sends through the client; a refusal is a typed error', async () => {
    const { client, fake, wrapper } = setup()
    await client.start()
    await client.waitForSync()
    const { result } = renderHook(() => useSendTransaction(), { wrapper })
    const tx = main.pay(BOB.lock, COIN, FAUCET)
    const sent = await act(() => result.current.mutateAsync({ tx }))
    expect(sent.txid).toEqual(computeTxid(tx))
    expect(fake.sent).toEqual([tx])
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    // The node refuses the next one (as send-tx does for a double spend).
    fake.network.sendTransaction = async () => {
      throw new NetworkError({
        code: 'REJECTED',
        message: 'double spend',
        peer: 'p',
        protocol: 'send-tx',
        details: { reason: 'DOUBLE_SPEND' },
      })
    }
    await act(() => result.current.mutateAsync({ tx }).catch(() => undefined))
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toBeInstanceOf(LightClientError)
    expect(result.current.error).toMatchObject({
      code: 'REJECTED',
      details: { reason: 'DOUBLE_SPEND' },
    })
  })

  it('useEvidence re-renders with each refused answer', async () => {
    const { client, wrapper } = setup({
      tamper: {
        utxos: (a) => ({
          ...a,
          utxos: a.utxos.map((u) => ({ ...u, entry: { ...u.entry, amount: u.entry.amount + 1n } })),
        }),
      },
    })
    await client.start()
    await client.waitForSync()
    const { result } = renderHook(
      () => ({ evidence: useEvidence(), balance: useBalance({ address: alice }) }),
      {
        wrapper,
      },
    )
    expect(result.current.evidence).toEqual([])
    await waitFor(() => expect(result.current.balance.isError).toBe(true))
    expect(result.current.balance.error).toMatchObject({ code: 'ALL_PEERS_FAILED' })
    await waitFor(() => expect(result.current.evidence).toHaveLength(1))
    expect(result.current.evidence[0]).toMatchObject({ peer: 'p', code: 'SMT_PROOF_INVALID' })
    expect(client.evidence()).toEqual(result.current.evidence)
  })

  it('builds a client from a factory, starts it (in strict mode too) and stops it on unmount', async () => {
    const fake = createFakeNetwork()
    fake.add('p', main)
    const built: LightClient[] = []
    const factory = () => {
      const c = createLightClient(
        {
          network: 'devnet',
          bootstrap: [],
          now: () => NOW,
          storage: createMemoryStorage({ params: DEVNET }),
        },
        { network: fake.network },
      )
      built.push(c)
      stops.push(() => c.stop())
      return c
    }
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(
        StrictMode,
        null,
        createElement(LightClientProvider, { client: factory }, children),
      )
    const { result, unmount } = renderHook(() => useChainInfo(), { wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data?.network).toBe('devnet')
    const client = built.at(-1)!
    unmount()
    await waitFor(async () =>
      expect(await client.getChainInfo().catch((e: unknown) => e)).toMatchObject({
        code: 'NOT_STARTED',
      }),
    )
  })

  it('needs a provider', () => {
    expect(() => renderHook(() => useLightClient())).toThrow('no LightClientProvider')
  })
})
