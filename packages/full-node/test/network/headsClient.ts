import type { Libp2p } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import {
  decodeHeadsFrame,
  HEADS_LIMITS,
  type HeadsFrame,
  headsProtocolId,
} from '@supernova/protocol'
import * as lp from 'it-length-prefixed'

export const HEADS_FRAME_CAP = HEADS_LIMITS.maxFrameBytes

/** Bound on waiting for one frame in a test (a missing announcement fails, it does not hang). */
const FRAME_WAIT_MS = 10_000

export type HeadsSubscriber = {
  /** The next frame. @throws when the stream ends first or nothing comes within 10 s. */
  next(): Promise<HeadsFrame>
  /** Resolves true once the node has ended the stream (closed or reset), false if it is still open after 10 s. */
  ended(): Promise<boolean>
}

/** A raw `heads` subscriber the way a light client opens one: nothing written, write side closed. */
export async function headsSubscriber(client: Libp2p, addr: string): Promise<HeadsSubscriber> {
  const conn = await client.dial(multiaddr(addr))
  const stream = await conn.newStream(headsProtocolId('devnet'))
  const frames = lp.decode(stream, { maxDataLength: HEADS_FRAME_CAP })[Symbol.asyncIterator]()
  // Listen before closing our write side: a stream that closes (or resets) while its data is
  // still buffered would end before an iterator started later could see the end.
  const readAhead = () => {
    const p = frames.next()
    p.catch(() => {})
    return p
  }
  let ahead = readAhead()
  await stream.close()
  const within = <T>(p: Promise<T>, what: string): Promise<T> =>
    Promise.race([
      p,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no ${what} in time`)), FRAME_WAIT_MS).unref(),
      ),
    ])
  return {
    async next() {
      const r = await within(ahead, 'heads frame')
      if (r.done === true) throw new Error('the heads stream ended')
      ahead = readAhead()
      return decodeHeadsFrame(r.value.subarray())
    },
    async ended() {
      const end = ahead.then(
        (r) => r.done === true,
        () => true,
      )
      return within(end, 'end of stream').catch(() => false)
    },
  }
}
