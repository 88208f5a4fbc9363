import type { Stream } from '@libp2p/interface'
import { decodeHeadsFrame, genesisHashBytes, getChainParams } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import type { ChainTip } from '../../src/chain/types.js'
import { HeadsServer } from '../../src/network/heads.js'
import { logger } from './helpers.js'

/**
 * A stream whose send buffer the test controls: `send` reports "full" until `drain()`, as a
 * yamux stream does once the subscriber stops reading and the window is spent.
 */
class SlowStream extends EventTarget {
  readonly sent: Uint8Array[] = []
  aborted: Error | undefined
  private drained: (() => void) | undefined
  send(data: { subarray(): Uint8Array }): boolean {
    this.sent.push(data.subarray())
    return false
  }
  onDrain(o: { signal?: AbortSignal } = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      this.drained = resolve
      o.signal?.addEventListener('abort', () => reject(o.signal?.reason), { once: true })
    })
  }
  drain(): void {
    this.drained?.()
  }
  abort(err: Error): void {
    this.aborted = err
    this.dispatchEvent(new Event('close'))
  }
}

/** The tip height announced in a sent frame (its length prefix is one byte: 105 < 128). */
const heightOf = (frame: Uint8Array) => {
  const f = decodeHeadsFrame(frame.subarray(1))
  if (f.result !== 'OK') throw new Error(f.result)
  return f.status.tipHeight
}

const tipAt = (height: number) =>
  ({ hash: new Uint8Array(32).fill(height), height, cumulativeWork: BigInt(height) }) as ChainTip

function server(writeTimeoutMs: number) {
  let tip = tipAt(0)
  const penalties: string[] = []
  const heads = new HeadsServer(
    {
      network: 'devnet',
      maxHeadsSubscribers: 4,
      maxHeadsSubscribersPerPeer: 2,
      headsWriteTimeoutMs: writeTimeoutMs,
    },
    {
      chain: { genesisHash: genesisHashBytes(getChainParams('devnet')), tip: () => tip },
      peers: { penalize: (peer: unknown) => void penalties.push(String(peer)) },
      logger,
    },
  )
  const announce = (height: number) => {
    tip = tipAt(height)
    heads.announce(tip)
  }
  return { heads, announce, penalties }
}

const closed = (s: SlowStream) =>
  new Promise<void>((resolve) => s.addEventListener('close', () => resolve(), { once: true }))

describe('HeadsServer writes', () => {
  it('coalesce: a subscriber that has not drained gets only the latest tip, then one write', async () => {
    const { heads, announce } = server(60_000)
    const s = new SlowStream()
    heads.subscribe(s as unknown as Stream, 'peer-a')
    expect(s.sent.map(heightOf)).toEqual([0])
    for (let h = 1; h <= 50; h++) announce(h)
    expect(s.sent).toHaveLength(1)
    s.drain()
    await new Promise((r) => setImmediate(r))
    expect(s.sent.map(heightOf)).toEqual([0, 50])
    heads.close()
    expect(s.aborted).toBeDefined()
  })

  it('close a subscription whose write stalls past the timeout', async () => {
    const { heads } = server(50)
    const s = new SlowStream()
    const gone = closed(s)
    heads.subscribe(s as unknown as Stream, 'peer-a')
    expect(heads.size()).toBe(1)
    await gone
    expect(s.aborted?.message).toMatch(/heads write failed/)
    expect(heads.size()).toBe(0)
  })

  it('a subscriber that writes is penalized and dropped', () => {
    const { heads, penalties } = server(60_000)
    const s = new SlowStream()
    heads.subscribe(s as unknown as Stream, 'peer-w')
    s.dispatchEvent(new Event('message'))
    expect(penalties).toEqual(['peer-w'])
    expect(heads.size()).toBe(0)
    expect(s.aborted).toBeDefined()
  })

  it('refuse new subscribers after close until registered again', () => {
    const { heads } = server(60_000)
    heads.close()
    const s = new SlowStream()
    heads.subscribe(s as unknown as Stream, 'peer-a')
    expect(s.aborted).toBeDefined()
    expect(heads.size()).toBe(0)
  })
})
