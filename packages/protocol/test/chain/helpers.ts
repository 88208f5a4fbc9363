import { ed25519 } from '@noble/curves/ed25519.js'
import { coinbaseOutputs, createCoinbase } from '../../src/block/assembleBlock.js'
import type { Block } from '../../src/block/block.js'
import { computeFilterHash, computeTxRoot } from '../../src/block/commitments.js'
import { HEADER_VERSION, type Header } from '../../src/block/header.js'
import { mineHeader } from '../../src/block/mineHeader.js'
import { utf8 } from '../../src/bytes.js'
import { createSignatureSchemes } from '../../src/crypto/schemes.js'
import { hash, initHashing } from '../../src/hash/blake3.js'
import { type DevnetAccount, devnetAccount } from '../../src/params/devnetAccounts.js'
import { DEVNET } from '../../src/params/networks.js'
import type { ChainParams } from '../../src/params/types.js'
import { COIN } from '../../src/params/types.js'
import type { Lock, Policy } from '../../src/policy/types.js'
import { SEQUENCE_FINAL } from '../../src/policy/types.js'
import { MemoryChain } from '../../src/state/MemoryChain.js'
import { computeTransactionIds } from '../../src/tx/hashes.js'
import { signTransaction } from '../../src/tx/signTransaction.js'
import {
  type OutPoint,
  type Transaction,
  TX_VERSION,
  type TxOutput,
  type UtxoEntry,
} from '../../src/tx/types.js'
import { applyUtxoDiff, connectTransactions } from '../../src/validation/connectTransactions.js'
import { genesisHashBytes } from '../../src/validation/verifyBlock.js'
import { nextRandomness, requiredBits } from '../../src/validation/verifyHeader.js'

/** Far enough ahead that no generated block is "too new", unless a test says so. */
export const NOW = DEVNET.genesis.timestamp + 365 * 86_400_000

export async function newChain(params: ChainParams = DEVNET): Promise<MemoryChain> {
  await initHashing()
  return new MemoryChain(params, createSignatureSchemes())
}

export const alice: DevnetAccount = devnetAccount(0)
export const bob: DevnetAccount = devnetAccount(1)
export const miner: DevnetAccount = devnetAccount(9)

/** Mines `n` empty blocks paying `to`. */
export async function mineEmpty(
  chain: MemoryChain,
  n: number,
  to: Lock = miner.lock,
): Promise<void> {
  for (let i = 0; i < n; i++) await chain.connect(chain.buildBlock({ rewardLock: to }), NOW)
}

export type Coin = { outpoint: OutPoint; entry: UtxoEntry }

/** Unspent outputs of `lock`, mature at the next height (genesis outputs first). */
export function coinsOf(chain: MemoryChain, lock: Lock): Coin[] {
  const next = chain.height + 1
  const out: Coin[] = []
  for (const { outpoint, entry } of chain.utxos.all()) {
    if (entry.lock.type !== lock.type || !bytesEq(entry.lock.policyHash, lock.policyHash)) continue
    if (entry.coinbase && next - entry.height < chain.params.coinbaseMaturity) continue
    out.push({ outpoint, entry })
  }
  return out.sort((a, b) => a.entry.height - b.entry.height)
}

