import type { OptionSpecs, ParsedArgs } from '../args.js'
import {
  CONFIG_KEYS,
  type ConfigKey,
  type ConfigLayer,
  type ConfigValues,
  type ResolvedConfig,
  resolveConfig,
} from '../config.js'
import type { CliIo } from '../io.js'

/** Options that locate the settings: shared by every command. */
export const CONFIG_OPTIONS: OptionSpecs = {
  network: {
    type: 'string',
    value: 'NAME',
    description: 'mainnet | testnet | devnet (default mainnet; SUPERNOVA_NETWORK)',
  },
  'data-dir': {
    type: 'string',
    value: 'DIR',
    description: 'data directory (default ~/.supernova/<network>; SUPERNOVA_DATA_DIR)',
  },
  config: {
    type: 'string',
    value: 'FILE',
    description: 'JSON config file (default <data-dir>/supernova.json if present)',
  },
}

/** Options of commands that talk to a node's API. */
export const CLIENT_OPTIONS: OptionSpecs = {
  rpc: {
    type: 'string',
    value: 'URL',
    description: 'node API URL (default http://127.0.0.1:<rpc-port>; SUPERNOVA_RPC_URL)',
  },
  ...CONFIG_OPTIONS,
}

/** The config layer set by the parsed flags (only options the command has and the user gave). */
export function flagLayer(args: ParsedArgs): ConfigLayer {
  const layer: ConfigLayer = {}
  for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[]) {
    const v = args.values[CONFIG_KEYS[key].flag]
    if (v !== undefined) layer[key] = v
  }
  return layer
}

/** Resolves settings for a command from its flags, the environment and the config file. */
export function configFor(
  args: ParsedArgs,
  io: CliIo,
  extra: { presets?: Partial<ConfigValues>; network?: ConfigValues['network'] } = {},
): ResolvedConfig {
  const configFile = args.values.config
  return resolveConfig({
    flags: flagLayer(args),
    env: io.env,
    homeDir: io.homeDir,
    cwd: io.cwd,
    ...(typeof configFile === 'string' ? { configFile } : {}),
    ...extra,
  })
}
