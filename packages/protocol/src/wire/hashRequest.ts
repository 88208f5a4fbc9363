import { type Block, decodeBlock } from '../block/block.js'
import { Writer } from '../codec/writer.js'
import { cappedReader } from './codec.js'
import { PROTOCOL_LIMITS } from './limits.js'

/** `hash[32]`: the request of `block` (block hash), `filter` (block hash) and `tx-proof` (txid). */
export function encodeHashRequest(hash: Uint8Array): Uint8Array {
  return new Writer(32).fixed(hash, 32).finish()
}

/** @throws {DecodeError} anything but exactly 32 bytes. */
export function decodeHashRequest(bytes: Uint8Array): Uint8Array {
  const r = cappedReader(bytes, 32, 'hash request')
  const hash = r.fixed(32, 'hash')
  r.finish()
  return hash
}

/**
 * The `block` response body: one encoded block (protocol §6.2), strictly decoded. Whether it is
 * the block that was asked for is the caller's to check (its header's hash).
 * @throws {DecodeError}
 */
export function decodeBlockResponse(bytes: Uint8Array): Block {
  cappedReader(bytes, PROTOCOL_LIMITS.block.maxResponseBytes - 1, 'block response')
  return decodeBlock(bytes)
}

/**
 * The `filter` response body: the block's filter bytes, size-checked and copied. Its content is
 * checked against the header's `filterHash` by the caller.
 * @throws {DecodeError} over the filter cap.
 */
export function decodeFilterResponse(bytes: Uint8Array): Uint8Array {
  cappedReader(bytes, PROTOCOL_LIMITS.filter.maxResponseBytes - 1, 'filter response')
  return bytes.slice()
}
