/// <reference types="node" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFullNode, type FullNode } from '@supernova/full-node'
import {
  type Block,
  COIN,
  createEd25519Noble,
  DEVNET,
  type DevnetAccount,
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

/** A clock the tests move: starts just after the devnet genesis, one block interval per tick. */
export function createClock() {
  let now = DEVNET.genesis.timestamp + 1_000
  return {
    now: () => now,
    tick: () => {
      now += DEVNET.targetBlockTimeMs
      return now
    },
  }
}
export type Clock = ReturnType<typeof createClock>

export const miner = devnetAccount(9)
const ed25519 = createEd25519Noble()

export type TestNode = {
  node: FullNode
  dataDir: string
  /** Multiaddrs a browser can dial: WebSockets and WebRTC-direct. */
  ws: string
  webrtc: string
  /** The node-to-node address (TCP), for another node's `bootstrap`. */
  tcp: string
  ports: { tcp: number; ws: number; webrtc: number }
}

/**
 * A real devnet full node on 127.0.0.1 (chain in memory, p2p identity in a temp dir), mining off:
 * blocks come from `mineBlocks`. Pass `dataDir` and `ports` to restart the same node, `bootstrap`
 * (other nodes' `tcp`) to have it sync from and gossip with them.
 */
export async function startFullNode(o: {
  clock: Clock
  dataDir?: string
  ports?: { tcp: number; ws: number; webrtc: number }
  bootstrap?: string[]
}): Promise<TestNode> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'sn-lc-node-'))
  const node = await createFullNode(
    {
      network: 'devnet',
      dataDir,
      inMemory: true,
      api: { enabled: false, host: '127.0.0.1', port: 0, corsOrigins: [] },
      p2p: {
        enabled: true,
        host: '127.0.0.1',
        tcpPort: o.ports?.tcp ?? 0,
        wsPort: o.ports?.ws ?? 0,
        webrtcPort: o.ports?.webrtc ?? 0,
        bootstrap: o.bootstrap ?? [],
        maxConnections: 50,
      },
      mining: {
        enabled: false,
        threads: 1,
        rewardAddress: encodeAddress({ network: 'devnet', lock: miner.lock }),
      },
      faucet: { enabled: false, maxAmount: 0n * COIN },
      verifyThreads: 1,
      log: { level: 'silent' as 'fatal', pretty: false },
    },
    { now: o.clock.now },
  )
  await node.start()
  const addresses = node.addresses()
  const ws = addresses.find((a) => a.includes('/ws/'))
  const webrtc = addresses.find((a) => a.includes('/webrtc-direct/'))
  const tcp = addresses.find((a) => a.includes('/tcp/') && !a.includes('/ws'))
  if (!ws || !webrtc || !tcp) throw new Error(`missing listen addresses: ${addresses.join(' ')}`)
  const port = (a: string, proto: string) => Number(a.split(`/${proto}/`)[1]?.split('/')[0])
  return {
    node,
    dataDir,
    ws,
    webrtc,
    tcp,
    ports: { tcp: port(tcp, 'tcp'), ws: port(ws, 'tcp'), webrtc: port(webrtc, 'udp') },
  }
}

export async function stopFullNode(t: TestNode, o: { keepDir?: boolean } = {}): Promise<void> {
  await t.node.stop()
  if (!o.keepDir) rmSync(t.dataDir, { recursive: true, force: true })
}

/** Mines `n` blocks on the node's tip (paying the miner account) and returns them. */
export async function mineBlocks(t: TestNode, clock: Clock, n: number): Promise<Block[]> {
  const blocks: Block[] = []
  for (let i = 0; i < n; i++) {
    clock.tick()
    const { block } = await t.node.chain.createBlockTemplate({
      rewardLock: miner.lock,
      transactions: [],
      now: clock.now(),
    })
    const mined = mineHeader({ header: block.header, maxAttempts: 1_000_000 })
    if (!mined) throw new Error('could not mine')
    const b = { header: mined.header, transactions: block.transactions }
    const r = await t.node.chain.processBlock(b)
    if (r.status !== 'connected') throw new Error(`block not connected: ${r.status}`)
    blocks.push(b)
  }
  return blocks
}

/**
 * Mines one block with `transactions` (in that order) on the node's tip and waits for the mempool
 * to have taken the block in (its estimator has the block's fee samples, confirmed txs are gone).
 */
export async function mineWith(
  t: TestNode,
  clock: Clock,
  transactions: readonly Transaction[],
): Promise<Block> {
  clock.tick()
  const { block } = await t.node.chain.createBlockTemplate({
    rewardLock: miner.lock,
    transactions: [...transactions],
    now: clock.now(),
  })
  const mined = mineHeader({ header: block.header, maxAttempts: 1_000_000 })
  if (!mined) throw new Error('could not mine')
  const b = { header: mined.header, transactions: block.transactions }
  const r = await t.node.chain.processBlock(b)
  if (r.status !== 'connected') throw new Error(`block not connected: ${r.status}`)
  await t.node.mempool.settled()
  return b
}

/**
 * A payment of `amount` to `to` from the largest coin of a devnet account on the node's chain,
 * change back to the account, paying `fee` — signed, not submitted.
 */
export async function payFrom(
  t: TestNode,
  from: DevnetAccount,
  to: Lock,
  amount: bigint,
  fee = 10_000n,
): Promise<Transaction> {
  const coins = await t.node.chain.getUtxosByLock(from.lock)
  coins.sort((x, y) => (x.entry.amount < y.entry.amount ? 1 : -1))
  const coin = coins[0]
  if (coin === undefined) throw new Error('no coin')
  return signTransaction({
    tx: {
      version: TX_VERSION,
      kind: 'transfer',
      inputs: [{ prevout: coin.outpoint, sequence: SEQUENCE_FINAL }],
      outputs: [
        { amount, lock: to },
        { amount: coin.entry.amount - amount - fee, lock: from.lock },
      ],
      locktime: 0,
      payload: new Uint8Array(0),
    },
    spent: [{ amount: coin.entry.amount, lock: coin.entry.lock, policy: from.policy }],
    genesisHash: genesisHashBytes(t.node.params),
    sign: (_key, message) => ed25519.sign(message, from.secretKey),
  })
}

/** Polls `predicate` every 20 ms; fails after `timeoutMs` naming `what`. */
export async function waitUntil(
  predicate: () => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
