import { checkProofOfWork } from '../pow/pow.js'
import { encodeHeader, HEADER_LAYOUT, type Header } from './header.js'

export type MineHeaderParameters = {
  header: Header
  /** First nonce to try. */
  startNonce?: bigint
  /** Give up after this many attempts (bounded work by construction). */
  maxAttempts: number
}

/**
 * Grinds the nonce in place on the encoded header until the proof of work holds.
 * Returns the solved header and its hash, or undefined after `maxAttempts` or when the nonce
 * space (2^64) is exhausted — then the caller changes the timestamp or coinbase and starts over.
 */
export function mineHeader({
  header,
  startNonce = 0n,
  maxAttempts,
}: MineHeaderParameters): { header: Header; hash: Uint8Array } | undefined {
  const bytes = encodeHeader(header)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let nonce = startNonce
  const MAX_NONCE = 0xffff_ffff_ffff_ffffn
  for (let i = 0; i < maxAttempts && nonce <= MAX_NONCE; i++, nonce++) {
    view.setBigUint64(HEADER_LAYOUT.nonce, nonce, true)
    const r = checkProofOfWork(bytes)
    if (r.valid) return { header: { ...header, nonce }, hash: r.hash }
  }
  return undefined
}
