import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { NETWORKS, type Network } from '@supernova/protocol'
import { createRpcClient } from '../../rpc/client.js'
import { getChainInfo } from '../../rpc/methods.js'
import { type CommandSpec, type ParsedArgs, stringOpt } from '../args.js'
import { defaultDataDir, localRpcUrl } from '../config.js'
import { CliError, usageError } from '../errors.js'
import { type CliIo, writeLine } from '../io.js'
import { CLIENT_OPTIONS, configFor } from './shared.js'

/** Methods that need the cookie or API key. */
export const ADMIN_METHODS: ReadonlySet<string> = new Set([
  'stop',
  'setMining',
  'addPeer',
  'banPeer',
])
const MAX_PARAMS_BYTES = 1024 * 1024
const COOKIE_FILE = '.cookie'

function parseParams(text: string | undefined): unknown {
  if (text === undefined) return {}
  if (text.length > MAX_PARAMS_BYTES) throw usageError('JSON params larger than 1 MiB', 'rpc')
  let params: unknown
  try {
    params = JSON.parse(text)
  } catch (e) {
    throw usageError(`params are not valid JSON: ${(e as Error).message}`, 'rpc')
  }
  if (typeof params !== 'object' || params === null)
    throw usageError('params must be a JSON object (or an array)', 'rpc')
  return params
}

function readCookie(path: string): string {
  if (statSync(path).size > 4096)
    throw new CliError({ code: 'FILE', message: `${path} is not a cookie file (too large)` })
  const secret = readFileSync(path, 'utf8').trim()
  if (!secret) throw new CliError({ code: 'FILE', message: `cookie file ${path} is empty` })
  return secret
}

/**
 * The bearer token: --api-key, --cookie FILE, or for admin methods the cookie of the data dir
 * (when no data dir or network is configured, the default data dir of the network the node
 * reports), else the configured API key.
 */
async function tokenFor(args: ParsedArgs, io: CliIo, method: string, url: string) {
  const apiKey = stringOpt(args, 'api-key')
  const cookie = stringOpt(args, 'cookie')
  if (apiKey !== undefined) return apiKey
  if (cookie !== undefined) {
    const path = resolve(io.cwd, cookie)
    if (!existsSync(path))
      throw new CliError({ code: 'FILE', message: `no cookie file at ${path}` })
    return readCookie(path)
  }
  if (!ADMIN_METHODS.has(method)) return undefined
  const { values, sources } = configFor(args, io)
  const candidates = [join(values.dataDir, COOKIE_FILE)]
  if (sources.dataDir === 'default' && sources.network === 'default') {
    const network = await nodeNetwork(url)
    if (network) candidates.push(join(defaultDataDir(io.homeDir, network), COOKIE_FILE))
  }
  const found = candidates.find((p) => existsSync(p))
  return found ? readCookie(found) : values.apiKey
}

async function nodeNetwork(url: string): Promise<Network | undefined> {
  try {
    const { network } = await getChainInfo(createRpcClient({ url, timeoutMs: 5000 }))
    return (NETWORKS as readonly string[]).includes(network) ? (network as Network) : undefined
  } catch {
    return undefined // the real call below reports an unreachable node
  }
}

async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const [method, paramsText] = args.positionals
  if (!method || !/^[A-Za-z][\w.]{0,63}$/.test(method))
    throw usageError(method ? `'${method}' is not a method name` : 'missing METHOD', 'rpc')
  const params = parseParams(paramsText)
  if (stringOpt(args, 'api-key') !== undefined && stringOpt(args, 'cookie') !== undefined)
    throw usageError('give --cookie or --api-key, not both', 'rpc')
  const url =
    stringOpt(args, 'rpc') ?? io.env.SUPERNOVA_RPC_URL ?? localRpcUrl(configFor(args, io).values)
  const token = await tokenFor(args, io, method, url)
  const timeout = stringOpt(args, 'timeout')
  const timeoutMs = timeout === undefined ? undefined : Number(timeout) * 1000
  if (
    timeoutMs !== undefined &&
    !(Number.isInteger(timeoutMs) && timeoutMs > 0 && timeoutMs <= 3_600_000)
  )
    throw usageError('--timeout: expected 1–3600 seconds', 'rpc')
  let rpc: ReturnType<typeof createRpcClient>
  try {
    rpc = createRpcClient({
      url,
      ...(token === undefined ? {} : { token }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    })
  } catch (e) {
    throw usageError(`--rpc: ${(e as Error).message}`, 'rpc')
  }
  const result = await rpc.call(method, params)
  writeLine(io.stdout, JSON.stringify(result, null, 2))
  return 0
}

/** `supernova rpc METHOD [JSON]`. */
export const rpcCommand: CommandSpec = {
  name: 'rpc',
  summary: 'call a JSON-RPC method and print the result',
  usage: 'METHOD [JSON] [--rpc URL] [--cookie FILE | --api-key KEY]',
  description: [
    'Calls METHOD with JSON params (an object, or an array for one-parameter methods) and prints',
    'the result as JSON. Errors go to stderr with their JSON-RPC code. Admin methods (stop,',
    'setMining, addPeer, banPeer) send the cookie from <data-dir>/.cookie (without --data-dir or',
    "--network: ~/.supernova/<the node's network>/.cookie) unless --cookie or --api-key is given;",
    'without a cookie file, SUPERNOVA_API_KEY (or apiKey in the config file) is sent.',
  ].join('\n'),
  options: {
    ...CLIENT_OPTIONS,
    cookie: { type: 'string', value: 'FILE', description: 'cookie file for admin methods' },
    'api-key': { type: 'string', value: 'KEY', description: 'API key for admin methods' },
    timeout: { type: 'string', value: 'SECONDS', description: 'give up after (default 30)' },
  },
  positionals: [0, 2],
  examples: [
    'supernova rpc getChainInfo',
    `supernova rpc getBlock '{"height":1,"verbosity":2}'`,
    `supernova rpc setMining '{"enabled":false}' --data-dir ./.data`,
  ],
  run,
}
