/**
 * Helpers shared by the signature schemes: input validation at the boundary and a bounded
 * concurrent "all of these" runner for batch verification.
 */

import { SignatureError } from './errors.js'
import type { SchemeId, VerifyItem } from './types.js'

export type SchemeItem = Omit<VerifyItem, 'scheme'>

export function isBytes(x: unknown): x is Uint8Array {
  return x instanceof Uint8Array
}

/**
 * True when `item` has byte-array fields of the scheme's exact key and signature lengths. Anything
 * else (wrong type, wrong length, missing field) can never verify.
 */
export function hasShape(item: unknown, publicKeyLength: number, signatureLength: number): boolean {
  if (typeof item !== 'object' || item === null) return false
  const { publicKey, message, signature } = item as Partial<SchemeItem>
  return (
    isBytes(publicKey) &&
    isBytes(message) &&
    isBytes(signature) &&
    publicKey.length === publicKeyLength &&
    signature.length === signatureLength
  )
}

/** @throws {SignatureError} `INVALID_SECRET_KEY` unless `key` is a `Uint8Array` of `length`. */
export function assertSecretKey(scheme: SchemeId, key: unknown, length: number): Uint8Array {
  if (!isBytes(key) || key.length !== length) {
    throw new SignatureError({
      code: 'INVALID_SECRET_KEY',
      message: `${scheme} secret key must be ${length} bytes`,
      details: { scheme, length: isBytes(key) ? key.length : null },
    })
  }
  return key
}

/** @throws {SignatureError} `INVALID_MESSAGE` unless `message` is a `Uint8Array`. */
export function assertMessage(scheme: SchemeId, message: unknown): Uint8Array {
  if (!isBytes(message)) {
    throw new SignatureError({
      code: 'INVALID_MESSAGE',
      message: `${scheme} message must be a Uint8Array`,
      details: { scheme },
    })
  }
  return message
}

/** @throws {SignatureError} `INVALID_OPTION` unless `value` is an integer in `[min, max]`. */
export function assertIntOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new SignatureError({
      code: 'INVALID_OPTION',
      message: `${name} must be an integer in [${min}, ${max}]`,
      details: { name, value },
    })
  }
  return value
}

/**
 * Run `check` over `items` with at most `concurrency` calls in flight; resolves true iff every
 * call resolved true. Stops starting new checks after the first false. A check that throws
 * counts as false (verification never throws). An empty list is vacuously true.
 */
export async function allVerify<T>(
  items: readonly T[],
  check: (item: T) => boolean | Promise<boolean>,
  concurrency: number,
): Promise<boolean> {
  let next = 0
  let ok = true
  const worker = async (): Promise<void> => {
    while (ok && next < items.length) {
      const item = items[next++] as T
      let valid: boolean
      try {
        valid = await check(item)
      } catch {
        valid = false
      }
      if (!valid) ok = false
    }
  }
  const workers: Promise<void>[] = []
  for (let i = 0; i < Math.min(concurrency, items.length); i++) workers.push(worker())
  await Promise.all(workers)
  return ok
}
