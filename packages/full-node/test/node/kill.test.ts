import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { ed25519 } from '@noble/curves/ed25519.js'
import { COIN, encodeAddress, lockForPolicy } from '@supernova/protocol'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/chain.js'
import { rpc, until } from '../helpers/rpc.js'

/** A real `supernova devnet` process, SIGKILLed and restarted on the same data directory. */
const dir = tempDir()
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
  dir.cleanup()
})

const MAIN = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js')

function startDevnet(): Promise<{ child: ChildProcess; api: string }> {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      'devnet',
      '--data-dir',
      dir.path,
      '--rpc-port',
      '0',
      '--p2p-port',
      '0',
      '--ws-port',
      '0',
      '--webrtc-port',
      '0',
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`devnet did not start: ${out}`)), 30_000)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = out.match(/API\s+(http:\/\/127\.0\.0\.1:\d+)/)
      if (m) {
        clearTimeout(timer)
        resolve({ child, api: m[1]! })
      }
    })
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => reject(new Error(`devnet exited with ${code}: ${out}`)))
  })
}

describe('a SIGKILLed node', () => {
  it('restarts with its chain and balances intact, and keeps mining', async () => {
    const first = await startDevnet()
    await until(
      'mature faucet coins',
      async () => (await rpc(first.api, 'getChainInfo')).height >= 11,
    )
    const address = encodeAddress({
      network: 'devnet',
      lock: lockForPolicy({
        type: 'key',
        key: { scheme: 'ed25519', publicKey: ed25519.getPublicKey(new Uint8Array(32).fill(7)) },
      }),
    })
    await rpc(first.api, 'faucet', { address, amount: (7n * COIN).toString() })
    await until(
      'the payment to confirm',
      async () =>
        (await rpc(first.api, 'getBalance', { address })).confirmed === (7n * COIN).toString(),
    )
    const before = await rpc(first.api, 'getChainInfo')
    first.child.kill('SIGKILL')
    await new Promise((r) => first.child.once('exit', r))

    const second = await startDevnet()
    const after = await rpc(second.api, 'getChainInfo')
    expect(after.height).toBeGreaterThanOrEqual(before.height)
    expect(after.genesisHash).toBe(before.genesisHash)
    expect((await rpc(second.api, 'getBalance', { address })).confirmed).toBe(
      (7n * COIN).toString(),
    )
    await until(
      'mining to continue',
      async () => (await rpc(second.api, 'getChainInfo')).height > after.height,
    )
    second.child.kill('SIGTERM')
    await new Promise((r) => second.child.once('exit', r))
  }, 120_000)
})
