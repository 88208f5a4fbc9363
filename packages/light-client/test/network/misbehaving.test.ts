import {
  createGenesis,
  DEVNET,
  devnetAccount,
  encodeHeadersResponse,
  encodeStatus,
  ZERO_HASH,
} from '@supernova/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createLightClientNetwork,
  type LightClientNetwork,
} from '../../src/network/createLightClientNetwork.js'
import { NetworkError } from '../../src/network/errors.js'
import { BAD_RESPONSE_POINTS, TIMEOUT_POINTS } from '../../src/network/requests.js'
import type { DisconnectReason } from '../../src/network/types.js'
import { waitUntil } from './fullNode.js'
import {
  answer,
  devnetStatus,
  ok,
  type RawNode,
  type Script,
  sendPayload,
  stall,
  startRawNode,
} from './rawNode.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function rawNode(scripts: Parameters<typeof startRawNode>[0]): Promise<RawNode> {
  const raw = await startRawNode(scripts)
  cleanups.push(async () => {
    await raw.libp2p.stop()
  })
  return raw
}

/** A light-client network connected to `raw`, and the disconnect reasons it reported. */
async function connectTo(...raws: RawNode[]) {
  const net = createLightClientNetwork({
    network: 'devnet',
    bootstrap: raws.map((r) => r.address),
    reconnect: { minMs: 50, maxMs: 200 },
    // A clock that stands still: scores do not decay while a test runs (and no redial falls due).
    now: () => 1_000_000,
  })
  cleanups.push(() => net.stop())
  const disconnects: { peer: string; reason: DisconnectReason }[] = []
  net.on('peer:disconnect', (e) => disconnects.push(e))
  await net.start()
  await net.waitForPeers({ count: raws.length, timeoutMs: 10_000 })
  return { net, disconnects }
}

async function failure(p: Promise<unknown>): Promise<NetworkError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(NetworkError)
  return err as NetworkError
}

const score = (net: LightClientNetwork, id: string) => net.peers().find((p) => p.id === id)?.score

/** Writes a length prefix announcing `length` bytes, then only `send` of them, then waits. */
const announce =
  (length: number, send = 0): Script =>
  async (stream) => {
    const varint: number[] = []
    let v = length
    for (; v >= 128; v = Math.floor(v / 128)) varint.push((v % 128) | 0x80)
    varint.push(v)
    if (!stream.send(Uint8Array.of(...varint, ...new Uint8Array(send)))) await stream.onDrain()
    await stall(stream, new Uint8Array(0))
  }

describe('a node that never answers', () => {
  it('times out within the caller’s bound; the peer loses a little score', async () => {
    const raw = await rawNode({ headers: stall })
    const { net } = await connectTo(raw)
    const err = await failure(net.getHeaders({ fromHeight: 0, count: 10, timeoutMs: 300 }))
    expect(err.code).toBe('TIMEOUT')
    expect(err.details.source).toBe('local')
    expect(err.peer).toBe(raw.id)
    expect(err.peerOutcome).toBe('penalized')
    expect(score(net, raw.id)).toBe(-TIMEOUT_POINTS)
  })

  it('a longer timeout than the protocol’s is cut to the protocol’s (status: 5 s)', async () => {
    const raw = await rawNode({})
    const { net } = await connectTo(raw)
    await raw.libp2p.unhandle('/supernova/devnet/status/1')
    await raw.libp2p.handle('/supernova/devnet/status/1', (stream) =>
      stall(stream, new Uint8Array(0)),
    )
    const err = await failure(net.getStatus({ timeoutMs: 60_000 }))
    expect(err.code).toBe('TIMEOUT')
    expect(err.message).toContain('within 5000 ms')
  }, 15_000)
})

