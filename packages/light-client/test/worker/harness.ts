import { DEVNET } from '@supernova/protocol'
import { createLightClient } from '../../src/client/createLightClient.js'
import type { LightClient } from '../../src/client/types.js'
import { createMemoryStorage } from '../../src/storage/createMemoryStorage.js'
import {
  type ConnectLightClientParameters,
  connectLightClient,
  type RemoteLightClient,
} from '../../src/worker/connectLightClient.js'
import {
  type HostLightClientParameters,
  hostLightClient,
} from '../../src/worker/hostLightClient.js'
import type { LightClientInit } from '../../src/worker/protocol.js'
import { createFakeNetwork, type Tamper } from '../verify/fakeNetwork.js'
import { NOW, type TestChain } from '../verify/testChain.js'

export const INIT: LightClientInit = { network: 'devnet', bootstrap: [] }

/** Watchers the real client holds now (every on/watchHeads/watchAddress not yet unsubscribed). */
export type Counted = { client: LightClient; active: () => number }

/** Counts the client's live subscriptions: how a test sees that a closed port left none behind. */
export function counting(client: LightClient): Counted {
  let active = 0
  const track = (off: () => void) => {
    active++
    let done = false
    return () => {
      if (done) return
      done = true
      active--
      off()
    }
  }
  return {
    active: () => active,
    client: {
      ...client,
      on: (event, listener) => track(client.on(event, listener)),
      watchHeads: (p) => track(client.watchHeads(p)),
      watchAddress: (p) => track(client.watchAddress(p)),
    },
  }
}

/** Holds `method` until its signal aborts, then rejects with the signal's reason: a call that never answers. */
export function hanging(
  client: LightClient,
  method: 'getBalance',
): LightClient & { aborted: () => number } {
  let aborted = 0
  return {
    ...client,
    aborted: () => aborted,
    [method]: (p: { signal?: AbortSignal }) =>
      new Promise((_, reject) => {
        p.signal?.addEventListener('abort', () => {
          aborted++
          reject(p.signal?.reason)
        })
      }),
  }
}

export type HostedOptions = {
  chain: TestChain
  tamper?: Tamper
  host?: Omit<HostLightClientParameters, 'create'>
  wrap?: (c: LightClient) => LightClient
}

/**
 * A host serving a real LightClient (memory storage, the fake network over a real TestChain) and
 * pages connected to it over real MessageChannels.
 */
export function hosted(o: HostedOptions) {
  const fake = createFakeNetwork()
  fake.add('p', o.chain, o.tamper)
  let counted: Counted | undefined
  let builds = 0
  const host = hostLightClient({
    locks: null,
    ...o.host,
    create: (init) => {
      builds++
      const real = createLightClient(
        {
          ...init,
          now: () => NOW,
          storage: createMemoryStorage({ params: DEVNET }),
          sync: { pollIntervalMs: 3_600_000 },
        },
        { network: fake.network },
      )
      counted = counting(o.wrap ? o.wrap(real) : real)
      return counted.client
    },
  })
  const pages: RemoteLightClient[] = []
  const ports: MessagePort[] = []
  const connect = (
    extra: Partial<Omit<ConnectLightClientParameters, 'port'>> = {},
  ): RemoteLightClient & { port: MessagePort; hostPort: MessagePort } => {
    const { port1, port2 } = new MessageChannel()
    host.accept(port2)
    const page = connectLightClient({
      locks: null,
      heartbeatMs: 0,
      init: INIT,
      ...extra,
      port: port1,
    })
    pages.push(page)
    ports.push(port1, port2)
    return Object.assign(page, { port: port1, hostPort: port2 })
  }
  return {
    fake,
    host,
    connect,
    builds: () => builds,
    /** Live subscriptions on the real client. */
    watchers: () => counted?.active() ?? 0,
    async close() {
      for (const p of pages) p.close()
      await host.close()
      for (const p of ports) p.close()
    },
  }
}

/** Resolves with the next value `subscribe` hands its callback. */
export function next<T>(subscribe: (cb: (v: T) => void) => () => void): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((v) => {
      off()
      resolve(v)
    })
  })
}

/** Resolves on the host's next session close. */
export function sessionClosed(host: ReturnType<typeof hosted>['host']) {
  return next<{ session: number; reason: string }>((cb) => host.on('session:close', cb))
}

export async function failure(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  if (!(e instanceof Error)) throw new Error(`expected a rejection, got ${String(e)}`)
  return e
}
