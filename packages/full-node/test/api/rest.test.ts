import { COIN, toHex } from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMethodTable } from '../../src/api/methods/index.js'
import { parsePrometheusText, sampleValue } from '../metrics/promText.js'
import {
  addressOf,
  call,
  carol,
  getJson,
  type Json,
  rpc,
  startTestApi,
  type TestApi,
} from './helpers.js'

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

describe('REST index /api/v1', () => {
  it('blocks: newest first, paged by beforeHeight, each with txCount and size', async () => {
    const { status, body } = await getJson(t.url, '/api/v1/blocks?limit=3')
    expect(status).toBe(200)
    expect(body.map((b: Json) => b.height)).toEqual([11, 10, 9])
    expect(body[0].txCount).toBe(2)
    expect(body[0].size).toBeGreaterThan(220)
    expect(body[0].hash).toBe(toHex(t.chain.tip().hash))
    const page = await getJson(t.url, '/api/v1/blocks?beforeHeight=2')
    expect(page.body.map((b: Json) => b.height)).toEqual([1, 0])
    expect((await getJson(t.url, '/api/v1/blocks')).body).toHaveLength(12)
    expect((await getJson(t.url, '/api/v1/blocks?limit=101')).status).toBe(400)
    expect((await getJson(t.url, '/api/v1/blocks?limit=abc')).body.error.data.field).toBe('limit')
    expect((await getJson(t.url, '/api/v1/blocks?sort=asc')).body.error.data.field).toBe('sort')
  })

  it('blocks/:hashOrHeight, tx/:txid and mempool match the RPC results', async () => {
    const byHeight = await getJson(t.url, '/api/v1/blocks/11')
    expect(byHeight.body).toEqual(await call(t.url, 'getBlock', { height: 11 }))
    expect((await getJson(t.url, `/api/v1/blocks/${byHeight.body.hash}`)).body).toEqual(
      byHeight.body,
    )
    expect((await getJson(t.url, '/api/v1/blocks/99')).status).toBe(404)
    expect((await getJson(t.url, '/api/v1/blocks/xyz')).status).toBe(400)
    const tx = await getJson(t.url, `/api/v1/tx/${toHex(t.confirmed.txid)}`)
    expect(tx.body).toEqual(await call(t.url, 'getTransaction', { txid: toHex(t.confirmed.txid) }))
    expect((await getJson(t.url, `/api/v1/tx/${'00'.repeat(32)}`)).status).toBe(404)
    const pool = await getJson(t.url, '/api/v1/mempool')
    expect(pool.body).toEqual(await call(t.url, 'getMempool'))
    expect((await getJson(t.url, '/api/v1/nothing')).status).toBe(404)
    expect((await getJson(t.url, '/api/v1/tx/a/b')).status).toBe(404)
    expect((await getJson(t.url, '/api/v1/blocks/%E0%A4%A')).status).toBe(400)
  })

  it('address/:address: balance and the first history page', async () => {
    const address = addressOf(carol.lock)
    const { status, body } = await getJson(t.url, `/api/v1/address/${address}`)
    expect(status).toBe(200)
    expect(body.confirmed).toBe((5n * COIN).toString())
    expect(body.unconfirmedDelta).toBe((2n * COIN).toString())
    expect(body.history).toEqual(await call(t.url, 'getAddressHistory', { address }))
    expect(
      (await getJson(t.url, `/api/v1/address/${address}?beforeHeight=11`)).body.history,
    ).toEqual([])
    const bad = await getJson(t.url, '/api/v1/address/nova1notanaddress')
    expect(bad.status).toBe(400)
    expect(bad.body.error.data.field).toBe('address')
  })
})

describe('/health, /openrpc.json, /metrics', () => {
  it('/health reports ok or syncing, height and peers', async () => {
    expect((await getJson(t.url, '/health')).body).toEqual({ status: 'ok', height: 11, peers: 0 })
    t.network.syncing = true
    expect((await getJson(t.url, '/health')).body.status).toBe('syncing')
    t.network.syncing = false
  })

  it('the OpenRPC document lists every dispatched method with its params, and rpc.discover agrees', async () => {
    const doc = (await getJson(t.url, '/openrpc.json')).body
    const table = createMethodTable('devnet')
    expect(doc.openrpc).toMatch(/^1\.\d+\.\d+$/)
    expect(doc.methods.map((m: Json) => m.name).sort()).toEqual([...table.byName.keys()].sort())
    for (const m of doc.methods) {
      const row = table.byName.get(m.name)!
      expect(m.params.map((p: Json) => p.name)).toEqual(Object.keys(row.params))
      expect(m.errors.map((e: Json) => e.code)).toContain(-32602)
      expect(Boolean(m['x-admin'])).toBe(Boolean(row.admin))
    }
    const names = doc.methods.map((m: Json) => m.name)
    for (const spec of [
      'getChainInfo',
      'getBlock',
      'getBlockHeader',
      'getTransaction',
      'sendTransaction',
      'getBalance',
      'getUtxos',
      'getAddressHistory',
      'getMempool',
      'estimateFee',
      'getPeers',
      'faucet',
      'stop',
      'setMining',
      'addPeer',
      'banPeer',
      'subscribe',
      'unsubscribe',
      'rpc.discover',
      'getTransactionProof',
      'getUtxoProofs',
    ])
      expect(names).toContain(spec)
    expect(await call(t.url, 'rpc.discover')).toEqual(doc)
    // Every documented method is dispatched: none answers "method not found" over HTTP except
    // the WebSocket-only ones.
    for (const name of names) {
      const r = await rpc(t.url, name, { definitelyNotAParam: 1 })
      expect(r.error?.code, name).not.toBe(undefined)
      if (!['subscribe', 'unsubscribe'].includes(name)) expect(r.error.code, name).not.toBe(-32601)
    }
  })

  it('/metrics is Prometheus text with the node families and RPC counts', async () => {
    await call(t.url, 'getChainInfo')
    await rpc(t.url, 'nope')
    const res = await fetch(`${t.url}/metrics`)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    const parsed = parsePrometheusText(await res.text())
    for (const family of [
      'supernova_chain_height',
      'supernova_peers',
      'supernova_mempool_transactions',
      'supernova_utxo_set_size',
      'supernova_reorg_depth',
      'supernova_database_size_bytes',
      'process_cpu_user_seconds_total',
    ])
      expect(parsed.types.has(family), family).toBe(true)
    expect(
      sampleValue(parsed, 'supernova_rpc_requests_total', { method: 'getChainInfo', status: 'ok' }),
    ).toBeGreaterThanOrEqual(1)
    expect(
      sampleValue(parsed, 'supernova_rpc_requests_total', { method: 'unknown', status: '-32601' }),
    ).toBeGreaterThanOrEqual(1)
    expect(parsed.samples.every((s) => s.labels.method !== 'nope')).toBe(true)
  })
})
