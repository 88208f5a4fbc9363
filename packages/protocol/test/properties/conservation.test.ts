import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { coinbaseOutputs, createCoinbase } from '../../src/block/assembleBlock.js'
import { issuedThrough } from '../../src/economics/supply.js'
import { devnetAccount } from '../../src/params/devnetAccounts.js'
import { DEVNET } from '../../src/params/networks.js'
import { COIN } from '../../src/params/types.js'
import type { MemoryChain } from '../../src/state/MemoryChain.js'
import type { Transaction } from '../../src/tx/types.js'
import { ValidationError } from '../../src/validation/errors.js'
import { coinsOf, forgeBlock, NOW, newChain, transfer } from '../chain/helpers.js'

const accounts = [0, 1, 2, 3, 4].map(devnetAccount)
// A cap low enough that it binds during each run (at about height 460 of 500): allocations
// (10 M NOVA) + 18,000 NOVA, with 50 NOVA subsidies halving every 300 blocks.
const params = {
  ...DEVNET,
  maxSupply: DEVNET.genesis.allocations.reduce((a, x) => a + x.amount, 0n) + 18_000n * COIN,
  halvingInterval: 300,
}

type Step = {
  payments: { from: number; to: number; permille: number; fee: number }[]
  attack: 'none' | 'overclaim' | 'inflateOutput' | 'stealFee'
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  payments: fc.array(
    fc.record({
      from: fc.nat(4),
      to: fc.nat(4),
      permille: fc.integer({ min: 1, max: 999 }),
      fee: fc.nat(60_000),
    }),
    { maxLength: 3 },
  ),
  attack: fc.constantFrom('none', 'none', 'none', 'overclaim', 'inflateOutput', 'stealFee'),
})

function totalOutputs(tx: Transaction): bigint {
  return tx.outputs.reduce((a, o) => a + o.amount, 0n)
}

function payments(chain: MemoryChain, step: Step): Transaction[] {
  const used = new Set<number>()
  const txs: Transaction[] = []
  for (const p of step.payments) {
    if (used.has(p.from)) continue
    const from = accounts[p.from]!
    const coin = coinsOf(chain, from.lock).at(-1)
    if (!coin) continue
    const fee = BigInt(p.fee)
    const amount = (coin.entry.amount * BigInt(p.permille)) / 1000n
    const change = coin.entry.amount - amount - fee
    if (amount < params.dustThreshold || change < params.dustThreshold) continue
    used.add(p.from)
    txs.push(
      transfer({
        chain,
        coins: [{ ...coin, policy: from.policy }],
        outputs: [
          { amount, lock: accounts[p.to]!.lock },
          { amount: change, lock: from.lock },
        ],
        signers: [from],
      }),
    )
  }
  return txs
}

async function expectRejected(
  chain: MemoryChain,
  build: () => ReturnType<typeof forgeBlock>,
): Promise<void> {
  const root = chain.utxos.tree.root
  const total = chain.utxos.total()
  await expect(chain.connect(build(), NOW)).rejects.toBeInstanceOf(ValidationError)
  expect(chain.utxos.tree.root).toEqual(root)
  expect(chain.utxos.total()).toBe(total)
}

describe('conservation (seed 003): no valid transition creates value; supply never exceeds the schedule', () => {
  it('holds over thousands of random blocks with random payments and value-creating attacks', async () => {
    let blocks = 0
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 500, maxLength: 500 }), async (steps) => {
        const chain = await newChain(params)
        for (const step of steps) {
          const height = chain.height + 1
          const txs = payments(chain, step)
          if (step.attack === 'overclaim') {
            // Coinbase claims one unit more than subsidy + fees.
            const outs = coinbaseOutputs({
              params,
              height,
              fees: 0n,
              rewardLock: accounts[0]!.lock,
            })
            const claim = (outs[0]?.amount ?? 0n) + 1n
            await expectRejected(chain, () =>
              forgeBlock(chain, {
                coinbase: createCoinbase({
                  height,
                  outputs: [
                    {
                      amount: claim < params.dustThreshold ? params.dustThreshold : claim,
                      lock: accounts[0]!.lock,
                    },
                  ],
                }),
              }),
            )
          } else if (step.attack === 'inflateOutput' && txs.length > 0) {
            // A signed payment with its first output raised: both value creation and a bad signature.
            const t = txs[0]!
            const forged = {
              ...t,
              outputs: [
                { ...t.outputs[0]!, amount: t.outputs[0]!.amount + 1n },
                ...t.outputs.slice(1),
              ],
            }
            await expectRejected(chain, () => forgeBlock(chain, { transactions: [forged] }))
          } else if (step.attack === 'stealFee' && txs.length > 0) {
            // The miner takes every fee plus one unit.
            await expectRejected(chain, () =>
              forgeBlock(chain, { transactions: txs, fees: 10n ** 12n }),
            )
          }
          const inputValue = txs.map((t) =>
            t.inputs.reduce((a, i) => a + (chain.utxos.get(i.prevout)?.amount ?? 0n), 0n),
          )
          const before = chain.utxos.total()
          const conn = await chain.connect(
            chain.buildBlock({ transactions: txs, rewardLock: accounts[blocks % 5]!.lock }),
            NOW,
          )
          blocks++
          const after = chain.utxos.total()
          // Value accounting of the transition: the set grows by exactly what the coinbase paid,
          // and that is at most subsidy + fees.
          const coinbasePaid = conn.created
            .filter((c) => c.entry.coinbase)
            .reduce((a, c) => a + c.entry.amount, 0n)
          expect(after - before).toBe(coinbasePaid - conn.fees)
          expect(coinbasePaid <= conn.subsidy + conn.fees).toBe(true)
          for (const [i, t] of txs.entries()) expect(totalOutputs(t) <= inputValue[i]!).toBe(true)
          expect(after <= issuedThrough(params, chain.height)).toBe(true)
          expect(after <= params.maxSupply).toBe(true)
        }
        expect(issuedThrough(params, chain.height)).toBe(params.maxSupply)
      }),
      { numRuns: 4 },
    )
    expect(blocks).toBeGreaterThanOrEqual(2_000)
  }, 600_000)
})
