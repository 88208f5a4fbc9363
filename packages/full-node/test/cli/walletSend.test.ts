import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { COIN, DEVNET } from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devnetAddress } from '../../src/cli/commands/devnetCommand.js'
import { run } from './helpers/io.js'
import { closedPortUrl, type MemoryNode, startMemoryNode } from './helpers/memoryNode.js'

const dir = mkdtempSync(join(tmpdir(), 'sn-send-'))
const env = { SUPERNOVA_PASSPHRASE: 'correct horse battery staple' }
let node: MemoryNode
const alice = join(dir, 'alice.json')
const bob = join(dir, 'bob.json')
let bobAddress = ''

beforeAll(async () => {
  node = await startMemoryNode()
  expect(
    (await run(['wallet', 'import', '--devnet-account', '0', '--wallet', alice], { env })).code,
  ).toBe(0)
  const created = await run(['wallet', 'create', '--wallet', bob, '--network', 'devnet'], { env })
  bobAddress = /address {2}(\S+)/.exec(created.stdout)![1]!
})
afterAll(async () => {
  await node.close()
  rmSync(dir, { recursive: true, force: true })
})

const balanceOf = async (wallet: string) => {
  const r = await run(['wallet', 'balance', '--wallet', wallet, '--rpc', node.url, '--json'])
  expect(r.stderr).toBe('')
  return JSON.parse(r.stdout) as { confirmed: string; utxoCount: number }
}

