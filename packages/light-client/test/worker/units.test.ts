import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { NetworkError } from '../../src/network/errors.js'
import { LightClientError, type LightClientErrorCode } from '../../src/verify/errors.js'
import { toCloneable } from '../../src/worker/cloneable.js'
import { LightClientWorkerError, reviveError, serializeError } from '../../src/worker/errors.js'
import { createFanout } from '../../src/worker/fanout.js'
import { addressKey, parsePageMessage } from '../../src/worker/protocol.js'
import { canDialWebRtc, dialableTransports } from '../../src/worker/transports.js'
import { ALICE } from '../verify/testChain.js'

const CODES: LightClientErrorCode[] = [
  'NOT_STARTED',
  'NO_PEER',
  'ALL_PEERS_FAILED',
  'NOT_FOUND',
  'UNKNOWN_BLOCK',
  'INVALID_ADDRESS',
  'REORGED',
  'REJECTED',
  'ABORTED',
]

/** Through a real structured clone, as a port would carry it. */
const overPort = <T>(v: T): T => structuredClone(v)

describe('errors across the port', () => {
  it('re-creates every LightClientError code with message, details and cause', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CODES),
        fc.string(),
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.bigInt())),
        (code, message, details) => {
          const original = new LightClientError({
            code,
            message,
            details,
            cause: new TypeError('inner'),
          })
          const back = reviveError(overPort(serializeError(original)))
          expect(back).toBeInstanceOf(LightClientError)
          expect(back).toMatchObject({ code, message: original.message, details })
          expect(back.cause).toBeInstanceOf(TypeError)
          expect((back.cause as Error).message).toBe('inner')
        },
      ),
    )
  })

  it('names other errors (REMOTE_ERROR with name and code) and keeps TypeError/RangeError', () => {
    const net = new NetworkError({ code: 'TIMEOUT', message: 'slow', peer: 'p', protocol: 'block' })
    const back = reviveError(overPort(serializeError(net))) as LightClientWorkerError
    expect(back).toBeInstanceOf(LightClientWorkerError)
    expect(back.code).toBe('REMOTE_ERROR')
    expect(back.details).toMatchObject({
      name: 'NetworkError',
      code: 'TIMEOUT',
      details: { peer: 'p' },
    })
    expect(reviveError(serializeError(new RangeError('r')))).toBeInstanceOf(RangeError)
    expect(reviveError(serializeError('a string')).message).toContain('a string')
    const forged = reviveError({ kind: 'LightClientError', name: 'x', message: 'm', code: 'EVIL' })
    expect(forged).toBeInstanceOf(LightClientWorkerError)
    expect((forged as LightClientWorkerError).code).toBe('REMOTE_ERROR')
  })

  it('keeps three causes at most', () => {
    let e: Error = new Error('0')
    for (let i = 1; i < 10; i++) e = new Error(String(i), { cause: e })
    let s = serializeError(e)
    let depth = 0
    while (s.cause) {
      s = s.cause
      depth++
    }
    expect(depth).toBe(3)
  })
})

describe('toCloneable', () => {
  const data = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.integer(),
      fc.bigInt(),
      fc.boolean(),
      fc.uint8Array(),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    ),
  })).value

  it('leaves cloneable data as it is', () => {
    fc.assert(
      fc.property(data, (v) => {
        expect(overPort(toCloneable(v))).toEqual(v)
      }),
    )
  })

  it('makes functions, symbols, class instances and errors cloneable', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly f = () => 1,
      ) {}
    }
    const v = {
      f: () => 1,
      s: Symbol('s'),
      p: new Point(2),
      e: new LightClientError({ code: 'NO_PEER', message: 'm' }),
    }
    expect(() => structuredClone(v)).toThrow()
    expect(overPort(toCloneable(v))).toEqual({
      f: undefined,
      s: undefined,
      p: { x: 2, f: undefined },
      e: { name: 'LightClientError', message: 'NO_PEER: m', code: 'NO_PEER', details: {} },
    })
  })
})

describe('fanout', () => {
  it('starts a stream once per key, delivers to every listener, stops it after the last', () => {
    const f = createFanout<number>({ maxStreams: 2 })
    const emits: ((v: number) => void)[] = []
    let stopped = 0
    const start = (emit: (v: number) => void) => {
      emits.push(emit)
      return () => stopped++
    }
    const a: number[] = []
    const b: number[] = []
    const offA = f.add('k', start, (v) => a.push(v))
    const offB = f.add('k', start, (v) => b.push(v))
    expect(emits).toHaveLength(1)
    emits[0]!(7)
    expect([a, b]).toEqual([[7], [7]])
    offA()
    offA()
    expect(stopped).toBe(0)
    offB()
    expect([stopped, f.streams()]).toEqual([1, 0])
    f.add('x', start, () => {})
    f.add('y', start, () => {})
    expect(() => f.add('z', start, () => {})).toThrow(LightClientWorkerError)
    f.clear()
    expect([stopped, f.streams(), f.listeners()]).toEqual([3, 0, 0])
  })

  it('replays the last replayable value to a late listener, and not after it left', async () => {
    const f = createFanout<number>({ maxStreams: 4 })
    let emit: (v: number) => void = () => {}
    const start = (e: (v: number) => void) => {
      emit = e
      return () => {}
    }
    f.add(
      'k',
      start,
      () => {},
      (v) => v > 0,
    )
    emit(5)
    emit(-1)
    const late: number[] = []
    f.add('k', start, (v) => late.push(v))
    const gone: number[] = []
    f.add('k', start, (v) => gone.push(v))()
    await Promise.resolve()
    expect(late).toEqual([5])
    expect(gone).toEqual([])
  })

  it('does not keep a stream whose start throws', () => {
    const f = createFanout<number>({ maxStreams: 1 })
    expect(() =>
      f.add(
        'k',
        () => {
          throw new Error('no')
        },
        () => {},
      ),
    ).toThrow('no')
    expect(f.streams()).toBe(0)
  })
})

describe('protocol', () => {
  it('parses only well-formed page messages', () => {
    expect(parsePageMessage({ t: 'call', id: 1, method: 'getBalance', params: {} })).toBeDefined()
    for (const bad of [
      null,
      'ping',
      { t: 'call', id: -1, method: 'getBalance' },
      { t: 'call', id: 1.5, method: 'getBalance' },
      { t: 'call', id: 1, method: 'constructor' },
      { t: 'sub', id: 1, kind: 'event', event: 'evidence' },
      { t: 'sub', id: 1, kind: 'address', address: 5, fromHeight: 0 },
      { t: 'hello', v: 1 },
      { t: 'nope' },
    ])
      expect(parsePageMessage(bad)).toBeUndefined()
  })

  it('keys a lock by its type and policy hash, a string as it is', () => {
    expect(addressKey(ALICE.lock)).toBe(
      addressKey({ ...ALICE.lock, policyHash: ALICE.lock.policyHash.slice() }),
    )
    expect(addressKey('dnova1x')).toBe('dnova1x')
  })
})

describe('transports', () => {
  it('drops WebRTC-direct in a worker without RTCPeerConnection, keeps it in a page and in Node', () => {
    const worker = { WorkerGlobalScope: class {} }
    expect(canDialWebRtc(worker)).toBe(false)
    expect(dialableTransports(undefined, worker)).toEqual(['websockets'])
    expect(canDialWebRtc({ RTCPeerConnection: class {} })).toBe(true)
    expect(dialableTransports(undefined, {})).toEqual(['websockets', 'webrtc-direct'])
    expect(() => dialableTransports(['webrtc-direct'], worker)).toThrow(LightClientWorkerError)
  })
})
