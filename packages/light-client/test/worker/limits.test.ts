import { encodeAddress } from '@supernova/protocol'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LightClientError } from '../../src/verify/errors.js'
import { LightClientWorkerError } from '../../src/worker/errors.js'
import { ALICE, TestChain } from '../verify/testChain.js'
import { failure, hanging, hosted, next, sessionClosed } from './harness.js'

let main: TestChain
const alice = encodeAddress({ network: 'devnet', lock: ALICE.lock })

beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(3)
})

let setup: ReturnType<typeof hosted> | undefined
afterEach(async () => {
  await setup?.close()
  setup = undefined
})

const workerError = async (p: Promise<unknown>, code: string) => {
  const e = await failure(p)
  expect(e).toBeInstanceOf(LightClientWorkerError)
  expect((e as LightClientWorkerError).code).toBe(code)
  return e as LightClientWorkerError
}

/** A host whose getBalance never answers until aborted. */
function hangingHost(host: Parameters<typeof hosted>[0]['host'] = {}) {
  let slow: ReturnType<typeof hanging> | undefined
  setup = hosted({
    chain: main,
    host,
    wrap: (c) => {
      slow = hanging(c, 'getBalance')
      return slow
    },
  })
  return { s: setup, aborted: () => slow?.aborted() ?? 0 }
}

