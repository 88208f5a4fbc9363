import {
  AddressError,
  decodeAddress,
  fromHex,
  LOCK_TYPES,
  type Lock,
  type Network,
} from '@supernova/protocol'
import { LightClientError } from '../verify/errors.js'

/** An address as the SDK takes it: a bech32m string of the client's network, or a lock. */
export type AddressLike = string | Lock

/** A 32-byte hash as the SDK takes it: bytes, or 64 hex characters. */
export type HashLike = Uint8Array | string

/**
 * The lock an address stands for.
 * @throws {LightClientError} INVALID_ADDRESS (with the AddressError as cause).
 * @throws {TypeError} a lock that is not `{ type, policyHash: 32 bytes }`.
 */
export function resolveLock(address: AddressLike, network: Network): Lock {
  if (typeof address === 'string') {
    try {
      return decodeAddress({ address, network }).lock
    } catch (e) {
      if (!(e instanceof AddressError)) throw e
      throw new LightClientError({
        code: 'INVALID_ADDRESS',
        message: `${address} is not a ${network} address (${e.code})`,
        cause: e,
      })
    }
  }
  if (
    typeof address !== 'object' ||
    address === null ||
    !LOCK_TYPES.includes(address.type) ||
    !(address.policyHash instanceof Uint8Array) ||
    address.policyHash.length !== 32
  )
    throw new TypeError('address must be a bech32m string or a lock { type, policyHash }')
  return address
}

/**
 * @throws {TypeError} not 32 bytes or 64 hex characters.
 */
export function resolveHash(hash: HashLike, what: string): Uint8Array {
  if (typeof hash === 'string') {
    if (!/^[0-9a-fA-F]{64}$/.test(hash)) throw new TypeError(`${what} must be 64 hex characters`)
    return fromHex(hash.toLowerCase())
  }
  if (!(hash instanceof Uint8Array) || hash.length !== 32)
    throw new TypeError(`${what} must be a 32-byte Uint8Array or 64 hex characters`)
  return hash
}
