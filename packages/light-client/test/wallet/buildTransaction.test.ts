import {
  COIN,
  computeTransactionIds,
  createSignatureSchemes,
  DEVNET,
  devnetAccount,
  encodeAddress,
  equalBytes,
  genesisHashBytes,
  initHashing,
  MAINNET,
  MemoryChain,
  outpointKey,
  signTransaction,
  type Transaction,
  verifySignatures,
  verifyTransactionInputs,
  verifyTransactionStructure,
} from '@supernova/protocol'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildTransaction, type SpendableUtxo } from '../../src/wallet/buildTransaction.js'
import { createWallet } from '../../src/wallet/createWallet.js'
import { CoinSelectionError, TransactionBuildError } from '../../src/wallet/errors.js'
import type { Wallet } from '../../src/wallet/wallet.js'
import { MemoryWalletStore } from './memoryWalletStore.js'
import { seededRandom } from './walletFixtures.js'

const NOW = DEVNET.genesis.timestamp + 86_400_000
const schemes = createSignatureSchemes()
const faucet = devnetAccount(0)
const faucetAddress = encodeAddress({ network: 'devnet', lock: faucet.lock })
const stranger = encodeAddress({ network: 'devnet', lock: devnetAccount(5).lock })
let chain: MemoryChain
let ed: Wallet
let k1: Wallet

/** The chain's coins `wallet` can spend. */
function coinsOf(wallet: Wallet): SpendableUtxo[] {
  const all = [...chain.utxos.all()].map((u) => ({
    outpoint: u.outpoint,
    amount: u.entry.amount,
    lock: u.entry.lock,
  }))
  return wallet.spendable({ utxos: all })
}

/** Checks `tx` exactly as the node's mempool would, then mines and connects it. */
async function acceptAndMine(
  tx: Transaction,
  expected: { fee: bigint; size: number; feeRate: bigint },
) {
  const { size } = computeTransactionIds(tx)
  expect(size).toBe(expected.size)
  verifyTransactionStructure({ tx, size, params: DEVNET })
  const { fee, signatures } = verifyTransactionInputs({
    tx,
    utxos: chain.utxos,
    height: chain.height + 1,
    medianTimePast: chain.medianTimePast(),
    params: DEVNET,
    genesisHash: genesisHashBytes(DEVNET),
  })
  await verifySignatures(schemes, signatures)
  expect(fee).toBe(expected.fee)
  // The mempool's floor check: fee ≥ rate × encoded size.
  expect(fee >= expected.feeRate * BigInt(size)).toBe(true)
  expect(fee >= DEVNET.mempool.minFeeRate * BigInt(size)).toBe(true)
  await chain.connect(
    chain.buildBlock({ transactions: [tx], rewardLock: devnetAccount(9).lock }),
    NOW,
  )
}

beforeAll(async () => {
  await initHashing()
  chain = new MemoryChain(DEVNET, schemes)
  // Genesis allocations are coinbase outputs: mature after `coinbaseMaturity` blocks.
  for (let i = 0; i < DEVNET.coinbaseMaturity; i++)
    await chain.connect(chain.buildBlock({ rewardLock: devnetAccount(9).lock }), NOW)
  const mnemonic = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
  const common = { network: 'devnet', password: 'pw for tests', mnemonic } as const
  ed = (await createWallet({ ...common, store: new MemoryWalletStore() })).wallet
  k1 = (await createWallet({ ...common, store: new MemoryWalletStore(), scheme: 'secp256k1' }))
    .wallet
  // Fund both wallets from the faucet with a transaction this builder makes and the protocol signs.
  const amounts = [3n, 7n, 1n, 12n, 5n, 2n].map((n) => n * COIN)
  const outputs = [ed, k1].flatMap((w) =>
    w
      .addresses()
      .filter((a) => a.chain === 'receive')
      .slice(0, 6)
      .map((a, i) => ({ address: a.address, amount: amounts[i]! + BigInt(i) })),
  )
  const faucetCoins = [...chain.utxos.all()]
    .filter((u) => equalBytes(u.entry.lock.policyHash, faucet.lock.policyHash))
    .map((u) => ({
      outpoint: u.outpoint,
      amount: u.entry.amount,
      lock: u.entry.lock,
      policy: faucet.policy,
    }))
  const built = buildTransaction({
    utxos: faucetCoins,
    outputs,
    change: { address: faucetAddress, policy: faucet.policy },
    feeRate: 2n,
    params: DEVNET,
    random: seededRandom(1),
  })
  const signed = signTransaction({
    tx: built.tx,
    spent: built.spent,
    genesisHash: genesisHashBytes(DEVNET),
    sign: (key, message) =>
      equalBytes(key.publicKey, faucet.publicKey)
        ? schemes.ed25519.sign(message, faucet.secretKey)
        : undefined,
  })
  await acceptAndMine(signed, { fee: built.fee, size: built.size, feeRate: 2n })
})

