/**
 * End to end through the real node: `supernova devnet` in a temp dir (every port 0), then the
 * CLI wallet takes faucet coins and coins of a prefunded account and pays a third wallet, all
 * through `supernova wallet …` / `supernova rpc …` against the node's JSON-RPC API.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { COIN, DEVNET } from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIo } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'
import { createRpcClient } from '../../src/rpc/client.js'
import { parseNova } from '../../src/wallet/amount.js'
import { run } from './helpers/io.js'

const dir = mkdtempSync(join(tmpdir(), 'sn-e2e-'))
const env = { SUPERNOVA_PASSPHRASE: 'correct horse battery staple' }
const wallets = {
  alice: join(dir, 'alice.json'),
  bob: join(dir, 'bob.json'),
  carol: join(dir, 'carol.json'),
}

/** `supernova devnet` running in this process, stopped through its signal handler. */
let nodeOutput = ''
let signal: ((s: 'SIGINT' | 'SIGTERM') => void) | undefined
let exited: Promise<number>
let apiUrl = ''

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(100)
  }
}

beforeAll(async () => {
  const out = new Writable({
    write(chunk, _enc, cb) {
      nodeOutput += chunk.toString()
      cb()
    },
  })
  const io: CliIo = {
    stdout: out,
    stderr: out,
    stdin: {},
    env: {},
    cwd: dir,
    homeDir: dir,
    promptSecret: () => Promise.reject(new Error('no prompt')),
    onSignal: (h) => {
      signal = h
      return () => {
        signal = undefined
      }
    },
    exit: (code) => {
      throw new Error(`forced exit ${code}`)
    },
  }
  const ports = ['--rpc-port', '0', '--p2p-port', '0', '--ws-port', '0', '--webrtc-port', '0']
  exited = main(['devnet', '--data-dir', join(dir, 'node'), ...ports, '--log-level', 'fatal'], io)
  apiUrl = await until(
    'the API line',
    async () => {
      const exitedEarly = await Promise.race([exited, sleep(0).then(() => undefined)])
      if (exitedEarly !== undefined) throw new Error(`devnet exited ${exitedEarly}: ${nodeOutput}`)
      return /API {7}(http:\/\/127\.0\.0\.1:\d+)/.exec(nodeOutput)?.[1]
    },
    60_000,
  )
}, 90_000)

afterAll(async () => {
  signal?.('SIGINT')
  expect(await exited).toBe(0)
  rmSync(dir, { recursive: true, force: true })
}, 60_000)

async function confirmedUnits(wallet: string): Promise<bigint> {
  const r = await run(['wallet', 'balance', '--wallet', wallet, '--rpc', apiUrl, '--json'])
  expect(r.stderr).toBe('')
  return BigInt(JSON.parse(r.stdout).confirmed)
}

function address(created: { stdout: string }): string {
  return /address {2}(\S+)/.exec(created.stdout)![1]!
}

describe('supernova devnet + wallet, end to end', () => {
  it('prints the API, the p2p multiaddrs and the prefunded accounts', () => {
    expect(nodeOutput).toMatch(/SuperNova devnet node running/)
    expect(nodeOutput).toMatch(/p2p {7}\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/12D3/)
    expect(nodeOutput).toMatch(/mining {4}on, 1 thread → dnova1/)
    expect(nodeOutput).toMatch(/ 0 {2}dnova1\S+ {2}1000000 NOVA/)
  })

  it('takes faucet coins and coins of devnet account 0, and pays a third wallet', async () => {
    expect(
      (await run(['wallet', 'import', '--devnet-account', '0', '--wallet', wallets.alice], { env }))
        .code,
    ).toBe(0)
    const bob = address(
      await run(['wallet', 'create', '--wallet', wallets.bob, '--network', 'devnet'], { env }),
    )
    const carol = address(
      await run(['wallet', 'create', '--wallet', wallets.carol, '--network', 'devnet'], { env }),
    )

    // Genesis coins are coinbase outputs: spendable after coinbaseMaturity blocks.
    const rpc = createRpcClient({ url: apiUrl })
    await until(
      `height ${DEVNET.coinbaseMaturity}`,
      async () =>
        (await rpc.call<{ height: number }>('getChainInfo')).height >= DEVNET.coinbaseMaturity
          ? true
          : undefined,
      90_000,
    )

    // 1. The faucet pays bob 5 NOVA.
    const faucet = await run([
      'rpc',
      'faucet',
      JSON.stringify({ address: bob, amount: (5n * COIN).toString() }),
      '--rpc',
      apiUrl,
    ])
    expect(faucet.stderr).toBe('')
    expect(JSON.parse(faucet.stdout).txid).toMatch(/^[0-9a-f]{64}$/)

    // 2. Alice (devnet account 0) pays bob 3.25 NOVA and waits for it to confirm.
    const aliceBefore = await confirmedUnits(wallets.alice)
    const sent = await run(
      [
        'wallet',
        'send',
        '--wallet',
        wallets.alice,
        '--to',
        bob,
        '--amount',
        '3.25',
        '--rpc',
        apiUrl,
        '--wait',
        '--timeout',
        '60',
      ],
      { env },
    )
    expect(sent.stderr).toMatch(/sent 3\.25 NOVA/)
    expect(sent.code).toBe(0)
    const fee = parseNova(/fee ([\d.]+) NOVA/.exec(sent.stderr)![1]!)
    expect(await confirmedUnits(wallets.alice)).toBe(aliceBefore - 325_000_000n - fee)
    const bobBalance = await until(
      'bob to hold 8.25 NOVA',
      async () => ((await confirmedUnits(wallets.bob)) === 825_000_000n ? true : undefined),
      60_000,
    )
    expect(bobBalance).toBe(true)

    // 3. Bob pays carol 6 NOVA out of the faucet's and alice's coins.
    const paid = await run(
      [
        'wallet',
        'send',
        '--wallet',
        wallets.bob,
        '--to',
        carol,
        '--amount',
        '6',
        '--rpc',
        apiUrl,
        '--wait',
        '--timeout',
        '60',
      ],
      { env },
    )
    expect(paid.stderr).toMatch(/sent 6 NOVA/)
    expect(paid.code).toBe(0)
    const bobFee = parseNova(/fee ([\d.]+) NOVA/.exec(paid.stderr)![1]!)
    expect(await confirmedUnits(wallets.carol)).toBe(6n * COIN)
    expect(await confirmedUnits(wallets.bob)).toBe(825_000_000n - 6n * COIN - bobFee)
  }, 240_000)

  it('authenticates admin calls with the data dir cookie', async () => {
    const denied = await run([
      'rpc',
      'setMining',
      '{"enabled":true}',
      '--rpc',
      apiUrl,
      '--data-dir',
      join(dir, 'elsewhere'),
    ])
    expect(denied.stderr).toMatch(/-32001/)
    const ok = await run([
      'rpc',
      'setMining',
      '{"enabled":true}',
      '--rpc',
      apiUrl,
      '--data-dir',
      join(dir, 'node'),
    ])
    expect(ok.stderr).toBe('')
    expect(JSON.parse(ok.stdout).mining).toBe(true)
  })
})
