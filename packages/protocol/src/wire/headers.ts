import { decodeHeader, encodeHeader, HEADER_BYTES, type Header } from '../block/header.js'
import { Writer } from '../codec/writer.js'
import { assertCount, cappedReader, invalidValue } from './codec.js'
import { MAX_HEADERS_PER_REQUEST, PROTOCOL_LIMITS } from './limits.js'

/** `headers` request: up to `count` main-chain headers from `fromHeight`. */
export type HeadersRequest = { fromHeight: number; count: number }

/**
 * `u32 fromHeight ‖ u16 count` with count in 1..2000.
 * @throws {RangeError} count outside 1..2000.
 */
export function encodeHeadersRequest(q: HeadersRequest): Uint8Array {
  assertCount(q.count, MAX_HEADERS_PER_REQUEST, 'headers count')
  return new Writer(6).u32(q.fromHeight).u16(q.count).finish()
}

/** @throws {DecodeError} */
export function decodeHeadersRequest(bytes: Uint8Array): HeadersRequest {
  const r = cappedReader(bytes, PROTOCOL_LIMITS.headers.maxRequestBytes, 'headers request')
  const q = { fromHeight: r.u32('fromHeight'), count: r.u16('count') }
  r.finish()
  if (q.count < 1 || q.count > MAX_HEADERS_PER_REQUEST)
    throw invalidValue(`headers request: count ${q.count} outside 1..${MAX_HEADERS_PER_REQUEST}`)
  return q
}

/** `varint n ‖ n × header (220 bytes each)`: consecutive main-chain headers from fromHeight. */
export function encodeHeadersResponse(headers: readonly Header[]): Uint8Array {
  const w = new Writer(4 + headers.length * HEADER_BYTES).varint(headers.length)
  for (const h of headers) w.raw(encodeHeader(h))
  return w.finish()
}

/**
 * Decodes the headers of a response; the count is checked against the bytes left before anything
 * is allocated. Heights and linkage are NOT checked here (the caller's job).
 * @throws {DecodeError}
 */
export function decodeHeadersResponse(bytes: Uint8Array): Header[] {
  const r = cappedReader(bytes, PROTOCOL_LIMITS.headers.maxResponseBytes - 1, 'headers response')
  const n = r.count(MAX_HEADERS_PER_REQUEST, HEADER_BYTES, 'headers')
  const headers: Header[] = []
  for (let i = 0; i < n; i++) headers.push(decodeHeader(r.fixed(HEADER_BYTES, 'header')))
  r.finish()
  return headers
}
