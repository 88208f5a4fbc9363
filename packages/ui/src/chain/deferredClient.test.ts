import type { LightClient } from '@supernova/light-client'
import { describe, expect, it } from 'vitest'
import { createDeferredClient } from './deferredClient'

/** A client whose calls echo their method and parameters, and whose subscriptions are counted. */
function echoClient(network: LightClient['network'] = 'devnet') {
  const live = new Set<string>()
  const subscribe = (name: string) => {
    live.add(name)
    return () => live.delete(name)
  }
  const call =
    (method: string) =>
    async (p?: unknown): Promise<unknown> => ({ method, p })
  const client = {
    network,
    start: call('start'),
    stop: call('stop'),
    getChainInfo: call('getChainInfo'),
    getHeaders: call('getHeaders'),
    getBalance: call('getBalance'),
    watchHeads: () => subscribe('heads'),
    watchAddress: () => subscribe('address'),
    on: (event: string) => subscribe(`on:${event}`),
    evidence: () => [{ peer: 'p' }],
  } as unknown as LightClient
  return { client, live }
}

describe('createDeferredClient', () => {
  it('holds calls until the real client arrives, then forwards them with their parameters', async () => {
    const deferred = createDeferredClient('devnet')
    const { client } = echoClient()
    const pending = deferred.getHeaders({ count: 3 })
    const info = deferred.getChainInfo()
    expect(deferred.current()).toBeUndefined()
    expect(deferred.evidence()).toEqual([])
    deferred.resolve(client)
    await expect(pending).resolves.toEqual({ method: 'getHeaders', p: { count: 3 } })
    await expect(info).resolves.toEqual({ method: 'getChainInfo', p: undefined })
    await expect(deferred.getBalance({ address: 'a' })).resolves.toMatchObject({
      p: { address: 'a' },
    })
    expect(deferred.current()).toBe(client)
    expect(deferred.evidence()).toEqual([{ peer: 'p' }])
  })

  it('gives up a waiting call when its signal aborts', async () => {
    const deferred = createDeferredClient('devnet')
    const abort = new AbortController()
    const call = deferred.getHeaders({ count: 1, signal: abort.signal })
    abort.abort(new Error('left the page'))
    await expect(call).rejects.toThrow('left the page')
    const already = AbortSignal.abort(new Error('gone'))
    await expect(deferred.getHeaders({ count: 1, signal: already })).rejects.toThrow('gone')
  })

  it('subscribes on arrival, and an unsubscribe before that means none is ever made', async () => {
    const deferred = createDeferredClient('devnet')
    const { client, live } = echoClient()
    const offHeads = deferred.watchHeads({ onHead: () => {} })
    const offEarly = deferred.on('reorg', () => {})
    offEarly()
    deferred.resolve(client)
    await Promise.resolve()
    await Promise.resolve()
    expect([...live]).toEqual(['heads'])
    offHeads()
    expect([...live]).toEqual([])
    const offLate = deferred.watchAddress({ address: 'a', onUpdate: () => {} })
    expect([...live]).toEqual(['address'])
    offLate()
  })

  it('refuses a client of another network, and a second client', () => {
    const deferred = createDeferredClient('devnet')
    expect(() => deferred.resolve(echoClient('testnet').client)).toThrow(/expects devnet/)
    deferred.resolve(echoClient().client)
    expect(() => deferred.resolve(echoClient().client)).toThrow(/already resolved/)
  })

  it('stops nothing before the real client exists', async () => {
    await expect(createDeferredClient('devnet').stop()).resolves.toBeUndefined()
  })
})