describe('buildTransaction → wallet.signTransaction → the node’s rules', () => {
  for (const name of ['ed25519', 'secp256k1'] as const) {
    it(`${name} wallet: pays, returns change ≥ dust, and the block connects`, async () => {
      const wallet = name === 'ed25519' ? ed : k1
      const coins = coinsOf(wallet)
      expect(coins).toHaveLength(6)
      const change = await wallet.changeAddress()
      const built = buildTransaction({
        utxos: coins,
        outputs: [{ address: stranger, amount: 15n * COIN + 1234n }],
        change,
        feeRate: 3n,
        params: DEVNET,
        random: seededRandom(42),
      })
      expect(built.change?.amount).toBeGreaterThanOrEqual(DEVNET.dustThreshold)
      expect(built.fee).toBe(3n * BigInt(built.size))
      const signed = wallet.signTransaction({ tx: built.tx, spent: built.spent })
      await acceptAndMine(signed, { fee: built.fee, size: built.size, feeRate: 3n })
      const { txid } = computeTransactionIds(signed)
      const changeCoin = chain.utxos.get({ txid, vout: built.change!.vout })
      expect(changeCoin?.lock).toEqual(change.lock)
      for (const input of built.tx.inputs) expect(chain.utxos.get(input.prevout)).toBeUndefined()
    })
  }

  it('a changeless spend (branch-and-bound) pays the excess as fee and connects', async () => {
    const coins = coinsOf(ed)
    const coin = coins.reduce((a, b) => (a.amount < b.amount ? a : b))
    const feeRate = 1n
    // Size of a one-input, one-output transfer, then aim just under the coin's value.
    const probe = buildTransaction({
      utxos: [coin],
      outputs: [{ address: stranger, amount: 1_000n }],
      change: await ed.changeAddress(),
      feeRate,
      params: DEVNET,
    })
    const sizeWithout = probe.size - 41
    const amount = coin.amount - BigInt(sizeWithout) - 50n
    const built = buildTransaction({
      utxos: coins,
      outputs: [{ address: stranger, amount }],
      change: await ed.changeAddress(),
      feeRate,
      params: DEVNET,
      random: seededRandom(3),
    })
    expect(built.algorithm).toBe('bnb')
    expect(built.change).toBeUndefined()
    expect(built.inputs).toEqual([coin])
    expect(built.fee).toBe(BigInt(built.size) + 50n)
    await acceptAndMine(ed.signTransaction(built), { fee: built.fee, size: built.size, feeRate })
  })

  it('is deterministic for a given random source', async () => {
    const params = {
      utxos: coinsOf(k1),
      outputs: [{ address: stranger, amount: COIN }],
      change: await k1.changeAddress(),
      feeRate: 2n,
      params: DEVNET,
    }
    const a = buildTransaction({ ...params, random: seededRandom(9) })
    const b = buildTransaction({ ...params, random: seededRandom(9) })
    expect(a.tx).toEqual(b.tx)
    expect(a.tx.inputs.length).toBeGreaterThan(0)
  })
})

