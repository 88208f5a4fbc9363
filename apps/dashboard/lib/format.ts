/**
 * Display formats of the dashboard's quantities, three significant digits with the unit scaled
 * to fit — a devnet draws nanowatts, a mainnet may draw megawatts, and both must read plainly.
 */

type Scale = readonly { factor: number; unit: string }[]

const si = (base: string, from: number, to: number): Scale => {
  const prefixes: Record<number, string> = {
    [-12]: 'p',
    [-9]: 'n',
    [-6]: 'µ',
    [-3]: 'm',
    0: '',
    3: 'k',
    6: 'M',
    9: 'G',
    12: 'T',
    15: 'P',
    18: 'E',
  }
  const out: { factor: number; unit: string }[] = []
  for (let e = from; e <= to; e += 3) out.push({ factor: 10 ** e, unit: `${prefixes[e]}${base}` })
  return out
}

const WATTS = si('W', -12, 12)
const WATT_HOURS = si('Wh', -12, 15)
const HASHRATE = si('H/s', 0, 18)
// Mass of CO2-equivalent, from grams: t = 10^6 g, kt = 10^9 g, Mt = 10^12 g.
const GRAMS: Scale = [
  ...si('g', -12, 3),
  { factor: 1e6, unit: 't' },
  { factor: 1e9, unit: 'kt' },
  { factor: 1e12, unit: 'Mt' },
]

const trim = (text: string) => (text.includes('.') ? text.replace(/\.?0+$/, '') : text)

/**
 * `value` in the largest unit of `scale` that keeps it ≥ 1 (the smallest unit below that),
 * three significant digits: `formatScale(0.00042, WATTS)` → `420 µW`.
 * @throws {RangeError} on a negative, NaN or infinite value.
 */
function formatScale(value: number, scale: Scale): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`cannot format ${value}`)
  if (value === 0) return `0 ${scale.find((s) => s.factor === 1)?.unit ?? scale[0]!.unit}`
  let pick = scale[0]!
  for (const s of scale) if (value >= s.factor * 0.9995) pick = s
  return `${trim((value / pick.factor).toPrecision(3))} ${pick.unit}`
}

/** Watts, scaled: `formatPower(1.2e-7)` → `120 nW`. */
export const formatPower = (watts: number): string => formatScale(watts, WATTS)

/** Energy given in kWh, scaled in Wh: `formatEnergy(0.0012)` → `1.2 Wh`. */
export const formatEnergy = (kWh: number): string => formatScale(kWh * 1000, WATT_HOURS)

/** Hashes per second, scaled: `formatHashes(2.5e9)` → `2.5 GH/s`. */
export const formatHashes = (perSecond: number): string => {
  if (perSecond > 0 && perSecond < 1) return `${trim(perSecond.toPrecision(3))} H/s`
  return formatScale(perSecond, HASHRATE)
}

/** CO2e given in tonnes, scaled from grams: `formatEmissions(0.0005)` → `500 gCO2e`. */
export const formatEmissions = (tonnes: number): string => `${formatScale(tonnes * 1e6, GRAMS)}CO2e`

/**
 * A small or large number in plain text, three significant digits: decimals between 0.001 and
 * 10^6, scientific (× 10ⁿ) outside.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${value}`)
  const abs = Math.abs(value)
  if (value === 0) return '0'
  if (abs >= 1e-3 && abs < 1e6)
    return abs >= 1000 ? Math.round(value).toLocaleString('en-US') : trim(value.toPrecision(3))
  const [mantissa, exponent] = value.toExponential(2).split('e')
  const sup = String(Number(exponent)).replace(
    /[-\d]/g,
    (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]!,
  )
  return `${trim(mantissa!)} × 10${sup}`
}

/** US dollars: cents from 0.01 up, scientific below. `formatUsd(1234.5)` → `$1,235`. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd) || usd < 0) throw new RangeError(`cannot format ${usd}`)
  if (usd === 0) return '$0'
  if (usd >= 1000) return `$${Math.round(usd).toLocaleString('en-US')}`
  if (usd >= 0.01) return `$${usd.toFixed(2)}`
  return `$${formatNumber(usd)}`
}

/** A 0..1 fraction as a percentage with up to one decimal: `formatPercent(0.2475)` → `24.8%`. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) throw new RangeError(`cannot format ${fraction}`)
  return `${trim((fraction * 100).toFixed(1))}%`
}
