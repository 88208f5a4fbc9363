/**
 * Scales a non-negative quantity into the largest unit that keeps it ≥ 1 and prints it with
 * three significant digits, trailing zeros trimmed: `1234` with base 1000 → `1.23 k…`.
 */
export function formatScaled(value: number, base: number, units: readonly string[]): string {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`expected a finite non-negative number, got ${value}`)
  }
  let index = 0
  let scaled = value
  while (scaled >= base && index < units.length - 1) {
    scaled /= base
    index++
  }
  let digits = trimZeros(scaled.toPrecision(3))
  // Rounding can carry into the next unit (999.6 → "1.00e+3"): step up once more.
  if (Number(digits) >= base && index < units.length - 1) {
    index++
    digits = trimZeros((scaled / base).toPrecision(3))
  }
  return `${digits} ${units[index]}`
}

function trimZeros(text: string): string {
  if (text.includes('e')) return String(Number(text))
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}
