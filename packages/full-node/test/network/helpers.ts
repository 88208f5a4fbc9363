import { createSocket } from 'node:dgram'
import { createServer } from 'node:net'
import { noise } from '@libp2p/noise'
import { tcp } from '@libp2p/tcp'
import { yamux } from '@libp2p/yamux'
import { createSignatureSchemes, DEVNET, type Transaction } from '@supernova/protocol'
import { createLibp2p, type Libp2p } from 'libp2p'
import pino from 'pino'
import type { Chain } from '../../src/chain/Chain.js'
import type { ChainView } from '../../src/chain/types.js'
import { createMempool } from '../../src/mempool/createMempool.js'
import { MempoolError } from '../../src/mempool/errors.js'
import type { Mempool } from '../../src/mempool/types.js'
import { COINBASE_RESERVE_BYTES } from '../../src/miner/createMiner.js'
import {
  createNetwork,
  type NetworkTuning,
  type P2PNetwork,
} from '../../src/network/createNetwork.js'
import type { NetworkMempool } from '../../src/network/gossip.js'
import type { KeyValueStore } from '../../src/storage/store.js'
import { createClock, logger, openTestChain, tempDir } from '../helpers/chain.js'

export type Clock = ReturnType<typeof createClock>

/** The network's logger: silent unless SN_TEST_LOG names a level (debugging a test). */
const networkLogger = process.env.SN_TEST_LOG ? pino({ level: process.env.SN_TEST_LOG }) : logger

/** Short timeouts so failure paths finish quickly; status polling fast enough for tests. */
export const TEST_TUNING: Partial<NetworkTuning> = {
  requestReadTimeoutMs: 500,
  statusIntervalMs: 300,
  maintenanceIntervalMs: 100,
  redialMinMs: 100,
  redialMaxMs: 1_000,
  dialTimeoutMs: 3_000,
  progressIntervalMs: 0,
}

/** The real mempool behind the network's port: refusals become `{ accepted: false, code }`. */
export function mempoolPort(mempool: Mempool): NetworkMempool {
  return {
    has: (txid) => mempool.has(txid),
    estimateFee: (targetBlocks) => mempool.estimateFee(targetBlocks),
    minFeeRate: () => mempool.minFeeRate(),
    get: (txid) => mempool.get(txid),
    stats: () => ({ count: mempool.size, bytes: mempool.bytes }),
    entries: () => mempool.list(Number.POSITIVE_INFINITY),
    projectBlock: () =>
      mempool.select({
        maxBytes: DEVNET.maxBlockBytes - COINBASE_RESERVE_BYTES,
        maxSigChecks: DEVNET.maxBlockSigChecks,
      }),
    async add(tx: Transaction) {
      try {
        const r = await mempool.add(tx)
        return { accepted: true, txid: r.txid }
      } catch (err) {
        if (!(err instanceof MempoolError)) throw err
        const code = (err.details.validationCode as string | undefined) ?? err.code
        return { accepted: false, txid: new Uint8Array(32), code, message: err.message }
      }
    },
  }
}

export type TestNode = {
  dir: string
  chain: Chain
  store: KeyValueStore
  mempool: Mempool
  network: P2PNetwork
  /** Stops the network, mempool and store (the directory stays). */
  stop(): Promise<void>
}

export type StartTestNodeOptions = {
  clock: Clock
  /** Reuse a data directory (restart); a new temp dir otherwise. */
  dir?: string
  bootstrap?: string[]
  tuning?: Partial<NetworkTuning>
  ports?: { tcp: number; ws: number; webrtc: number }
  /** Replace what the network sees of the chain (a lying peer). */
  wrapChain?: (chain: Chain) => ChainView
}

/** A node of real parts: LevelDB chain and mempool in a temp dir, libp2p on 127.0.0.1. */
export async function startTestNode(o: StartTestNodeOptions): Promise<TestNode> {
  const dir = o.dir ?? tempDir().path
  const { chain, store } = await openTestChain(dir, o.clock)
  const mempool = createMempool(
    {},
    { chain, schemes: createSignatureSchemes(), store, logger, now: o.clock.now },
  )
  await mempool.start()
  const network = createNetwork(
    {
      network: 'devnet',
      dataDir: dir,
      host: '127.0.0.1',
      tcpPort: o.ports?.tcp ?? 0,
      wsPort: o.ports?.ws ?? 0,
      webrtcPort: o.ports?.webrtc ?? 0,
      bootstrap: o.bootstrap ?? [],
      maxConnections: 20,
      tuning: { ...TEST_TUNING, ...o.tuning },
    },
    {
      chain: o.wrapChain ? o.wrapChain(chain) : chain,
      mempool: mempoolPort(mempool),
      logger: networkLogger,
    },
  )
  await network.start()
  return {
    dir,
    chain,
    store,
    mempool,
    network,
    async stop() {
      await network.stop()
      await mempool.stop()
      await store.close()
    },
  }
}

/** The node's TCP multiaddr (with /p2p/). */
export function tcpAddr(node: TestNode): string {
  const a = node.network.getMultiaddrs().find((m) => m.includes('/tcp/') && !m.includes('/ws'))
  if (a === undefined) throw new Error('no TCP address')
  return a
}

/** Polls `predicate` every 20 ms until it holds; fails after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A bare libp2p client (TCP, noise, yamux) for raw protocol tests. */
export async function createClient(): Promise<Libp2p> {
  return createLibp2p({
    addresses: { listen: [] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  })
}

/** Free ports now (the OS may reuse them later, but not within a test's few seconds). */
export async function freePorts(): Promise<{ tcp: number; ws: number; webrtc: number }> {
  const tcpPort = () =>
    new Promise<number>((resolve, reject) => {
      const s = createServer()
      s.once('error', reject)
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number }
        s.close(() => resolve(port))
      })
    })
  const udpPort = () =>
    new Promise<number>((resolve, reject) => {
      const s = createSocket('udp4')
      s.once('error', reject)
      s.bind(0, '127.0.0.1', () => {
        const { port } = s.address()
        s.close(() => resolve(port))
      })
    })
  return { tcp: await tcpPort(), ws: await tcpPort(), webrtc: await udpPort() }
}

export { createClock, logger, tempDir }