describe('buildTransaction validation', () => {
  async function base() {
    return {
      utxos: coinsOf(k1),
      outputs: [{ address: stranger, amount: COIN }],
      change: await k1.changeAddress(),
      feeRate: 2n,
      params: DEVNET,
    }
  }
  function codeOf(fn: () => unknown): {
    code?: string
    details?: Readonly<Record<string, unknown>>
  } {
    try {
      fn()
    } catch (e) {
      if (e instanceof TransactionBuildError || e instanceof CoinSelectionError)
        return { code: e.code, details: e.details }
      throw e
    }
    return {}
  }

  it('recipient addresses: garbage, bad checksum, another network', async () => {
    const p = await base()
    const mainnet = encodeAddress({ network: 'mainnet', lock: devnetAccount(5).lock })
    expect(
      codeOf(() => buildTransaction({ ...p, outputs: [{ address: 'hello', amount: COIN }] })).code,
    ).toBe('INVALID_ADDRESS')
    const typo = `${stranger.slice(0, -1)}${stranger.endsWith('q') ? 'p' : 'q'}`
    expect(
      codeOf(() => buildTransaction({ ...p, outputs: [{ address: typo, amount: COIN }] })).details
        ?.reason,
    ).toBe('INVALID_CHECKSUM')
    const wrong = codeOf(() =>
      buildTransaction({ ...p, outputs: [{ address: mainnet, amount: COIN }] }),
    )
    expect(wrong).toMatchObject({ code: 'INVALID_ADDRESS', details: { reason: 'WRONG_NETWORK' } })
    expect(
      codeOf(() => buildTransaction({ ...p, change: { ...p.change, address: mainnet } })).code,
    ).toBe('INVALID_ADDRESS')
    expect(
      codeOf(() =>
        buildTransaction({ ...p, change: { address: stranger, policy: p.change.policy } }),
      ).details?.reason,
    ).toBe('CHANGE_POLICY_MISMATCH')
  })

  it('amounts: zero, negative, dust, above the balance', async () => {
    const p = await base()
    const pay = (amount: bigint) =>
      codeOf(() => buildTransaction({ ...p, outputs: [{ address: stranger, amount }] }))
    expect(pay(0n).code).toBe('INVALID_AMOUNT')
    expect(pay(-5n).code).toBe('INVALID_AMOUNT')
    expect(pay(DEVNET.dustThreshold - 1n).code).toBe('AMOUNT_BELOW_DUST')
    expect(pay(MAINNET.maxSupply + 1n).code).toBe('INVALID_AMOUNT')
    const balance = p.utxos.reduce((s, u) => s + u.amount, 0n)
    const short = pay(balance)
    expect(short.code).toBe('INSUFFICIENT_FUNDS')
    expect(short.details?.available).toBe(balance)
    expect(short.details?.needed as bigint).toBeGreaterThan(balance)
    expect(codeOf(() => buildTransaction({ ...p, outputs: [] })).code).toBe('NO_OUTPUTS')
  })

  it('fee rate below the relay floor, duplicate and mismatched coins', async () => {
    const p = await base()
    expect(codeOf(() => buildTransaction({ ...p, feeRate: 0n })).code).toBe('INVALID_FEE_RATE')
    expect(codeOf(() => buildTransaction({ ...p, utxos: [...p.utxos, p.utxos[0]!] })).code).toBe(
      'DUPLICATE_UTXO',
    )
    const alien = { ...p.utxos[0]!, policy: faucet.policy }
    expect(codeOf(() => buildTransaction({ ...p, utxos: [alien] })).code).toBe(
      'UTXO_POLICY_MISMATCH',
    )
    const keys = new Set(p.utxos.map((u) => outpointKey(u.outpoint)))
    expect(keys.size).toBe(p.utxos.length)
  })
})