describe('answers over the frame cap or malformed', () => {
  it('an oversize frame is refused from its length prefix alone: BAD_RESPONSE, penalized', async () => {
    // headers cap 440,005 bytes: announce one more and send none of it — nothing is waited for.
    const raw = await rawNode({ headers: announce(440_006), block: announce(4_000_002, 1000) })
    const { net } = await connectTo(raw)
    const err = await failure(net.getHeaders({ fromHeight: 0, count: 1, timeoutMs: 3_000 }))
    expect(err.code).toBe('BAD_RESPONSE')
    expect(err.message).toContain('longer than 440005 bytes')
    expect(err.peerAction).toBe('penalize')
    expect(err.peerOutcome).toBe('penalized')
    expect(score(net, raw.id)).toBe(-BAD_RESPONSE_POINTS)
    const big = await failure(net.getBlock({ hash: ZERO_HASH, timeoutMs: 3_000 }))
    expect(big.code).toBe('BAD_RESPONSE')
    expect(score(net, raw.id)).toBe(-2 * BAD_RESPONSE_POINTS)
  })

  it('a whole status frame just over its 105-byte cap is refused too', async () => {
    const raw = await rawNode({})
    const { net } = await connectTo(raw)
    await raw.libp2p.unhandle('/supernova/devnet/status/1')
    await raw.libp2p.handle('/supernova/devnet/status/1', (stream) =>
      sendPayload(stream, Uint8Array.of(0, ...encodeStatus(devnetStatus()), 0)),
    )
    expect((await failure(net.getStatus())).code).toBe('BAD_RESPONSE')
  })

  it('unknown result codes, undecodable bodies, answers to another question; the 4th bans', async () => {
    const genesis = createGenesis(DEVNET).block.header
    const raw = await rawNode({
      block: async (s) => sendPayload(s, Uint8Array.of(9)),
      'tx-proof': ok(Uint8Array.of(1, 2, 3)),
      headers: ok(encodeHeadersResponse([genesis, genesis])),
    })
    const { net, disconnects } = await connectTo(raw)
    const unknown = await failure(net.getBlock({ hash: ZERO_HASH }))
    expect(unknown.code).toBe('BAD_RESPONSE')
    expect(unknown.message).toContain('unknown result code 9')
    expect((await failure(net.getTxProof({ txid: ZERO_HASH }))).code).toBe('BAD_RESPONSE')
    const more = await failure(net.getHeaders({ fromHeight: 0, count: 1 }))
    expect(more.message).toContain('2 headers for 1 asked')
    expect(more.peerOutcome).toBe('penalized')
    expect(score(net, raw.id)).toBe(-3 * BAD_RESPONSE_POINTS)
    const heights = await failure(net.getHeaders({ fromHeight: 0, count: 2 }))
    expect(heights.message).toContain('header 1 has height 0')
    expect(heights.peerOutcome).toBe('disconnected')
    await waitUntil(() => disconnects.length > 0, 'the banned peer to be dropped')
    expect(disconnects).toEqual([{ peer: raw.id, reason: 'banned' }])
    expect(net.peers()).toEqual([])
    expect((await failure(net.getStatus())).code).toBe('NO_PEER')
  })
})

describe('the node’s own refusals', () => {
  it('map to typed codes, marked as the peer’s answer, with no penalty', async () => {
    const raw = await rawNode({
      headers: answer({ result: 'RATE_LIMITED', message: 'slow down' }),
      block: answer({ result: 'INTERNAL', message: 'disk on fire' }),
      filter: answer({ result: 'BAD_REQUEST', message: 'no' }),
      'tx-proof': answer({ result: 'TIMEOUT', message: 'too slow' }),
      utxos: answer({ result: 'TOO_LARGE', message: 'big' }),
    })
    const { net } = await connectTo(raw)
    const cases: [() => Promise<unknown>, string, string][] = [
      [() => net.getHeaders({ fromHeight: 0, count: 1 }), 'RATE_LIMITED', 'slow down'],
      [() => net.getBlock({ hash: ZERO_HASH }), 'INTERNAL', 'disk on fire'],
      [() => net.getFilter({ blockHash: ZERO_HASH }), 'BAD_REQUEST', 'no'],
      [() => net.getTxProof({ txid: ZERO_HASH }), 'TIMEOUT', 'too slow'],
      [() => net.getUtxos({ lock: devnetAccount(0).lock, limit: 1 }), 'TOO_LARGE', 'big'],
    ]
    for (const [p, code, message] of cases) {
      const err = await failure(p())
      expect(err.code).toBe(code)
      expect(err.message).toContain(message)
      expect(err.details.source).toBe('peer')
      expect(err.peerOutcome).toBe('none')
    }
    expect(score(net, raw.id)).toBe(0)
  })

  it('a closed stream is STREAM_CLOSED; a protocol the node lacks is DIAL_FAILED', async () => {
    const raw = await rawNode({ headers: async (s) => s.close() })
    const { net } = await connectTo(raw)
    expect((await failure(net.getHeaders({ fromHeight: 0, count: 1 }))).code).toBe('STREAM_CLOSED')
    expect((await failure(net.getFilter({ blockHash: ZERO_HASH }))).code).toBe('DIAL_FAILED')
    expect(score(net, raw.id)).toBe(0)
  })
})
