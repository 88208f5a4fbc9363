import type { Network } from '@supernova/protocol'
import { classifySearch, type SearchClassification } from './search'

/** A block named in a URL: by height or by hash (lowercase hex), or why it names none. */
export type BlockId =
  | { kind: 'height'; height: number }
  | { kind: 'hash'; hash: string }
  | { kind: 'invalid'; reason: string }

/** A route segment as typed: percent-decoding that fails leaves it as it came. */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** Header heights are u32 on the wire (SPEC §2): nothing higher can exist. */
const MAX_HEIGHT = 0xffff_ffff

/** Parses the `[id]` of `/block/[id]`: a height (`42`, `#42`, `1,234`) or a 64-hex block hash. */
export function parseBlockId(raw: string): BlockId {
  const result = classifySearch(decodeSegment(raw))
  switch (result.kind) {
    case 'height':
      return result.height > MAX_HEIGHT
        ? {
            kind: 'invalid',
            reason: `Block heights stop at ${MAX_HEIGHT.toLocaleString('en-US')}.`,
          }
        : result
    case 'hash':
      return { kind: 'hash', hash: result.hex }
    case 'address':
      return { kind: 'invalid', reason: 'That is an address, not a block height or block hash.' }
    case 'invalid':
      return result
  }
}

/** Parses the `[txid]` of `/tx/[txid]`: 64 hex digits, lowercased. */
export function parseTxid(
  raw: string,
): { kind: 'txid'; txid: string } | { kind: 'invalid'; reason: string } {
  const result = classifySearch(decodeSegment(raw))
  if (result.kind === 'hash') return { kind: 'txid', txid: result.hex }
  if (result.kind === 'invalid') return result
  return {
    kind: 'invalid',
    reason: `That is ${result.kind === 'height' ? 'a block height' : 'an address'}, not a transaction id (64 hexadecimal digits).`,
  }
}

/** Parses the `[address]` of `/address/[address]` for a site serving `network`. */
export function parseAddressParam(
  raw: string,
  network: Network,
): { kind: 'address'; address: string } | { kind: 'invalid'; reason: string } {
  const result = classifySearch(decodeSegment(raw))
  if (result.kind === 'invalid') return result
  if (result.kind !== 'address')
    return {
      kind: 'invalid',
      reason: 'That is not an address: addresses start with nova1, tnova1 or dnova1.',
    }
  if (result.network !== network)
    return {
      kind: 'invalid',
      reason: `That is a ${result.network} address; this explorer shows the ${network} chain.`,
    }
  return { kind: 'address', address: result.address }
}

/** Explorer paths, without the `/explorer` basePath (next/link and the router add it). */
export const paths = {
  home: '/',
  block: (id: number | string) => `/block/${id}`,
  tx: (txid: string) => `/tx/${txid}`,
  address: (address: string) => `/address/${address}`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
  network: '/network',
  mempool: '/mempool',
} as const

/** Where a search goes: straight to a page, or a hash that must be looked up (block, then tx). */
export type SearchTarget =
  | { kind: 'page'; href: string }
  | { kind: 'hash'; hex: string }
  | { kind: 'invalid'; reason: string }

/** The page a classified search leads to; a 64-hex hash first needs a lookup. */
export function searchTarget(result: SearchClassification): SearchTarget {
  switch (result.kind) {
    case 'height':
      return { kind: 'page', href: paths.block(result.height) }
    case 'address':
      return { kind: 'page', href: paths.address(result.address) }
    case 'hash':
      return { kind: 'hash', hex: result.hex }
    case 'invalid':
      return result
  }
}
