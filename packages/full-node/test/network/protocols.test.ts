import { rmSync } from 'node:fs'
import type { Libp2p } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import {
  COIN,
  computeTxid,
  encodeBlock,
  equalBytes,
  hashBlockFilter,
  hashHeader,
  isValidSmtMembershipProof,
  isValidSmtNonMembershipProof,
  type Transaction,
  utxoKey,
  utxoValueHash,
} from '@supernova/protocol'
import * as lp from 'it-length-prefixed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type RequestContext,
  requestBlock,
  requestFilter,
  requestHeaders,
  requestOutpoint,
  requestRaw,
  requestStatus,
  requestTxProof,
  requestUtxos,
} from '../../src/network/client.js'
import { NetworkError } from '../../src/network/errors.js'
import { decodeResponseFrame, encodeHeadersRequest } from '../../src/network/messages.js'
import { protocolId } from '../../src/network/protocols.js'
import { alice, carol, mineBlock, miner, pay } from '../helpers/chain.js'
import { createClient, createClock, startTestNode, type TestNode, tcpAddr } from './helpers.js'

let node: TestNode
let client: Libp2p
let ctx: RequestContext
let paid: Transaction
let target: ReturnType<typeof multiaddr>

beforeAll(async () => {
  const clock = createClock()
  node = await startTestNode({ clock })
  for (let i = 0; i < 11; i++) await mineBlock(node.chain, clock)
  paid = await pay(node.chain, alice, carol.lock, 3n * COIN)
  await mineBlock(node.chain, clock, { txs: [paid] })
  client = await createClient()
  ctx = { libp2p: client, network: 'devnet' }
  target = multiaddr(tcpAddr(node))
})

afterAll(async () => {
  await client?.stop()
  await node?.stop()
  if (node) rmSync(node.dir, { recursive: true, force: true })
})

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(NetworkError)
  expect((err as NetworkError).code).toBe(code)
}

describe('request protocols round-trip', () => {
  it('status reports genesis, tip and work', async () => {
    const s = await requestStatus(ctx, target)
    const tip = node.chain.tip()
    expect(s.genesisHash).toEqual(node.chain.genesisHash)
    expect(s.tipHash).toEqual(tip.hash)
    expect(s.tipHeight).toBe(12)
    expect(s.cumulativeWork).toBe(tip.cumulativeWork)
    expect(s.finalizedHeight).toBe(0)
  })

  it('headers by range, linked, empty past the tip', async () => {
    const got = await requestHeaders(ctx, target, 3, 5)
    expect(got.map((h) => h.header.height)).toEqual([3, 4, 5, 6, 7])
    const ours = await node.chain.getHeaders(3, 5)
    expect(got.map((h) => h.hash)).toEqual(ours.map(hashHeader))
    expect(await requestHeaders(ctx, target, 11, 2000)).toHaveLength(2)
    expect(await requestHeaders(ctx, target, 13, 10)).toEqual([])
  })

  it('block by hash, or not found', async () => {
    const tip = node.chain.tip()
    const got = await requestBlock(ctx, target, tip.hash)
    expect(got?.bytes).toEqual(await node.chain.getBlockBytes(tip.hash))
    expect(encodeBlock(got!.block)).toEqual(got!.bytes)
    expect(await requestBlock(ctx, target, new Uint8Array(32).fill(7))).toBeUndefined()
  })

  it('tx-proof carries a Merkle proof against the header', async () => {
    const got = await requestTxProof(ctx, target, computeTxid(paid))
    expect(got?.height).toBe(12)
    expect(got?.blockHash).toEqual(node.chain.tip().hash)
    expect(computeTxid(got!.tx)).toEqual(computeTxid(paid))
    expect(await requestTxProof(ctx, target, new Uint8Array(32).fill(1))).toBeUndefined()
  })

  it('utxos of a lock, each proven against the tip utxoRoot; `more` when capped', async () => {
    const root = node.chain.tip().header.utxoRoot
    const got = await requestUtxos(ctx, target, carol.lock, 100)
    expect(got.tipHash).toEqual(node.chain.tip().hash)
    expect(got.more).toBe(false)
    expect(got.utxos.map((u) => u.entry.amount)).toEqual([3n * COIN])
    for (const u of got.utxos) {
      const key = utxoKey(u.outpoint)
      expect(
        isValidSmtMembershipProof({ root, key, valueHash: utxoValueHash(u.entry), proof: u.proof }),
      ).toBe(true)
    }
    const capped = await requestUtxos(ctx, target, miner.lock, 1)
    expect(capped.utxos).toHaveLength(1)
    expect(capped.more).toBe(true)
  })

  it('outpoint: membership and non-membership proofs', async () => {
    const root = node.chain.tip().header.utxoRoot
    const outpoint = { txid: computeTxid(paid), vout: 0 }
    const present = await requestOutpoint(ctx, target, outpoint)
    expect(present.entry?.amount).toBe(3n * COIN)
    expect(
      isValidSmtMembershipProof({
        root,
        key: utxoKey(outpoint),
        valueHash: utxoValueHash(present.entry!),
        proof: present.proof,
      }),
    ).toBe(true)
    const missing = { txid: computeTxid(paid), vout: 9 }
    const absent = await requestOutpoint(ctx, target, missing)
    expect(absent.entry).toBeUndefined()
    expect(isValidSmtNonMembershipProof({ root, key: utxoKey(missing), proof: absent.proof })).toBe(
      true,
    )
  })

  it('filter of a block matches its header', async () => {
    const tip = node.chain.tip()
    const filter = await requestFilter(ctx, target, tip.hash)
    expect(equalBytes(hashBlockFilter(filter!), tip.header.filterHash)).toBe(true)
    expect(await requestFilter(ctx, target, new Uint8Array(32))).toBeUndefined()
  })
})

