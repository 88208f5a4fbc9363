import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { devnetAccount, toHex } from '@supernova/protocol'
import { afterAll, describe, expect, it } from 'vitest'
import { devnetAddress } from '../../src/cli/commands/devnetCommand.js'
import { COMMANDS, WALLET_COMMANDS } from '../../src/cli/commands/index.js'
import { run } from './helpers/io.js'

const dir = mkdtempSync(join(tmpdir(), 'sn-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const PASS = { SUPERNOVA_PASSPHRASE: 'correct horse battery staple' }

const ALL = [
  ...COMMANDS.map((c) => [c.name]),
  ...[...WALLET_COMMANDS.keys()].map((k) => ['wallet', k]),
]

describe('supernova help', () => {
  it('prints the command list for --help, -h, help and no arguments', async () => {
    for (const argv of [[], ['--help'], ['-h'], ['help']]) {
      const r = await run(argv)
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^Usage: supernova <command>/)
      for (const name of ['node', 'devnet', 'wallet', 'rpc'])
        expect(r.stdout).toContain(`  ${name}`)
    }
    expect((await run(['wallet'])).stdout).toMatch(
      /create.*\n.*import.*\n.*address.*\n.*balance.*\n.*send/,
    )
  })

  it('gives every command a --help page, the same as `help <command>`', async () => {
    for (const words of ALL) {
      const viaFlag = await run([...words, '--help'])
      const viaHelp = await run(['help', ...words])
      expect(viaFlag.code, words.join(' ')).toBe(0)
      expect(viaFlag.stdout).toMatch(new RegExp(`^Usage: supernova ${words.join(' ')}`))
      expect(viaFlag.stdout).toContain('--help')
      expect(viaHelp.stdout).toBe(viaFlag.stdout)
      expect(viaFlag.stderr).toBe('')
    }
    const node = (await run(['node', '--help'])).stdout
    for (const flag of [
      '--network',
      '--data-dir',
      '--rpc-port',
      '--p2p-port',
      '--ws-port',
      '--webrtc-port',
      '--bootstrap',
      '--mine',
      '--threads',
      '--reward-address',
      '--api-key',
      '--cors',
      '--log-level',
      '--config',
    ])
      expect(node).toContain(flag)
  })

  it('prints the version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    expect((await run(['--version'])).stdout.trim()).toBe(pkg.version)
  })
})

