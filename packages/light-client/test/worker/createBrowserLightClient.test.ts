import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  type BrowserLightClient,
  createBrowserLightClient,
} from '../../src/worker/createBrowserLightClient.js'
import { LightClientWorkerError } from '../../src/worker/errors.js'
import { TestChain } from '../verify/testChain.js'
import { failure, hosted, INIT } from './harness.js'

let main: TestChain
beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(2)
})

let setup: ReturnType<typeof hosted> | undefined
const clients: BrowserLightClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.close()
  await setup?.close()
  setup = undefined
})

/**
 * Worker constructors for Node: each `new` hands the host one end of a real MessageChannel, as a
 * browser hands a SharedWorker's `connect` event the port of each new SharedWorker.
 */
function constructors(s: ReturnType<typeof hosted>) {
  const made = { shared: 0, dedicated: 0, terminated: 0 }
  const channel = () => {
    const { port1, port2 } = new MessageChannel()
    s.host.accept(port2)
    return port1
  }
  class FakeSharedWorker extends EventTarget {
    readonly port = channel()
    constructor(_url: string | URL, _o?: WorkerOptions) {
      super()
      made.shared++
    }
  }
  class FakeWorker extends EventTarget {
    readonly port = channel()
    constructor(_url: string | URL, _o?: WorkerOptions) {
      super()
      made.dedicated++
      this.port.start()
    }
    postMessage(m: unknown) {
      this.port.postMessage(m)
    }
    override addEventListener(type: string, l: EventListenerOrEventListenerObject | null) {
      if (type === 'message') this.port.addEventListener('message', l as EventListener)
      else super.addEventListener(type, l)
    }
    override removeEventListener(type: string, l: EventListenerOrEventListenerObject | null) {
      if (type === 'message') this.port.removeEventListener('message', l as EventListener)
      else super.removeEventListener(type, l)
    }
    terminate() {
      made.terminated++
      this.port.close()
    }
  }
  return {
    made,
    SharedWorker: FakeSharedWorker as unknown as typeof SharedWorker,
    Worker: FakeWorker as unknown as typeof Worker,
  }
}

const create = async (p: Partial<Parameters<typeof createBrowserLightClient>[0]>) => {
  const c = await createBrowserLightClient({
    ...INIT,
    workerUrl: '/worker.js',
    connection: { locks: null, heartbeatMs: 0 },
    ...p,
  })
  clients.push(c)
  return c
}

describe('createBrowserLightClient', () => {
  it('prefers a SharedWorker: two tabs share one client', async () => {
    setup = hosted({ chain: main })
    const scope = constructors(setup)
    const tab1 = await create({ scope })
    const tab2 = await create({ scope })
    expect([tab1.mode, tab2.mode]).toEqual(['shared-worker', 'shared-worker'])
    await tab1.start()
    expect((await tab2.waitForSync()).tip.height).toBe(2)
    expect(await tab2.hostInfo()).toMatchObject({ clientInstances: 1, sessions: 2 })
    expect(scope.made).toMatchObject({ shared: 2, dedicated: 0 })
  })

  it('falls back to a dedicated Worker, terminated on close', async () => {
    setup = hosted({ chain: main })
    const { Worker, made } = constructors(setup)
    const c = await create({ scope: { Worker } })
    expect(c.mode).toBe('worker')
    await c.start()
    expect((await c.waitForSync()).tip.height).toBe(2)
    c.close()
    expect(made.terminated).toBe(1)
  })

  it('falls back to the page itself, and fails clearly when no mode is left', async () => {
    const c = await create({ scope: {}, bootstrap: [] })
    expect(c.mode).toBe('in-page')
    expect(await c.hostInfo()).toMatchObject({ mode: 'in-page', clientInstances: 1 })
    const e = await failure(create({ scope: {}, modes: ['shared-worker', 'worker'] }))
    expect(e).toBeInstanceOf(LightClientWorkerError)
    expect(e).toMatchObject({ code: 'UNSUPPORTED' })
  })

  it('rejects when the worker never welcomes the page', async () => {
    class Silent extends EventTarget {
      readonly port = new MessageChannel().port1
    }
    const e = await failure(
      create({
        scope: { SharedWorker: Silent as unknown as typeof SharedWorker },
        connection: { locks: null, heartbeatMs: 0, connectTimeoutMs: 30 },
      }),
    )
    expect(e).toMatchObject({
      code: 'CLOSED',
      message: 'CLOSED: no welcome from the worker in 30 ms',
    })
  })

  it('rejects when the worker script fails to load (an error event before the welcome)', async () => {
    class Broken extends EventTarget {
      readonly port = new MessageChannel().port1
      constructor() {
        super()
        queueMicrotask(() => this.dispatchEvent(new Event('error')))
      }
    }
    const e = await failure(
      create({ scope: { SharedWorker: Broken as unknown as typeof SharedWorker } }),
    )
    expect(e).toMatchObject({ code: 'CLOSED', message: 'CLOSED: the worker script failed to load' })
  })
})
