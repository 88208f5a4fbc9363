import { DecodeError } from '../../src/errors.js'
import { PolicyError } from '../../src/policy/errors.js'
import type { KeyRef, Policy } from '../../src/policy/types.js'

/** Fixed keys and helpers shared by the policy tests. */
export const key = (scheme: KeyRef['scheme'], fill: number): KeyRef => ({
  scheme,
  publicKey: new Uint8Array(scheme === 'mldsa65' ? 1952 : 32).fill(fill),
})
export const K1 = key('ed25519', 1)
export const K2 = key('secp256k1', 2)
export const K3 = key('ed25519', 3)
export const H = new Uint8Array(32).fill(0xaa)
export const after = (locktime: number): Policy => ({ type: 'after', locktime })

export function decodeError(f: () => unknown): DecodeError {
  try {
    f()
  } catch (e) {
    if (e instanceof DecodeError) return e
    throw e
  }
  throw new Error('expected a DecodeError')
}

export function policyError(f: () => unknown): PolicyError {
  try {
    f()
  } catch (e) {
    if (e instanceof PolicyError) return e
    throw e
  }
  throw new Error('expected a PolicyError')
}