describe('supernova argument errors', () => {
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['node', '--nope'], /unknown option '--nope' \(see 'supernova node --help'\)/],
    [['devnet', '--rpc-port'], /option '--rpc-port' needs a value/],
    [['node', '--mine=yes'], /option '--mine' does not take a value/],
    [['node', 'extra'], /unexpected argument 'extra'/],
    [['devnet', '--network', 'mainnet'], /devnet always runs network devnet/],
    [['wallet', 'steal'], /unknown wallet subcommand 'steal'/],
    [['wallet', 'address'], /missing --wallet FILE/],
    [['wallet', 'import', '--wallet', 'x.json'], /exactly one of --secret-hex or --devnet-account/],
    [
      ['wallet', 'import', '--wallet', 'x.json', '--devnet-account', '10'],
      /--devnet-account: expected 0–9/,
    ],
    [
      ['wallet', 'import', '--wallet', 'x.json', '--secret-hex', 'abcd'],
      /--secret-hex: expected 64 hex/,
    ],
    [
      ['wallet', 'import', '--wallet', 'x.json', '--devnet-account', '1', '--network', 'testnet'],
      /devnet only/,
    ],
    [['rpc'], /missing METHOD/],
    [['rpc', 'getBlock', '{bad'], /params are not valid JSON/],
    [['rpc', 'getBlock', '42'], /params must be a JSON object/],
    [['rpc', 'stop', '--cookie', 'a', '--api-key', 'b'], /--cookie or --api-key, not both/],
    [['help', 'nothing'], /unknown command 'nothing'/],
  ]
  it.each(cases)('%j → exit 2 with one clear line', async (argv, message) => {
    const r = await run(argv, { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('reports bad settings naming the flag, variable or file key (exit 2)', async () => {
    const bad = await run(['node', '--rpc-port', '99999'], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--rpc-port: expected a port 0–65535, got "99999"/)
    const env = await run(['node'], { cwd: dir, env: { SUPERNOVA_THREADS: 'lots' } })
    expect(env.stderr).toMatch(/SUPERNOVA_THREADS/)
    const mine = await run(['node', '--network', 'devnet', '--mine'], { cwd: dir })
    expect(mine.stderr).toMatch(/mining needs --reward-address/)
  })

  it('shows the stack only with --debug', async () => {
    const plain = await run(['wallet', 'address', '--wallet', join(dir, 'missing.json')])
    expect(plain.code).toBe(1)
    expect(plain.stderr).toMatch(
      /^supernova: KEYSTORE_NOT_FOUND: no wallet file at .*missing\.json\n$/,
    )
    const debug = await run(['wallet', 'address', '--wallet', join(dir, 'missing.json'), '--debug'])
    expect(debug.stderr).toMatch(/\n\s+at /)
  })
})

describe('supernova wallet (offline)', () => {
  it('imports a devnet account, prints its address, and never prints the secret', async () => {
    const file = join(dir, 'alice.json')
    const r = await run(['wallet', 'import', '--devnet-account', '0', '--wallet', file], {
      env: PASS,
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(devnetAddress(0))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const secretHex = toHex(devnetAccount(0).secretKey)
    expect(r.stdout + r.stderr + readFileSync(file, 'utf8')).not.toContain(secretHex)
    const addr = await run(['wallet', 'address', '--wallet', 'alice.json'], { cwd: dir })
    expect(addr.stdout).toBe(`${devnetAddress(0)}\n`)
    const again = await run(['wallet', 'import', '--devnet-account', '0', '--wallet', file], {
      env: PASS,
    })
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/KEYSTORE_EXISTS/)
    const wrong = await run(['wallet', 'address', '--wallet', file, '--network', 'mainnet'])
    expect(wrong.stderr).toMatch(/WRONG_NETWORK: the wallet is for devnet, not mainnet/)
  })

  it('imports a hex secret on the configured network', async () => {
    const file = join(dir, 'hex.json')
    const secret = toHex(devnetAccount(5).secretKey)
    const r = await run(['wallet', 'import', '--secret-hex', secret, '--wallet', file], {
      env: { ...PASS, SUPERNOVA_NETWORK: 'testnet' },
      homeDir: dir,
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/network {2}testnet\naddress {2}tnova1/)
    expect(r.stdout).not.toContain(secret)
  })

  it('creates a wallet with a passphrase asked twice on a terminal', async () => {
    const file = join(dir, 'prompted.json')
    const asked: string[] = []
    const prompt = async (m: string) => {
      asked.push(m)
      return 'a long enough passphrase'
    }
    const r = await run(['wallet', 'create', '--wallet', file, '--network', 'devnet'], { prompt })
    expect(r.code).toBe(0)
    expect(asked).toHaveLength(2)
    expect(r.stdout).toMatch(/address {2}dnova1/)
    let n = 0
    const differ = async () => (n++ === 0 ? 'first passphrase' : 'second passphrase')
    const bad = await run(['wallet', 'create', '--wallet', join(dir, 'x.json')], { prompt: differ })
    expect(bad.stderr).toMatch(/PASSPHRASE: the passphrases differ/)
  })

  it('refuses to prompt without a terminal when SUPERNOVA_PASSPHRASE is unset', async () => {
    const r = await run(['wallet', 'create', '--wallet', join(dir, 'nopass.json')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/set SUPERNOVA_PASSPHRASE or run in a terminal/)
  })
})
