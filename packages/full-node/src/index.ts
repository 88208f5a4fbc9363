/**
 * @supernova/full-node — the headless SuperNova node. Storage, chain, mempool, miner, networking,
 * API and the `supernova` CLI arrive with the full-node issue; today the package provides the
 * node's fast signature backend.
 */
export { createNodeEd25519, type NodeEd25519Options } from './crypto/nodeEd25519.js'
