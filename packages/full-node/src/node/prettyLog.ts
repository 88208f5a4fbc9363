/** pino's numeric levels and the names printed for them. */
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
}

/** pino fields every line has; everything else is printed as `key=value`. */
const OMIT = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'network'])

function value(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v
  if (v !== null && typeof v === 'object') {
    const e = v as { message?: unknown; type?: unknown }
    if (typeof e.message === 'string' && typeof e.type === 'string')
      return JSON.stringify(`${e.type}: ${e.message}`)
    return JSON.stringify(v)
  }
  return String(v)
}

/**
 * One pino JSON line as a human-readable one: `HH:MM:SS.mmm LEVEL message key=value …`.
 * A line that is not pino JSON is returned unchanged.
 */
export function formatLogLine(line: string): string {
  let o: Record<string, unknown>
  try {
    o = JSON.parse(line) as Record<string, unknown>
  } catch {
    return line
  }
  if (o === null || typeof o !== 'object' || typeof o.level !== 'number') return line
  const time =
    typeof o.time === 'number' ? new Date(o.time).toISOString().slice(11, 23) : '--:--:--.---'
  const level = LEVELS[o.level] ?? String(o.level).padEnd(5)
  const fields = Object.entries(o)
    .filter(([k]) => !OMIT.has(k))
    .map(([k, v]) => `${k}=${value(v)}`)
  return [time, level, typeof o.msg === 'string' ? o.msg : '', ...fields].join(' ').trimEnd()
}

/** A pino destination writing `formatLogLine` of each record to `out` (the `--log-pretty` flag). */
export function createPrettyDestination(out: { write(s: string): unknown }): {
  write(s: string): void
} {
  return {
    write(chunk) {
      for (const line of chunk.split('\n'))
        if (line.length > 0) out.write(`${formatLogLine(line)}\n`)
    },
  }
}
