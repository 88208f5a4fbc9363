import { multiaddr } from '@multiformats/multiaddr'
import { BaseError, NETWORKS, type Network } from '@supernova/protocol'
import { parseNova } from '../wallet/amount.js'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Every configurable setting, with its final type. Config files use these names as keys. */
export type ConfigValues = {
  network: Network
  dataDir: string
  rpcHost: string
  rpcPort: number
  p2pHost: string
  p2pPort: number
  wsPort: number
  webrtcPort: number
  bootstrap: string[]
  maxConnections: number
  mine: boolean
  threads: number
  rewardAddress: string | undefined
  apiKey: string | undefined
  cors: string[]
  logLevel: LogLevel
  logPretty: boolean
  faucet: boolean
  /** Largest faucet payment, in units (config text is in NOVA). */
  faucetMaxAmount: bigint
  verifyThreads: number
}
export type ConfigKey = keyof ConfigValues
/** Where a value came from, lowest precedence first. */
export type ConfigSource = 'default' | 'preset' | 'file' | 'env' | 'flag'

export type ConfigErrorCode =
  | 'UNKNOWN_KEY'
  | 'INVALID_VALUE'
  | 'MISSING_VALUE'
  | 'CONFIG_FILE_NOT_FOUND'
  | 'CONFIG_FILE_INVALID'

/** A bad setting; `details.key` names it and `details.source` says where it came from. */
export class ConfigError extends BaseError<ConfigErrorCode> {
  override name = 'ConfigError'
}

type Parser<T> = (raw: unknown, label: string) => T

function invalid(label: string, expected: string, raw: unknown, secret = false): never {
  const got = secret ? '' : `, got ${JSON.stringify(raw)?.slice(0, 80)}`
  throw new ConfigError({
    code: 'INVALID_VALUE',
    message: `${label}: expected ${expected}${got}`,
    details: { label },
  })
}

const integer =
  (min: number, max: number, what = `an integer ${min}–${max}`): Parser<number> =>
  (raw, label) => {
    const n = typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : raw
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
      invalid(label, what, raw)
    return n
  }

const port = integer(0, 65_535, 'a port 0–65535')

const text =
  (what = 'a non-empty string', max = 4096): Parser<string> =>
  (raw, label) => {
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > max) invalid(label, what, raw)
    return raw
  }

const bool: Parser<boolean> = (raw, label) => {
  if (typeof raw === 'boolean') return raw
  if (typeof raw === 'string' && /^(true|1|yes|on)$/i.test(raw)) return true
  if (typeof raw === 'string' && /^(false|0|no|off)$/i.test(raw)) return false
  invalid(label, 'true or false', raw)
}

const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (raw, label) => {
    if (typeof raw !== 'string' || !(values as readonly string[]).includes(raw))
      invalid(label, values.join(' | '), raw)
    return raw as T
  }

/** Arrays in files; repeated flags; comma-separated lists in the environment. */
const list =
  (item: Parser<string>, max = 64): Parser<string[]> =>
  (raw, label) => {
    const items =
      typeof raw === 'string'
        ? raw
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : raw
    if (!Array.isArray(items) || items.length > max) invalid(label, `a list of at most ${max}`, raw)
    return items.map((x) => item(x, label))
  }

const multiaddrText: Parser<string> = (raw, label) => {
  const s = text('a multiaddr')(raw, label)
  try {
    multiaddr(s)
  } catch {
    invalid(label, 'a multiaddr like /ip4/1.2.3.4/tcp/7701/p2p/12D3…', raw)
  }
  return s
}

const origin: Parser<string> = (raw, label) => {
  const s = text('an origin')(raw, label)
  if (s === '*') return s
  try {
    if (new URL(s).origin === s) return s
  } catch {}
  return invalid(label, "an origin like https://example.org (or '*')", raw)
}

