import { readFileSync } from 'node:fs'
import {
  COIN,
  computeTxid,
  createSignatureSchemes,
  devnetAccount,
  encodeAddress,
  type Lock,
  type Transaction,
} from '@supernova/protocol'
import { WebSocket } from 'ws'
import type { ApiFaucet, ApiMiner, ApiNetwork, ApiPeer } from '../../src/api/backend.js'
import { type ApiLimits, type ApiServer, createApiServer } from '../../src/api/createApiServer.js'
import type { Chain } from '../../src/chain/Chain.js'
import { createMempool } from '../../src/mempool/createMempool.js'
import type { Mempool } from '../../src/mempool/types.js'
import { createMetrics, type Metrics } from '../../src/metrics/createMetrics.js'
import {
  alice,
  bob,
  carol,
  createClock,
  logger,
  mineBlock,
  openTestChain,
  pay,
  tempDir,
} from '../helpers/chain.js'

export { alice, bob, carol }

/** Devnet address of a lock. */
export const addressOf = (lock: Lock): string => encodeAddress({ network: 'devnet', lock })

/** The peer-to-peer side as a plain list: what `getPeers`/`addPeer`/`banPeer` see and change. */
export class TestNetwork implements ApiNetwork {
  readonly peers: ApiPeer[] = []
  readonly added: string[] = []
  readonly banned = new Map<string, number>()
  syncing = false
  getPeers(): readonly ApiPeer[] {
    return this.peers
  }
  async addPeer(multiaddr: string): Promise<boolean> {
    this.added.push(multiaddr)
    return true
  }
  banPeer(peerId: string, durationMs: number): void {
    this.banned.set(peerId, durationMs)
  }
  isSyncing = (): boolean => this.syncing
}

/**
 * Mining state only (the real miner grinds in worker threads; the API just flips it). Like the
 * real one it refuses thread counts it cannot run with a coded error.
 */
export class TestMiner implements ApiMiner {
  mining = false
  workers = 1
  isMining(): boolean {
    return this.mining
  }
  threads(): number {
    return this.workers
  }
  async setMining(enabled: boolean, threads?: number): Promise<void> {
    if (threads !== undefined && threads > 64)
      throw Object.assign(new Error('at most 64 threads'), { code: 'INVALID_OPTION' })
    this.mining = enabled
    if (threads !== undefined) this.workers = threads
  }
}

/** A devnet faucet paying from account 3 through the real mempool. */
function testFaucet(chain: Chain, mempool: Mempool): ApiFaucet {
  return {
    maxAmount: 1000n * COIN,
    async send(lock, amount) {
      const tx = await pay(chain, FAUCET_ACCOUNT, lock, amount)
      return (await mempool.add(tx)).txid
    },
  }
}

const FAUCET_ACCOUNT = devnetAccount(3)

export type TestApi = Awaited<ReturnType<typeof startTestApi>>

/**
 * A real API server on 127.0.0.1:0 over a real Chain (LevelDB in a temp dir) and the real
 * mempool, with 11 mined blocks (alice → carol confirmed in the last) and one pending payment
 * bob → carol. The rate limiter's clock is `rateClock` (frozen unless a test moves it).
 */
export async function startTestApi(
  o: {
    limits?: Partial<ApiLimits>
    apiKey?: string
    corsOrigins?: string[]
    faucet?: boolean
  } = {},
) {
  const dir = tempDir()
  const clock = createClock()
  const { chain, store } = await openTestChain(dir.path, clock)
  for (let i = 0; i < 10; i++) await mineBlock(chain, clock)
  const confirmed = await pay(chain, alice, carol.lock, 5n * COIN)
  await mineBlock(chain, clock, { txs: [confirmed] })
  const mempool = createMempool(
    {},
    { chain, schemes: createSignatureSchemes(), store, logger, now: clock.now },
  )
  await mempool.start()
  const pending = await pay(chain, bob, carol.lock, 2n * COIN)
  await mempool.add(pending)
  const network = new TestNetwork()
  const miner = new TestMiner()
  const stops: number[] = []
  const metrics: Metrics = createMetrics()
  let rateNow = 0
  const api: ApiServer = createApiServer(
    {
      host: '127.0.0.1',
      port: 0,
      dataDir: dir.path,
      corsOrigins: o.corsOrigins ?? [],
      network: 'devnet',
      limits: { rateLimit: { perSecond: 1e6, burst: 1e6 }, ...o.limits },
      now: () => rateNow,
      ...(o.apiKey ? { apiKey: o.apiKey } : {}),
    },
    {
      chain,
      mempool,
      network,
      miner,
      node: {
        stop: async () => {
          stops.push(Date.now())
        },
      },
      ...(o.faucet === false ? {} : { faucet: testFaucet(chain, mempool) }),
      metrics,
      logger,
    },
  )
  const { url } = await api.start()
  const cookie = () => readFileSync(api.cookiePath ?? '', 'utf8')
  return {
    url,
    api,
    chain,
    mempool,
    network,
    miner,
    metrics,
    clock,
    stops,
    dataDir: dir.path,
    confirmed: { tx: confirmed, txid: computeTxid(confirmed) },
    pending: { tx: pending, txid: computeTxid(pending) },
    cookie,
    /** Moves the rate limiter's clock. */
    advanceRateClock: (ms: number) => {
      rateNow += ms
    },
    mine: (txs: Transaction[] = []) => mineBlock(chain, clock, { txs }),
    async close() {
      await api.stop()
      await mempool.stop()
      await store.close()
      dir.cleanup()
    },
  }
}

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON replies; the assertions check their shape
export type Json = any

export type RpcReply = { status: number; headers: Headers; body: Json }

/** POSTs a raw body to /rpc. */
export async function postRaw(
  url: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
): Promise<RpcReply> {
  const res = await fetch(`${url}/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined }
}

/** One JSON-RPC call; resolves with the whole response object. */
export async function rpc(
  url: string,
  method: string,
  params?: unknown,
  token?: string,
): Promise<Json> {
  const req = { jsonrpc: '2.0', id: 1, method, ...(params === undefined ? {} : { params }) }
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  return (await postRaw(url, JSON.stringify(req), headers)).body
}

/** The result of a call, failing the test on an error. */
export async function call(url: string, method: string, params?: unknown, token?: string) {
  const r = await rpc(url, method, params, token)
  if (r.error) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.result
}

export async function getJson(url: string, path: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(10_000) })
  return { status: res.status, body: await res.json() }
}

/** A WebSocket client that queues every message, with bounded waits. */
export async function openWs(url: string, query = '') {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws${query}`)
  const inbox: Json[] = []
  const waiters: (() => void)[] = []
  ws.on('message', (data) => {
    inbox.push(JSON.parse(data.toString()))
    for (const w of waiters.splice(0)) w()
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
  let nextId = 1
  /** The first queued message matching `pred`, waiting up to 5 s. */
  async function next(pred: (m: Json) => boolean, timeoutMs = 5000): Promise<Json> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const i = inbox.findIndex(pred)
      if (i >= 0) return inbox.splice(i, 1)[0]
      const left = deadline - Date.now()
      if (left <= 0) throw new Error('timed out waiting for a WebSocket message')
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
  }
  return {
    ws,
    inbox,
    next,
    async request(method: string, params?: unknown): Promise<Json> {
      const id = nextId++
      ws.send(
        JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }),
      )
      return next((m) => m.id === id)
    },
    close: () => ws.close(),
  }
}
