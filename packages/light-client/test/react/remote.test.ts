// @vitest-environment happy-dom
import { COIN, encodeAddress } from '@supernova/protocol'
import { QueryClient } from '@tanstack/react-query'
import { cleanup, renderHook, waitFor } from '@testing-library/react'
import { createElement, type ReactNode } from 'react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  LightClientProvider,
  useBalance,
  useChainInfo,
  useWatchHeads,
} from '../../src/react/index.js'
import { LightClientError } from '../../src/verify/errors.js'
import { ALICE, TestChain } from '../verify/testChain.js'
import { hosted } from '../worker/harness.js'

let main: TestChain
beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(4)
})

let setup: ReturnType<typeof hosted> | undefined
afterEach(async () => {
  cleanup()
  await setup?.close()
  setup = undefined
})

describe('React hooks over a worker-hosted client (connectLightClient over a MessageChannel)', () => {
  it('starts it, answers with verified values, follows heads, and re-creates typed errors', async () => {
    setup = hosted({ chain: main })
    const client = setup.connect()
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(LightClientProvider, { client, queryClient }, children)
    const { result } = renderHook(
      () => ({
        head: useWatchHeads(),
        info: useChainInfo(),
        balance: useBalance({ address: encodeAddress({ network: 'devnet', lock: ALICE.lock }) }),
        bad: useBalance({ address: 'nova1nope' }),
      }),
      { wrapper },
    )
    await waitFor(() =>
      expect(result.current.balance.isSuccess && result.current.bad.isError).toBe(true),
    )
    expect(result.current.balance.data?.total).toBe(1_000_000n * COIN)
    expect(result.current.balance.data?.verification.status).toBe('verified')
    expect(result.current.bad.error).toBeInstanceOf(LightClientError)
    expect(result.current.bad.error).toMatchObject({ code: 'INVALID_ADDRESS' })
    await waitFor(() => expect(result.current.info.data?.tip.height).toBe(4))
    expect(setup.host.info().streams).toBe(2)
  })
})
