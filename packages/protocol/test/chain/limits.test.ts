import { describe, expect, it } from 'vitest'
import { assembleBlock, createCoinbase } from '../../src/block/assembleBlock.js'
import { hashValidatorSet } from '../../src/block/commitments.js'
import { mineHeader } from '../../src/block/mineHeader.js'
import { createSignatureSchemes } from '../../src/crypto/schemes.js'
import { DEVNET } from '../../src/params/networks.js'
import type { ChainParams } from '../../src/params/types.js'
import { lockForPolicy } from '../../src/policy/codec.js'
import type { Policy } from '../../src/policy/types.js'
import { SparseMerkleTree } from '../../src/smt/SparseMerkleTree.js'
import type { MemoryChain } from '../../src/state/MemoryChain.js'
import { utxoKey, utxoValueHash } from '../../src/tx/hashes.js'
import {
  applyUtxoDiff,
  connectTransactions,
  UtxoCommitmentError,
} from '../../src/validation/connectTransactions.js'
import { ValidationError } from '../../src/validation/errors.js'
import { genesisHashBytes, verifyBlock } from '../../src/validation/verifyBlock.js'
import {
  alice,
  bob,
  COIN,
  coinsOf,
  forgeBlock,
  mineEmpty,
  miner,
  NOW,
  newChain,
  transfer,
} from './helpers.js'

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  return p.then(
    () => undefined,
    (e: unknown) => (e instanceof ValidationError ? e.code : String(e)),
  )
}

/** A chain where Alice holds `n` mature, non-coinbase coins. */
async function aliceWithCoins(params: ChainParams, n: number): Promise<MemoryChain> {
  const chain = await newChain(params)
  await mineEmpty(chain, params.coinbaseMaturity)
  const coin = coinsOf(chain, alice.lock)[0]!
  const each = (coin.entry.amount - 10_000n) / BigInt(n)
  const split = transfer({
    chain,
    coins: [{ ...coin, policy: alice.policy }],
    outputs: Array.from({ length: n }, () => ({ amount: each, lock: alice.lock })),
    signers: [alice],
  })
  await chain.connect(chain.buildBlock({ transactions: [split], rewardLock: miner.lock }), NOW)
  return chain
}

function payBob(chain: MemoryChain, coinIndexes: number[], policy: Policy = alice.policy) {
  const coins = coinsOf(chain, alice.lock)
  const picked = coinIndexes.map((i) => ({ ...coins[i]!, policy }))
  const total = picked.reduce((a, c) => a + c.entry.amount, 0n)
  return transfer({
    chain,
    coins: picked,
    outputs: [{ amount: total - 10_000n, lock: bob.lock }],
    signers: [alice],
  })
}

describe('signature-check limits (bounded validation time)', () => {
  it('TX_TOO_MANY_SIG_CHECKS: a transaction needing more checks than the limit', async () => {
    const chain = await aliceWithCoins({ ...DEVNET, maxTxSigChecks: 2 }, 3)
    expect(
      await codeOf(
        chain.connect(forgeBlock(chain, { transactions: [payBob(chain, [0, 1, 2])] }), NOW),
      ),
    ).toBe('TX_TOO_MANY_SIG_CHECKS')
    await chain.connect(forgeBlock(chain, { transactions: [payBob(chain, [0, 1])] }), NOW)
  })

  it('BLOCK_TOO_MANY_SIG_CHECKS: transactions within the limit that together exceed it', async () => {
    const chain = await aliceWithCoins({ ...DEVNET, maxBlockSigChecks: 2 }, 3)
    const txs = [payBob(chain, [0]), payBob(chain, [1]), payBob(chain, [2])]
    expect(await codeOf(chain.connect(forgeBlock(chain, { transactions: txs }), NOW))).toBe(
      'BLOCK_TOO_MANY_SIG_CHECKS',
    )
    await chain.connect(forgeBlock(chain, { transactions: txs.slice(0, 2) }), NOW)
  })

  it('counts a repeated key as often as the policy requires it', async () => {
    // and(key A, key A) needs two checks of the same signature: counted twice, verified once.
    const twice: Policy = { type: 'and', policies: [alice.policy, alice.policy] }
    const chain = await newChain({ ...DEVNET, maxTxSigChecks: 1 })
    await mineEmpty(chain, DEVNET.coinbaseMaturity)
    const coin = coinsOf(chain, alice.lock)[0]!
    const fund = transfer({
      chain,
      coins: [{ ...coin, policy: alice.policy }],
      outputs: [{ amount: coin.entry.amount - 10_000n, lock: lockForPolicy(twice) }],
      signers: [alice],
    })
    await chain.connect(chain.buildBlock({ transactions: [fund], rewardLock: miner.lock }), NOW)
    const locked = coinsOf(chain, lockForPolicy(twice))[0]!
    const spend = transfer({
      chain,
      coins: [{ ...locked, policy: twice }],
      outputs: [
        { amount: COIN, lock: bob.lock },
        { amount: locked.entry.amount - COIN - 10_000n, lock: alice.lock },
      ],
      signers: [alice],
    })
    expect(await codeOf(chain.connect(forgeBlock(chain, { transactions: [spend] }), NOW))).toBe(
      'TX_TOO_MANY_SIG_CHECKS',
    )
  })
})

