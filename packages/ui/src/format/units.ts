import { formatScaled } from './scale'

const HASHRATE_UNITS = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s', 'PH/s', 'EH/s'] as const
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const

/**
 * Formats hashes per second with SI prefixes, three significant digits.
 *
 * @throws {RangeError} on negative, NaN or infinite input.
 * @example formatHashrate(1_234_000) // '1.23 MH/s'
 */
export function formatHashrate(hashesPerSecond: number): string {
  return formatScaled(hashesPerSecond, 1000, HASHRATE_UNITS)
}

/**
 * Formats a byte count with binary (IEC) units, three significant digits.
 *
 * @throws {RangeError} on negative, NaN or infinite input.
 * @example formatBytes(2 * 1024 * 1024) // '2 MiB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 && Number.isFinite(bytes) && bytes >= 0) return `${Math.round(bytes)} B`
  return formatScaled(bytes, 1024, BYTE_UNITS)
}
