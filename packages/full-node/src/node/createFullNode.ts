import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  decodeAddress,
  getChainParams,
  initHashing,
  type Lock,
  type Transaction,
  toHex,
} from '@supernova/protocol'
import pino, { type Logger } from 'pino'
import { createApiServer } from '../api/createApiServer.js'
import { Chain } from '../chain/Chain.js'
import { createVerifierPool } from '../crypto/verifierPool.js'
import { createMempool, MempoolError } from '../mempool/index.js'
import { createMetrics } from '../metrics/createMetrics.js'
import { COINBASE_RESERVE_BYTES, createMiner } from '../miner/createMiner.js'
import { createNetwork } from '../network/createNetwork.js'
import { openLevelStore } from '../storage/levelStore.js'
import { createMemoryStore } from '../storage/memoryStore.js'
import { NodeError } from './errors.js'
import { createFaucet } from './faucet.js'
import type { FullNodeOptions } from './options.js'
import { createPrettyDestination } from './prettyLog.js'

/** A running SuperNova node and its parts (for tools and tests). */
export type FullNode = Awaited<ReturnType<typeof createFullNode>>

type Service = { name: string; start(): Promise<unknown>; stop(): Promise<void> }

/**
 * The one place that knows every concrete part of the node. Opens, in dependency order, storage →
 * chain → mempool → network → miner → API, and stops them in reverse (STYLE: bcoin's composition).
 * @throws {NodeError} INVALID_OPTIONS (e.g. mining without a reward address).
 */
