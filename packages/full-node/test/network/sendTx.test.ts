import { rmSync } from 'node:fs'
import type { Libp2p } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { ed25519 } from '@noble/curves/ed25519.js'
import {
  COIN,
  computeTxid,
  decodeBlock,
  encodeTransaction,
  genesisHashBytes,
  signTransaction,
  type Transaction,
} from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RequestContext, requestRaw, requestSendTx } from '../../src/network/client.js'
import { NetworkError } from '../../src/network/errors.js'
import { alice, bob, carol, mineBlock, pay } from '../helpers/chain.js'
import {
  type Clock,
  createClient,
  createClock,
  startTestNode,
  type TestNode,
  tcpAddr,
  waitFor,
} from './helpers.js'

let clock: Clock
let node: TestNode
let relay: TestNode
let client: Libp2p
let ctx: RequestContext
let target: ReturnType<typeof multiaddr>

beforeAll(async () => {
  clock = createClock()
  const tuning = { statusIntervalMs: 600_000 }
  node = await startTestNode({ clock, tuning })
  for (let i = 0; i < 11; i++) await mineBlock(node.chain, clock)
  // A second node, synced and subscribed to the node's gossip: where an accepted tx must arrive.
  relay = await startTestNode({ clock, tuning, bootstrap: [tcpAddr(node)] })
  await waitFor(() => relay.chain.tip().height === 11, 'the relay to sync')
  const relayId = relay.network.peerId()
  await waitFor(() => node.network.gossipSubscribers().txs.includes(relayId), 'the relay on txs')
  client = await createClient()
  ctx = { libp2p: client, network: 'devnet' }
  target = multiaddr(tcpAddr(node))
}, 60_000)

afterAll(async () => {
  await client?.stop()
  for (const n of [relay, node]) {
    await n?.stop()
    if (n) rmSync(n.dir, { recursive: true, force: true })
  }
})

async function failure(p: Promise<unknown>): Promise<NetworkError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(NetworkError)
  return err as NetworkError
}

/** The client's misbehaviour points as the node counts them. */
const clientScore = () =>
  node.network.getPeers().find((p) => p.peerId === client.peerId.toString())?.score ?? 0

/** Bob's payment re-signed with alice's key: the policy revealed is right, the signature not. */
async function forgedByAlice(tx: Transaction): Promise<Transaction> {
  const coin = await node.chain.getUtxo(tx.inputs[0]!.prevout)
  if (coin === undefined) throw new Error('the input is not unspent')
  return signTransaction({
    tx,
    spent: [{ amount: coin.amount, lock: coin.lock, policy: bob.policy }],
    genesisHash: genesisHashBytes(node.chain.params),
    sign: (_key, message) => ed25519.sign(message, alice.secretKey),
  })
}

describe('send-tx against a real node', () => {
  let paid: Transaction

  it('a valid payment is accepted, answered with its txid, and gossiped on', async () => {
    paid = await pay(node.chain, alice, carol.lock, 2n * COIN)
    const txid = await requestSendTx(ctx, target, paid)
    expect(txid).toEqual(computeTxid(paid))
    expect(node.mempool.has(txid)).toBe(true)
    await waitFor(() => relay.mempool.has(txid), 'the relay to receive the tx by gossip')
  })

  it('the same transaction again → REJECTED ALREADY_KNOWN, no penalty', async () => {
    const err = await failure(requestSendTx(ctx, target, paid))
    expect(err.code).toBe('REJECTED')
    expect(err.details.reason).toBe('ALREADY_KNOWN')
    expect(err.message).toMatch(/is in the pool/)
    expect(err.peerAction).toBe('ignore')
    expect(clientScore()).toBe(0)
  })

  it('a double spend at the same fee → REJECTED REPLACEMENT_FEE_TOO_LOW', async () => {
    const conflict = await pay(node.chain, alice, carol.lock, 1n * COIN)
    expect(conflict.inputs[0]!.prevout).toEqual(paid.inputs[0]!.prevout)
    const err = await failure(requestSendTx(ctx, target, conflict))
    expect(err.details.reason).toBe('REPLACEMENT_FEE_TOO_LOW')
    expect(node.mempool.has(computeTxid(conflict))).toBe(false)
    expect(clientScore()).toBe(0)
  })

  it('a bad signature → REJECTED TX_BAD_SIGNATURE, and costs the sender 10 points', async () => {
    const forged = await forgedByAlice(await pay(node.chain, bob, carol.lock, 1n * COIN))
    const err = await failure(requestSendTx(ctx, target, forged))
    expect(err.code).toBe('REJECTED')
    expect(err.details.reason).toBe('TX_BAD_SIGNATURE')
    expect(node.mempool.has(computeTxid(forged))).toBe(false)
    expect(clientScore()).toBeGreaterThan(9)
    expect(clientScore()).toBeLessThanOrEqual(10)
  })

  it('a coinbase → REJECTED COINBASE', async () => {
    const tip = await node.chain.getBlockBytes(node.chain.tip().hash)
    const coinbase = decodeBlock(tip!).transactions[0]!
    const err = await failure(requestSendTx(ctx, target, coinbase))
    expect(err.details.reason).toBe('COINBASE')
  })

  it('garbage → BAD_REQUEST, an oversize frame → TOO_LARGE; both cost points', async () => {
    const before = clientScore()
    const garbage = Uint8Array.of(1, 0, 9, 9, 9)
    expect((await failure(requestRaw(ctx, target, 'send-tx', garbage))).code).toBe('BAD_REQUEST')
    const trailing = Uint8Array.of(...encodeTransaction(paid), 0)
    expect((await failure(requestRaw(ctx, target, 'send-tx', trailing))).code).toBe('BAD_REQUEST')
    const oversize = new Uint8Array(1_000_001)
    expect((await failure(requestRaw(ctx, target, 'send-tx', oversize))).code).toBe('TOO_LARGE')
    expect(clientScore()).toBeGreaterThan(before + 29)
    expect(node.network.isBanned(client.peerId.toString())).toBe(false)
  })
})

describe('send-tx rate limit', () => {
  it('over the request rate → RATE_LIMITED, the mempool untouched', async () => {
    const limitedClock = createClock()
    const limited = await startTestNode({
      clock: limitedClock,
      tuning: { rateBurst: 1, ratePerSecond: 0.001 },
    })
    try {
      const addr = multiaddr(tcpAddr(limited))
      for (let i = 0; i < 11; i++) await mineBlock(limited.chain, limitedClock)
      const first = await pay(limited.chain, bob, carol.lock, COIN)
      expect(await requestSendTx(ctx, addr, first)).toEqual(computeTxid(first))
      const tx = await pay(limited.chain, alice, carol.lock, COIN)
      const err = await failure(requestSendTx(ctx, addr, tx))
      expect(err.code).toBe('RATE_LIMITED')
      expect(limited.mempool.has(computeTxid(tx))).toBe(false)
    } finally {
      await limited.stop()
      rmSync(limited.dir, { recursive: true, force: true })
    }
  })
})
