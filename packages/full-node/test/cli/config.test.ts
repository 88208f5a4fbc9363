import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { COIN, devnetAccount, encodeAddress } from '@supernova/protocol'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ConfigError,
  localRpcUrl,
  type ResolveConfigParameters,
  resolveConfig,
  toFullNodeOptions,
} from '../../src/cli/config.js'
import { DEFAULT_PORTS } from '../../src/node/options.js'

const home = mkdtempSync(join(tmpdir(), 'sn-config-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))
const base = { homeDir: home, cwd: home, env: {}, flags: {} } satisfies ResolveConfigParameters
const devAddr = encodeAddress({ network: 'devnet', lock: devnetAccount(1).lock })

function configFile(name: string, doc: unknown): string {
  const path = join(home, name)
  writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc))
  return path
}

function errorOf(f: () => unknown): ConfigError {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return e as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('config', () => {
  it('has defaults: mainnet, ~/.supernova/<network>, DEFAULT_PORTS, localhost API', () => {
    const { values, sources, configFile } = resolveConfig(base)
    expect(values.network).toBe('mainnet')
    expect(values.dataDir).toBe(join(home, '.supernova', 'mainnet'))
    expect([values.rpcPort, values.p2pPort, values.wsPort, values.webrtcPort]).toEqual([
      DEFAULT_PORTS.api,
      DEFAULT_PORTS.tcp,
      DEFAULT_PORTS.ws,
      DEFAULT_PORTS.webrtc,
    ])
    expect(values.rpcHost).toBe('127.0.0.1')
    expect(values.p2pHost).toBe('0.0.0.0')
    expect(sources.rpcPort).toBe('default')
    expect(configFile).toBeUndefined()
    const dev = resolveConfig({ ...base, flags: { network: 'devnet' } }).values
    expect(dev.dataDir).toBe(join(home, '.supernova', 'devnet'))
    expect(dev.p2pHost).toBe('127.0.0.1')
  })

  it('applies file < env < flags, key by key', () => {
    const file = configFile('prec.json', {
      network: 'devnet',
      rpcPort: 1111,
      p2pPort: 2222,
      wsPort: 3333,
      logLevel: 'warn',
      bootstrap: ['/ip4/10.0.0.1/tcp/7701'],
    })
    const { values, sources } = resolveConfig({
      ...base,
      configFile: file,
      env: { SUPERNOVA_RPC_PORT: '4444', SUPERNOVA_P2P_PORT: '5555', SUPERNOVA_LOG_LEVEL: 'debug' },
      flags: { rpcPort: '6666' },
    })
    expect(values.network).toBe('devnet')
    expect(values.rpcPort).toBe(6666)
    expect(sources.rpcPort).toBe('flag')
    expect(values.p2pPort).toBe(5555)
    expect(sources.p2pPort).toBe('env')
    expect(values.wsPort).toBe(3333)
    expect(sources.wsPort).toBe('file')
    expect(values.logLevel).toBe('debug')
    expect(values.bootstrap).toEqual(['/ip4/10.0.0.1/tcp/7701'])
    expect(values.webrtcPort).toBe(DEFAULT_PORTS.webrtc)
    // The network itself follows the same precedence.
    expect(
      resolveConfig({ ...base, configFile: file, env: { SUPERNOVA_NETWORK: 'testnet' } }).values
        .network,
    ).toBe('testnet')
    expect(
      resolveConfig({
        ...base,
        configFile: file,
        env: { SUPERNOVA_NETWORK: 'testnet' },
        flags: { network: 'mainnet' },
      }).values.network,
    ).toBe('mainnet')
  })

  it('finds <data-dir>/supernova.json without --config, and SUPERNOVA_CONFIG', () => {
    const dataDir = join(home, 'dd')
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(dataDir, 'supernova.json'), JSON.stringify({ rpcPort: 7777 }))
    const r = resolveConfig({ ...base, flags: { dataDir } })
    expect(r.values.rpcPort).toBe(7777)
    expect(r.configFile).toBe(join(dataDir, 'supernova.json'))
    const viaEnv = resolveConfig({ ...base, env: { SUPERNOVA_DATA_DIR: 'dd' } })
    expect(viaEnv.values.rpcPort).toBe(7777)
    expect(viaEnv.values.dataDir).toBe(dataDir)
    const file = configFile('envconf.json', { rpcPort: 8888 })
    expect(resolveConfig({ ...base, env: { SUPERNOVA_CONFIG: file } }).values.rpcPort).toBe(8888)
  })

  it('parses env lists, booleans and amounts', () => {
    const { values } = resolveConfig({
      ...base,
      env: {
        SUPERNOVA_NETWORK: 'devnet',
        SUPERNOVA_BOOTSTRAP: '/ip4/10.0.0.1/tcp/7701, /dns4/seed.example/tcp/7701',
        SUPERNOVA_CORS: 'https://a.example,http://localhost:3000',
        SUPERNOVA_MINE: 'yes',
        SUPERNOVA_REWARD_ADDRESS: devAddr,
        SUPERNOVA_FAUCET: 'true',
        SUPERNOVA_FAUCET_MAX_AMOUNT: '2.5',
        SUPERNOVA_DATA_DIR: '~/x',
      },
    })
    expect(values.bootstrap).toHaveLength(2)
    expect(values.cors).toEqual(['https://a.example', 'http://localhost:3000'])
    expect(values.mine).toBe(true)
    expect(values.faucetMaxAmount).toBe((5n * COIN) / 2n)
    expect(values.dataDir).toBe(join(home, 'x'))
  })

  it('names the bad key and where it came from', () => {
    const msg = (p: Partial<ResolveConfigParameters>) =>
      errorOf(() => resolveConfig({ ...base, ...p }))
    expect(msg({ flags: { rpcPort: '70000' } }).message).toMatch(/--rpc-port: expected a port/)
    expect(msg({ env: { SUPERNOVA_RPC_PORT: 'x' } }).message).toMatch(/SUPERNOVA_RPC_PORT/)
    expect(msg({ env: { SUPERNOVA_NETWORK: 'moon' } }).message).toMatch(/SUPERNOVA_NETWORK.*moon/)
    const file = configFile('bad.json', { threads: 0 })
    const e = msg({ configFile: file })
    expect(e.code).toBe('INVALID_VALUE')
    expect(e.message).toContain(`'threads' in ${file}`)
    const unknown = msg({ configFile: configFile('unknown.json', { rpcprot: 1 }) })
    expect(unknown.code).toBe('UNKNOWN_KEY')
    expect(unknown.message).toContain("'rpcprot'")
    expect(msg({ configFile: configFile('notjson.json', '{') }).code).toBe('CONFIG_FILE_INVALID')
    expect(msg({ configFile: configFile('array.json', []) }).code).toBe('CONFIG_FILE_INVALID')
    expect(msg({ configFile: join(home, 'nope.json') }).code).toBe('CONFIG_FILE_NOT_FOUND')
    expect(msg({ flags: { bootstrap: ['garbage'] } }).message).toMatch(/--bootstrap/)
    expect(msg({ flags: { cors: ['https://a.example/path'] } }).message).toMatch(/--cors/)
    expect(msg({ flags: { mine: 'maybe' } }).message).toMatch(/--mine/)
    // Wrong-network reward address, faucet off devnet.
    expect(msg({ flags: { rewardAddress: devAddr } }).message).toMatch(
      /--reward-address: not a mainnet/,
    )
    expect(msg({ flags: { faucet: true } }).message).toMatch(/--faucet: .*devnet only/)
  })

  it('never echoes an API key in an error', () => {
    const e = errorOf(() => resolveConfig({ ...base, flags: { apiKey: 'tiny secret' } }))
    expect(e.message).toMatch(/--api-key/)
    expect(e.message).not.toContain('tiny secret')
  })

  it('lets a command fix the network and preset defaults under every layer', () => {
    const presets = { mine: true, faucet: true, rewardAddress: devAddr }
    const r = resolveConfig({
      ...base,
      env: { SUPERNOVA_NETWORK: 'mainnet', SUPERNOVA_FAUCET: 'false' },
      network: 'devnet',
      presets,
    })
    expect(r.values.network).toBe('devnet')
    expect(r.values.mine).toBe(true)
    expect(r.values.faucet).toBe(false)
    expect(r.sources.mine).toBe('preset')
  })

  it('builds FullNodeOptions, requiring a reward address to mine', () => {
    const { values } = resolveConfig({
      ...base,
      flags: {
        network: 'devnet',
        mine: true,
        rewardAddress: devAddr,
        rpcPort: '0',
        cors: ['*'],
        apiKey: 'k'.repeat(20),
      },
    })
    const o = toFullNodeOptions(values)
    expect(o.network).toBe('devnet')
    expect(o.api).toMatchObject({ enabled: true, host: '127.0.0.1', port: 0, corsOrigins: ['*'] })
    expect(o.api.apiKey).toBe('k'.repeat(20))
    expect(o.mining).toEqual({ enabled: true, threads: 1, rewardAddress: devAddr })
    expect(o.p2p.tcpPort).toBe(DEFAULT_PORTS.tcp)
    const noReward = resolveConfig({ ...base, flags: { mine: true } }).values
    expect(errorOf(() => toFullNodeOptions(noReward)).code).toBe('MISSING_VALUE')
  })

  it('derives the local API URL', () => {
    expect(localRpcUrl({ rpcHost: '127.0.0.1', rpcPort: 7700 })).toBe('http://127.0.0.1:7700')
    expect(localRpcUrl({ rpcHost: '0.0.0.0', rpcPort: 1 })).toBe('http://127.0.0.1:1')
    expect(localRpcUrl({ rpcHost: '::', rpcPort: 2 })).toBe('http://[::1]:2')
  })
})
