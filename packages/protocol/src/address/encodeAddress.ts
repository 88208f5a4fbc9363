import { bech32m } from '@scure/base'
import { ADDRESS_PREFIXES, type Network } from '../params/network.js'
import { LOCK_CODES, type Lock } from '../policy/types.js'

/** The payload format version inside every address. */
export const ADDRESS_VERSION = 0
/** version u8 + lock code u8 + 32-byte policy hash. */
export const ADDRESS_PAYLOAD_LENGTH = 34

export type EncodeAddressParameters = { network: Network; lock: Lock }
export type EncodeAddressReturnType = string
export type EncodeAddressErrorType = TypeError | RangeError

/**
 * The bech32m address (BIP350) of `lock` on `network`: prefix `nova`/`tnova`/`dnova`, then the
 * payload (version 0, lock code, policy hash) as 55 data characters and a 6-character checksum,
 * lowercase: 66 characters on mainnet, 67 on testnet and devnet.
 * @throws {TypeError} for an unknown network or lock type.
 * @throws {RangeError} when the policy hash is not 32 bytes.
 * @example
 * encodeAddress({ network: 'mainnet', lock: lockForPolicy(policy) }) // 'nova1qq…'
 */
export function encodeAddress({ network, lock }: EncodeAddressParameters): EncodeAddressReturnType {
  const prefix = Object.hasOwn(ADDRESS_PREFIXES, network) ? ADDRESS_PREFIXES[network] : undefined
  if (prefix === undefined) throw new TypeError(`encodeAddress: unknown network ${String(network)}`)
  const code = Object.hasOwn(LOCK_CODES, lock.type) ? LOCK_CODES[lock.type] : undefined
  if (code === undefined)
    throw new TypeError(`encodeAddress: unknown lock type ${String(lock.type)}`)
  if (!(lock.policyHash instanceof Uint8Array) || lock.policyHash.length !== 32) {
    throw new RangeError('encodeAddress: policyHash must be 32 bytes')
  }
  const payload = new Uint8Array(ADDRESS_PAYLOAD_LENGTH)
  payload[0] = ADDRESS_VERSION
  payload[1] = code
  payload.set(lock.policyHash, 2)
  return bech32m.encode(prefix, bech32m.toWords(payload))
}
