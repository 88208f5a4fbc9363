import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { COIN, computeTxid, encodeTransaction, toHex } from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { pay } from '../helpers/chain.js'
import {
  addressOf,
  alice,
  bob,
  call,
  carol,
  openWs,
  startTestApi,
  type TestApi,
} from './helpers.js'

let t: TestApi
beforeAll(async () => {
  t = await startTestApi({ corsOrigins: ['http://localhost:3000'] })
})
afterAll(() => t.close())

type Client = Awaited<ReturnType<typeof openWs>>

/** Every message already on its way arrives before the answer to a later request. */
async function flush(ws: Client): Promise<void> {
  await ws.request('estimateFee')
}

const isNote = (sub: string) => (m: { method?: string; params?: { subscription: string } }) =>
  m.method === 'subscription' && m.params?.subscription === sub

describe('WebSocket /ws', () => {
  it('answers the same calls and batches as HTTP', async () => {
    const ws = await openWs(t.url)
    expect((await ws.request('getChainInfo')).result).toEqual(await call(t.url, 'getChainInfo'))
    ws.ws.send(
      JSON.stringify([
        { jsonrpc: '2.0', id: 'x', method: 'getMempool' },
        { jsonrpc: '2.0', id: 'y', method: 'nope' },
      ]),
    )
    const batch = await ws.next(Array.isArray)
    expect(batch.map((r: { id: string }) => r.id)).toEqual(['x', 'y'])
    ws.ws.send('{oops')
    expect((await ws.next((m) => m.error?.code === -32700)).id).toBeNull()
    ws.ws.send(Buffer.from('{}'), { binary: true })
    expect((await ws.next((m) => m.error?.code === -32600)).id).toBeNull()
    expect((await ws.request('setMining', { enabled: true })).error.code).toBe(-32001)
    ws.close()
  })

  it('newHeads: notified on each new tip until unsubscribed', async () => {
    const ws = await openWs(t.url)
    const { result: sub } = await ws.request('subscribe', { topic: 'newHeads' })
    expect(sub).toMatch(/^[0-9a-f]{16}$/)
    const block = await t.mine()
    const note = await ws.next(isNote(sub))
    expect(note.params.result.height).toBe(block.header.height)
    expect(note.params.result.hash).toBe(toHex(t.chain.tip().hash))
    expect(note.params.result.confirmations).toBe(1)
    expect((await ws.request('unsubscribe', { subscription: sub })).result).toBe(true)
    await t.mine()
    await flush(ws)
    expect(ws.inbox.filter(isNote(sub))).toEqual([])
    expect((await ws.request('unsubscribe', [sub])).error.code).toBe(-32003)
    ws.close()
  })

  it('pendingTxs and addressActivity (pending, then confirmed; paying and spending side)', async () => {
    const ws = await openWs(t.url)
    const pending = (await ws.request('subscribe', { topic: 'pendingTxs' })).result
    const carolSub = (
      await ws.request('subscribe', { topic: 'addressActivity', address: addressOf(carol.lock) })
    ).result
    const aliceSub = (
      await ws.request('subscribe', { topic: 'addressActivity', address: addressOf(alice.lock) })
    ).result
    const tx = await pay(t.chain, alice, carol.lock, COIN)
    const txid = toHex(computeTxid(tx))
    await call(t.url, 'sendTransaction', { hex: toHex(encodeTransaction(tx)) })
    expect((await ws.next(isNote(pending))).params.result).toEqual({ txid })
    expect((await ws.next(isNote(carolSub))).params.result).toEqual({
      address: addressOf(carol.lock),
      txid,
      height: null,
    })
    expect((await ws.next(isNote(aliceSub))).params.result).toEqual({
      address: addressOf(alice.lock),
      txid,
      height: null,
    })
    const block = await t.mine([tx])
    const confirmed = await ws.next((m) => isNote(carolSub)(m) && m.params.result.height !== null)
    expect(confirmed.params.result).toEqual({
      address: addressOf(carol.lock),
      txid,
      height: block.header.height,
    })
    const spent = await ws.next((m) => isNote(aliceSub)(m) && m.params.result.height !== null)
    expect(spent.params.result.txid).toBe(txid)
    // Bob is not involved: nothing for a subscription on him.
    const bobSub = (
      await ws.request('subscribe', { topic: 'addressActivity', address: addressOf(bob.lock) })
    ).result
    await t.mine()
    await flush(ws)
    expect(ws.inbox.filter(isNote(bobSub))).toEqual([])
    ws.close()
  })

  it('subscribe validates its params', async () => {
    const ws = await openWs(t.url)
    expect((await ws.request('subscribe', { topic: 'addressActivity' })).error.data.field).toBe(
      'address',
    )
    expect(
      (await ws.request('subscribe', { topic: 'newHeads', address: addressOf(carol.lock) })).error
        .data.field,
    ).toBe('address')
    expect((await ws.request('subscribe', { topic: 'finalized' })).error.data.field).toBe('topic')
    expect((await ws.request('subscribe', ['newHeads'])).error.data.field).toBe('params')
    expect(
      (await ws.request('subscribe', { topic: 'addressActivity', address: 'tnova1xyz' })).error.data
        .field,
    ).toBe('address')
    ws.close()
  })

  it('caps subscriptions per socket at 32 (-32008)', async () => {
    const ws = await openWs(t.url)
    const ids: string[] = []
    for (let i = 0; i < 32; i++)
      ids.push((await ws.request('subscribe', { topic: 'pendingTxs' })).result)
    expect(new Set(ids).size).toBe(32)
    const over = await ws.request('subscribe', { topic: 'newHeads' })
    expect(over.error).toMatchObject({ code: -32008, data: { max: 32 } })
    await ws.request('unsubscribe', { subscription: ids[0] })
    expect((await ws.request('subscribe', { topic: 'newHeads' })).result).toMatch(/^[0-9a-f]+$/)
    ws.close()
  })

  it('refuses foreign origins and other paths', async () => {
    await expect(
      openWsWith(`${t.url.replace('http', 'ws')}/ws`, { origin: 'https://evil.example' }),
    ).rejects.toThrow(/403/)
    await expect(openWsWith(`${t.url.replace('http', 'ws')}/other`)).rejects.toThrow(/404/)
    const ok = await openWsWith(`${t.url.replace('http', 'ws')}/ws`, {
      origin: 'http://localhost:3000',
    })
    ok.close()
  })
})