const apiKey: Parser<string> = (raw, label) => {
  if (typeof raw !== 'string' || raw.length < 16 || raw.length > 256 || /\s/.test(raw))
    invalid(label, 'an API key of 16–256 characters without spaces', raw, true)
  return raw
}

const nova: Parser<bigint> = (raw, label) => {
  try {
    return parseNova(typeof raw === 'number' ? String(raw) : (raw as string))
  } catch {
    return invalid(label, 'a NOVA amount like 100 or 0.5', raw)
  }
}

type KeySpec<K extends ConfigKey> = { env: string; flag: string; parse: Parser<ConfigValues[K]> }

/** Each key's environment variable, flag and parser. Precedence: file < env < flag. */
export const CONFIG_KEYS: { readonly [K in ConfigKey]: KeySpec<K> } = {
  network: { env: 'SUPERNOVA_NETWORK', flag: 'network', parse: oneOf(NETWORKS) },
  dataDir: { env: 'SUPERNOVA_DATA_DIR', flag: 'data-dir', parse: text('a directory') },
  rpcHost: { env: 'SUPERNOVA_RPC_HOST', flag: 'rpc-host', parse: text('a host', 255) },
  rpcPort: { env: 'SUPERNOVA_RPC_PORT', flag: 'rpc-port', parse: port },
  p2pHost: { env: 'SUPERNOVA_P2P_HOST', flag: 'p2p-host', parse: text('a host', 255) },
  p2pPort: { env: 'SUPERNOVA_P2P_PORT', flag: 'p2p-port', parse: port },
  wsPort: { env: 'SUPERNOVA_WS_PORT', flag: 'ws-port', parse: port },
  webrtcPort: { env: 'SUPERNOVA_WEBRTC_PORT', flag: 'webrtc-port', parse: port },
  bootstrap: { env: 'SUPERNOVA_BOOTSTRAP', flag: 'bootstrap', parse: list(multiaddrText) },
  maxConnections: {
    env: 'SUPERNOVA_MAX_CONNECTIONS',
    flag: 'max-connections',
    parse: integer(1, 10_000),
  },
  mine: { env: 'SUPERNOVA_MINE', flag: 'mine', parse: bool },
  threads: { env: 'SUPERNOVA_THREADS', flag: 'threads', parse: integer(1, 256) },
  rewardAddress: {
    env: 'SUPERNOVA_REWARD_ADDRESS',
    flag: 'reward-address',
    parse: text('an address', 200),
  },
  apiKey: { env: 'SUPERNOVA_API_KEY', flag: 'api-key', parse: apiKey },
  cors: { env: 'SUPERNOVA_CORS', flag: 'cors', parse: list(origin) },
  logLevel: { env: 'SUPERNOVA_LOG_LEVEL', flag: 'log-level', parse: oneOf(LOG_LEVELS) },
  logPretty: { env: 'SUPERNOVA_LOG_PRETTY', flag: 'log-pretty', parse: bool },
  faucet: { env: 'SUPERNOVA_FAUCET', flag: 'faucet', parse: bool },
  faucetMaxAmount: {
    env: 'SUPERNOVA_FAUCET_MAX_AMOUNT',
    flag: 'faucet-max-amount',
    parse: nova,
  },
  verifyThreads: { env: 'SUPERNOVA_VERIFY_THREADS', flag: 'verify-threads', parse: integer(1, 64) },
}

/** The config keys, in table order. */
export const CONFIG_KEY_NAMES = Object.keys(CONFIG_KEYS) as ConfigKey[]

/** The label a source gives a key in error messages: `--rpc-port`, `SUPERNOVA_RPC_PORT`, … */
export function labelFor(key: ConfigKey, source: ConfigSource, file?: string): string {
  const spec = CONFIG_KEYS[key]
  if (source === 'flag') return `--${spec.flag}`
  if (source === 'env') return spec.env
  if (source === 'file') return `'${key}' in ${file}`
  return `${key} (${source})`
}
