import type { Stream } from '@libp2p/interface'
import {
  encodeHeadsAnnouncement,
  encodeHeadsRefusal,
  encodeResponseFrame,
  headsProtocolId,
  type StatusMessage,
} from '@supernova/protocol'
import * as lp from 'it-length-prefixed'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createLightClientNetwork,
  type LightClientNetwork,
} from '../../src/network/createLightClientNetwork.js'
import { BAD_RESPONSE_POINTS } from '../../src/network/requests.js'
import { waitUntil } from './fullNode.js'
import { devnetStatus, type RawNode, startRawNode } from './rawNode.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** What a raw node's `heads` handler does with each stream a client opens. */
type HeadsScript = (stream: Stream, opened: number) => void | Promise<void>

/** A raw node that serves `heads` with `script` (and a devnet `status`); counts the streams. */
async function headsNode(script?: HeadsScript): Promise<RawNode & { opened: () => number }> {
  const raw = await startRawNode({})
  cleanups.push(async () => {
    await raw.libp2p.stop()
  })
  let opened = 0
  if (script !== undefined)
    await raw.libp2p.handle(headsProtocolId('devnet'), async (stream) => {
      opened++
      await script(stream, opened)
    })
  return Object.assign(raw, { opened: () => opened })
}

/** The network's clock: it stands still (scores do not decay) unless a test moves it. */
let now = 1_000_000

async function connectTo(raw: RawNode, statusIntervalMs: number): Promise<LightClientNetwork> {
  now = 1_000_000
  const net = createLightClientNetwork({
    network: 'devnet',
    bootstrap: [raw.address],
    reconnect: { minMs: 50, maxMs: 200 },
    statusIntervalMs,
    now: () => now,
  })
  cleanups.push(() => net.stop())
  await net.start()
  await net.waitForPeers({ timeoutMs: 10_000 })
  return net
}

const send = (stream: Stream, payload: Uint8Array) => {
  stream.send(lp.encode.single(payload))
}
const statusAt = (tipHeight: number): StatusMessage =>
  devnetStatus({ tipHeight, cumulativeWork: BigInt(tipHeight) * 1_000n })
const score = (net: LightClientNetwork, id: string) => net.peers().find((p) => p.id === id)?.score

/** Announces a higher tip every `ms` until the stream closes. */
const pushEvery =
  (ms: number): HeadsScript =>
  (stream) => {
    let height = 10
    send(stream, encodeHeadsAnnouncement(statusAt(height)))
    const timer = setInterval(() => {
      try {
        send(stream, encodeHeadsAnnouncement(statusAt(++height)))
      } catch {
        clearInterval(timer)
      }
    }, ms)
    stream.addEventListener('close', () => clearInterval(timer))
  }

describe('pushed heads', () => {
  it('each announcement is a fresh status of the peer, and a live push replaces the poll', async () => {
    const raw = await headsNode(pushEvery(40))
    // Polled every 100 ms without the push; with it, only once a status is 150 ms old — never
    // while the clock stands still.
    const net = await connectTo(raw, 100)
    const seen: number[] = []
    net.on('status', (e) => seen.push(e.status.tipHeight))
    await waitUntil(() => seen.filter((h) => h > 10).length >= 15, 'fifteen pushed tips')
    expect(seen.slice(-5)).toEqual([...seen.slice(-5)].sort((a, b) => a - b))
    expect(net.peers()[0]?.status?.tipHeight).toBe(seen.at(-1))
    // The poll on connect, and none after: every tick found a fresh pushed status.
    expect(raw.requests.get('status')).toBe(1)
    expect(raw.opened()).toBe(1)
    expect(score(net, raw.id)).toBe(0)
  })

  it('a live stream that goes quiet is polled again once its last status is 1.5 intervals old', async () => {
    const raw = await headsNode((stream) => send(stream, encodeHeadsAnnouncement(statusAt(12))))
    const net = await connectTo(raw, 100)
    await waitUntil(() => net.peers()[0]?.status?.tipHeight === 12, 'the pushed tip')
    expect(raw.requests.get('status')).toBe(1)
    now += 151
    await waitUntil(() => (raw.requests.get('status') ?? 0) >= 2, 'a poll of the quiet peer')
    expect(raw.opened()).toBe(1)
  })

  it('a node without heads is still followed by polling (its status never too old), unpunished', async () => {
    const raw = await headsNode()
    const net = await connectTo(raw, 100)
    await waitUntil(() => (raw.requests.get('status') ?? 0) >= 3, 'three status polls')
    expect(score(net, raw.id)).toBe(0)
    expect(net.peers()).toHaveLength(1)
  })

  it('a stream the node ends is reopened with back-off; a refusal is not a fault', async () => {
    const raw = await headsNode(async (stream, opened) => {
      if (opened === 1) send(stream, encodeHeadsRefusal('RATE_LIMITED', 'too many subscribers'))
      else send(stream, encodeHeadsAnnouncement(statusAt(20 + opened)))
      await stream.close()
    })
    const net = await connectTo(raw, 600_000)
    const seen: number[] = []
    net.on('status', (e) => seen.push(e.status.tipHeight))
    await waitUntil(() => raw.opened() >= 4, 'the stream reopened three times')
    await waitUntil(() => seen.includes(23), 'an announcement from a reopened stream')
    expect(score(net, raw.id)).toBe(0)
  })

  it('a frame that does not decode, or over the cap, costs the peer like a bad answer', async () => {
    const raw = await headsNode((stream, opened) => {
      // An OK frame with a truncated status, then a prefix announcing 10,000 bytes.
      if (opened === 1) send(stream, encodeResponseFrame({ result: 'OK', body: Uint8Array.of(1) }))
      else if (opened === 2) stream.send(Uint8Array.of(0x90, 0x4e))
      else send(stream, encodeHeadsAnnouncement(statusAt(30)))
    })
    const net = await connectTo(raw, 600_000)
    await waitUntil(() => raw.opened() >= 3, 'a third stream after two bad ones')
    await waitUntil(() => net.peers()[0]?.status?.tipHeight === 30, 'the good announcement')
    expect(score(net, raw.id)).toBe(-2 * BAD_RESPONSE_POINTS)
  })
})