describe('bad requests get a typed error and the node stays up', () => {
  it('an oversize request frame → TOO_LARGE', async () => {
    await expectCode(requestRaw(ctx, target, 'headers', new Uint8Array(1000)), 'TOO_LARGE')
    await expectCode(requestRaw(ctx, target, 'status', new Uint8Array(1)), 'TOO_LARGE')
  })

  it('garbage → BAD_REQUEST', async () => {
    const zeroCount = new Uint8Array(encodeHeadersRequest({ fromHeight: 0, count: 1 }))
    zeroCount[4] = 0
    await expectCode(requestRaw(ctx, target, 'headers', zeroCount), 'BAD_REQUEST')
    const badLock = new Uint8Array(35).fill(0xff)
    await expectCode(requestRaw(ctx, target, 'utxos', badLock), 'BAD_REQUEST')
    await expectCode(requestRaw(ctx, target, 'block', new Uint8Array(31)), 'BAD_REQUEST')
  })

  it('a request that never completes → TIMEOUT frame, stream released', async () => {
    for (const partial of [new Uint8Array(0), Uint8Array.of(6, 1, 2)]) {
      const stream = await client.dialProtocol(target, protocolId('devnet', 'headers'))
      if (partial.length > 0) stream.send(partial)
      const started = Date.now()
      const frames = lp.decode(stream, { maxDataLength: 1024 })
      const first = await frames.next()
      expect(first.done).toBe(false)
      const frame = decodeResponseFrame(first.value!.subarray())
      expect(frame.result).toBe('TIMEOUT')
      // Bounded by the server's 500 ms read timeout (generous margin for a loaded machine).
      expect(Date.now() - started).toBeLessThan(10_000)
      stream.abort(new Error('test done'))
    }
  })

  it('answers normally afterwards', async () => {
    expect((await requestStatus(ctx, target)).tipHeight).toBe(12)
    expect(node.network.isBanned(client.peerId.toString())).toBe(false)
  })
})

describe('rate limit', () => {
  it('a peer over its request rate gets RATE_LIMITED', async () => {
    const clock = createClock()
    const limited = await startTestNode({ clock, tuning: { rateBurst: 3, ratePerSecond: 0.001 } })
    try {
      const addr = multiaddr(tcpAddr(limited))
      for (let i = 0; i < 3; i++) await requestStatus(ctx, addr)
      await expectCode(requestStatus(ctx, addr), 'RATE_LIMITED')
    } finally {
      await limited.stop()
      rmSync(limited.dir, { recursive: true, force: true })
    }
  })
})
