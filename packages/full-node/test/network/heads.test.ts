import { rmSync } from 'node:fs'
import type { Libp2p, Stream } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import {
  decodeHeadsFrame,
  equalBytes,
  type HeadsFrame,
  hashHeader,
  headsProtocolId,
} from '@supernova/protocol'
import * as lp from 'it-length-prefixed'
import { afterEach, describe, expect, it } from 'vitest'
import type { NetworkTuning } from '../../src/network/createNetwork.js'
import { mineBlock, openTestChain } from '../helpers/chain.js'
import { HEADS_FRAME_CAP, headsSubscriber } from './headsClient.js'
import {
  type Clock,
  createClient,
  createClock,
  startTestNode,
  type TestNode,
  tcpAddr,
  tempDir,
  waitFor,
} from './helpers.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function node(clock: Clock, tuning: Partial<NetworkTuning> = {}): Promise<TestNode> {
  const n = await startTestNode({ clock, tuning })
  cleanups.push(async () => {
    await n.stop()
    rmSync(n.dir, { recursive: true, force: true })
  })
  return n
}

async function client(): Promise<Libp2p> {
  const c = await createClient()
  cleanups.push(async () => {
    await c.stop()
  })
  return c
}

const tipOf = (f: HeadsFrame) => {
  if (f.result !== 'OK') throw new Error(`expected an announcement, got ${f.result}`)
  return f.status
}

describe('heads subscriptions', () => {
  it('announce the tip at once, then every new tip', async () => {
    const clock = createClock()
    const n = await node(clock)
    for (let i = 0; i < 3; i++) await mineBlock(n.chain, clock)
    const sub = await headsSubscriber(await client(), tcpAddr(n))
    const first = tipOf(await sub.next())
    expect(first.tipHeight).toBe(3)
    expect(equalBytes(first.tipHash, n.chain.tip().hash)).toBe(true)
    expect(equalBytes(first.genesisHash, n.chain.genesisHash)).toBe(true)
    expect(first.cumulativeWork).toBe(n.chain.tip().cumulativeWork)
    await waitFor(() => n.network.headsSubscribers() === 1, 'the node to count the subscriber')

    const block = await mineBlock(n.chain, clock)
    const second = tipOf(await sub.next())
    expect(second.tipHeight).toBe(4)
    expect(equalBytes(second.tipHash, hashHeader(block.header))).toBe(true)
  })

  it('announce the new tip of a reorganisation', async () => {
    const clock = createClock()
    const n = await node(clock)
    for (let i = 0; i < 2; i++) await mineBlock(n.chain, clock)
    // A second chain with the same two blocks, then a heavier branch of its own.
    const dir = tempDir()
    const other = await openTestChain(dir.path, clock)
    cleanups.push(async () => {
      await other.store.close()
      dir.cleanup()
    })
    for (let h = 1; h <= 2; h++) {
      const entry = await n.chain.getHeaderByHeight(h)
      const block = entry && (await n.chain.getBlock(entry.hash))
      if (!block) throw new Error(`no block at ${h}`)
      await other.chain.processBlock(block)
    }
    const sub = await headsSubscriber(await client(), tcpAddr(n))
    expect(tipOf(await sub.next()).tipHeight).toBe(2)
    await mineBlock(n.chain, clock, { extra: 'ours' })
    expect(tipOf(await sub.next()).tipHeight).toBe(3)

    const branch = [
      await mineBlock(other.chain, clock, { extra: 'theirs' }),
      await mineBlock(other.chain, clock, { extra: 'theirs' }),
    ]
    for (const b of branch) await n.chain.processBlock(b)
    const after = tipOf(await sub.next())
    expect(after.tipHeight).toBe(4)
    expect(equalBytes(after.tipHash, hashHeader(branch[1]!.header))).toBe(true)
    expect(equalBytes(after.tipHash, n.chain.tip().hash)).toBe(true)
  })

  it('keep at most two per peer: a third closes the oldest', async () => {
    const clock = createClock()
    const n = await node(clock)
    const c = await client()
    const subs = [
      await headsSubscriber(c, tcpAddr(n)),
      await headsSubscriber(c, tcpAddr(n)),
      await headsSubscriber(c, tcpAddr(n)),
    ]
    for (const s of subs) expect(tipOf(await s.next()).tipHeight).toBe(0)
    await expect(subs[0]!.ended()).resolves.toBe(true)
    await waitFor(() => n.network.headsSubscribers() === 2, 'two subscriptions left')
    await mineBlock(n.chain, clock)
    for (const s of subs.slice(1)) expect(tipOf(await s.next()).tipHeight).toBe(1)
  })

  it('refuse a subscriber over the total cap with RATE_LIMITED', async () => {
    const clock = createClock()
    const n = await node(clock, { maxHeadsSubscribers: 1 })
    const first = await headsSubscriber(await client(), tcpAddr(n))
    expect(tipOf(await first.next()).tipHeight).toBe(0)
    const refused = await headsSubscriber(await client(), tcpAddr(n))
    expect(await refused.next()).toMatchObject({ result: 'RATE_LIMITED' })
    await expect(refused.ended()).resolves.toBe(true)
    expect(n.network.headsSubscribers()).toBe(1)
  })

  it('close a subscription whose peer writes to it, and all of them on stop', async () => {
    const clock = createClock()
    const n = await node(clock)
    const c = await client()
    const conn = await c.dial(multiaddr(tcpAddr(n)))
    const stream: Stream = await conn.newStream(headsProtocolId('devnet'))
    const frames = lp.decode(stream, { maxDataLength: HEADS_FRAME_CAP })[Symbol.asyncIterator]()
    expect(tipOf(decodeHeadsFrame((await frames.next()).value!.subarray())).tipHeight).toBe(0)
    stream.send(lp.encode.single(Uint8Array.of(1, 2, 3)))
    await waitFor(() => n.network.headsSubscribers() === 0, 'the writer to be dropped')

    const sub = await headsSubscriber(c, tcpAddr(n))
    await sub.next()
    await waitFor(() => n.network.headsSubscribers() === 1, 'a subscriber')
    await n.network.stop()
    expect(n.network.headsSubscribers()).toBe(0)
    await expect(sub.ended()).resolves.toBe(true)
  })
})
