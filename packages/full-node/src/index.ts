/**
 * @supernova/full-node — the headless SuperNova node: LevelDB storage, the chain, mempool, miner,
 * libp2p networking, the JSON-RPC/WebSocket/REST API and the `supernova` CLI. Compose a node with
 * `createFullNode(options)`; the parts are exported for tools and tests.
 */
export { createApiServer } from './api/createApiServer.js'
export { Chain, ChainError, type ChainErrorCode } from './chain/Chain.js'
export type {
  AddressHistoryEntry,
  ChainEvents,
  ChainTip,
  ChainView,
  HeaderEntry,
  ProcessBlockResult,
  TxLocation,
  Utxo,
} from './chain/types.js'
export { createNodeEd25519, type NodeEd25519Options } from './crypto/nodeEd25519.js'
export {
  createVerifierPool,
  VerifierError,
  type VerifierPool,
  type VerifierPoolOptions,
} from './crypto/verifierPool.js'
export { createMempool, type Mempool, MempoolError } from './mempool/index.js'
export { createMetrics, type Metrics } from './metrics/createMetrics.js'
export { createMiner } from './miner/createMiner.js'
export type { Miner } from './miner/types.js'
export { createNetwork, type P2PNetwork } from './network/createNetwork.js'
export { createFullNode, type FullNode } from './node/createFullNode.js'
export { NodeError, type NodeErrorCode } from './node/errors.js'
export { DEFAULT_PORTS, type FullNodeOptions } from './node/options.js'
export { createRpcClient } from './rpc/client.js'
export { openLevelStore } from './storage/levelStore.js'
export { createMemoryStore } from './storage/memoryStore.js'
export { type BatchOp, type KeyRange, type KeyValueStore, StoreError } from './storage/store.js'
