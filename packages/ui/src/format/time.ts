const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

function checkFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`)
}

/** Two largest non-zero units, e.g. `2 h 5 min`; the second is dropped when it is zero. */
function twoUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`
}

/**
 * Formats a duration for people: `850 ms`, `4.2 s`, `2 min 5 s`, `3 h 12 min`, `2 d 4 h`.
 * Values are truncated, never rounded up into a larger unit.
 *
 * @throws {RangeError} on negative, NaN or infinite input.
 */
export function formatDuration(ms: number): string {
  checkFinite('ms', ms)
  if (ms < 0) throw new RangeError(`duration must not be negative, got ${ms}`)
  if (ms < SECOND) return `${Math.floor(ms)} ms`
  if (ms < MINUTE) {
    const tenths = Math.floor(ms / 100) / 10
    return `${tenths >= 10 ? Math.floor(tenths) : tenths} s`
  }
  if (ms < HOUR)
    return twoUnits(Math.floor(ms / MINUTE), 'min', Math.floor((ms % MINUTE) / SECOND), 's')
  if (ms < DAY) return twoUnits(Math.floor(ms / HOUR), 'h', Math.floor((ms % HOUR) / MINUTE), 'min')
  return twoUnits(Math.floor(ms / DAY), 'd', Math.floor((ms % DAY) / HOUR), 'h')
}

/**
 * Describes `fromMs` relative to `nowMs` (both Unix milliseconds; `now` is injected so the
 * output is deterministic): `just now`, `12 s ago`, `5 min ago`, `3 h ago`, `2 d ago`,
 * or `in 5 min` for times in the future (a block timestamp may run ahead of a local clock).
 *
 * @throws {RangeError} on NaN or infinite input.
 */
export function formatRelativeTime(fromMs: number, nowMs: number): string {
  checkFinite('fromMs', fromMs)
  checkFinite('nowMs', nowMs)
  const diff = nowMs - fromMs
  const abs = Math.abs(diff)
  if (abs < 5 * SECOND) return 'just now'
  let text: string
  if (abs < MINUTE) text = `${Math.floor(abs / SECOND)} s`
  else if (abs < HOUR) text = `${Math.floor(abs / MINUTE)} min`
  else if (abs < DAY) text = `${Math.floor(abs / HOUR)} h`
  else text = `${Math.floor(abs / DAY)} d`
  return diff > 0 ? `${text} ago` : `in ${text}`
}
