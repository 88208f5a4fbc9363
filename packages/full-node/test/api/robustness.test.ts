import { request } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, type Json, postRaw, rpc, startTestApi, type TestApi } from './helpers.js'

let t: TestApi
beforeAll(async () => {
  t = await startTestApi({ corsOrigins: ['http://localhost:3000'] })
})
afterAll(() => t.close())

const req = (method: string, id: Json = 1, params?: unknown) =>
  ({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }) as const

async function stillUp(url = t.url) {
  expect((await call(url, 'getChainInfo')).height).toBe(11)
}

/** Streams `total` bytes in chunks without a Content-Length; resolves with status and body. */
function streamBody(url: string, total: number): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const r = request({
      hostname,
      port,
      path: '/rpc',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    })
    r.setTimeout(10_000, () => r.destroy(new Error('client timeout')))
    r.on('response', (res) => {
      let body = ''
      res.on('data', (c) => {
        body += c
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', reject)
    })
    r.on('error', reject)
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    let sent = 0
    const pump = () => {
      while (sent < total) {
        sent += chunk.length
        if (!r.write(chunk)) return void r.once('drain', pump)
      }
      r.end()
    }
    pump()
  })
}

/** Raw bytes over TCP; resolves with everything the server sent before closing. */
function rawExchange(url: string, payload: string): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(payload))
    let out = ''
    socket.setTimeout(10_000, () => socket.destroy(new Error('timeout')))
    socket.on('data', (d) => {
      out += d
    })
    socket.on('close', () => resolve(out))
    socket.on('error', reject)
  })
}

