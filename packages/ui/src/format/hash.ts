/**
 * Shortens a long hex string for display: the first `head` and last `tail` characters around an
 * ellipsis. Strings that would not get shorter are returned unchanged.
 *
 * @throws {RangeError} if `head` or `tail` is not a non-negative integer.
 * @example shortHash('00ab…(64 hex)…ff') // '00ab12cd…9e8f77ff'
 */
export function shortHash(hex: string, head = 8, tail = 8): string {
  for (const n of [head, tail]) {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`head/tail must be integers ≥ 0, got ${n}`)
  }
  // The ellipsis takes one character, so shortening only pays off past head + tail + 1.
  if (hex.length <= head + tail + 1) return hex
  return `${hex.slice(0, head)}…${tail === 0 ? '' : hex.slice(-tail)}`
}