describe('coinbase and UTXO-commitment cross-checks', () => {
  it('TX_COINBASE_BAD_LOCKTIME: a coinbase must have locktime 0', async () => {
    const chain = await newChain()
    const cb = { ...createCoinbase({ height: 1, outputs: [] }), locktime: 5 }
    expect(await codeOf(chain.connect(forgeBlock(chain, { coinbase: cb }), NOW))).toBe(
      'TX_COINBASE_BAD_LOCKTIME',
    )
  })

  it('connectTransactions applies every input rule to a non-coinbase first transaction', async () => {
    const chain = await newChain()
    await mineEmpty(chain, DEVNET.coinbaseMaturity)
    const t = payBob(chain, [0])
    const forged = {
      ...t,
      inputs: [
        { prevout: { txid: new Uint8Array(32).fill(9), vout: 0 }, sequence: t.inputs[0]!.sequence },
      ],
    }
    expect(() =>
      connectTransactions({
        transactions: [forged],
        txids: [new Uint8Array(32)],
        height: chain.height + 1,
        medianTimePast: chain.medianTimePast(),
        params: DEVNET,
        genesisHash: genesisHashBytes(DEVNET),
        utxos: chain.utxos,
      }),
    ).toThrow(expect.objectContaining({ code: 'TX_MISSING_INPUT' }))
  })

  it('BLOCK_DUPLICATE_OUTPUT: an outpoint cannot be created while it exists', () => {
    const outpoint = { txid: new Uint8Array(32).fill(1), vout: 0 }
    const entry = { amount: COIN, lock: alice.lock, height: 1, coinbase: false }
    const tree = SparseMerkleTree.EMPTY.set(utxoKey(outpoint), utxoValueHash(entry))
    expect(() => applyUtxoDiff(tree, { created: [{ outpoint, entry }], spent: [] })).toThrow(
      expect.objectContaining({ code: 'BLOCK_DUPLICATE_OUTPUT' }),
    )
  })

  it('refuses to spend an entry the commitment does not hold, or holds with another value', () => {
    const outpoint = { txid: new Uint8Array(32).fill(2), vout: 3 }
    const entry = { amount: COIN, lock: alice.lock, height: 1, coinbase: false }
    expect(() =>
      applyUtxoDiff(SparseMerkleTree.EMPTY, { created: [], spent: [{ outpoint, entry }] }),
    ).toThrow(UtxoCommitmentError)
    const tree = SparseMerkleTree.EMPTY.set(utxoKey(outpoint), utxoValueHash(entry))
    expect(() =>
      applyUtxoDiff(tree, {
        created: [],
        spent: [{ outpoint, entry: { ...entry, amount: 2n * COIN } }],
      }),
    ).toThrow(UtxoCommitmentError)
  })

  it("verifyBlock refuses a UTXO commitment that is not the parent's", async () => {
    const chain = await newChain()
    const block = chain.buildBlock({ rewardLock: miner.lock })
    const err = await verifyBlock({
      block,
      parent: { header: chain.tip.header, hash: chain.tip.hash },
      recentTimestamps: chain.recentTimestamps(),
      params: DEVNET,
      now: NOW,
      utxos: chain.utxos,
      utxoTree: SparseMerkleTree.EMPTY,
      schemes: createSignatureSchemes(),
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UtxoCommitmentError)
  })
})

describe('block assembly applies the body rules', () => {
  it('refuses a timestamp not after the median time past and a structurally invalid transaction', async () => {
    const chain = await newChain()
    await mineEmpty(chain, DEVNET.coinbaseMaturity)
    const base = {
      params: DEVNET,
      parent: { header: chain.tip.header, hash: chain.tip.hash },
      recentTimestamps: chain.recentTimestamps(),
      rewardLock: miner.lock,
      utxos: chain.utxos,
      utxoTree: chain.utxos.tree,
    }
    expect(() =>
      assembleBlock({ ...base, timestamp: chain.medianTimePast(), transactions: [] }),
    ).toThrow(expect.objectContaining({ code: 'HEADER_TIME_TOO_OLD' }))
    const dust = { ...payBob(chain, [0]), outputs: [{ amount: 1n, lock: bob.lock }] }
    expect(() =>
      assembleBlock({
        ...base,
        timestamp: chain.tip.header.timestamp + 1000,
        transactions: [dust],
      }),
    ).toThrow(expect.objectContaining({ code: 'TX_OUTPUT_DUST' }))
  })
})

describe('commitment helpers', () => {
  it('hashValidatorSet is independent of order (scheme, then key) and refuses duplicates', () => {
    const key = new Uint8Array(32).fill(5)
    const a = { key: { scheme: 'ed25519' as const, publicKey: key }, stake: 10n }
    const b = { key: { scheme: 'secp256k1' as const, publicKey: key }, stake: 20n }
    expect(hashValidatorSet([a, b])).toEqual(hashValidatorSet([b, a]))
    expect(() => hashValidatorSet([a, a])).toThrow(RangeError)
  })

  it('mineHeader never wraps the 64-bit nonce', async () => {
    const chain = await newChain({ ...DEVNET })
    const header = { ...chain.buildBlock({ rewardLock: miner.lock }).header, bits: 0x1d00ffff }
    expect(mineHeader({ header, startNonce: 2n ** 64n - 2n, maxAttempts: 100 })).toBeUndefined()
  })
})
