import { bech32m } from '@scure/base'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeAddress, isAddress } from '../../src/address/decodeAddress.js'
import { encodeAddress } from '../../src/address/encodeAddress.js'
import { AddressError } from '../../src/address/errors.js'
import { ADDRESS_PREFIXES, NETWORKS, type Network } from '../../src/params/network.js'
import { lockForPolicy } from '../../src/policy/codec.js'
import { LOCK_CODES, LOCK_TYPES, type Lock } from '../../src/policy/types.js'

function addressError(f: () => unknown): AddressError {
  try {
    f()
  } catch (e) {
    if (e instanceof AddressError) return e
    throw e
  }
  throw new Error('expected an AddressError')
}

const HASH = Uint8Array.from({ length: 32 }, (_, i) => i)
const LOCK: Lock = { type: 'ed25519', policyHash: HASH }
/** A syntactically valid bech32m string with an arbitrary payload. */
const raw = (prefix: string, payload: Uint8Array) =>
  bech32m.encode(prefix, bech32m.toWords(payload))
const payload = (version: number, code: number, hashLength = 32) =>
  Uint8Array.of(version, code, ...new Uint8Array(hashLength))

describe('encodeAddress / decodeAddress', () => {
  it('round-trips every network and lock type (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NETWORKS),
        fc.constantFrom(...LOCK_TYPES),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (network, type, policyHash) => {
          const address = encodeAddress({ network, lock: { type, policyHash } })
          expect(address).toBe(address.toLowerCase())
          expect(address.startsWith(`${ADDRESS_PREFIXES[network]}1`)).toBe(true)
          expect(address.length).toBe(network === 'mainnet' ? 66 : 67)
          expect(decodeAddress({ address })).toEqual({ network, lock: { type, policyHash } })
          expect(decodeAddress({ address, network })).toEqual({
            network,
            lock: { type, policyHash },
          })
          // All-uppercase (QR alphanumeric mode) decodes to the same lock.
          expect(decodeAddress({ address: address.toUpperCase() })).toEqual({
            network,
            lock: { type, policyHash },
          })
          expect(isAddress(address, network)).toBe(true)
        },
      ),
    )
  })

  it('commits to version 0, the lock code and the policy hash', () => {
    for (const type of LOCK_TYPES) {
      const address = encodeAddress({ network: 'testnet', lock: { type, policyHash: HASH } })
      const { prefix, bytes } = bech32m.decodeToBytes(address)
      expect(prefix).toBe('tnova')
      expect(bytes).toEqual(Uint8Array.of(0, LOCK_CODES[type], ...HASH))
    }
  })

  it('pins a golden address', () => {
    expect(encodeAddress({ network: 'mainnet', lock: LOCK })).toBe(
      'nova1qqqqqqgzqvzq2ps8pqys5zcvp58q7yq3zgf3g9gkzuvpjxsmrsw3u8cmu5vxh',
    )
  })

  it('works with locks made from policies', () => {
    const lock = lockForPolicy({ type: 'after', locktime: 5 })
    expect(decodeAddress({ address: encodeAddress({ network: 'devnet', lock }) }).lock).toEqual(
      lock,
    )
  })

  it('rejects bad encode inputs at the boundary', () => {
    expect(() => encodeAddress({ network: 'moon' as Network, lock: LOCK })).toThrow(TypeError)
    expect(() =>
      encodeAddress({
        network: 'mainnet',
        lock: { type: 'rsa' as Lock['type'], policyHash: HASH },
      }),
    ).toThrow(TypeError)
    expect(() =>
      encodeAddress({
        network: 'mainnet',
        lock: { type: 'policy', policyHash: new Uint8Array(31) },
      }),
    ).toThrow(RangeError)
  })
})

