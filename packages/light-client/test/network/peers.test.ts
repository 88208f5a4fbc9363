import { encodeStatus, ZERO_HASH } from '@supernova/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import type { CreateLightClientNetworkParameters } from '../../src/network/createLightClientNetwork.js'
import { createLightClientNetwork } from '../../src/network/createLightClientNetwork.js'
import { NetworkError } from '../../src/network/errors.js'
import type { DisconnectReason, NetworkPeer } from '../../src/network/types.js'
import { waitUntil } from './fullNode.js'
import { devnetStatus, ok, type RawNode, stall, startRawNode } from './rawNode.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function rawNodes(
  n: number,
  scripts: Parameters<typeof startRawNode>[0] = {},
): Promise<RawNode[]> {
  const out: RawNode[] = []
  for (let i = 0; i < n; i++) {
    const raw = await startRawNode(scripts)
    cleanups.push(async () => {
      await raw.libp2p.stop()
    })
    out.push(raw)
  }
  return out
}

function network(raws: RawNode[], o: Partial<CreateLightClientNetworkParameters> = {}) {
  const net = createLightClientNetwork({
    network: 'devnet',
    bootstrap: raws.map((r) => r.address),
    reconnect: { minMs: 20, maxMs: 40 },
    ...o,
  })
  cleanups.push(() => net.stop())
  const connects: NetworkPeer[] = []
  const disconnects: { peer: string; reason: DisconnectReason }[] = []
  net.on('peer:connect', (e) => connects.push(e.peer))
  net.on('peer:disconnect', (e) => disconnects.push(e))
  return { net, connects, disconnects }
}

/** Connections each raw node has open (from its side). */
const inbound = (raws: RawNode[]) => raws.map((r) => r.libp2p.getConnections().length)
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

describe('several nodes', () => {
  it('keeps the target number connected, and replaces one that is dropped', async () => {
    const raws = await rawNodes(4)
    const { net, disconnects } = network(raws, { targetPeers: 3 })
    await net.start()
    const peers = await net.waitForPeers({ count: 3, timeoutMs: 10_000 })
    expect(peers).toHaveLength(3)
    expect(sum(inbound(raws))).toBe(3)
    for (const p of peers) {
      expect(p.transport).toBe('websockets')
      expect(p.status).toEqual(devnetStatus())
      expect(raws.map((r) => r.address)).toContain(p.address)
    }
    const dropped = peers[0]!.id
    await net.disconnect({ peer: dropped, banMs: 60_000 })
    await waitUntil(
      () => net.peers().length === 3 && !net.peers().some((p) => p.id === dropped),
      'a replacement',
    )
    expect(disconnects).toEqual([{ peer: dropped, reason: 'banned' }])
    expect(
      net
        .peers()
        .map((p) => p.id)
        .sort(),
    ).toEqual(
      raws
        .map((r) => r.id)
        .filter((id) => id !== dropped)
        .sort(),
    )
  })

  it('asks the best peer by score when no peer is named', async () => {
    const raws = await rawNodes(2, { filter: ok(Uint8Array.of(1, 2, 3)) })
    const { net } = network(raws)
    await net.start()
    await net.waitForPeers({ count: 2, timeoutMs: 10_000 })
    const [a, b] = raws as [RawNode, RawNode]
    expect(net.penalize({ peer: a.id, points: 10, reason: 'test' })).toBe('penalized')
    for (let i = 0; i < 3; i++) {
      const got = await net.getFilter({ blockHash: ZERO_HASH })
      expect(got).toEqual({ peer: b.id, filter: Uint8Array.of(1, 2, 3) })
    }
    expect(a.requests.get('filter')).toBeUndefined()
    expect((await net.getFilter({ blockHash: ZERO_HASH, peer: a.id })).peer).toBe(a.id)
    expect(net.peers().find((p) => p.id === a.id)?.score).toBeLessThanOrEqual(-9.9)
  })
})

describe('waitForPeers', () => {
  it('counts a peer once it is connected with withStatus: false, once it has a status by default', async () => {
    const [raw] = (await rawNodes(1, { status: stall })) as [RawNode]
    const { net } = network([raw])
    await net.start()
    const connected = await net.waitForPeers({ withStatus: false, timeoutMs: 10_000 })
    expect(connected.map((p) => [p.id, p.status])).toEqual([[raw.id, undefined]])
    await expect(net.waitForPeers({ timeoutMs: 300 })).rejects.toMatchObject({ code: 'NO_PEER' })
  })
})

