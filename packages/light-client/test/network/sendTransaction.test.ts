import {
  COIN,
  computeTxid,
  createEd25519Noble,
  type DevnetAccount,
  devnetAccount,
  genesisHashBytes,
  SEQUENCE_FINAL,
  signTransaction,
  type Transaction,
  TX_VERSION,
} from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createLightClientNetwork,
  type LightClientNetwork,
} from '../../src/network/createLightClientNetwork.js'
import { NetworkError } from '../../src/network/errors.js'
import {
  type Clock,
  createClock,
  mineBlocks,
  startFullNode,
  stopFullNode,
  type TestNode,
  waitUntil,
} from './fullNode.js'

const ed25519 = createEd25519Noble()
const alice = devnetAccount(0)
const bob = devnetAccount(1)
const carol = devnetAccount(2)

let clock: Clock
let a: TestNode
let b: TestNode
let aId: string
let bId: string
let net: LightClientNetwork

beforeAll(async () => {
  clock = createClock()
  a = await startFullNode({ clock })
  await mineBlocks(a, clock, 11) // genesis allocations mature after 10 blocks
  // B syncs from A and gossips with it: an accepted transaction must reach B through A.
  b = await startFullNode({ clock, bootstrap: [a.tcp] })
  aId = a.node.network.peerId()
  bId = b.node.network.peerId()
  await waitUntil(() => b.node.chain.tip().height === 11, 'B to sync from A')
  await waitUntil(() => a.node.network.gossipSubscribers().txs.includes(bId), 'B on A’s txs')
  net = createLightClientNetwork({ network: 'devnet', bootstrap: [a.ws, b.ws], now: clock.now })
  await net.start()
  await net.waitForPeers({ count: 2, timeoutMs: 10_000 })
}, 60_000)

afterAll(async () => {
  await net?.stop()
  for (const n of [b, a]) if (n) await stopFullNode(n)
})

/**
 * A payment from a devnet account's largest coin, signed with the protocol's signTransaction —
 * by `signer` instead of the owner to forge it.
 */
async function payment(
  from: DevnetAccount,
  amount: bigint,
  o: { signer?: DevnetAccount } = {},
): Promise<Transaction> {
  const coins = await a.node.chain.getUtxosByLock(from.lock)
  coins.sort((x, y) => (x.entry.amount < y.entry.amount ? 1 : -1))
  const coin = coins[0]
  if (coin === undefined) throw new Error('no coin')
  const fee = 10_000n
  return signTransaction({
    tx: {
      version: TX_VERSION,
      kind: 'transfer',
      inputs: [{ prevout: coin.outpoint, sequence: SEQUENCE_FINAL }],
      outputs: [
        { amount, lock: carol.lock },
        { amount: coin.entry.amount - amount - fee, lock: from.lock },
      ],
      locktime: 0,
      payload: new Uint8Array(0),
    },
    spent: [{ amount: coin.entry.amount, lock: coin.entry.lock, policy: from.policy }],
    genesisHash: genesisHashBytes(a.node.params),
    sign: (_key, message) => ed25519.sign(message, (o.signer ?? from).secretKey),
  })
}

async function failure(p: Promise<unknown>): Promise<NetworkError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(NetworkError)
  return err as NetworkError
}

const scoreOf = (id: string) => net.peers().find((p) => p.id === id)?.score

describe('sendTransaction against real full nodes', () => {
  let paid: Transaction

  it('a valid payment is accepted, lands in the node’s mempool and is gossiped on', async () => {
    paid = await payment(alice, 2n * COIN)
    const r = await net.sendTransaction({ tx: paid, peer: aId })
    expect(r.txid).toEqual(computeTxid(paid))
    expect(r.peer).toBe(aId)
    expect(r.outcomes).toEqual([{ peer: aId, accepted: true }])
    expect(a.node.mempool.has(r.txid)).toBe(true)
    await waitUntil(() => b.node.mempool.has(r.txid), 'B to get the tx through A’s gossip')
  })

  it('a double spend is REJECTED with the mempool’s code; the node is not blamed', async () => {
    const conflict = await payment(alice, 1n * COIN)
    expect(conflict.inputs[0]?.prevout).toEqual(paid.inputs[0]?.prevout)
    const err = await failure(net.sendTransaction({ tx: conflict, peer: aId }))
    expect(err.code).toBe('REJECTED')
    expect(err.protocol).toBe('send-tx')
    expect(err.peer).toBe(aId)
    expect(err.details.reason).toBe('REPLACEMENT_FEE_TOO_LOW')
    expect(err.details.message).toEqual(expect.any(String))
    expect(err.peerAction).toBe('ignore')
    expect(err.peerOutcome).toBe('none')
    expect(scoreOf(aId)).toBe(0)
    expect(a.node.mempool.has(computeTxid(conflict))).toBe(false)
  })

  it('a bad signature is REJECTED with TX_BAD_SIGNATURE', async () => {
    const forged = await payment(bob, COIN, { signer: alice })
    const err = await failure(net.sendTransaction({ tx: forged, peer: aId }))
    expect(err.code).toBe('REJECTED')
    expect(err.details.reason).toBe('TX_BAD_SIGNATURE')
    expect(err.peerOutcome).toBe('none')
    expect(a.node.mempool.has(computeTxid(forged))).toBe(false)
  })

  it('the same transaction again is REJECTED ALREADY_KNOWN', async () => {
    const err = await failure(net.sendTransaction({ tx: paid, peer: bId }))
    expect(err.details.reason).toBe('ALREADY_KNOWN')
  })
})

describe('broadcast', () => {
  it('sends to every connected node; resolves when one accepted, with per-peer outcomes', async () => {
    const tx = await payment(bob, 3n * COIN)
    const r = await net.sendTransaction({ tx, broadcast: true })
    expect(r.txid).toEqual(computeTxid(tx))
    expect(r.outcomes.map((o) => o.peer).sort()).toEqual([aId, bId].sort())
    expect(r.outcomes.find((o) => o.peer === r.peer)?.accepted).toBe(true)
    // The other node took it too, or had it already through gossip: both are fine.
    for (const o of r.outcomes)
      if (!o.accepted) expect(o.error.details.reason, o.peer).toBe('ALREADY_KNOWN')
    for (const n of [a, b]) await waitUntil(() => n.node.mempool.has(r.txid), 'both mempools')
  })

  it('`peer` goes first and `maxPeers` bounds the fan-out', async () => {
    const tx = await payment(devnetAccount(3), COIN)
    const r = await net.sendTransaction({ tx, broadcast: true, peer: bId, maxPeers: 1 })
    expect(r.outcomes).toEqual([{ peer: bId, accepted: true }])
    expect(b.node.mempool.has(r.txid)).toBe(true)
    for (const maxPeers of [0, 17, 1.5])
      await expect(net.sendTransaction({ tx, broadcast: true, maxPeers })).rejects.toThrow(
        RangeError,
      )
  })

  it('refused by every node: throws REJECTED with the reason', async () => {
    const forged = await payment(devnetAccount(4), COIN, { signer: alice })
    const err = await failure(net.sendTransaction({ tx: forged, broadcast: true }))
    expect(err.code).toBe('REJECTED')
    expect(err.details.reason).toBe('TX_BAD_SIGNATURE')
    expect(net.peers().map((p) => p.score)).toEqual([0, 0])
  })
})