describe('decodeAddress errors', () => {
  const good = encodeAddress({ network: 'mainnet', lock: LOCK })
  const cases: [string, string, Network?][] = [
    ['TOO_LONG', `nova1${'q'.repeat(86)}`],
    ['INVALID_CHARACTER', ` ${good}`],
    ['INVALID_CHARACTER', `${good.slice(0, 10)}b${good.slice(11)}`],
    ['INVALID_CHARACTER', `${good.slice(0, 10)}é${good.slice(11)}`],
    ['MIXED_CASE', `N${good.slice(1)}`],
    ['MISSING_SEPARATOR', good.replace('1', '')],
    ['EMPTY_PREFIX', good.slice(4)],
    ['INVALID_CHECKSUM', `${good.slice(0, -1)}${good.endsWith('q') ? 'p' : 'q'}`],
    ['INVALID_CHECKSUM', good.replace('nova', 'dnova')],
    ['UNKNOWN_PREFIX', raw('bc', payload(0, 0))],
    ['UNKNOWN_PREFIX', raw('nova1', payload(0, 0))],
    ['WRONG_NETWORK', good, 'testnet'],
    ['WRONG_NETWORK', raw('dnova', payload(0, 0)), 'mainnet'],
    ['INVALID_LENGTH', 'nova1qqqqq'],
    ['INVALID_LENGTH', raw('nova', new Uint8Array(0))],
    ['INVALID_LENGTH', raw('nova', payload(0, 0, 31))],
    ['INVALID_LENGTH', raw('nova', payload(0, 0, 33))],
    // 54 words = 270 bits: 6 bits of padding is more than a byte boundary allows.
    ['INVALID_LENGTH', bech32m.encode('nova', bech32m.toWords(payload(0, 0)).slice(0, 54))],
    [
      'INVALID_PADDING',
      bech32m.encode('nova', [...bech32m.toWords(payload(0, 0)).slice(0, 54), 1]),
    ],
    ['UNKNOWN_VERSION', raw('nova', payload(1, 0))],
    ['UNKNOWN_VERSION', raw('nova', payload(0xff, 0, 5))],
    ['UNKNOWN_LOCK_TYPE', raw('nova', payload(0, 4))],
    ['UNKNOWN_LOCK_TYPE', raw('tnova', payload(0, 0xff))],
  ]
  it.each(cases)('%s: %s', (code, address, network) => {
    const params = network === undefined ? { address } : { address, network }
    expect(addressError(() => decodeAddress(params)).code).toBe(code)
    expect(isAddress(address, network)).toBe(false)
  })

  it('the zero-padding case differs from the good address only in the padding bits', () => {
    const words = bech32m.toWords(payload(0, 0))
    expect(words).toHaveLength(55)
    expect(words[54]! & 0b111).toBe(0)
    expect(decodeAddress({ address: bech32m.encode('nova', words) }).lock.type).toBe('ed25519')
  })

  it('every single-character substitution of an address is rejected', () => {
    const charset = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l1'
    let rejected = 0
    for (let i = 0; i < good.length; i++) {
      for (const c of charset) {
        if (c === good[i]) continue
        expect(isAddress(good.slice(0, i) + c + good.slice(i + 1))).toBe(false)
        rejected++
      }
    }
    // 32 or 33 alternatives per position ('o' in the prefix is not in the alphabet).
    expect(rejected).toBeGreaterThanOrEqual(good.length * 32)
  })

  it('rejects a bech32 (not bech32m) encoding of a valid payload', async () => {
    const { bech32 } = await import('@scure/base')
    const e = addressError(() =>
      decodeAddress({ address: bech32.encode('nova', bech32.toWords(payload(0, 0))) }),
    )
    expect(e.code).toBe('INVALID_CHECKSUM')
    expect(e.details.bech32).toBe(true)
  })

  it('isAddress is false for non-strings; decodeAddress refuses unknown networks', () => {
    expect(isAddress(undefined as unknown as string)).toBe(false)
    expect(() => decodeAddress({ address: good, network: 'moon' as Network })).toThrow(TypeError)
  })
})
