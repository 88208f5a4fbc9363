import { describe, expect, it } from 'vitest'
import { MAX_BOOTSTRAP_PEERS, parseBootstrap } from '../../src/network/bootstrap.js'

const A = '12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf'
const B = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'
const CERT = 'uEiAkH5a4DPGKUuOBjYw0CgwjvcD8Z9ZNnZnv7wDFhI5OHg'

const wsA = `/ip4/127.0.0.1/tcp/7702/ws/p2p/${A}`
const rtcA = `/ip4/127.0.0.1/udp/7703/webrtc-direct/certhash/${CERT}/p2p/${A}`
const tcpA = `/ip4/127.0.0.1/tcp/7701/p2p/${A}`
const wssB = `/dns4/node.example/tcp/443/wss/p2p/${B}`

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
function base58(bytes: Uint8Array): string {
  let n = bytes.reduce((v, b) => v * 256n + BigInt(b), 0n)
  let out = ''
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out
    n /= 58n
  }
  for (const b of bytes) {
    if (b !== 0) break
    out = `1${out}`
  }
  return out
}

/** An Ed25519 peer id (identity multihash of the protobuf public key) for key byte `i`. */
const peerId = (i: number) =>
  base58(Uint8Array.of(0x00, 0x24, 0x08, 0x01, 0x12, 0x20, ...new Uint8Array(32).fill(i)))

describe('parseBootstrap', () => {
  it('groups addresses by node, keeps browser transports in preference order', () => {
    const peers = parseBootstrap([rtcA, tcpA, wssB, wsA, wsA], ['websockets', 'webrtc-direct'])
    expect(peers.map((p) => p.id)).toEqual([A, B])
    expect(peers[0]?.addresses.map((a) => [a.transport, a.multiaddr.toString()])).toEqual([
      ['websockets', wsA],
      ['webrtc-direct', rtcA],
    ])
    expect(peers[1]?.addresses.map((a) => a.transport)).toEqual(['websockets'])
  })

  it('honours a transport choice and order', () => {
    const rtcFirst = parseBootstrap([wsA, rtcA], ['webrtc-direct', 'websockets'])
    expect(rtcFirst[0]?.addresses.map((a) => a.transport)).toEqual(['webrtc-direct', 'websockets'])
    expect(parseBootstrap([wsA, tcpA, wssB], ['webrtc-direct'])).toEqual([])
  })

  it('refuses what does not parse, lacks /p2p/, or names too many nodes', () => {
    const both = ['websockets', 'webrtc-direct'] as const
    expect(() => parseBootstrap(['hello'], both)).toThrow(TypeError)
    expect(() => parseBootstrap(['/ip4/127.0.0.1/tcp/7702/ws'], both)).toThrow(/p2p/)
    expect(peerId(7).startsWith('12D3KooW')).toBe(true)
    const nodes = (n: number) =>
      Array.from({ length: n }, (_, i) => `/ip4/127.0.0.1/tcp/${1000 + i}/ws/p2p/${peerId(i)}`)
    expect(parseBootstrap(nodes(MAX_BOOTSTRAP_PEERS), both)).toHaveLength(MAX_BOOTSTRAP_PEERS)
    expect(() => parseBootstrap(nodes(MAX_BOOTSTRAP_PEERS + 1), both)).toThrow(RangeError)
    expect(parseBootstrap([], both)).toEqual([])
  })
})
