import {
  AddressError,
  type ChainParams,
  decodeAddress,
  fromHex,
  type Lock,
  type Network,
} from '@supernova/protocol'
import { invalidParams } from './errors.js'

/** A JSON Schema fragment, as it appears in the OpenRPC document. */
export type JsonSchema = { readonly [key: string]: unknown }

export type ParseContext = { network: Network; params: ChainParams }

/**
 * One named parameter: its schema (documentation) and the parser that enforces it (dispatch).
 * Both come from the same builder, so the OpenRPC document cannot drift from what is accepted.
 */
export type Param<T> = {
  readonly schema: JsonSchema
  readonly description: string
  readonly required: boolean
  /** @throws {RpcError} INVALID_PARAMS naming `field`. */
  parse(value: unknown, field: string, ctx: ParseContext): T
}

export type ParamSpecs = { readonly [name: string]: Param<unknown> }
export type ParamsOf<P extends ParamSpecs> = {
  [K in keyof P]: P[K] extends Param<infer T> ? T : never
}

const U64_MAX = (1n << 64n) - 1n
const HEX_RE = /^[0-9a-fA-F]*$/
const DECIMAL_RE = /^(0|[1-9][0-9]{0,19})$/
/** Longest address of any network is 67 characters; anything past 90 is not bech32 at all. */
const MAX_ADDRESS_CHARS = 90

function param<T>(
  schema: JsonSchema,
  description: string,
  parse: (v: unknown, field: string, ctx: ParseContext) => T,
): Param<T> {
  return { schema, description, required: true, parse }
}

/** A 32-byte hash as 64 hex digits. */
export function hashParam(description: string): Param<Uint8Array> {
  return param({ type: 'string', pattern: '^[0-9a-f]{64}$' }, description, (v, field) => {
    if (typeof v !== 'string' || v.length !== 64 || !HEX_RE.test(v))
      throw invalidParams(field, 'expected 64 hex digits')
    return fromHex(v)
  })
}

/** Hex bytes of at most `maxBytes`. */
export function hexParam(description: string, maxBytes: number): Param<Uint8Array> {
  return param(
    { type: 'string', pattern: '^([0-9a-f]{2})*$', maxLength: maxBytes * 2 },
    description,
    (v, field) => {
      if (typeof v !== 'string') throw invalidParams(field, 'expected a hex string')
      if (v.length > maxBytes * 2) throw invalidParams(field, `longer than ${maxBytes} bytes`)
      if (v.length === 0 || v.length % 2 !== 0 || !HEX_RE.test(v))
        throw invalidParams(field, 'expected an even number of hex digits')
      return fromHex(v)
    },
  )
}

/** An integer in [min, max]. */
export function intParam(description: string, min: number, max: number): Param<number> {
  return param({ type: 'integer', minimum: min, maximum: max }, description, (v, field) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v))
      throw invalidParams(field, 'expected an integer')
    if (v < min || v > max) throw invalidParams(field, `must be between ${min} and ${max}`)
    return v
  })
}

/** A block height (u32). */
export function heightParam(description: string): Param<number> {
  return intParam(description, 0, 0xffff_ffff)
}

export function boolParam(description: string): Param<boolean> {
  return param({ type: 'boolean' }, description, (v, field) => {
    if (typeof v !== 'boolean') throw invalidParams(field, 'expected true or false')
    return v
  })
}

/** A string of at most `maxLength` characters matching `pattern` (when given). */
export function stringParam(
  description: string,
  maxLength: number,
  pattern?: RegExp,
): Param<string> {
  const schema = pattern
    ? { type: 'string', maxLength, pattern: pattern.source }
    : { type: 'string', maxLength }
  return param(schema, description, (v, field) => {
    if (typeof v !== 'string' || v.length === 0) throw invalidParams(field, 'expected a string')
    if (v.length > maxLength) throw invalidParams(field, `longer than ${maxLength} characters`)
    if (pattern && !pattern.test(v)) throw invalidParams(field, 'malformed')
    return v
  })
}

/** One of a fixed set of strings. */
export function enumParam<const T extends string>(
  description: string,
  values: readonly T[],
): Param<T> {
  return param({ type: 'string', enum: values }, description, (v, field) => {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
      throw invalidParams(field, `expected one of ${values.join(', ')}`)
    return v as T
  })
}

/** An amount of base units as a decimal string, 0 ≤ amount ≤ 2^64 − 1. */
export function amountParam(description: string): Param<bigint> {
  return param({ type: 'string', pattern: '^(0|[1-9][0-9]*)$' }, description, (v, field) => {
    if (typeof v !== 'string' || !DECIMAL_RE.test(v))
      throw invalidParams(field, 'expected a decimal string of base units')
    const n = BigInt(v)
    if (n > U64_MAX) throw invalidParams(field, 'exceeds 2^64 - 1')
    return n
  })
}

/** A bech32m address of the node's network, decoded to its lock. */
export function addressParam(description: string): Param<{ address: string; lock: Lock }> {
  return param(
    { type: 'string', maxLength: MAX_ADDRESS_CHARS, description: 'bech32m address' },
    description,
    (v, field, ctx) => {
      if (typeof v !== 'string') throw invalidParams(field, 'expected an address string')
      if (v.length > MAX_ADDRESS_CHARS) throw invalidParams(field, 'too long for an address')
      try {
        const { lock } = decodeAddress({ address: v, network: ctx.network })
        return { address: v.toLowerCase(), lock }
      } catch (e) {
        if (e instanceof AddressError) throw invalidParams(field, e.message)
        throw e
      }
    },
  )
}

/** Makes `p` optional (`null` counts as absent). */
export function optional<T>(p: Param<T>): Param<T | undefined> {
  return {
    ...p,
    required: false,
    parse: (v, field, ctx) => (v === undefined || v === null ? undefined : p.parse(v, field, ctx)),
  }
}

/** Makes `p` optional with a default (documented in the schema). */
export function withDefault<T>(p: Param<T>, value: T, shown: unknown = value): Param<T> {
  return {
    ...p,
    schema: { ...p.schema, default: shown },
    required: false,
    parse: (v, field, ctx) => (v === undefined || v === null ? value : p.parse(v, field, ctx)),
  }
}

/**
 * Parses a request's `params` against `specs`: an object by name (unknown names refused), or a
 * positional array for methods with at most one parameter.
 * @throws {RpcError} INVALID_PARAMS with `data.field`.
 */
export function parseParams<P extends ParamSpecs>(
  specs: P,
  raw: unknown,
  ctx: ParseContext,
): ParamsOf<P> {
  const names = Object.keys(specs)
  let byName: Record<string, unknown>
  if (raw === undefined) byName = {}
  else if (Array.isArray(raw)) {
    if (raw.length > names.length || (names.length > 1 && raw.length > 0))
      throw invalidParams(
        'params',
        `positional parameters are accepted only for methods with one parameter`,
      )
    byName = raw.length === 1 ? { [names[0]!]: raw[0] } : {}
  } else if (typeof raw === 'object' && raw !== null) byName = raw as Record<string, unknown>
  else throw invalidParams('params', 'expected an object of named parameters')

  for (const key of Object.keys(byName))
    if (!Object.hasOwn(specs, key)) throw invalidParams(key, 'unknown parameter')
  const out: Record<string, unknown> = {}
  for (const name of names) {
    const spec = specs[name]!
    const value = Object.hasOwn(byName, name) ? byName[name] : undefined
    if (spec.required && (value === undefined || value === null))
      throw invalidParams(name, 'required')
    out[name] = spec.parse(value, name, ctx)
  }
  return out as ParamsOf<P>
}
