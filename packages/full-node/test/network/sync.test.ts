import { rmSync } from 'node:fs'
import { gossipsub, StrictNoSign } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { noise } from '@libp2p/noise'
import { tcp } from '@libp2p/tcp'
import { yamux } from '@libp2p/yamux'
import { multiaddr } from '@multiformats/multiaddr'
import {
  type Block,
  COIN,
  computeTxid,
  decodeBlock,
  encodeBlock,
  equalBytes,
  hashHeader,
} from '@supernova/protocol'
import { createLibp2p } from 'libp2p'
import { afterEach, describe, expect, it } from 'vitest'
import type { Chain } from '../../src/chain/Chain.js'
import type { ChainView } from '../../src/chain/types.js'
import { alice, buildBlock, carol, mineBlock, pay } from '../helpers/chain.js'
import {
  type Clock,
  createClock,
  startTestNode,
  type TestNode,
  tcpAddr,
  waitFor,
} from './helpers.js'

const started: TestNode[] = []

async function node(o: Parameters<typeof startTestNode>[0]): Promise<TestNode> {
  const n = await startTestNode(o)
  started.push(n)
  return n
}

afterEach(async () => {
  for (const n of started.splice(0)) {
    await n.stop()
    rmSync(n.dir, { recursive: true, force: true })
  }
})

async function mine(chain: Chain, clock: Clock, n: number, extra?: string): Promise<Block[]> {
  const blocks: Block[] = []
  for (let i = 0; i < n; i++) blocks.push(await mineBlock(chain, clock, extra ? { extra } : {}))
  return blocks
}

const sameTip = (a: TestNode, b: TestNode) => () =>
  equalBytes(a.chain.tip().hash, b.chain.tip().hash)

describe('sync', () => {
  it('a node started with bootstrap converges on the peer’s 30-block chain', async () => {
    const clock = createClock()
    const a = await node({ clock })
    await mine(a.chain, clock, 30)
    const b = await node({ clock, bootstrap: [tcpAddr(a)] })
    await waitFor(sameTip(a, b), 'B to reach A’s tip')
    expect(b.chain.tip().height).toBe(30)
    expect(b.network.getPeers().map((p) => p.peerId)).toContain(a.network.peerId())
    await waitFor(() => a.network.getPeers().some((p) => p.height === 30), 'A to learn B’s height')
  })

  it('reorganises a shorter competing branch onto the heavier chain', async () => {
    const clock = createClock()
    const a = await node({ clock })
    const b = await node({ clock })
    await mine(a.chain, clock, 30, 'A')
    const bBranch = await mine(b.chain, clock, 5, 'B')
    expect(b.chain.tip().height).toBe(5)
    await b.network.addPeer(tcpAddr(a))
    await waitFor(sameTip(a, b), 'B to reorganise onto A’s chain')
    expect(b.chain.tip().height).toBe(30)
    const replaced = await b.chain.getHeaderByHash(hashHeader(bBranch[4]!.header))
    expect(replaced?.inMainChain).toBe(false)
  })

  it('gossips new blocks and transactions between synced peers', async () => {
    const clock = createClock()
    // Status polling is slow here: after the first sync only gossip can move B.
    const tuning = { statusIntervalMs: 600_000 }
    const a = await node({ clock, tuning })
    await mine(a.chain, clock, 12)
    const b = await node({ clock, tuning, bootstrap: [tcpAddr(a)] })
    await waitFor(sameTip(a, b), 'initial sync')
    await waitFor(() => b.network.getPeers().length === 1, 'B connected')
    const bId = b.network.peerId()
    await waitFor(() => a.network.gossipSubscribers().blocks.includes(bId), 'A to see B subscribed')
    await waitFor(() => a.network.gossipSubscribers().txs.includes(bId), 'A to see B on txs')
    await mineBlock(a.chain, clock)
    await waitFor(sameTip(a, b), 'the gossiped block to reach B')
    expect(b.chain.tip().height).toBe(13)

    const tx = await pay(a.chain, alice, carol.lock, 2n * COIN)
    await a.mempool.add(tx)
    await a.network.publishTransaction(tx)
    await waitFor(() => b.mempool.has(computeTxid(tx)), 'the gossiped tx to reach B’s mempool')
  })
})

