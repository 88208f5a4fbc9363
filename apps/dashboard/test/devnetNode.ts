/// <reference types="node" />
/**
 * A real devnet full node for the API tests: chain in memory, JSON-RPC and p2p on free loopback
 * ports, no miner — blocks come from `mine`, on a clock the test moves (one block interval per
 * block), so the chain is the same on every run.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFullNode, type FullNode } from '@supernova/full-node'
import {
  COIN,
  createEd25519Noble,
  DEVNET,
  devnetAccount,
  encodeAddress,
  genesisHashBytes,
  type Lock,
  mineHeader,
  SEQUENCE_FINAL,
  signTransaction,
  type Transaction,
  TX_VERSION,
} from '@supernova/protocol'

export const MINER = devnetAccount(9)
const ed25519 = createEd25519Noble()

export type TestNode = {
  node: FullNode
  rpcUrl: string
  /** The node's clock: advanced by `mine`. */
  clock: { now: () => number; advance: (ms: number) => number }
  stop: () => Promise<void>
}

export async function startDevnetNode(): Promise<TestNode> {
  // Genesis time: the first block mined is one interval after genesis.
  let now = DEVNET.genesis.timestamp
  const dataDir = mkdtempSync(join(tmpdir(), 'sn-dashboard-node-'))
  const node = await createFullNode(
    {
      network: 'devnet',
      dataDir,
      inMemory: true,
      api: { enabled: true, host: '127.0.0.1', port: 0, corsOrigins: [] },
      p2p: {
        enabled: true,
        host: '127.0.0.1',
        tcpPort: 0,
        wsPort: 0,
        webrtcPort: 0,
        bootstrap: [],
        maxConnections: 50,
      },
      mining: {
        enabled: false,
        threads: 1,
        rewardAddress: encodeAddress({ network: 'devnet', lock: MINER.lock }),
      },
      faucet: { enabled: false, maxAmount: 0n },
      verifyThreads: 1,
      log: { level: 'silent' as 'fatal', pretty: false },
    },
    { now: () => now },
  )
  await node.start()
  return {
    node,
    rpcUrl: `${node.apiUrl()}/rpc`,
    clock: {
      now: () => now,
      advance: (ms) => {
        now += ms
        return now
      },
    },
    stop: async () => {
      await node.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Mines one block with `transactions` on the node's tip, `intervalMs` after the last. */
export async function mine(
  t: TestNode,
  transactions: Transaction[] = [],
  intervalMs = 1_000,
): Promise<void> {
  const time = t.clock.advance(intervalMs)
  const { block } = await t.node.chain.createBlockTemplate({
    rewardLock: MINER.lock,
    transactions,
    now: time,
  })
  const mined = mineHeader({ header: block.header, maxAttempts: 1_000_000 })
  if (!mined) throw new Error('could not mine')
  const r = await t.node.chain.processBlock({
    header: mined.header,
    transactions: block.transactions,
  })
  if (r.status !== 'connected') throw new Error(`block not connected: ${r.status}`)
}

/** A signed payment of 1 NOVA from a prefunded devnet account to `to`, paying `fee`. */
export async function payment(t: TestNode, to: Lock, fee: bigint): Promise<Transaction> {
  const from = devnetAccount(0)
  const coins = await t.node.chain.getUtxosByLock(from.lock)
  const coin = coins.sort((a, b) => (a.entry.amount < b.entry.amount ? 1 : -1))[0]
  if (coin === undefined) throw new Error('no coin')
  return signTransaction({
    tx: {
      version: TX_VERSION,
      kind: 'transfer',
      inputs: [{ prevout: coin.outpoint, sequence: SEQUENCE_FINAL }],
      outputs: [
        { amount: COIN, lock: to },
        { amount: coin.entry.amount - COIN - fee, lock: from.lock },
      ],
      locktime: 0,
      payload: new Uint8Array(0),
    },
    spent: [{ amount: coin.entry.amount, lock: coin.entry.lock, policy: from.policy }],
    genesisHash: genesisHashBytes(t.node.params),
    sign: (_key, message) => ed25519.sign(message, from.secretKey),
  })
}
