import { ADDRESS_PREFIXES, NETWORKS, type Network } from '../params/network.js'
import { lockTypeFromCode } from '../policy/lock.js'
import type { Lock } from '../policy/types.js'
import { parseBech32m, wordsToBytes } from './bech32m.js'
import { ADDRESS_PAYLOAD_LENGTH, ADDRESS_VERSION } from './encodeAddress.js'
import { AddressError, type AddressErrorCode } from './errors.js'

export type DecodeAddressParameters = {
  address: string
  /** When given, an address of any other network is rejected with `WRONG_NETWORK`. */
  network?: Network
}
export type DecodeAddressReturnType = { network: Network; lock: Lock }
export type DecodeAddressErrorType = AddressError | TypeError

const NETWORK_BY_PREFIX: ReadonlyMap<string, Network> = new Map(
  NETWORKS.map((n) => [ADDRESS_PREFIXES[n], n]),
)

function fail(
  code: AddressErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): never {
  throw new AddressError({ code, message, details })
}

/**
 * Parse an address made by `encodeAddress`. All-uppercase input (as in QR codes) is accepted and
 * gives the same lock.
 * @throws {AddressError} the bech32m layer's codes (`TOO_LONG`, `INVALID_CHARACTER`, `MIXED_CASE`,
 * `MISSING_SEPARATOR`, `EMPTY_PREFIX`, `INVALID_LENGTH`, `INVALID_CHECKSUM`), then
 * `UNKNOWN_PREFIX`, `WRONG_NETWORK`, `INVALID_LENGTH`, `INVALID_PADDING`, `UNKNOWN_VERSION`,
 * `UNKNOWN_LOCK_TYPE`.
 * @throws {TypeError} when `address` is not a string or `network` is unknown.
 * @example
 * const { network, lock } = decodeAddress({ address: 'nova1qq…', network: 'mainnet' })
 */
export function decodeAddress({
  address,
  network,
}: DecodeAddressParameters): DecodeAddressReturnType {
  if (network !== undefined && !NETWORKS.includes(network)) {
    throw new TypeError(`decodeAddress: unknown network ${String(network)}`)
  }
  const { prefix, words } = parseBech32m(address)
  const found = NETWORK_BY_PREFIX.get(prefix)
  if (found === undefined)
    fail('UNKNOWN_PREFIX', `prefix '${prefix}' is not a SuperNova network`, { prefix })
  if (network !== undefined && found !== network) {
    fail('WRONG_NETWORK', `a ${found} address where ${network} is expected`, {
      found,
      expected: network,
    })
  }
  const payload = wordsToBytes(words)
  if (payload.length === 0) fail('INVALID_LENGTH', 'empty payload')
  if (payload[0] !== ADDRESS_VERSION)
    fail('UNKNOWN_VERSION', `version ${payload[0]}`, { version: payload[0] })
  if (payload.length !== ADDRESS_PAYLOAD_LENGTH) {
    fail(
      'INVALID_LENGTH',
      `payload of ${payload.length} bytes, expected ${ADDRESS_PAYLOAD_LENGTH}`,
      {
        length: payload.length,
      },
    )
  }
  const type = lockTypeFromCode(payload[1]!)
  if (type === undefined) fail('UNKNOWN_LOCK_TYPE', `lock code ${payload[1]}`, { code: payload[1] })
  return { network: found, lock: { type, policyHash: payload.slice(2) } }
}

/** True when `address` decodes (on `network`, if given). */
export function isAddress(address: string, network?: Network): boolean {
  if (typeof address !== 'string') return false
  try {
    decodeAddress(network === undefined ? { address } : { address, network })
    return true
  } catch (e) {
    if (e instanceof AddressError) return false
    throw e
  }
}