describe('penalize and disconnect hooks', () => {
  it('penalize scores down; at −100 the peer is dropped and not redialed while banned', async () => {
    const [raw] = (await rawNodes(1)) as [RawNode]
    const { net, disconnects } = network([raw], { now: () => 1_000_000 })
    await net.start()
    await net.waitForPeers({ timeoutMs: 10_000 })
    expect(net.penalize({ peer: raw.id, points: 60, reason: 'wrong proof' })).toBe('penalized')
    expect(net.peers()[0]?.score).toBe(-60)
    expect(net.penalize({ peer: raw.id, points: 40, reason: 'wrong proof again' })).toBe(
      'disconnected',
    )
    await waitUntil(() => disconnects.length === 1, 'the drop')
    expect(disconnects[0]).toEqual({ peer: raw.id, reason: 'banned' })
    // Back-off is 20–40 ms: were it not banned, it would have been redialed many times by now.
    await new Promise((r) => setTimeout(r, 400))
    expect(net.peers()).toEqual([])
    expect(inbound([raw])).toEqual([0])
    expect(() => net.penalize({ peer: raw.id, points: 0, reason: 'x' })).toThrow(RangeError)
  })

  it('disconnect without a ban: the peer is redialed after its back-off', async () => {
    const [raw] = (await rawNodes(1)) as [RawNode]
    const { net, connects, disconnects } = network([raw])
    await net.start()
    await net.waitForPeers({ timeoutMs: 10_000 })
    await net.disconnect({ peer: raw.id })
    await waitUntil(() => connects.length === 2, 'the redial')
    expect(disconnects).toEqual([{ peer: raw.id, reason: 'requested' }])
    expect((await net.getStatus()).peer).toBe(raw.id)
  })

  it('a node on another genesis is dropped at its first status and refused', async () => {
    const other = encodeStatus(devnetStatus({ genesisHash: new Uint8Array(32).fill(0xee) }))
    const [good] = (await rawNodes(1)) as [RawNode]
    const [bad] = (await rawNodes(1, { status: ok(other) })) as [RawNode]
    const { net, disconnects } = network([bad, good])
    await net.start()
    await waitUntil(() => disconnects.length === 1, 'the wrong-genesis drop')
    expect(disconnects[0]).toEqual({ peer: bad.id, reason: 'wrong-genesis' })
    await net.waitForPeers({ timeoutMs: 10_000 })
    expect(net.peers().map((p) => p.id)).toEqual([good.id])
    const err = await net.getStatus({ peer: bad.id }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect((err as NetworkError).code).toBe('NO_PEER')
  })
})

describe('lifecycle', () => {
  it('requests before start are NOT_STARTED; stop reports every peer as stopped; start again works', async () => {
    const [raw] = (await rawNodes(1)) as [RawNode]
    const { net, disconnects } = network([raw])
    const early = await net.getStatus().catch((e: unknown) => e)
    expect((early as NetworkError).code).toBe('NOT_STARTED')
    await net.start()
    await net.start()
    await net.waitForPeers({ timeoutMs: 10_000 })
    await net.stop()
    expect(disconnects).toEqual([{ peer: raw.id, reason: 'stopped' }])
    expect(net.peers()).toEqual([])
    expect(net.isStarted()).toBe(false)
    await net.start()
    await net.waitForPeers({ timeoutMs: 10_000 })
    expect(net.peers().map((p) => p.id)).toEqual([raw.id])
  })

  it('waitForPeers times out as NO_PEER and honours its signal', async () => {
    const { net } = network([])
    await net.start()
    const late = await net.waitForPeers({ timeoutMs: 50 }).catch((e: unknown) => e)
    expect((late as NetworkError).code).toBe('NO_PEER')
    const c = new AbortController()
    const p = net.waitForPeers({ signal: c.signal })
    c.abort()
    expect(((await p.catch((e: unknown) => e)) as NetworkError).code).toBe('ABORTED')
  })

  it('refuses bad options up front', () => {
    const base = { network: 'devnet' as const, bootstrap: [] }
    expect(() => createLightClientNetwork({ ...base, network: 'moon' as never })).toThrow(TypeError)
    expect(() => createLightClientNetwork({ ...base, bootstrap: ['not a multiaddr'] })).toThrow(
      TypeError,
    )
    expect(() =>
      createLightClientNetwork({ ...base, bootstrap: ['/ip4/127.0.0.1/tcp/1/ws'] }),
    ).toThrow(/p2p/)
    expect(() => createLightClientNetwork({ ...base, targetPeers: 0 })).toThrow(RangeError)
    expect(() => createLightClientNetwork({ ...base, reconnect: { minMs: 10, maxMs: 5 } })).toThrow(
      RangeError,
    )
    expect(() => createLightClientNetwork({ ...base, transports: [] })).toThrow(RangeError)
  })
})
