/// <reference types="node" />
import { identify } from '@libp2p/identify'
import type { Libp2p, Stream } from '@libp2p/interface'
import { noise } from '@libp2p/noise'
import { ping } from '@libp2p/ping'
import { webSockets } from '@libp2p/websockets'
import { yamux } from '@libp2p/yamux'
import {
  DEVNET,
  encodeResponseFrame,
  encodeStatus,
  genesisHashBytes,
  type ProtocolName,
  protocolId,
  type ResponseFrame,
  type StatusMessage,
} from '@supernova/protocol'
import * as lp from 'it-length-prefixed'
import { createLibp2p } from 'libp2p'

/** What a scripted handler does with one request stream. */
export type Script = (stream: Stream, request: Uint8Array) => Promise<void>

export type RawNode = {
  libp2p: Libp2p
  address: string
  id: string
  requests: Map<ProtocolName, number>
}

export const devnetStatus = (o: Partial<StatusMessage> = {}): StatusMessage => ({
  genesisHash: genesisHashBytes(DEVNET),
  tipHash: new Uint8Array(32).fill(1),
  tipHeight: 5,
  cumulativeWork: 1234n,
  finalizedHeight: 0,
  ...o,
})

/** Sends one frame with `payload` (a whole response payload: result byte and body). */
export async function sendPayload(stream: Stream, payload: Uint8Array): Promise<void> {
  if (!stream.send(lp.encode.single(payload))) await stream.onDrain()
  await stream.close()
}

/** A response frame the way a node builds it. */
export const answer =
  (frame: ResponseFrame): Script =>
  (stream) =>
    sendPayload(stream, encodeResponseFrame(frame))

export const ok = (body: Uint8Array): Script => answer({ result: 'OK', body })

/** Reads the request, then never answers (the stream stays open until the client gives up). */
export const stall: Script = async (stream) => {
  await new Promise<void>((resolve) => stream.addEventListener('close', () => resolve()))
}

/**
 * A libp2p node on ws://127.0.0.1 speaking the SuperNova protocol ids with scripted answers — a
 * node that stalls, lies or breaks the frame caps. `status` answers a devnet status by default.
 */
export async function startRawNode(
  scripts: Partial<Record<ProtocolName, Script>>,
): Promise<RawNode> {
  const libp2p = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0/ws'] },
    transports: [webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify(), ping: ping() },
  })
  const requests = new Map<ProtocolName, number>()
  const all: Partial<Record<ProtocolName, Script>> = {
    status: ok(encodeStatus(devnetStatus())),
    ...scripts,
  }
  for (const [name, script] of Object.entries(all) as [ProtocolName, Script][]) {
    await libp2p.handle(protocolId('devnet', name), async (stream) => {
      requests.set(name, (requests.get(name) ?? 0) + 1)
      try {
        const frames = lp.decode(stream, { maxDataLength: 64 })
        const first = await frames.next()
        await script(stream, first.done === true ? new Uint8Array(0) : first.value.subarray())
      } catch {
        stream.abort(new Error('script failed'))
      }
    })
  }
  const address = libp2p
    .getMultiaddrs()
    .map(String)
    .find((a) => a.includes('/ws/'))
  if (address === undefined) throw new Error('the raw node has no WebSockets address')
  return { libp2p, address, id: libp2p.peerId.toString(), requests }
}