function openWsWith(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

async function retry<T>(fn: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    try {
      return await fn()
    } catch (e) {
      if (Date.now() > deadline) throw e
      await new Promise((r) => setTimeout(r, 20))
    }
  }
}

/** A hand-rolled client that upgrades, then writes masked text frames and never reads. */
function rawWsClient(url: string): Promise<{ socket: Socket; send: (text: string) => boolean }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    socket.once('error', reject)
    socket.once('connect', () => {
      socket.write(
        `GET /ws HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      )
    })
    socket.once('data', (d) => {
      if (!d.toString().startsWith('HTTP/1.1 101')) {
        socket.destroy()
        return reject(new Error(`no upgrade: ${d.toString().split('\r\n')[0]}`))
      }
      socket.pause()
      const send = (text: string) => {
        const payload = Buffer.from(text)
        const mask = randomBytes(4)
        const masked = payload.map((b, i) => b ^ mask[i % 4]!)
        return socket.write(
          Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]),
        )
      }
      resolve({ socket, send })
    })
  })
}

describe('WebSocket limits', () => {
  it('caps sockets, message size and rate; cuts a client that does not read', async () => {
    const s = await startTestApi({
      limits: {
        maxSockets: 3,
        maxPayloadBytes: 4096,
        maxBufferedBytes: 64 * 1024,
        maxInFlight: 100_000,
      },
    })
    try {
      const wsUrl = `${s.url.replace('http', 'ws')}/ws`
      const a = await openWs(s.url)
      const big = new Promise<number>((resolve) => a.ws.once('close', (code) => resolve(code)))
      a.ws.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'getChainInfo',
          params: { pad: 'x'.repeat(5000) },
        }),
      )
      expect(await big).toBe(1009)
      const b = await openWs(s.url)
      const c = await openWs(s.url)
      const d = await openWs(s.url)
      await expect(openWsWith(wsUrl)).rejects.toThrow(/503/)
      await Promise.all(
        [b, c, d].map((x) => new Promise((resolve) => x.ws.once('close', resolve).close())),
      )
      // The server drops its side of a closed socket asynchronously: retry the upgrade briefly.
      const slow = await retry(() => rawWsClient(s.url), 5000)
      const closed = new Promise<void>((resolve) => {
        slow.socket.once('error', () => resolve())
        slow.socket.once('close', () => resolve())
      })
      for (let i = 0; i < 1000; i++)
        slow.send(`{"jsonrpc":"2.0","id":${i},"method":"rpc.discover"}`)
      // Keep writing small frames: once the server has cut the socket they fail.
      const deadline = Date.now() + 15_000
      let cut = false
      void closed.then(() => {
        cut = true
      })
      while (!cut && Date.now() < deadline) {
        slow.send('{"jsonrpc":"2.0","method":"estimateFee"}')
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(cut).toBe(true)
      slow.socket.destroy()
      expect((await call(s.url, 'getChainInfo')).network).toBe('devnet')
    } finally {
      await s.close()
    }
  })

  it('rate-limits WebSocket messages with -32002 per call', async () => {
    const s = await startTestApi({ limits: { rateLimit: { perSecond: 1, burst: 3 } } })
    try {
      const ws = await openWs(s.url) // the upgrade costs one token
      expect((await ws.request('estimateFee')).result).toBeDefined()
      expect((await ws.request('estimateFee')).result).toBeDefined()
      const limited = await ws.request('estimateFee')
      expect(limited.error).toMatchObject({ code: -32002 })
      s.advanceRateClock(2000)
      expect((await ws.request('estimateFee')).result).toBeDefined()
      ws.close()
    } finally {
      await s.close()
    }
  })
})
