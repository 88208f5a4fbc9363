import { hash } from '../hash/blake3.js'

/** The header's `filterHash`: `hash('filter', filter)` over the encoded filter. */
export function hashBlockFilter(filter: Uint8Array): Uint8Array {
  if (!(filter instanceof Uint8Array)) throw new TypeError('hashBlockFilter: expected a Uint8Array')
  return hash('filter', filter)
}
