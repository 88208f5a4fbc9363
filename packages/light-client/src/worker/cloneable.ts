/** Nesting kept when a value is made cloneable; deeper parts become undefined. */
const MAX_DEPTH = 16

/**
 * A copy of `value` the structured-clone algorithm accepts: primitives, bigint, typed arrays,
 * dates, arrays, maps, sets and plain objects are kept (objects of other classes as plain
 * objects of their own enumerable fields), errors become `{ name, message, code?, details? }`,
 * functions and symbols become undefined. Used only when posting a value as it is failed
 * (`DataCloneError`): the usual answers (verified blocks, balances, evidence) clone directly.
 */
export function toCloneable(value: unknown, depth = 0): unknown {
  if (value === null) return null
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return value
    case 'function':
    case 'symbol':
      return undefined
  }
  if (depth >= MAX_DEPTH) return undefined
  const next = (v: unknown) => toCloneable(v, depth + 1)
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date)
    return value
  if (Array.isArray(value)) return value.map(next)
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [next(k), next(v)]))
  if (value instanceof Set) return new Set([...value].map(next))
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown; details?: unknown }
    return {
      name: e.name,
      message: e.message,
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      ...(e.details === undefined ? {} : { details: next(e.details) }),
    }
  }
  // fromEntries defines own properties, so a `__proto__` key stays a key.
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, next(v)]),
  )
}

/** Posts `message`; a value the structured clone refuses is posted again made cloneable. */
export function postCloneable(port: { postMessage(m: unknown): void }, message: unknown): void {
  try {
    port.postMessage(message)
  } catch (e) {
    if ((e as { name?: unknown } | null)?.name !== 'DataCloneError') throw e
    port.postMessage(toCloneable(message))
  }
}