function bytesEq(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** A key signer for ed25519 devnet accounts. */
export function signerFor(...accounts: { secretKey: Uint8Array; publicKey: Uint8Array }[]) {
  return (key: { scheme: string; publicKey: Uint8Array }, message: Uint8Array) => {
    const acc = accounts.find(
      (a) => key.scheme === 'ed25519' && bytesEq(a.publicKey, key.publicKey),
    )
    return acc ? ed25519.sign(message, acc.secretKey) : undefined
  }
}

export type TransferOptions = {
  chain: MemoryChain
  coins: readonly (Coin & { policy: Policy })[]
  outputs: readonly TxOutput[]
  signers: { secretKey: Uint8Array; publicKey: Uint8Array }[]
  locktime?: number
  sequence?: number
  genesisHash?: Uint8Array
  preimages?: ReadonlyMap<string, Uint8Array>
}

/** A signed transfer spending `coins`. */
export function transfer(o: TransferOptions): Transaction {
  const tx = {
    version: TX_VERSION,
    kind: 'transfer' as const,
    inputs: o.coins.map((c) => ({ prevout: c.outpoint, sequence: o.sequence ?? SEQUENCE_FINAL })),
    outputs: o.outputs,
    locktime: o.locktime ?? 0,
    payload: new Uint8Array(0),
  }
  return signTransaction({
    tx,
    spent: o.coins.map((c) => ({ amount: c.entry.amount, lock: c.entry.lock, policy: c.policy })),
    genesisHash: o.genesisHash ?? genesisHashBytes(o.chain.params),
    sign: signerFor(...o.signers),
    ...(o.preimages ? { preimages: o.preimages } : {}),
  })
}

/** Alice pays `amount` to `to` from her first coin, change back to her, `fee` left over. */
export function alicePays(
  chain: MemoryChain,
  to: Lock,
  amount: bigint,
  fee = 10_000n,
  coinIndex = 0,
): Transaction {
  const coin = coinsOf(chain, alice.lock)[coinIndex]
  if (!coin) throw new Error('alice has no mature coin')
  return transfer({
    chain,
    coins: [{ ...coin, policy: alice.policy }],
    outputs: [
      { amount, lock: to },
      { amount: coin.entry.amount - amount - fee, lock: alice.lock },
    ],
    signers: [alice],
  })
}

/**
 * Builds a block on the tip WITHOUT validating it: commitments are computed from the given
 * transactions where possible (utxoRoot falls back to a junk value when the transactions do
 * not connect), header fields can be overridden, and the nonce is mined (unless `mine: false`).
 */
export function forgeBlock(
  chain: MemoryChain,
  o: {
    transactions?: Transaction[]
    coinbase?: Transaction | null
    header?: Partial<Header>
    fees?: bigint
    mine?: boolean
  } = {},
): Block {
  const parent = chain.tip
  const height = parent.header.height + 1
  const body = o.transactions ?? []
  const coinbase =
    o.coinbase === null
      ? []
      : [
          o.coinbase ??
            createCoinbase({
              height,
              outputs: coinbaseOutputs({
                params: chain.params,
                height,
                fees: o.fees ?? 0n,
                rewardLock: miner.lock,
              }),
            }),
        ]
  const transactions = [...coinbase, ...body]
  let utxoRoot = hash('utxo', utf8('junk'))
  let txRoot = hash('utxo', utf8('junk txRoot'))
  try {
    if (transactions.length > 0)
      txRoot = computeTxRoot(transactions.map((t) => computeTransactionIds(t).wtxid))
    const txids = transactions.map((t) => computeTransactionIds(t).txid)
    const diff = connectTransactions({
      transactions,
      txids,
      height,
      medianTimePast: chain.medianTimePast(),
      params: chain.params,
      genesisHash: genesisHashBytes(chain.params),
      utxos: chain.utxos,
    })
    utxoRoot = applyUtxoDiff(chain.utxos.tree, diff).root
  } catch {
    // Invalid on purpose: the test expects an earlier rule to reject the block.
  }
  const header: Header = {
    version: HEADER_VERSION,
    height,
    prevHash: parent.hash,
    timestamp: parent.header.timestamp + chain.params.targetBlockTimeMs,
    bits: requiredBits(chain.params, parent.header),
    nonce: 0n,
    txRoot,
    utxoRoot,
    filterHash: computeFilterHash({ prevHash: parent.hash, transactions }),
    validatorSetHash: parent.header.validatorSetHash,
    randomness: nextRandomness(chain.params, { header: parent.header, hash: parent.hash }),
    ...o.header,
  }
  if (o.mine === false) return { header, transactions }
  const mined = mineHeader({ header, maxAttempts: 10_000 })
  if (!mined) throw new Error('forgeBlock: could not mine')
  return { header: mined.header, transactions }
}

export { COIN }
