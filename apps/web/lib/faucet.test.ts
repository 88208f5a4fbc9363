import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { devnetAccount, encodeAddress } from '@supernova/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import {
  clientKey,
  createFaucetHandler,
  FAUCET_MAX_UNITS,
  FaucetError,
  parseFaucetRequest,
  readCappedBody,
  trustedProxiesFromEnv,
} from './faucet'
import { createRateLimiter } from './rateLimit'

const ADDRESS = encodeAddress({ network: 'devnet', lock: devnetAccount(1).lock })
const TESTNET_ADDRESS = encodeAddress({ network: 'testnet', lock: devnetAccount(1).lock })
const TXID = 'ab'.repeat(32)

type Call = { method: string; params: Record<string, unknown> }
let server: Server | undefined
afterEach(
  () =>
    new Promise<void>((r) => {
      if (!server) return r()
      server.closeAllConnections()
      server.close(() => r())
      server = undefined
    }),
)

/** A real local JSON-RPC endpoint: `answer` decides each call's response; calls are recorded. */
async function node(answer: (c: Call) => unknown): Promise<{ url: string; calls: Call[] }> {
  const calls: Call[] = []
  server = createServer((req, res) => {
    let text = ''
    req.on('data', (d) => (text += d))
    req.on('end', () => {
      const call = JSON.parse(text) as Call
      calls.push(call)
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, ...(answer(call) as object) }))
    })
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/rpc`, calls }
}

const devnet = (faucet: unknown) => (c: Call) =>
  c.method === 'getNodeInfo' ? { result: { network: 'devnet' } } : faucet

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/faucet', { method: 'POST', body, headers })

const handler = (url: string, limit = 5, trustedProxies = 1) =>
  createFaucetHandler({
    rpcUrl: url,
    limiter: createRateLimiter({ limit, windowMs: 60_000, now: () => 0 }),
    timeoutMs: 500,
    trustedProxies,
  })

describe('parseFaucetRequest', () => {
  it('accepts a devnet address and an amount in base units', () => {
    expect(parseFaucetRequest(JSON.stringify({ address: ADDRESS, amount: '100' }))).toEqual({
      address: ADDRESS,
      amount: 100n,
    })
    expect(
      parseFaucetRequest(
        JSON.stringify({ address: ADDRESS.toUpperCase(), amount: FAUCET_MAX_UNITS.toString() }),
      ),
    ).toEqual({ address: ADDRESS, amount: FAUCET_MAX_UNITS })
  })

  it.each([
    ['not json', 'BAD_REQUEST'],
    ['[1]', 'BAD_REQUEST'],
    ['null', 'BAD_REQUEST'],
    [JSON.stringify({ amount: '1' }), 'INVALID_ADDRESS'],
    [JSON.stringify({ address: 'dnova1qqqq', amount: '1' }), 'INVALID_ADDRESS'],
    [JSON.stringify({ address: TESTNET_ADDRESS, amount: '1' }), 'INVALID_ADDRESS'],
    [JSON.stringify({ address: ADDRESS }), 'INVALID_AMOUNT'],
    [JSON.stringify({ address: ADDRESS, amount: 5 }), 'INVALID_AMOUNT'],
    [JSON.stringify({ address: ADDRESS, amount: '0' }), 'INVALID_AMOUNT'],
    [JSON.stringify({ address: ADDRESS, amount: '-1' }), 'INVALID_AMOUNT'],
    [JSON.stringify({ address: ADDRESS, amount: '1.5' }), 'INVALID_AMOUNT'],
    [
      JSON.stringify({ address: ADDRESS, amount: (FAUCET_MAX_UNITS + 1n).toString() }),
      'INVALID_AMOUNT',
    ],
  ])('refuses %s with %s', (body, code) => {
    expect(() => parseFaucetRequest(body)).toThrow(expect.objectContaining({ code }))
  })

  it('names the network of a foreign address', () => {
    expect(() =>
      parseFaucetRequest(JSON.stringify({ address: TESTNET_ADDRESS, amount: '1' })),
    ).toThrow(/testnet/)
  })
})

describe('readCappedBody', () => {
  it('reads a small body and refuses a large one, declared or not', async () => {
    expect(await readCappedBody(post('hello'), 10)).toBe('hello')
    await expect(readCappedBody(post('x'.repeat(11)), 10)).rejects.toMatchObject({
      code: 'BODY_TOO_LARGE',
      status: 413,
    })
    const undeclared = new Request('http://localhost/', {
      method: 'POST',
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(600))
          c.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    await expect(readCappedBody(undeclared)).rejects.toMatchObject({ code: 'BODY_TOO_LARGE' })
  })
})

describe('clientKey', () => {
  const xff = (v: string) => new Headers({ 'x-forwarded-for': v })

  it('with no trusted proxy, puts every request in one bucket whatever the headers claim', () => {
    expect(clientKey(xff('10.0.0.1'))).toBe('all')
    expect(clientKey(new Headers({ 'x-real-ip': '10.0.0.3' }))).toBe('all')
    expect(clientKey(new Headers())).toBe('all')
  })

  it('behind N proxies, takes the address the outermost one appended, not what the client sent', () => {
    // The client sent "6.6.6.6"; the one proxy appended the address it saw.
    expect(clientKey(xff('6.6.6.6, 10.0.0.1'), 1)).toBe('ip:10.0.0.1')
    expect(clientKey(xff('10.0.0.1'), 1)).toBe('ip:10.0.0.1')
    // Two proxies: the outer one appended the client, the inner one the outer one.
    expect(clientKey(xff('6.6.6.6, 10.0.0.1, 192.168.0.2'), 2)).toBe('ip:10.0.0.1')
    expect(clientKey(xff('a'.repeat(500)), 1)).toHaveLength(3 + 64)
  })

  it('gives a request that did not pass the proxies a bucket of its own', () => {
    expect(clientKey(new Headers(), 1)).toBe('unproxied')
    expect(clientKey(xff('10.0.0.1'), 2)).toBe('unproxied')
    expect(clientKey(xff(' , '), 1)).toBe('unproxied')
  })

  it('refuses a proxy count that is not an integer in 0..16', () => {
    expect(() => clientKey(new Headers(), -1)).toThrow(RangeError)
    expect(() => clientKey(new Headers(), 1.5)).toThrow(RangeError)
    expect(() => clientKey(new Headers(), 17)).toThrow(RangeError)
  })
})

describe('trustedProxiesFromEnv', () => {
  it('reads SUPERNOVA_TRUSTED_PROXIES, default 0, and refuses anything but 0..16', () => {
    expect(trustedProxiesFromEnv({})).toBe(0)
    expect(trustedProxiesFromEnv({ SUPERNOVA_TRUSTED_PROXIES: ' 2 ' })).toBe(2)
    for (const bad of ['-1', '1.5', 'one', '17'])
      expect(() => trustedProxiesFromEnv({ SUPERNOVA_TRUSTED_PROXIES: bad })).toThrow(RangeError)
  })
})

describe('POST /api/faucet', () => {
  it('forwards { address, amount } to the node and answers its txid', async () => {
    const n = await node(devnet({ result: { txid: TXID } }))
    const res = await handler(n.url)(post(JSON.stringify({ address: ADDRESS, amount: '500' })))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ txid: TXID, address: ADDRESS, amount: '500' })
    expect(n.calls.map((c) => c.method)).toEqual(['getNodeInfo', 'faucet'])
    expect(n.calls[1]!.params).toEqual({ address: ADDRESS, amount: '500' })
  })

  it('asks nothing of the node for an invalid request', async () => {
    const n = await node(devnet({ result: { txid: TXID } }))
    const res = await handler(n.url)(post(JSON.stringify({ address: 'nope', amount: '5' })))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'INVALID_ADDRESS' })
    const big = await handler(n.url)(
      post(JSON.stringify({ address: ADDRESS, pad: 'x'.repeat(2000) })),
    )
    expect(big.status).toBe(413)
    expect(n.calls).toHaveLength(0)
  })

  it('refuses on a node that is not devnet without calling the faucet', async () => {
    const n = await node(() => ({ result: { network: 'testnet' } }))
    const res = await handler(n.url)(post(JSON.stringify({ address: ADDRESS, amount: '5' })))
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: 'NOT_DEVNET' })
    expect(n.calls.map((c) => c.method)).toEqual(['getNodeInfo'])
  })

  it('passes on the node’s refusal with its reason', async () => {
    const n = await node(
      devnet({
        error: {
          code: -32004,
          message: 'transaction rejected: the faucet has no coin large enough right now',
          data: { code: 'FAUCET_EMPTY', reason: 'the faucet has no coin large enough right now' },
        },
      }),
    )
    const res = await handler(n.url)(post(JSON.stringify({ address: ADDRESS, amount: '5' })))
    expect(res.status).toBe(422)
    const body = (await res.json()) as { error: string; message: string }
    expect(body.error).toBe('FAUCET_REFUSED')
    expect(body.message).toContain('no coin large enough')
    const off = await node(
      devnet({ error: { code: -32005, message: 'the faucet runs only on devnet' } }),
    )
    const res2 = await handler(off.url)(post(JSON.stringify({ address: ADDRESS, amount: '5' })))
    expect(await res2.json()).toMatchObject({ error: 'NOT_DEVNET' })
  })

  it('says when the node is unreachable or answers nonsense', async () => {
    const n = await node(() => ({ result: { network: 'devnet' } }))
    const url = n.url
    const bad = await handler(url)(post(JSON.stringify({ address: ADDRESS, amount: '5' })))
    expect(bad.status).toBe(502)
    expect(await bad.json()).toMatchObject({ error: 'BAD_ANSWER' })
    await new Promise<void>((r) => {
      server!.closeAllConnections()
      server!.close(() => r())
      server = undefined
    })
    const down = await handler(url)(post(JSON.stringify({ address: ADDRESS, amount: '5' })))
    expect(down.status).toBe(503)
    expect(await down.json()).toMatchObject({ error: 'NODE_UNREACHABLE' })
  })

  it('limits each client, with the wait in the answer', async () => {
    const n = await node(devnet({ result: { txid: TXID } }))
    const handle = handler(n.url, 2)
    const from = (ip: string) =>
      handle(post(JSON.stringify({ address: ADDRESS, amount: '5' }), { 'x-forwarded-for': ip }))
    expect((await from('1.1.1.1')).status).toBe(200)
    expect((await from('1.1.1.1')).status).toBe(200)
    const limited = await from('1.1.1.1')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect(await limited.json()).toMatchObject({ error: 'RATE_LIMITED', retryAfterMs: 60_000 })
    expect((await from('2.2.2.2')).status).toBe(200)
    // Spoofing an address in front of the proxy's does not open a new bucket.
    expect((await from('9.9.9.9, 1.1.1.1')).status).toBe(429)
  })

  it('served directly (no trusted proxy), limits all requests together', async () => {
    const n = await node(devnet({ result: { txid: TXID } }))
    const handle = handler(n.url, 1, 0)
    const from = (ip: string) =>
      handle(post(JSON.stringify({ address: ADDRESS, amount: '5' }), { 'x-forwarded-for': ip }))
    expect((await from('1.1.1.1')).status).toBe(200)
    expect((await from('2.2.2.2')).status).toBe(429)
  })

  it('is a FaucetError with a status for every code', () => {
    expect(new FaucetError('NODE_UNREACHABLE', 'x').status).toBe(503)
  })
})