describe('misbehaving peers', () => {
  it('a peer serving an invalid block is disconnected and banned', async () => {
    const clock = createClock()
    const liar = await node({ clock, wrapChain: (chain) => corruptAt(chain, 5) })
    await mine(liar.chain, clock, 10)
    const b = await node({ clock, bootstrap: [tcpAddr(liar)] })
    const liarId = liar.network.peerId()
    await waitFor(() => b.network.isBanned(liarId), 'B to ban the liar')
    expect(b.chain.tip().height).toBe(4)
    await waitFor(() => b.network.getPeers().length === 0, 'B to drop the liar')
    await waitFor(() => liar.network.getPeers().length === 0, 'the liar to see it dropped')
    // B refuses to dial it, and drops it right after the handshake when it dials in.
    await expect(b.network.addPeer(tcpAddr(liar))).rejects.toMatchObject({ code: 'DIAL_FAILED' })
    await liar.network.addPeer(tcpAddr(b)).catch(() => undefined)
    await waitFor(() => liar.network.getPeers().length === 0, 'the inbound dial to be refused')
    expect(b.network.getPeers()).toEqual([])
    expect(b.chain.tip().height).toBe(4)
  })

  it('a peer serving headers that do not link is penalized and not followed', async () => {
    const clock = createClock()
    const liar = await node({ clock, wrapChain: (chain) => unlinkedHeaders(chain) })
    await mine(liar.chain, clock, 10)
    const b = await node({ clock, bootstrap: [tcpAddr(liar)] })
    const liarId = liar.network.peerId()
    await waitFor(
      () => (b.network.getPeers().find((p) => p.peerId === liarId)?.score ?? 0) > 20, // 25 points, decaying
      'B to penalize the liar',
    )
    expect(b.chain.tip().height).toBe(0)
  })

  it('gossip: undecodable and invalid blocks are rejected and cost the sender', async () => {
    const clock = createClock()
    const n = await node({ clock })
    await mine(n.chain, clock, 3)
    const sender = await gossipClient()
    try {
      await sender.dial(multiaddr(tcpAddr(n)))
      const nodeId = n.network.peerId()
      const score = () =>
        n.network.getPeers().find((p) => p.peerId === sender.peerId.toString())?.score ?? 0
      await waitFor(
        () => sender.services.pubsub.getSubscribers(BLOCKS).some((p) => p.toString() === nodeId),
        'subscription',
      )
      await sender.services.pubsub.publish(BLOCKS, Uint8Array.of(1, 2, 3))
      await waitFor(() => score() > 15, 'a penalty for garbage') // 20 points, decaying
      const block = await buildBlock(n.chain, clock)
      const [coinbase, ...rest] = block.transactions
      const outputs = coinbase!.outputs.map((o, i) =>
        i === 0 ? { ...o, amount: o.amount - 1n } : o,
      )
      const invalid = { header: block.header, transactions: [{ ...coinbase!, outputs }, ...rest] }
      await sender.services.pubsub.publish(BLOCKS, encodeBlock(invalid))
      await waitFor(
        () => n.network.isBanned(sender.peerId.toString()),
        'a ban for an invalid block',
      )
      expect(n.chain.tip().height).toBe(3)
    } finally {
      await sender.stop()
    }
  })

  it('banPeer disconnects a peer and refuses it until the ban ends', async () => {
    const clock = createClock()
    const a = await node({ clock })
    const b = await node({ clock, bootstrap: [tcpAddr(a)] })
    await waitFor(() => b.network.getPeers().length === 1, 'connected')
    a.network.banPeer(b.network.peerId(), 60_000)
    await waitFor(() => a.network.getPeers().length === 0, 'A to drop B')
    await waitFor(() => b.network.getPeers().length === 0, 'B to see it dropped')
    await expect(a.network.addPeer(tcpAddr(b))).rejects.toMatchObject({ code: 'DIAL_FAILED' })
    await b.network.addPeer(tcpAddr(a)).catch(() => undefined)
    await waitFor(() => b.network.getPeers().length === 0, 'the inbound dial to be refused')
    expect(a.network.getPeers()).toEqual([])
    expect(() => a.network.banPeer('not a peer id', 1)).toThrow()
  })
})

const BLOCKS = '/supernova/devnet/blocks/1'

/** A bare libp2p node with gossipsub, free to publish anything. */
async function gossipClient() {
  return createLibp2p({
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      pubsub: gossipsub({
        globalSignaturePolicy: StrictNoSign,
        allowPublishToZeroTopicPeers: true,
      }),
    },
  })
}

/** A lying peer whose headers from height 3 on do not link to their parents. */
function unlinkedHeaders(chain: Chain): ChainView {
  const getHeaders = async (from: number, count: number) =>
    (await chain.getHeaders(from, count)).map((h) =>
      h.height >= 3 ? { ...h, prevHash: new Uint8Array(32).fill(0xee) } : h,
    )
  return override(chain, { getHeaders })
}

function override(chain: Chain, methods: Partial<ChainView>): ChainView {
  return new Proxy(chain, {
    get(target, prop) {
      if (prop in methods) return methods[prop as keyof ChainView]
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as ChainView
}

/** What a lying peer shows: its real chain, but the block at `height` served with a changed body. */
function corruptAt(chain: Chain, height: number): ChainView {
  const getBlockBytes = async (hash: Uint8Array) => {
    const bytes = await chain.getBlockBytes(hash)
    if (bytes === undefined) return undefined
    const block = decodeBlock(bytes)
    if (block.header.height !== height) return bytes
    const [coinbase, ...rest] = block.transactions
    const outputs = coinbase!.outputs.map((o, i) => (i === 0 ? { ...o, amount: o.amount - 1n } : o))
    return encodeBlock({ header: block.header, transactions: [{ ...coinbase!, outputs }, ...rest] })
  }
  return override(chain, { getBlockBytes })
}
