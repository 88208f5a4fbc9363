import { existsSync, readFileSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { AddressError, COIN, decodeAddress, type Network } from '@supernova/protocol'
import { DEFAULT_PORTS, type FullNodeOptions } from '../node/options.js'
import {
  CONFIG_KEY_NAMES,
  CONFIG_KEYS,
  ConfigError,
  type ConfigKey,
  type ConfigSource,
  type ConfigValues,
  labelFor,
} from './configKeys.js'

export {
  CONFIG_KEYS,
  ConfigError,
  type ConfigErrorCode,
  type ConfigKey,
  type ConfigSource,
  type ConfigValues,
  LOG_LEVELS,
  type LogLevel,
} from './configKeys.js'

/** Name of the config file looked up in the data directory when `--config` is not given. */
export const CONFIG_FILE_NAME = 'supernova.json'
const MAX_CONFIG_BYTES = 1024 * 1024
/** Raw, unvalidated values of one layer (flags and env are strings, a file has JSON types). */
export type ConfigLayer = Partial<Record<ConfigKey, unknown>>

export type ResolveConfigParameters = {
  /** Values from command-line flags (highest precedence). */
  flags: ConfigLayer
  env: Readonly<Record<string, string | undefined>>
  homeDir: string
  cwd: string
  /** `--config FILE`; otherwise `SUPERNOVA_CONFIG`, otherwise `<dataDir>/supernova.json` if present. */
  configFile?: string
  /** A command's own defaults, above the built-in ones (e.g. devnet turns mining on). */
  presets?: Partial<ConfigValues>
  /** Fixed by the command whatever any layer says (e.g. `devnet` fixes the network). */
  network?: Network
}

export type ResolvedConfig = {
  values: ConfigValues
  sources: Readonly<Record<ConfigKey, ConfigSource>>
  /** The config file that was read, if any. */
  configFile: string | undefined
}

/** `~/.supernova/<network>`. */
export function defaultDataDir(homeDir: string, network: Network): string {
  return join(homeDir, '.supernova', network)
}

function expandPath(p: string, { homeDir, cwd }: { homeDir: string; cwd: string }): string {
  const home = p === '~' || p.startsWith('~/') ? join(homeDir, p.slice(1)) : p
  return isAbsolute(home) ? home : resolve(cwd, home)
}

/** Reads the `SUPERNOVA_*` variables of every config key. */
export function envLayer(env: ResolveConfigParameters['env']): ConfigLayer {
  const layer: ConfigLayer = {}
  for (const key of CONFIG_KEY_NAMES) {
    const v = env[CONFIG_KEYS[key].env]
    if (v !== undefined && v !== '') layer[key] = v
  }
  return layer
}

/**
 * Reads a JSON config file whose keys are the config key names (`rpcPort`, `bootstrap`, …).
 * @throws {ConfigError} `CONFIG_FILE_NOT_FOUND`, `CONFIG_FILE_INVALID`, or `UNKNOWN_KEY` naming it.
 */
export function readConfigFile(path: string): ConfigLayer {
  if (!existsSync(path))
    throw new ConfigError({ code: 'CONFIG_FILE_NOT_FOUND', message: `no config file at ${path}` })
  if (statSync(path).size > MAX_CONFIG_BYTES)
    throw new ConfigError({ code: 'CONFIG_FILE_INVALID', message: `${path} is larger than 1 MiB` })
  let doc: unknown
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    throw new ConfigError({
      code: 'CONFIG_FILE_INVALID',
      message: `${path} is not valid JSON: ${(e as Error).message}`,
    })
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new ConfigError({
      code: 'CONFIG_FILE_INVALID',
      message: `${path} must hold a JSON object`,
    })
  for (const key of Object.keys(doc)) {
    if (!Object.hasOwn(CONFIG_KEYS, key))
      throw new ConfigError({
        code: 'UNKNOWN_KEY',
        message: `unknown key '${key}' in ${path} (known: ${CONFIG_KEY_NAMES.join(', ')})`,
        details: { key, file: path },
      })
  }
  return doc as ConfigLayer
}

function builtInDefaults(network: Network, homeDir: string): ConfigValues {
  return {
    network,
    dataDir: defaultDataDir(homeDir, network),
    rpcHost: '127.0.0.1',
    rpcPort: DEFAULT_PORTS.api,
    // Devnets are local by default; real networks listen on every interface for peers.
    p2pHost: network === 'devnet' ? '127.0.0.1' : '0.0.0.0',
    p2pPort: DEFAULT_PORTS.tcp,
    wsPort: DEFAULT_PORTS.ws,
    webrtcPort: DEFAULT_PORTS.webrtc,
    bootstrap: [],
    maxConnections: 64,
    mine: false,
    threads: 1,
    rewardAddress: undefined,
    apiKey: undefined,
    cors: [],
    logLevel: 'info',
    logPretty: false,
    faucet: false,
    faucetMaxAmount: 1000n * COIN,
    verifyThreads: Math.min(4, availableParallelism()),
  }
}

function pickNetwork(
  p: ResolveConfigParameters,
  env: ConfigLayer,
  file: ConfigLayer,
  configFile?: string,
): Network {
  if (p.network) return p.network
  if (p.flags.network !== undefined) return CONFIG_KEYS.network.parse(p.flags.network, '--network')
  if (env.network !== undefined) return CONFIG_KEYS.network.parse(env.network, 'SUPERNOVA_NETWORK')
  if (file.network !== undefined)
    return CONFIG_KEYS.network.parse(file.network, labelFor('network', 'file', configFile))
  return p.presets?.network ?? 'mainnet'
}

function locateConfigFile(p: ResolveConfigParameters, env: ConfigLayer): string | undefined {
  const explicit = p.configFile ?? p.env.SUPERNOVA_CONFIG
  if (explicit) return expandPath(explicit, p)
  const network = pickNetwork(p, env, {})
  const rawDir = p.flags.dataDir ?? env.dataDir
  const dir =
    rawDir === undefined
      ? defaultDataDir(p.homeDir, network)
      : expandPath(CONFIG_KEYS.dataDir.parse(rawDir, '--data-dir'), p)
  const candidate = join(dir, CONFIG_FILE_NAME)
  return existsSync(candidate) ? candidate : undefined
}

/**
 * Resolves the settings: built-in defaults ← command presets ← config file ← environment ←
 * flags, each value validated with an error naming the flag, variable or file key it came from.
 * @throws {ConfigError}
 */
export function resolveConfig(p: ResolveConfigParameters): ResolvedConfig {
  const env = envLayer(p.env)
  const configFile = locateConfigFile(p, env)
  const file = configFile ? readConfigFile(configFile) : {}
  const network = pickNetwork(p, env, file, configFile)
  const values = { ...builtInDefaults(network, p.homeDir), ...p.presets, network }
  const sources = Object.fromEntries(
    CONFIG_KEY_NAMES.map((k) => [k, p.presets?.[k] === undefined ? 'default' : 'preset']),
  ) as Record<ConfigKey, ConfigSource>
  const layers = [
    ['file', file],
    ['env', env],
    ['flag', p.flags],
  ] as const
  for (const [source, layer] of layers) {
    for (const key of CONFIG_KEY_NAMES) {
      if (key === 'network' || layer[key] === undefined) continue
      const parse = CONFIG_KEYS[key].parse as (raw: unknown, label: string) => unknown
      ;(values as Record<string, unknown>)[key] = parse(
        layer[key],
        labelFor(key, source, configFile),
      )
      sources[key] = source
    }
  }
  sources.network = p.network ? 'preset' : sourceOf('network', layers)
  values.dataDir = expandPath(values.dataDir, p)
  validateCrossKeys(values, sources, configFile)
  return { values, sources, configFile }
}

function sourceOf(key: ConfigKey, layers: readonly (readonly [ConfigSource, ConfigLayer])[]) {
  let source: ConfigSource = 'default'
  for (const [s, layer] of layers) if (layer[key] !== undefined) source = s
  return source
}

function validateCrossKeys(
  v: ConfigValues,
  sources: Record<ConfigKey, ConfigSource>,
  file: string | undefined,
): void {
  if (v.rewardAddress !== undefined) {
    try {
      decodeAddress({ address: v.rewardAddress, network: v.network })
    } catch (e) {
      if (!(e instanceof AddressError)) throw e
      throw new ConfigError({
        code: 'INVALID_VALUE',
        message: `${labelFor('rewardAddress', sources.rewardAddress, file)}: not a ${v.network} address (${e.message})`,
        details: { key: 'rewardAddress' },
      })
    }
  }
  if (v.faucet && v.network !== 'devnet')
    throw new ConfigError({
      code: 'INVALID_VALUE',
      message: `${labelFor('faucet', sources.faucet, file)}: the faucet exists on devnet only`,
      details: { key: 'faucet' },
    })
}

/**
 * The node options for resolved settings.
 * @throws {ConfigError} `MISSING_VALUE` when mining is on without a reward address.
 */
export function toFullNodeOptions(v: ConfigValues): FullNodeOptions {
  if (v.mine && v.rewardAddress === undefined)
    throw new ConfigError({
      code: 'MISSING_VALUE',
      message: 'mining needs --reward-address (or rewardAddress / SUPERNOVA_REWARD_ADDRESS)',
      details: { key: 'rewardAddress' },
    })
  return {
    network: v.network,
    dataDir: v.dataDir,
    api: {
      enabled: true,
      host: v.rpcHost,
      port: v.rpcPort,
      ...(v.apiKey === undefined ? {} : { apiKey: v.apiKey }),
      corsOrigins: v.cors,
    },
    p2p: {
      enabled: true,
      host: v.p2pHost,
      tcpPort: v.p2pPort,
      wsPort: v.wsPort,
      webrtcPort: v.webrtcPort,
      bootstrap: v.bootstrap,
      maxConnections: v.maxConnections,
    },
    mining: {
      enabled: v.mine,
      threads: v.threads,
      ...(v.rewardAddress === undefined ? {} : { rewardAddress: v.rewardAddress }),
    },
    faucet: { enabled: v.faucet, maxAmount: v.faucetMaxAmount },
    verifyThreads: v.verifyThreads,
    log: { level: v.logLevel, pretty: v.logPretty },
  }
}

/** The URL a local client uses to reach the API these settings describe. */
export function localRpcUrl(v: Pick<ConfigValues, 'rpcHost' | 'rpcPort'>): string {
  const host = v.rpcHost === '0.0.0.0' ? '127.0.0.1' : v.rpcHost === '::' ? '::1' : v.rpcHost
  return `http://${host.includes(':') ? `[${host}]` : host}:${v.rpcPort}`
}
