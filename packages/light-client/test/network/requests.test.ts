import {
  type Block,
  computeTxid,
  devnetAccount,
  encodeBlock,
  hashHeader,
  type OutPoint,
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
  miner,
  startFullNode,
  stopFullNode,
  type TestNode,
} from './fullNode.js'

let clock: Clock
let full: TestNode
let blocks: Block[]
let net: LightClientNetwork

beforeAll(async () => {
  clock = createClock()
  full = await startFullNode({ clock })
  blocks = await mineBlocks(full, clock, 12)
  net = createLightClientNetwork({
    network: 'devnet',
    bootstrap: [full.ws, full.webrtc],
    now: clock.now,
  })
  await net.start()
  await net.waitForPeers({ timeoutMs: 10_000 })
}, 60_000)

afterAll(async () => {
  await net?.stop()
  if (full) await stopFullNode(full)
})

async function failure(p: Promise<unknown>): Promise<NetworkError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(NetworkError)
  return err as NetworkError
}

describe('requests against a real full node (WebSockets)', () => {
  it('connects over WebSockets (the preferred transport) and knows the peer’s status', () => {
    const [peer] = net.peers()
    expect(net.peers()).toHaveLength(1)
    expect(peer?.transport).toBe('websockets')
    expect(peer?.address).toBe(full.ws)
    expect(peer?.score).toBe(0)
    expect(peer?.status?.tipHeight).toBe(12)
  })

  it('getStatus: the node’s genesis, tip, work', async () => {
    const { peer, status } = await net.getStatus()
    const tip = full.node.chain.tip()
    expect(peer).toBe(net.peers()[0]?.id)
    expect(status).toEqual({
      genesisHash: full.node.chain.genesisHash,
      tipHash: tip.hash,
      tipHeight: 12,
      cumulativeWork: tip.cumulativeWork,
      finalizedHeight: 0,
    })
  })

  it('getHeaders: ranges, the tail past the tip, nothing beyond', async () => {
    const { headers } = await net.getHeaders({ fromHeight: 3, count: 5 })
    expect(headers).toEqual(await full.node.chain.getHeaders(3, 5))
    expect(headers.map(hashHeader)).toEqual(blocks.slice(2, 7).map((b) => hashHeader(b.header)))
    expect((await net.getHeaders({ fromHeight: 0, count: 2000 })).headers).toHaveLength(13)
    expect((await net.getHeaders({ fromHeight: 13, count: 10 })).headers).toEqual([])
    await expect(net.getHeaders({ fromHeight: 0, count: 2001 })).rejects.toThrow(RangeError)
  })

  it('getBlock: the node’s bytes; NOT_FOUND is a typed error that spares the peer', async () => {
    const hash = hashHeader(blocks[11]!.header)
    const got = await net.getBlock({ hash })
    expect(got.bytes).toEqual(await full.node.chain.getBlockBytes(hash))
    expect(encodeBlock(got.block)).toEqual(got.bytes)
    const err = await failure(net.getBlock({ hash: new Uint8Array(32).fill(7) }))
    expect(err.code).toBe('NOT_FOUND')
    expect(err.peerOutcome).toBe('none')
    expect(err.peerAction).toBe('ignore')
    expect(net.peers()[0]?.score).toBe(0)
    await expect(net.getBlock({ hash: new Uint8Array(31) })).rejects.toThrow(TypeError)
  })

  it('getFilter: the node’s filter bytes, or NOT_FOUND', async () => {
    const hash = hashHeader(blocks[4]!.header)
    const { filter } = await net.getFilter({ blockHash: hash })
    expect(filter).toEqual(await full.node.chain.getBlockFilter(hash))
    expect((await failure(net.getFilter({ blockHash: new Uint8Array(32) }))).code).toBe('NOT_FOUND')
  })

  it('getTxProof: the transaction, its header and proof as the node serves them', async () => {
    const txid = computeTxid(blocks[6]!.transactions[0]!)
    const got = await net.getTxProof({ txid })
    const ours = await full.node.chain.getTransactionProof(txid)
    expect(got.tx).toEqual(ours?.tx)
    expect(got.header).toEqual(ours?.header)
    expect(got.proof).toEqual(ours?.proof)
    expect(got.height).toBe(7)
    expect(got.blockHash).toEqual(hashHeader(blocks[6]!.header))
    expect((await failure(net.getTxProof({ txid: new Uint8Array(32).fill(1) }))).code).toBe(
      'NOT_FOUND',
    )
  })

  it('getUtxos: a lock’s UTXOs with the node’s proofs; `more` when limited', async () => {
    const lock = devnetAccount(0).lock
    const got = await net.getUtxos({ lock, limit: 100 })
    const ours = await full.node.chain.getUtxoProofs(lock, 101)
    expect(got.tipHash).toEqual(ours.tipHash)
    expect(
      got.utxos.map((u) => ({ outpoint: u.outpoint, entry: u.entry, proof: u.proof })),
    ).toEqual(ours.utxos.map((u) => ({ outpoint: u.outpoint, entry: u.entry, proof: u.proof })))
    expect(got.utxos.length).toBeGreaterThan(0)
    const capped = await net.getUtxos({ lock: miner.lock, limit: 2 })
    expect(capped.utxos).toHaveLength(2)
    expect(capped.more).toBe(true)
  })

  it('getOutpoint: present and absent entries with the node’s proofs', async () => {
    const [utxo] = (await full.node.chain.getUtxoProofs(miner.lock, 1)).utxos
    const outpoint: OutPoint = utxo!.outpoint
    const got = await net.getOutpoint({ outpoint })
    expect(got).toMatchObject(await full.node.chain.getOutpointProof(outpoint))
    expect(got.entry?.amount).toBe(utxo!.entry.amount)
    const missing = { txid: new Uint8Array(32).fill(3), vout: 9 }
    const none = await net.getOutpoint({ outpoint: missing })
    expect(none.entry).toBeUndefined()
    expect(none).toMatchObject(await full.node.chain.getOutpointProof(missing))
  })

  it('a request to a peer that is not connected is NO_PEER; an aborted one is ABORTED', async () => {
    expect((await failure(net.getStatus({ peer: '12D3KooWNotConnected' }))).code).toBe('NO_PEER')
    const controller = new AbortController()
    controller.abort()
    const err = await failure(net.getStatus({ signal: controller.signal }))
    expect(err.code).toBe('ABORTED')
    expect(err.peerOutcome).toBe('none')
  })
})

describe('requests over WebRTC-direct', () => {
  it('dials the node’s WebRTC-direct address and gets the same answers', async () => {
    const rtc = createLightClientNetwork({
      network: 'devnet',
      bootstrap: [full.ws, full.webrtc],
      transports: ['webrtc-direct'],
      now: clock.now,
    })
    try {
      await rtc.start()
      const [peer] = await rtc.waitForPeers({ timeoutMs: 15_000 })
      expect(peer?.transport).toBe('webrtc-direct')
      expect(peer?.address).toBe(full.webrtc)
      const { status } = await rtc.getStatus()
      expect(status.tipHash).toEqual(full.node.chain.tip().hash)
      const { headers } = await rtc.getHeaders({ fromHeight: 1, count: 12 })
      expect(headers).toEqual(await full.node.chain.getHeaders(1, 12))
      const hash = hashHeader(blocks[11]!.header)
      expect((await rtc.getBlock({ hash })).bytes).toEqual(
        await full.node.chain.getBlockBytes(hash),
      )
    } finally {
      await rtc.stop()
    }
  }, 30_000)
})
