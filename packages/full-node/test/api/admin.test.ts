import { statSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { DEVNET } from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiServer } from '../../src/api/createApiServer.js'
import { createMethodTable } from '../../src/api/methods/index.js'
import { logger } from '../helpers/chain.js'
import { call, openWs, postRaw, rpc, startTestApi, type TestApi } from './helpers.js'

let t: TestApi
let peerId: string
beforeAll(async () => {
  t = await startTestApi({ apiKey: 'k'.repeat(24) })
  peerId = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
})
afterAll(() => t.close())

/** Valid params for every admin method, so auth is the only reason to refuse. */
const adminParams = (): Record<string, unknown> => ({
  stop: {},
  setMining: { enabled: true, threads: 2 },
  addPeer: { multiaddr: `/ip4/127.0.0.1/tcp/7701/p2p/${peerId}` },
  banPeer: { peerId, durationMs: 60_000 },
})

/** The spec's admin methods, fixed here so a method losing its admin flag fails the sweep. */
const ADMIN = ['addPeer', 'banPeer', 'setMining', 'stop']

function expectNothingHappened() {
  expect(t.miner.mining).toBe(false)
  expect(t.miner.workers).toBe(1)
  expect(t.network.added).toEqual([])
  expect(t.network.banned.size).toBe(0)
  expect(t.stops).toEqual([])
}

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('admin methods and auth', () => {
  it('the method table marks exactly these as admin', () => {
    const table = [...createMethodTable('devnet').byName.values()]
    expect(
      table
        .filter((m) => m.admin)
        .map((m) => m.name)
        .sort(),
    ).toEqual(ADMIN)
  })

  it('every admin method is refused without auth, with a wrong token or scheme, and does nothing', async () => {
    const params = adminParams()
    const wrong = [
      undefined,
      'not-the-cookie',
      t.cookie().slice(0, -1),
      `${t.cookie()}0`,
      t.cookie().toUpperCase(),
      '',
    ]
    for (const name of ADMIN) {
      for (const token of wrong) {
        const r = await rpc(t.url, name, params[name], token)
        expect(r.error?.code, `${name} with ${token}`).toBe(-32001)
        expect(r.result).toBeUndefined()
      }
      const basic = await postRaw(
        t.url,
        JSON.stringify({ jsonrpc: '2.0', id: 1, method: name, params: params[name] }),
        { authorization: `Basic ${t.cookie()}` },
      )
      expect(basic.body.error.code).toBe(-32001)
      // Auth is checked before params: a bad call says nothing about its params.
      expect((await rpc(t.url, name, { bogus: 1 })).error.code).toBe(-32001)
    }
    const batch = await postRaw(
      t.url,
      JSON.stringify(
        ADMIN.map((method, id) => ({ jsonrpc: '2.0', id, method, params: params[method] })),
      ),
    )
    expect(batch.body.map((r: { error: { code: number } }) => r.error.code)).toEqual(
      ADMIN.map(() => -32001),
    )
    const ws = await openWs(t.url, '?token=wrong')
    for (const name of ADMIN) expect((await ws.request(name, params[name])).error.code).toBe(-32001)
    ws.close()
    await new Promise((r) => setTimeout(r, 50))
    expectNothingHappened()
  })

  it('with the cookie or the API key every admin method runs', async () => {
    const cookie = t.cookie()
    expect(await call(t.url, 'setMining', { enabled: true, threads: 2 }, cookie)).toEqual({
      mining: true,
      threads: 2,
    })
    expect(t.miner.mining).toBe(true)
    expect(await call(t.url, 'setMining', { enabled: false }, 'k'.repeat(24))).toEqual({
      mining: false,
      threads: 2,
    })
    const ma = `/ip4/127.0.0.1/tcp/7701/p2p/${peerId}`
    expect(await call(t.url, 'addPeer', { multiaddr: ma }, cookie)).toEqual({ connected: true })
    expect(t.network.added).toEqual([ma])
    expect(await call(t.url, 'banPeer', { peerId }, cookie)).toEqual({ banned: true })
    expect(t.network.banned.get(peerId)).toBe(86_400_000)
    const ws = await openWs(t.url, `?token=${cookie}`)
    expect((await ws.request('banPeer', { peerId, durationMs: 5 })).result).toEqual({
      banned: true,
    })
    expect(t.network.banned.get(peerId)).toBe(5)
    ws.close()
    expect(await call(t.url, 'stop', {}, cookie)).toEqual({ stopping: true })
    await waitFor(() => t.stops.length === 1)
  })

  it('authed calls still get typed param errors', async () => {
    const cookie = t.cookie()
    const bad = [
      ['addPeer', { multiaddr: 'garbage' }, 'multiaddr'],
      ['addPeer', { multiaddr: '/ip4/999.0.0.1/tcp/1' }, 'multiaddr'],
      ['banPeer', { peerId: 'notapeer' }, 'peerId'],
      ['banPeer', { peerId, durationMs: 0 }, 'durationMs'],
      ['setMining', { enabled: 'yes' }, 'enabled'],
      ['setMining', { enabled: true, threads: 0 }, 'threads'],
      ['setMining', {}, 'enabled'],
      ['setMining', { enabled: true, threads: 65 }, 'threads'],
    ] as const
    for (const [method, params, field] of bad) {
      const r = await rpc(t.url, method, params, cookie)
      expect(r.error?.code, `${method} ${JSON.stringify(params)}`).toBe(-32602)
      expect(r.error.data.field).toBe(field)
    }
  })

  it('authed callers are exempt from the rate limit', async () => {
    const limited = await startTestApi({ limits: { rateLimit: { perSecond: 1, burst: 2 } } })
    try {
      await call(limited.url, 'getChainInfo')
      await call(limited.url, 'getChainInfo')
      expect((await rpc(limited.url, 'getChainInfo')).error.code).toBe(-32002)
      for (let i = 0; i < 5; i++)
        expect((await call(limited.url, 'getChainInfo', {}, limited.cookie())).height).toBe(11)
    } finally {
      await limited.close()
    }
  })
})

describe('cookie file', () => {
  it('is 32 random bytes in hex, mode 0600, rotated on restart and deleted at stop', async () => {
    const s = await startTestApi()
    try {
      const path = join(s.dataDir, '.cookie')
      expect(s.api.cookiePath).toBe(path)
      const first = s.cookie()
      expect(first).toMatch(/^[0-9a-f]{64}$/)
      expect(statSync(path).mode & 0o777).toBe(0o600)
      await s.api.stop()
      expect(() => statSync(path)).toThrow()
      const { url } = await s.api.start()
      const second = s.cookie()
      expect(second).toMatch(/^[0-9a-f]{64}$/)
      expect(second).not.toBe(first)
      expect(statSync(path).mode & 0o777).toBe(0o600)
      expect((await rpc(url, 'setMining', { enabled: true }, first)).error.code).toBe(-32001)
      expect((await call(url, 'setMining', { enabled: true }, second)).mining).toBe(true)
    } finally {
      await s.close()
    }
  })

  it('a short API key is refused at creation', () => {
    expect(() =>
      createApiServer(
        {
          host: '127.0.0.1',
          port: 0,
          dataDir: '/nonexistent',
          corsOrigins: [],
          network: 'devnet',
          apiKey: 'short',
        },
        { chain: { params: DEVNET } as never, logger } as never,
      ),
    ).toThrow(/apiKey/)
  })
})
