import type { LightClient, LightClientEvents } from '@supernova/light-client'
import type { Network } from '@supernova/protocol'

/** A LightClient usable at once whose calls wait for the real one (`resolve`) to exist. */
export type DeferredClient = LightClient & {
  /** Hands over the real client: waiting calls and subscriptions go to it. Once only. */
  resolve(client: LightClient): void
  /** The real client, once resolved. */
  current(): LightClient | undefined
}

/**
 * A LightClient for `network` before the real one exists: a page renders its queries at once
 * while the site fetches the bootstrap list and connects the worker. Calls wait (or fail with the
 * caller's abort); subscriptions are made on the real client when it arrives and can be undone
 * before that.
 * @example
 * const client = createDeferredClient('devnet')
 * client.resolve(await createBrowserLightClient({ network: 'devnet', bootstrap, workerUrl }))
 */
export function createDeferredClient(network: Network): DeferredClient {
  let real: LightClient | undefined
  let settle: (c: LightClient) => void = () => {}
  const arrived = new Promise<LightClient>((r) => {
    settle = r
  })

  /** Waits for the real client, giving up when `signal` aborts. */
  const client = (signal?: AbortSignal): Promise<LightClient> => {
    if (real !== undefined) return Promise.resolve(real)
    if (signal === undefined) return arrived
    // A rejected promise, not a throw: callers of an async API expect their failure there.
    if (signal.aborted) return Promise.reject(signal.reason)
    return new Promise((resolve, reject) => {
      const abort = () => reject(signal.reason)
      signal.addEventListener('abort', abort, { once: true })
      void arrived.then((c) => {
        signal.removeEventListener('abort', abort)
        resolve(c)
      })
    })
  }

  /** A subscription made on the real client once it exists; the returned function undoes it. */
  const subscribe = (make: (c: LightClient) => () => void): (() => void) => {
    if (real !== undefined) return make(real)
    let off: (() => void) | undefined
    let cancelled = false
    void arrived.then((c) => {
      if (!cancelled) off = make(c)
    })
    return () => {
      cancelled = true
      off?.()
    }
  }

  type Call<K extends keyof LightClient> = LightClient[K] extends (p: infer P) => infer R
    ? (p: P) => R
    : never
  const forward = <K extends keyof LightClient>(name: K): Call<K> =>
    ((p: { signal?: AbortSignal } | undefined) =>
      client(p?.signal).then((c) => (c[name] as (q: unknown) => unknown)(p))) as Call<K>

  return {
    network,
    start: () => client().then((c) => c.start()),
    stop: () => (real === undefined ? Promise.resolve() : real.stop()),
    waitForSync: forward('waitForSync'),
    getChainInfo: () => client().then((c) => c.getChainInfo()),
    getBlock: forward('getBlock'),
    getHeaders: forward('getHeaders'),
    getTransaction: forward('getTransaction'),
    getMempool: forward('getMempool'),
    estimateFees: forward('estimateFees'),
    getPendingTransaction: forward('getPendingTransaction'),
    getBalance: forward('getBalance'),
    getUtxos: forward('getUtxos'),
    getOutpoint: forward('getOutpoint'),
    getAddressHistory: forward('getAddressHistory'),
    sendTransaction: forward('sendTransaction'),
    watchHeads: (p) => subscribe((c) => c.watchHeads(p)),
    watchAddress: (p) => subscribe((c) => c.watchAddress(p)),
    on: <K extends keyof LightClientEvents>(
      event: K,
      listener: (e: LightClientEvents[K]) => void,
    ) => subscribe((c) => c.on(event, listener)),
    evidence: () => real?.evidence() ?? [],
    resolve(c) {
      if (real !== undefined) throw new Error('the deferred client was already resolved')
      if (c.network !== network)
        throw new Error(`the site expects ${network}, the client is for ${c.network}`)
      real = c
      settle(c)
    },
    current: () => real,
  }
}