describe('JSON-RPC robustness', () => {
  it('malformed JSON answers -32700 and the next request works', async () => {
    for (const body of ['{', '{"jsonrpc":"2.0",', 'nul', '\u0000\u0001', '{"a":1}}', '']) {
      const r = await postRaw(t.url, body)
      expect(r.status).toBe(200)
      expect(r.body).toEqual({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700, message: 'invalid JSON' },
      })
    }
    await stillUp()
  })

  it('non-object bodies and invalid request objects answer -32600', async () => {
    for (const body of ['42', '"str"', 'null', 'true', '[]']) {
      const r = await postRaw(t.url, body)
      expect(r.body.error.code, body).toBe(-32600)
      expect(r.body.id).toBeNull()
    }
    const invalid = [
      { id: 1, method: 'getChainInfo' },
      { jsonrpc: '1.0', id: 1, method: 'getChainInfo' },
      { jsonrpc: '2.0', id: 1, method: 42 },
      { jsonrpc: '2.0', id: 1, method: 'x'.repeat(65) },
      { jsonrpc: '2.0', id: 1, method: 'getChainInfo', params: 'str' },
      { jsonrpc: '2.0', id: 1, method: 'getChainInfo', params: null },
      { jsonrpc: '2.0', id: { a: 1 }, method: 'getChainInfo' },
      { jsonrpc: '2.0', id: 'i'.repeat(300), method: 'getChainInfo' },
    ]
    for (const body of invalid) {
      const r = await postRaw(t.url, JSON.stringify(body))
      expect(r.body.error.code, JSON.stringify(body).slice(0, 80)).toBe(-32600)
    }
    const batch = await postRaw(t.url, '[1, "x", {"jsonrpc":"2.0","id":7,"method":"getChainInfo"}]')
    expect(batch.body.map((r: Json) => r.error?.code ?? 'ok')).toEqual([-32600, -32600, 'ok'])
    expect(batch.body[2].id).toBe(7)
    await stillUp()
  })

  it('unknown methods (prototype names included) answer -32601; bad params -32602', async () => {
    for (const m of [
      'nope',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'subscribe',
    ]) {
      expect((await rpc(t.url, m)).error.code, m).toBe(-32601)
    }
    const unknown = await rpc(t.url, 'getChainInfo', { extra: 1 })
    expect(unknown.error).toMatchObject({
      code: -32602,
      data: { field: 'extra', reason: 'unknown parameter' },
    })
    const proto = await postRaw(
      t.url,
      '{"jsonrpc":"2.0","id":1,"method":"getBalance","params":{"__proto__":{"address":"x"}}}',
    )
    expect(proto.body.error.code).toBe(-32602)
    expect((await rpc(t.url, 'getBlock', [1])).error.data.field).toBe('params')
    expect((await rpc(t.url, 'getChainInfo', [1])).error.data.field).toBe('params')
    expect((await rpc(t.url, 'getChainInfo', [])).result.height).toBe(11)
  })

  it('notifications get no response; a batch answers only its requests', async () => {
    const n = await postRaw(t.url, JSON.stringify({ jsonrpc: '2.0', method: 'getChainInfo' }))
    expect(n.status).toBe(204)
    expect(n.body).toBeUndefined()
    const mixed = await postRaw(
      t.url,
      JSON.stringify([
        req('getChainInfo', 'a'),
        { jsonrpc: '2.0', method: 'nope' },
        req('getMempool', 2),
      ]),
    )
    expect(mixed.body.map((r: Json) => r.id)).toEqual(['a', 2])
    const allNotifications = await postRaw(
      t.url,
      JSON.stringify([{ jsonrpc: '2.0', method: 'getMempool' }]),
    )
    expect(allNotifications.status).toBe(204)
  })

  it('batches up to the cap are answered; over it, one -32006', async () => {
    const ok = await postRaw(
      t.url,
      JSON.stringify(Array.from({ length: 50 }, (_, i) => req('estimateFee', i))),
    )
    expect(ok.body).toHaveLength(50)
    expect(ok.body.every((r: Json) => r.result)).toBe(true)
    const over = await postRaw(
      t.url,
      JSON.stringify(Array.from({ length: 51 }, (_, i) => req('estimateFee', i))),
    )
    expect(over.body).toMatchObject({ id: null, error: { code: -32006, data: { maxBatch: 50 } } })
    await stillUp()
  })

  it('oversize bodies answer 413 / -32007, declared or streamed, and the node stays up', async () => {
    const big = JSON.stringify(req('sendTransaction', 1, { hex: 'ab'.repeat(600_000) }))
    const declared = await postRaw(t.url, big)
    expect(declared.status).toBe(413)
    expect(declared.body.error.code).toBe(-32007)
    await stillUp()
    const streamed = await streamBody(t.url, 3 << 20)
    expect(streamed.status).toBe(413)
    expect(JSON.parse(streamed.body).error.code).toBe(-32007)
    await stillUp()
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    expect((await postRaw(t.url, deep)).body[0].error.code).toBe(-32600)
    await stillUp()
  })

  it('garbage on the socket gets 400 and a closed connection; the node stays up', async () => {
    expect(await rawExchange(t.url, 'GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1.1 400/)
    const huge = `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`
    expect(await rawExchange(t.url, huge)).toMatch(/^HTTP\/1.1 431/)
    await stillUp()
  })

  it('wrong HTTP methods and unknown paths', async () => {
    expect((await fetch(`${t.url}/rpc`)).status).toBe(405)
    expect((await fetch(`${t.url}/health`, { method: 'POST', body: '{}' })).status).toBe(405)
    const missing = await fetch(`${t.url}/nope`)
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.code).toBe(-32601)
  })

  it('CORS headers only for configured origins', async () => {
    const allowed = await fetch(`${t.url}/health`, { headers: { origin: 'http://localhost:3000' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    const other = await fetch(`${t.url}/health`, { headers: { origin: 'https://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await fetch(`${t.url}/rpc`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
    const refused = await fetch(`${t.url}/rpc`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    })
    expect(refused.status).toBe(403)
  })
})

describe('per-IP rate limit', () => {
  it('kicks in with 429, Retry-After and -32002, charges batches per call, and recovers', async () => {
    const s = await startTestApi({ limits: { rateLimit: { perSecond: 10, burst: 5 } } })
    try {
      for (let i = 0; i < 5; i++) await call(s.url, 'getChainInfo')
      const limited = await postRaw(s.url, JSON.stringify(req('getChainInfo', 9)))
      expect(limited.status).toBe(429)
      expect(limited.headers.get('retry-after')).toBe('1')
      expect(limited.body.error.code).toBe(-32002)
      expect((await fetch(`${s.url}/api/v1/mempool`)).status).toBe(429)
      s.advanceRateClock(300) // 3 tokens back
      const batch = await postRaw(
        s.url,
        JSON.stringify([
          req('getChainInfo', 1),
          req('getChainInfo', 2),
          req('getChainInfo', 3),
          req('getChainInfo', 4),
        ]),
      )
      expect(batch.status).toBe(429)
      expect(batch.body.map((r: Json) => [r.id, r.error.code])).toEqual([
        [1, -32002],
        [2, -32002],
        [3, -32002],
        [4, -32002],
      ])
      s.advanceRateClock(1000)
      await call(s.url, 'getChainInfo')
      const ok = await postRaw(
        s.url,
        JSON.stringify([req('getChainInfo', 1), req('getChainInfo', 2)]),
      )
      expect(ok.status).toBe(200)
      expect(ok.body).toHaveLength(2)
    } finally {
      await s.close()
    }
  })
})