describe('supernova wallet send (against a validating in-memory node)', () => {
  it('pays a second wallet; the block with the transfer passes full validation', async () => {
    const before = BigInt((await balanceOf(alice)).confirmed)
    expect(before).toBe(1_000_000n * COIN)
    expect((await balanceOf(bob)).confirmed).toBe('0')
    const sent = await run(
      [
        'wallet',
        'send',
        '--wallet',
        alice,
        '--to',
        bobAddress,
        '--amount',
        '12.5',
        '--rpc',
        node.url,
        '--wait',
      ],
      { env },
    )
    expect(sent.stderr).toMatch(/sent 12\.5 NOVA to dnova1/)
    expect(sent.code).toBe(0)
    const txid = sent.stdout.split('\n')[0]!
    expect(txid).toMatch(/^[0-9a-f]{64}$/)
    expect(sent.stdout).toContain('confirmations: 1/1')
    // The node mined it (MemoryChain.connect verified signatures, amounts, maturity).
    const block = node.chain.tip.connection!
    expect(block.txids.map((t) => Buffer.from(t).toString('hex'))).toContain(txid)
    const tx = node.chain.utxos.get({ txid: Buffer.from(txid, 'hex'), vout: 0 })!
    expect(tx.amount).toBe(1_250_000_000n)
    expect(BigInt((await balanceOf(bob)).confirmed)).toBe(1_250_000_000n)
    // Alice paid the amount plus exactly feeRate (2) × the transaction's size.
    const after = BigInt((await balanceOf(alice)).confirmed)
    const fee = before - after - 1_250_000_000n
    const feeLine = /fee ([\d.]+) NOVA \((\d+) bytes at 2\/byte\)/.exec(sent.stderr)!
    expect(fee).toBe(2n * BigInt(feeLine[2]!))
  })

  it('sends everything back with dust change folded into the fee', async () => {
    const r = await run(['wallet', 'balance', '--wallet', bob, '--rpc', node.url])
    expect(r.stdout).toMatch(/confirmed {4}12\.5 NOVA/)
    // Leave 700 units: enough for a one-output fee at 2/byte (~2 × 200 bytes) but change after a
    // two-output fee would be below the 546-unit dust threshold.
    const sent = await run(
      [
        'wallet',
        'send',
        '--wallet',
        bob,
        '--to',
        devnetAddress(0),
        '--amount',
        '12.49999300',
        '--rpc',
        node.url,
      ],
      { env },
    )
    expect(sent.code).toBe(0)
    expect(sent.stderr).toMatch(/fee 0\.000007 NOVA .*change 0 NOVA/)
    expect((await balanceOf(bob)).confirmed).toBe('0')
    const block = node.chain.tip.connection!
    expect(block.txids).toHaveLength(2)
    expect(block.fees).toBe(700n)
    expect(block.created.filter((c) => c.outpoint.vout > 0 && c.entry.coinbase === false)).toEqual(
      [],
    )
  })

  it('refuses what it cannot pay, before asking for the passphrase', async () => {
    const cases: [string[], RegExp][] = [
      [['--amount', '2000000'], /INSUFFICIENT_FUNDS/],
      [['--amount', '0.000001'], /AMOUNT_BELOW_DUST/],
      [['--amount', '0'], /--amount must be more than 0/],
      [['--amount', '1.123456789'], /TOO_MANY_DECIMALS/],
      [['--amount', '1', '--fee-rate', '0'], /--fee-rate: below the relay minimum/],
    ]
    for (const [extra, message] of cases) {
      // No SUPERNOVA_PASSPHRASE and no TTY: reaching the passphrase step would fail differently.
      const r = await run([
        'wallet',
        'send',
        '--wallet',
        alice,
        '--to',
        bobAddress,
        '--rpc',
        node.url,
        ...extra,
      ])
      expect(r.stderr, extra.join(' ')).toMatch(message)
      expect(r.code).not.toBe(0)
    }
    const mainnetTo = await run([
      'wallet',
      'send',
      '--wallet',
      alice,
      '--to',
      'nova1qqqq',
      '--amount',
      '1',
      '--rpc',
      node.url,
    ])
    expect(mainnetTo.code).toBe(2)
    expect(mainnetTo.stderr).toMatch(/--to: /)
  })

  it('refuses while a payment from the wallet is unconfirmed (no accidental replacement)', async () => {
    node.pendingDelta = '-100000'
    try {
      const r = await run(
        [
          'wallet',
          'send',
          '--wallet',
          alice,
          '--to',
          bobAddress,
          '--amount',
          '1',
          '--rpc',
          node.url,
        ],
        { env },
      )
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(
        /PENDING_SPEND: a payment from this wallet \(-0\.001 NOVA\) is unconfirmed/,
      )
    } finally {
      node.pendingDelta = '0'
    }
  })

  it('rejects a wrong passphrase without sending anything', async () => {
    const height = node.chain.height
    const r = await run(
      ['wallet', 'send', '--wallet', alice, '--to', bobAddress, '--amount', '1', '--rpc', node.url],
      { env: { SUPERNOVA_PASSPHRASE: 'not the passphrase' } },
    )
    expect(r.stderr).toMatch(/WRONG_PASSPHRASE/)
    expect(node.chain.height).toBe(height)
  })

  it('refuses a node on another network', async () => {
    const testnetWallet = join(dir, 'testnet.json')
    await run(
      [
        'wallet',
        'import',
        '--secret-hex',
        '11'.repeat(32),
        '--network',
        'testnet',
        '--wallet',
        testnetWallet,
      ],
      { env },
    )
    const r = await run(['wallet', 'balance', '--wallet', testnetWallet, '--rpc', node.url])
    expect(r.stderr).toMatch(/WRONG_NETWORK: the node at .* serves devnet/)
  })

  it('spends only mature coins (fresh coinbase outputs are skipped)', async () => {
    const miner = join(dir, 'miner.json')
    await run(['wallet', 'import', '--devnet-account', '9', '--wallet', miner], { env })
    // Account 9 holds its genesis allocation and every block reward, the newest ones immature;
    // the largest coin is the genesis allocation, so ask for more than it holds.
    const r = await run(
      [
        'wallet',
        'send',
        '--wallet',
        miner,
        '--to',
        bobAddress,
        '--amount',
        '1000010',
        '--rpc',
        node.url,
      ],
      { env },
    )
    expect(r.code).toBe(0)
    const { spent } = node.chain.tip.connection!
    const tip = node.chain.height
    expect(spent.length).toBeGreaterThan(1)
    for (const { entry } of spent)
      if (entry.coinbase) expect(tip - entry.height).toBeGreaterThanOrEqual(DEVNET.coinbaseMaturity)
  })

  it('reports an unreachable node clearly', async () => {
    const r = await run(['wallet', 'balance', '--wallet', alice, '--rpc', await closedPortUrl()])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/NODE_UNREACHABLE: no node at .* — is it running\?/)
  })
})