describe('worker limits', () => {
  it('caps calls in flight per port, in the host and on the page', async () => {
    const { s } = hangingHost({ limits: { maxPendingCalls: 2 } })
    const page = s.connect({ maxPendingCalls: 10 })
    const held = [page.getBalance({ address: alice }), page.getBalance({ address: alice })]
    const third = await workerError(page.getBalance({ address: alice }), 'TOO_MANY_PENDING')
    expect(third.details).toEqual({ max: 2 })
    for (const h of held) h.catch(() => undefined)
    const small = s.connect({ maxPendingCalls: 1 })
    const one = small.getBalance({ address: alice })
    one.catch(() => undefined)
    await workerError(small.getChainInfo(), 'TOO_MANY_PENDING')
  })

  it('times out a call on the page (TIMEOUT) and aborts it in the worker', async () => {
    const { s, aborted } = hangingHost()
    const page = s.connect({ callTimeoutMs: 30 })
    await page.ready
    const e = await workerError(page.getBalance({ address: alice }), 'TIMEOUT')
    expect(e.details).toEqual({ method: 'getBalance', timeoutMs: 30 })
    await page.hostInfo().catch(() => undefined)
    await next<void>((cb) => {
      const t = setInterval(() => aborted() > 0 && cb(), 5)
      return () => clearInterval(t)
    })
    expect(aborted()).toBe(1)
  })

  it('times out a call in the worker too, and tells the page why', async () => {
    const { s, aborted } = hangingHost({ limits: { callTimeoutMs: 30 } })
    const page = s.connect()
    const e = await workerError(page.getBalance({ address: alice }), 'TIMEOUT')
    expect(e.message).toBe('TIMEOUT: getBalance: no answer in 30 ms')
    expect(aborted()).toBe(1)
  })

  it('an aborted page signal aborts the worker’s call', async () => {
    const { s, aborted } = hangingHost()
    const page = s.connect()
    await page.ready
    const ac = new AbortController()
    const call = page.getBalance({ address: alice, signal: ac.signal })
    await page.hostInfo()
    ac.abort()
    const e = await failure(call)
    expect(e).toBeInstanceOf(LightClientError)
    expect((e as LightClientError).code).toBe('ABORTED')
    await next<void>((cb) => {
      const t = setInterval(() => aborted() > 0 && cb(), 5)
      return () => clearInterval(t)
    })
  })

  it('caps subscriptions per port in the host (reported to onError) and on the page (thrown)', async () => {
    setup = hosted({ chain: main, host: { limits: { maxSubscriptions: 2 } } })
    const errors: Error[] = []
    const page = setup.connect({ onError: (e) => errors.push(e) })
    await page.start()
    page.on('heads', () => {})
    page.on('reorg', () => {})
    const refused = next<Error>((cb) => {
      const off = page.on('state', () => {})
      const t = setInterval(() => errors.length > 0 && cb(errors[0]!), 5)
      return () => {
        clearInterval(t)
        off()
      }
    })
    expect(await refused).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', details: { max: 2 } })
    const small = setup.connect({ maxSubscriptions: 1 })
    small.on('heads', () => {})
    // The same event again shares the stream; another event, or watchHeads, is over the page's cap.
    small.on('heads', () => {})
    expect(() => small.watchHeads({ onHead: () => {} })).toThrow(LightClientWorkerError)
    expect(() => small.on('reorg', () => {})).toThrow(LightClientWorkerError)
    const page2 = setup.connect({ maxSubscriptions: 8 })
    page2.on('heads', () => {})
    page2.on('reorg', () => {})
    const addressRefused = next<unknown>((onError) =>
      page2.watchAddress({ address: alice, onUpdate: () => {}, onError }),
    )
    expect(await addressRefused).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS' })
  })

  it('closes a silent page’s session after the idle timeout and drops its watchers', async () => {
    setup = hosted({ chain: main, host: { limits: { idleTimeoutMs: 60 } } })
    const errors: Error[] = []
    const page = setup.connect({ onError: (e) => errors.push(e) })
    await page.start()
    page.watchHeads({ onHead: () => {} })
    await page.hostInfo()
    expect(setup.host.info().streams).toBe(1)
    const closed = await sessionClosed(setup.host)
    expect(closed.reason).toBe('idle')
    expect(setup.host.info()).toMatchObject({ sessions: 0, streams: 0 })
    await workerError(page.getChainInfo(), 'CLOSED')
    expect(errors.map((e) => (e as LightClientWorkerError).code)).toEqual(['CLOSED'])
  })

  it('keeps a page that pings alive past the idle timeout', async () => {
    setup = hosted({ chain: main, host: { limits: { idleTimeoutMs: 80 } } })
    const page = setup.connect({ heartbeatMs: 10 })
    await page.start()
    const closes: unknown[] = []
    setup.host.on('session:close', (e) => closes.push(e))
    // Four idle periods go by while the page pings every 10 ms.
    let ticks = 0
    await next<void>((cb) => {
      const t = setInterval(() => ++ticks >= 32 && cb(), 10)
      return () => clearInterval(t)
    })
    expect(closes).toEqual([])
    expect((await page.getChainInfo()).network).toBe('devnet')
  })

  it('closes a session when its tab’s Web Lock is released (the tab is gone), without bye or port close', async () => {
    setup = hosted({ chain: main, host: { locks: navigator.locks } })
    let kill: () => void = () => {}
    const killed = new Promise<void>((resolve) => {
      kill = resolve
    })
    // The real Web Locks, with a switch that ends the holder's callback as a closed tab would.
    const locks: Pick<LockManager, 'request'> = {
      request: ((name: string, cb: (lock: Lock | null) => Promise<unknown>) =>
        navigator.locks.request(name, (lock) =>
          Promise.race([cb(lock), killed]),
        )) as LockManager['request'],
    }
    const page = setup.connect({ locks })
    await page.start()
    page.watchHeads({ onHead: () => {} })
    await page.hostInfo()
    expect(setup.host.info().streams).toBe(1)
    const closed = sessionClosed(setup.host)
    kill()
    expect((await closed).reason).toBe('tab-closed')
    expect(setup.host.info()).toMatchObject({ sessions: 0, streams: 0 })
  })

  it('refuses sessions past maxSessions', async () => {
    setup = hosted({ chain: main, host: { limits: { maxSessions: 1 } } })
    await setup.connect().ready
    await workerError(setup.connect().ready, 'TOO_MANY_SESSIONS')
  })

  it('fails a page whose port the worker side closed: calls in flight reject with CLOSED', async () => {
    const { s, aborted } = hangingHost()
    const errors: Error[] = []
    const page = s.connect({ onError: (e) => errors.push(e) })
    await page.ready
    const held = page.getBalance({ address: alice })
    await page.hostInfo()
    page.hostPort.close()
    await workerError(held, 'CLOSED')
    expect(errors).toMatchObject([
      { code: 'CLOSED', message: 'CLOSED: the worker closed the port' },
    ])
    expect(aborted()).toBe(1)
  })

  it('tells connected pages when the host closes', async () => {
    setup = hosted({ chain: main })
    const page = setup.connect()
    await page.start()
    const pending = page.waitForSync({ timeoutMs: 60_000 })
    await setup.host.close()
    await workerError(page.getChainInfo(), 'CLOSED')
    await pending.catch(() => undefined)
  })
})
