import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

/** Every family this module registers starts with this prefix (process defaults excepted). */
export const METRICS_PREFIX = 'supernova_'

export type CreateMetricsOptions = {
  /** Register the process and Node.js default metrics (CPU, memory, event loop, GC). Default true. */
  defaultMetrics?: boolean
  /**
   * Called at every scrape to set `supernova_database_size_bytes` (the lead passes the store's
   * on-disk size). Errors are swallowed: the gauge keeps its last value.
   */
  databaseSizeBytes?: () => number | Promise<number>
}

/**
 * The node's Prometheus metrics: one private registry per node (never prom-client's global one) and
 * typed helpers that components call. Label values are bounded: RPC methods are the dispatcher's
 * known names, rejection codes are `UPPER_SNAKE` codes (anything else is counted as `OTHER`).
 */
export type Metrics = {
  readonly registry: Registry
  /** The Prometheus text exposition of every family. */
  render(): Promise<string>
  readonly contentType: string
  /** A block joined the main chain at `height`. */
  blockConnected(height: number): void
  /** The main-chain height changed other than by a connect (start-up, disconnects). */
  setChainHeight(height: number): void
  /** A reorganisation that disconnected `depth` blocks. */
  reorg(depth: number): void
  /** Wall time of one full block validation, valid or not. */
  observeBlockValidation(seconds: number): void
  setPeers(count: number): void
  setMempool(p: { transactions: number; bytes: number }): void
  setUtxoSetSize(count: number): void
  /** A transaction entered the mempool (from RPC or gossip). */
  txAccepted(): void
  /** A transaction was refused with `code` (a validation or mempool code). */
  txRejected(code: string): void
  /** One JSON-RPC call: `status` is `ok` or the JSON-RPC error code. */
  rpcRequest(method: string, status: string, seconds: number): void
}

const CODE_LABEL = /^[A-Z0-9_]{1,64}$/
const STATUS_LABEL = /^(ok|-?\d{1,6})$/

/**
 * Builds a fresh registry with the node's metric families.
 * @example
 * const metrics = createMetrics({ databaseSizeBytes: () => store.approximateSize() })
 * metrics.blockConnected(tip.height)
 */
export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry()
  const registers = [registry]
  const p = METRICS_PREFIX
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry })

  const blocksConnected = new Counter({
    name: `${p}blocks_connected_total`,
    help: 'Blocks connected to the main chain',
    registers,
  })
  const chainHeight = new Gauge({
    name: `${p}chain_height`,
    help: 'Height of the main-chain tip',
    registers,
  })
  const reorgs = new Counter({ name: `${p}reorgs_total`, help: 'Chain reorganisations', registers })
  const reorgDepth = new Histogram({
    name: `${p}reorg_depth`,
    help: 'Blocks disconnected per reorganisation',
    buckets: [1, 2, 3, 5, 10, 20, 50, 100],
    registers,
  })
  const blockValidation = new Histogram({
    name: `${p}block_validation_seconds`,
    help: 'Time to fully validate one block',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  })
  const peers = new Gauge({ name: `${p}peers`, help: 'Connected peers', registers })
  const mempoolTxs = new Gauge({
    name: `${p}mempool_transactions`,
    help: 'Transactions in the mempool',
    registers,
  })
  const mempoolBytes = new Gauge({
    name: `${p}mempool_bytes`,
    help: 'Encoded bytes of the transactions in the mempool',
    registers,
  })
  const utxoSetSize = new Gauge({
    name: `${p}utxo_set_size`,
    help: 'Unspent outputs in the UTXO set',
    registers,
  })
  const { databaseSizeBytes } = options
  new Gauge({
    name: `${p}database_size_bytes`,
    help: 'Approximate on-disk size of the node database',
    registers,
    async collect() {
      if (!databaseSizeBytes) return
      try {
        const size = await databaseSizeBytes()
        if (Number.isFinite(size) && size >= 0) this.set(size)
      } catch {
        // A failed size probe must not fail the whole scrape; the gauge keeps its last value.
      }
    },
  })
  const txsAccepted = new Counter({
    name: `${p}txs_accepted_total`,
    help: 'Transactions accepted into the mempool',
    registers,
  })
  const txsRejected = new Counter({
    name: `${p}txs_rejected_total`,
    help: 'Transactions refused, by rejection code',
    labelNames: ['code'],
    registers,
  })
  const rpcRequests = new Counter({
    name: `${p}rpc_requests_total`,
    help: 'JSON-RPC calls by method and status (ok or the JSON-RPC error code)',
    labelNames: ['method', 'status'],
    registers,
  })
  const rpcLatency = new Histogram({
    name: `${p}rpc_request_duration_seconds`,
    help: 'JSON-RPC call latency by method',
    labelNames: ['method'],
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers,
  })

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    blockConnected(height) {
      blocksConnected.inc()
      chainHeight.set(height)
    },
    setChainHeight: (height) => chainHeight.set(height),
    reorg(depth) {
      reorgs.inc()
      reorgDepth.observe(depth)
    },
    observeBlockValidation: (seconds) => blockValidation.observe(seconds),
    setPeers: (count) => peers.set(count),
    setMempool({ transactions, bytes }) {
      mempoolTxs.set(transactions)
      mempoolBytes.set(bytes)
    },
    setUtxoSetSize: (count) => utxoSetSize.set(count),
    txAccepted: () => txsAccepted.inc(),
    txRejected: (code) => txsRejected.inc({ code: CODE_LABEL.test(code) ? code : 'OTHER' }),
    rpcRequest(method, status, seconds) {
      rpcRequests.inc({ method, status: STATUS_LABEL.test(status) ? status : 'other' })
      rpcLatency.observe({ method }, seconds)
    },
  }
}