export async function createFullNode(
  options: FullNodeOptions,
  injected: { logger?: Logger; now?: () => number } = {},
) {
  const params = getChainParams(options.network)
  const logger =
    injected.logger ??
    pino(
      { level: options.log.level, base: { network: options.network } },
      options.log.pretty ? createPrettyDestination(process.stdout) : undefined,
    )
  const now = injected.now ?? Date.now
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  await initHashing()

  let rewardLock: Lock | undefined
  if (options.mining.enabled || options.mining.rewardAddress) {
    if (!options.mining.rewardAddress)
      throw new NodeError({ code: 'INVALID_OPTIONS', message: 'mining needs a reward address' })
    rewardLock = decodeAddress({
      address: options.mining.rewardAddress,
      network: options.network,
    }).lock
  }

  const store = options.inMemory
    ? createMemoryStore()
    : await openLevelStore(join(options.dataDir, 'chaindata'))
  const verifier = createVerifierPool({ threads: options.verifyThreads })
  // Whatever is opened below is closed again if assembling the node fails.
  let fatalStop: (() => void) | undefined
  try {
    const metrics = createMetrics({
      databaseSizeBytes: () =>
        store.approximateSize({ gte: new Uint8Array([0]), lt: new Uint8Array([0xff]) }),
    })
    const chain = await Chain.open(
      { params },
      {
        store,
        schemes: verifier.schemes,
        logger: logger.child({ component: 'chain' }),
        now,
        // Storage or backend failures halt the chain: stop the whole node rather than limp on.
        onFatal: () => fatalStop?.(),
      },
    )
    const mempool = createMempool(
      {},
      {
        chain,
        schemes: verifier.schemes,
        store,
        logger: logger.child({ component: 'mempool' }),
        now,
      },
    )

    // The network relays what the mempool accepts; its own view of add() never throws.
    const network = createNetwork(
      {
        network: options.network,
        dataDir: options.dataDir,
        host: options.p2p.host,
        tcpPort: options.p2p.tcpPort,
        wsPort: options.p2p.wsPort,
        webrtcPort: options.p2p.webrtcPort,
        bootstrap: options.p2p.bootstrap,
        maxConnections: options.p2p.maxConnections,
      },
      {
        chain,
        mempool: {
          has: (txid) => mempool.has(txid),
          estimateFee: (targetBlocks) => mempool.estimateFee(targetBlocks),
          minFeeRate: () => mempool.minFeeRate(),
          get: (txid) => mempool.get(txid),
          stats: () => ({ count: mempool.size, bytes: mempool.bytes }),
          entries: () => mempool.list(Number.POSITIVE_INFINITY),
          // What the miner's next template takes: the same selection and budgets.
          projectBlock: () =>
            mempool.select({
              maxBytes: params.maxBlockBytes - COINBASE_RESERVE_BYTES,
              maxSigChecks: params.maxBlockSigChecks,
            }),
          async add(tx) {
            try {
              const r = await mempool.add(tx)
              metrics.txAccepted()
              return { accepted: true, txid: r.txid }
            } catch (e) {
              if (!(e instanceof MempoolError)) throw e
              metrics.txRejected(e.code)
              // A consensus failure carries its rule's code, so the network can penalise the relayer.
              const validationCode = (e.details as { validationCode?: unknown }).validationCode
              return {
                accepted: false,
                txid: new Uint8Array(32),
                code: typeof validationCode === 'string' ? validationCode : e.code,
                message: e.message,
              }
            }
          },
        },
        logger: logger.child({ component: 'network' }),
        now,
      },
    )

    /** Local submissions (API, faucet): accepted by the mempool, then gossiped. */
    const submit = async (tx: Transaction): Promise<Uint8Array> => {
      try {
        const r = await mempool.add(tx)
        metrics.txAccepted()
        if (options.p2p.enabled)
          void network
            .publishTransaction(tx)
            .catch((err: unknown) => logger.warn({ err }, 'could not gossip a transaction'))
        return r.txid
      } catch (e) {
        if (e instanceof MempoolError) metrics.txRejected(e.code)
        throw e
      }
    }

    const miner = createMiner(
      {
        enabled: options.mining.enabled,
        threads: options.mining.threads,
        rewardLock: rewardLock ?? params.treasuryLock,
        paceToBlockTime: options.network === 'devnet',
      },
      { chain, mempool, logger: logger.child({ component: 'miner' }), now },
    )

    const faucet =
      options.network === 'devnet' && options.faucet.enabled
        ? createFaucet({
            params,
            chain,
            mempool,
            schemes: verifier.schemes,
            maxAmount: options.faucet.maxAmount,
            submit,
          })
        : undefined

    let stopping: Promise<void> | undefined
    const api = createApiServer(
      {
        host: options.api.host,
        port: options.api.port,
        dataDir: options.dataDir,
        corsOrigins: options.api.corsOrigins,
        network: options.network,
        ...(options.api.apiKey ? { apiKey: options.api.apiKey } : {}),
      },
      {
        chain,
        mempool: {
          add: async (tx) => ({ txid: await submit(tx) }),
          get: (txid) => mempool.get(txid),
          list: (limit) => mempool.list(limit),
          get size() {
            return mempool.size
          },
          get bytes() {
            return mempool.bytes
          },
          histogram: () => mempool.histogram(),
          estimateFee: (n) => mempool.estimateFee(n),
          balanceDelta: (lock) => mempool.balanceDelta(lock),
          on: (event, listener) => mempool.on(event, listener),
        },
        network: {
          getPeers: () => (options.p2p.enabled ? network.getPeers() : []),
          addPeer: async (addr) => (await network.addPeer(addr)).length > 0,
          banPeer: (peerId, ms) => network.banPeer(peerId, ms),
          isSyncing: () => options.p2p.enabled && network.isSyncing(),
          self: () =>
            options.p2p.enabled
              ? { peerId: network.peerId(), multiaddrs: network.getMultiaddrs() }
              : undefined,
        },
        miner: {
          isMining: () => miner.isMining(),
          threads: () => miner.threads(),
          async setMining(enabled, threads) {
            // Without a configured reward address, rewards would go nowhere useful: refuse.
            if (enabled && !rewardLock)
              throw new NodeError({
                code: 'INVALID_OPTIONS',
                message: 'this node has no reward address: start it with --reward-address to mine',
              })
            await miner.setMining(enabled, threads)
          },
        },
        node: { stop: () => node.stop() },
        ...(faucet ? { faucet } : {}),
        metrics,
        logger: logger.child({ component: 'api' }),
      },
    )

    // Metrics follow the chain and the mempool.
    chain.on('connect', (e) => {
      metrics.blockConnected(e.height)
      metrics.observeBlockValidation(e.validationMs / 1000)
    })
    chain.on('tip', (e) => {
      metrics.setChainHeight(e.tip.height)
      metrics.setUtxoSetSize(chain.utxoCount)
      if (e.reorgDepth > 0) metrics.reorg(e.reorgDepth)
    })
    const mempoolGauge = () =>
      metrics.setMempool({ transactions: mempool.size, bytes: mempool.bytes })
    mempool.on('added', mempoolGauge)
    mempool.on('removed', mempoolGauge)
    metrics.setChainHeight(chain.tip().height)
    metrics.setUtxoSetSize(chain.utxoCount)
    let peerTimer: NodeJS.Timeout | undefined

    const services: Service[] = [
      { name: 'mempool', start: () => mempool.start(), stop: () => mempool.stop() },
      ...(options.p2p.enabled
        ? [{ name: 'network', start: () => network.start(), stop: () => network.stop() }]
        : []),
      { name: 'miner', start: () => miner.start(), stop: () => miner.stop() },
      ...(options.api.enabled
        ? [{ name: 'api', start: () => api.start(), stop: () => api.stop() }]
        : []),
    ]
    const started: Service[] = []
    let apiUrl = ''

    const node = {
      params,
      chain,
      mempool,
      network,
      miner,
      metrics,
      logger,
      /** Starts every service in order; a failure stops the ones already started. */
      async start(): Promise<void> {
        try {
          for (const s of services) {
            const r = await s.start()
            started.push(s)
            if (s.name === 'api') apiUrl = (r as { url: string }).url
          }
        } catch (e) {
          await node.stop()
          throw e
        }
        peerTimer = setInterval(
          () => metrics.setPeers(options.p2p.enabled ? network.getPeers().length : 0),
          5_000,
        )
        peerTimer.unref()
        logger.info(
          {
            height: chain.tip().height,
            tip: toHex(chain.tip().hash),
            api: apiUrl || null,
            p2p: options.p2p.enabled ? network.getMultiaddrs() : [],
          },
          'node started',
        )
      },
      /** Stops everything in reverse order, then closes the chain, the verifier pool and the store. Idempotent. */
      stop(): Promise<void> {
        stopping ??= (async () => {
          if (peerTimer) clearInterval(peerTimer)
          for (const s of started.reverse()) {
            try {
              await s.stop()
            } catch (err) {
              logger.error({ err, service: s.name }, 'service failed to stop cleanly')
            }
          }
          await chain.close()
          await verifier.close()
          await store.close()
          logger.info('node stopped')
        })()
        return stopping
      },
      /** Listening p2p multiaddrs (empty without p2p). */
      addresses: (): string[] => (options.p2p.enabled ? network.getMultiaddrs() : []),
      /** Base URL of the HTTP API once started. */
      apiUrl: (): string => apiUrl,
      /** Our height and the best peer's while catching up with the network; else undefined. */
      syncProgress: () => (options.p2p.enabled ? network.syncProgress() : undefined),
    }
    fatalStop = () => void node.stop()
    return node
  } catch (e) {
    await verifier.close().catch(() => undefined)
    await store.close().catch(() => undefined)
    throw e
  }
}
