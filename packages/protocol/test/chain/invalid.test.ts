import { beforeAll, describe, expect, it } from 'vitest'
import { createCoinbase } from '../../src/block/assembleBlock.js'
import type { Block } from '../../src/block/block.js'
import { encodeHeader, HEADER_LAYOUT } from '../../src/block/header.js'
import { utf8 } from '../../src/bytes.js'
import { blockSubsidy } from '../../src/economics/supply.js'
import { blake3, hash } from '../../src/hash/blake3.js'
import { DEVNET, TESTNET } from '../../src/params/networks.js'
import { lockForPolicy } from '../../src/policy/codec.js'
import type { Policy } from '../../src/policy/types.js'
import { SEQUENCE_FINAL } from '../../src/policy/types.js'
import { checkProofOfWork } from '../../src/pow/pow.js'
import type { MemoryChain } from '../../src/state/MemoryChain.js'
import type { Transaction } from '../../src/tx/types.js'
import { ValidationError, type ValidationErrorCode } from '../../src/validation/errors.js'
import { genesisHashBytes } from '../../src/validation/verifyBlock.js'
import {
  alice,
  alicePays,
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

let chain: MemoryChain
/** A hashlock output Alice funded, and a fresh (immature) coinbase output of hers. */
let hashlockCoin: { policy: Policy; preimage: Uint8Array }

beforeAll(async () => {
  chain = await newChain(DEVNET)
  await mineEmpty(chain, DEVNET.coinbaseMaturity)
  const preimage = utf8('the secret')
  const policy: Policy = { type: 'hashlock', hash: blake3(preimage) }
  hashlockCoin = { policy, preimage }
  const genesisCoin = coinsOf(chain, alice.lock)[0]!
  const half = (genesisCoin.entry.amount - 5n * COIN - 10_000n) / 2n
  const fund = transfer({
    chain,
    coins: [{ ...genesisCoin, policy: alice.policy }],
    outputs: [
      { amount: 5n * COIN, lock: lockForPolicy(policy) },
      { amount: half, lock: alice.lock },
      { amount: half, lock: alice.lock },
    ],
    signers: [alice],
  })
  await chain.connect(chain.buildBlock({ transactions: [fund], rewardLock: alice.lock }), NOW)
}, 60_000)

function random32(label: string): Uint8Array {
  return hash('devnetKey', utf8(label))
}

function tx(overrides: Partial<Transaction>, base?: Transaction): Transaction {
  return { ...(base ?? alicePays(chain, bob.lock, COIN)), ...overrides }
}

function withPayload(payload: Uint8Array, base: Transaction): Transaction {
  return { ...base, payload }
}

/** A header-only mutation of a valid block, re-mined (unless the mutation is about PoW or bits). */
function headerCase(mutate: Partial<Block['header']>, mine = true): () => Block {
  return () => forgeBlock(chain, { header: mutate, mine })
}

const cases: [string, ValidationErrorCode, () => Block | Promise<Block>][] = [
  // Headers.
  ['unsupported header version', 'HEADER_BAD_VERSION', headerCase({ version: 2 })],
  [
    'height skips one',
    'HEADER_BAD_HEIGHT',
    () =>
      forgeBlock(chain, {
        header: { height: chain.height + 2 },
        coinbase: createCoinbase({ height: chain.height + 2, outputs: [] }),
      }),
  ],
  [
    'prevHash is not the tip',
    'HEADER_PREV_MISMATCH',
    headerCase({ prevHash: random32('other parent') }),
  ],
  [
    'bad retarget: harder bits than ASERT requires',
    'HEADER_BAD_BITS',
    headerCase({ bits: 0x1f00ffff }, false),
  ],
  ['non-canonical bits', 'HEADER_BAD_BITS', headerCase({ bits: 0x21007fff }, false)],
  [
    'bad proof of work',
    'HEADER_BAD_POW',
    () => {
      const b = forgeBlock(chain, { mine: false })
      for (let n = 0n; n < 1000n; n++) {
        const h = { ...b.header, nonce: n }
        if (!checkProofOfWork(encodeHeader(h)).valid) return { ...b, header: h }
      }
      throw new Error('no failing nonce found')
    },
  ],
  [
    'timestamp not after median time past',
    'HEADER_TIME_TOO_OLD',
    () => forgeBlock(chain, { header: { timestamp: chain.medianTimePast() } }),
  ],
  [
    'timestamp too far in the future',
    'HEADER_TIME_TOO_NEW',
    () => forgeBlock(chain, { header: { timestamp: NOW + DEVNET.maxFutureDriftMs + 1 } }),
  ],
  [
    'randomness beacon forged',
    'HEADER_BAD_RANDOMNESS',
    headerCase({ randomness: random32('beacon') }),
  ],
  [
    'validator set changed without a transition',
    'HEADER_BAD_VALIDATOR_SET',
    headerCase({ validatorSetHash: random32('validators') }),
  ],
  // Blocks.
  ['no transactions at all', 'BLOCK_NO_TRANSACTIONS', () => forgeBlock(chain, { coinbase: null })],
  [
    'first transaction is not the coinbase',
    'BLOCK_FIRST_TX_NOT_COINBASE',
    () =>
      forgeBlock(chain, {
        coinbase: null,
        transactions: [
          alicePays(chain, bob.lock, COIN),
          createCoinbase({ height: chain.height + 1, outputs: [] }),
        ],
      }),
  ],
  [
    'two coinbases',
    'BLOCK_MULTIPLE_COINBASE',
    () =>
      forgeBlock(chain, {
        transactions: [
          createCoinbase({ height: chain.height + 1, outputs: [], extraData: utf8('again') }),
        ],
      }),
  ],
  [
    'oversize block (over 2 MB)',
    'BLOCK_TOO_LARGE',
    () => {
      const base = alicePays(chain, bob.lock, COIN)
      const big = Array.from({ length: 31 }, (_, i) =>
        withPayload(new Uint8Array(65_000).fill(i), base),
      )
      return forgeBlock(chain, { transactions: big })
    },
  ],
  [
    'same transaction twice',
    'BLOCK_DUPLICATE_TX',
    () => {
      const t = alicePays(chain, bob.lock, COIN)
      return forgeBlock(chain, { transactions: [t, t] })
    },
  ],
  [
    'double spend within a block',
    'BLOCK_DOUBLE_SPEND',
    () =>
      forgeBlock(chain, {
        transactions: [alicePays(chain, bob.lock, COIN), alicePays(chain, bob.lock, 2n * COIN)],
      }),
  ],
  ['bad Merkle root', 'BLOCK_BAD_TX_ROOT', headerCase({ txRoot: random32('txroot') })],
  ['bad utxoRoot', 'BLOCK_BAD_UTXO_ROOT', headerCase({ utxoRoot: random32('utxoroot') })],
  ['bad filter hash', 'BLOCK_BAD_FILTER_HASH', headerCase({ filterHash: random32('filter') })],
  [
    'coinbase commits to the wrong height',
    'BLOCK_COINBASE_BAD_HEIGHT',
    () =>
      forgeBlock(chain, { coinbase: createCoinbase({ height: chain.height + 7, outputs: [] }) }),
  ],
  [
    'inflation: coinbase claims one unit more than subsidy + fees',
    'BLOCK_COINBASE_OVERPAID',
    () =>
      forgeBlock(chain, {
        coinbase: createCoinbase({
          height: chain.height + 1,
          outputs: [{ amount: blockSubsidy(DEVNET, chain.height + 1) + 1n, lock: miner.lock }],
        }),
      }),
  ],
  [
    'treasury not paid its fee share',
    'BLOCK_TREASURY_UNDERPAID',
    () => {
      const fee = 1_000_000n
      const t = alicePays(chain, bob.lock, COIN, fee)
      const cb = createCoinbase({
        height: chain.height + 1,
        outputs: [{ amount: blockSubsidy(DEVNET, chain.height + 1) + fee, lock: miner.lock }],
      })
      return forgeBlock(chain, { coinbase: cb, transactions: [t] })
    },
  ],
  // Transactions, context-free.
  [
    'oversize transaction (over 1 MB)',
    'TX_TOO_LARGE',
    () => {
      const coin = coinsOf(chain, alice.lock)[0]!
      const outputs = Array.from({ length: 24_500 }, () => ({ amount: 1_000n, lock: bob.lock }))
      return forgeBlock(chain, {
        transactions: [
          transfer({
            chain,
            coins: [{ ...coin, policy: alice.policy }],
            outputs,
            signers: [alice],
          }),
        ],
      })
    },
  ],
  [
    'unknown transaction version',
    'TX_BAD_VERSION',
    () => forgeBlock(chain, { transactions: [tx({ version: 7 })] }),
  ],
  [
    'reserved kind not active yet (stake bond)',
    'TX_KIND_NOT_ACTIVE',
    () => forgeBlock(chain, { transactions: [tx({ kind: 'stakeBond' })] }),
  ],
  [
    'transfer without inputs',
    'TX_NO_INPUTS',
    () => forgeBlock(chain, { transactions: [tx({ inputs: [], witnesses: [] })] }),
  ],
  [
    'transfer without outputs',
    'TX_NO_OUTPUTS',
    () => forgeBlock(chain, { transactions: [tx({ outputs: [] })] }),
  ],
  [
    'one outpoint spent twice by the same transaction',
    'TX_DUPLICATE_INPUT',
    () => {
      const t = alicePays(chain, bob.lock, COIN)
      return forgeBlock(chain, {
        transactions: [
          tx(
            { inputs: [t.inputs[0]!, t.inputs[0]!], witnesses: [t.witnesses[0]!, t.witnesses[0]!] },
            t,
          ),
        ],
      })
    },
  ],
  [
    'dust output (545 units)',
    'TX_OUTPUT_DUST',
    () => forgeBlock(chain, { transactions: [alicePays(chain, bob.lock, 545n)] }),
  ],
  [
    'output above the supply cap',
    'TX_OUTPUT_TOO_LARGE',
    () =>
      forgeBlock(chain, {
        transactions: [tx({ outputs: [{ amount: DEVNET.maxSupply + 1n, lock: bob.lock }] })],
      }),
  ],
  [
    'outputs that add up past the supply cap',
    'TX_OUTPUTS_OVERFLOW',
    () =>
      forgeBlock(chain, {
        transactions: [
          tx({
            outputs: [
              { amount: DEVNET.maxSupply, lock: bob.lock },
              { amount: DEVNET.maxSupply, lock: bob.lock },
            ],
          }),
        ],
      }),
  ],
  [
    'coinbase with an input',
    'TX_COINBASE_HAS_INPUTS',
    () => {
      const t = alicePays(chain, bob.lock, COIN)
      const cb = createCoinbase({ height: chain.height + 1, outputs: [] })
      return forgeBlock(chain, { coinbase: { ...cb, inputs: t.inputs, witnesses: t.witnesses } })
    },
  ],
  [
    'coinbase payload without a height',
    'TX_COINBASE_BAD_PAYLOAD',
    () =>
      forgeBlock(chain, {
        coinbase: {
          ...createCoinbase({ height: chain.height + 1, outputs: [] }),
          payload: Uint8Array.of(1, 2, 3),
        },
      }),
  ],
  // Transactions, contextual.
  [
    'spends an output that does not exist',
    'TX_MISSING_INPUT',
    () => {
      const t = alicePays(chain, bob.lock, COIN)
      return forgeBlock(chain, {
        transactions: [
          tx(
            {
              inputs: [
                { prevout: { txid: random32('nowhere'), vout: 0 }, sequence: SEQUENCE_FINAL },
              ],
            },
            t,
          ),
        ],
      })
    },
  ],
  [
    'spends an immature coinbase output',
    'TX_IMMATURE_COINBASE',
    () => {
      // The tip (funded in beforeAll) paid its coinbase to Alice one block ago.
      const cbTxid = chain.tip.connection!.txids[0]!
      const entry = chain.utxos.get({ txid: cbTxid, vout: 0 })!
      const t = transfer({
        chain,
        coins: [{ outpoint: { txid: cbTxid, vout: 0 }, entry, policy: alice.policy }],
        outputs: [{ amount: COIN, lock: bob.lock }],
        signers: [alice],
      })
      return forgeBlock(chain, { transactions: [t] })
    },
  ],
  [
    'inflation: outputs exceed inputs',
    'TX_INPUTS_BELOW_OUTPUTS',
    () => {
      const coin = coinsOf(chain, alice.lock)[0]!
      const t = transfer({
        chain,
        coins: [{ ...coin, policy: alice.policy }],
        outputs: [{ amount: coin.entry.amount + 1n, lock: bob.lock }],
        signers: [alice],
      })
      return forgeBlock(chain, { transactions: [t] })
    },
  ],
  [
    'height locktime not reached',
    'TX_NOT_FINAL',
    () =>
      forgeBlock(chain, {
        transactions: [lockedTransfer({ locktime: chain.height + 5, sequence: 0 })],
      }),
  ],
  [
    'time locktime not reached',
    'TX_NOT_FINAL',
    () =>
      forgeBlock(chain, {
        transactions: [lockedTransfer({ locktime: Math.floor(NOW / 1000), sequence: 0 })],
      }),
  ],
  [
    'relative lock (sequence) not reached',
    'TX_SEQUENCE_LOCKED',
    () => forgeBlock(chain, { transactions: [lockedTransfer({ locktime: 0, sequence: 10_000 })] }),
  ],
  [
    'reveals a policy that does not match the spent lock',
    'TX_LOCK_MISMATCH',
    () => {
      const coin = coinsOf(chain, alice.lock)[0]!
      const t = transfer({
        chain,
        coins: [{ ...coin, policy: bob.policy }],
        outputs: [{ amount: COIN, lock: bob.lock }],
        signers: [bob],
      })
      return forgeBlock(chain, { transactions: [t] })
    },
  ],
  [
    'policy not satisfied: wrong hashlock preimage',
    'TX_POLICY_NOT_SATISFIED',
    () => {
      const coin = coinsOf(chain, lockForPolicy(hashlockCoin.policy))[0]!
      const t = transfer({
        chain,
        coins: [{ ...coin, policy: hashlockCoin.policy }],
        outputs: [{ amount: COIN, lock: bob.lock }],
        signers: [],
        preimages: new Map([[toHexStr(blake3(hashlockCoin.preimage)), hashlockCoin.preimage]]),
      })
      const bad = {
        ...t,
        witnesses: [
          {
            policy: hashlockCoin.policy,
            satisfaction: { type: 'preimage' as const, preimage: utf8('not the secret') },
          },
        ],
      }
      return forgeBlock(chain, { transactions: [bad] })
    },
  ],
  [
    'a witness missing',
    'TX_WITNESS_MISMATCH',
    () => forgeBlock(chain, { transactions: [tx({ witnesses: [] })] }),
  ],
  [
    'bad signature',
    'TX_BAD_SIGNATURE',
    () => {
      const t = alicePays(chain, bob.lock, COIN)
      const w = t.witnesses[0]!
      const sig = (w.satisfaction as { signature: Uint8Array }).signature.slice()
      sig[5]! ^= 1
      return forgeBlock(chain, {
        transactions: [
          {
            ...t,
            witnesses: [{ policy: w.policy, satisfaction: { type: 'signature', signature: sig } }],
          },
        ],
      })
    },
  ],
  [
    'signature made for another network (replay)',
    'TX_BAD_SIGNATURE',
    () => {
      const coin = coinsOf(chain, alice.lock)[0]!
      const outputs = [
        { amount: COIN, lock: bob.lock },
        { amount: coin.entry.amount - COIN - 10_000n, lock: alice.lock },
      ]
      const t = transfer({
        chain,
        coins: [{ ...coin, policy: alice.policy }],
        outputs,
        signers: [alice],
        genesisHash: genesisHashBytes(TESTNET),
      })
      return forgeBlock(chain, { transactions: [t] })
    },
  ],
  [
    'signature by the right key over another input index',
    'TX_BAD_SIGNATURE',
    () => {
      const coins = coinsOf(chain, alice.lock).slice(0, 2)
      const total = coins.reduce((a, c) => a + c.entry.amount, 0n)
      const outputs = [
        { amount: COIN, lock: bob.lock },
        { amount: total - COIN - 10_000n, lock: alice.lock },
      ]
      const t = transfer({
        chain,
        coins: coins.map((c) => ({ ...c, policy: alice.policy })),
        outputs,
        signers: [alice],
      })
      expect(coins.length).toBe(2)
      return forgeBlock(chain, {
        transactions: [{ ...t, witnesses: [t.witnesses[1]!, t.witnesses[0]!] }],
      })
    },
  ],
]

function toHexStr(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
}

function lockedTransfer({
  locktime,
  sequence,
}: {
  locktime: number
  sequence: number
}): Transaction {
  const coin = coinsOf(chain, alice.lock)[0]!
  return transfer({
    chain,
    coins: [{ ...coin, policy: alice.policy }],
    outputs: [{ amount: COIN, lock: bob.lock }],
    signers: [alice],
    locktime,
    sequence,
  })
}

describe('every invalid block and transaction is rejected with its exact code, and the tip never moves', () => {
  it('has at least 40 named cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  for (const [name, code, build] of cases) {
    it(`${code}: ${name}`, async () => {
      const tipBefore = chain.tip.hash
      const rootBefore = chain.utxos.tree.root
      const block = await build()
      const err = await chain.connect(block, NOW).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(ValidationError)
      expect((err as ValidationError).code, (err as Error).message).toBe(code)
      expect(chain.tip.hash).toEqual(tipBefore)
      expect(chain.utxos.tree.root).toEqual(rootBefore)
    })
  }

  it('the same chain still accepts a valid block after all of that', async () => {
    const height = chain.height
    await chain.connect(
      chain.buildBlock({
        transactions: [alicePays(chain, bob.lock, COIN)],
        rewardLock: miner.lock,
      }),
      NOW,
    )
    expect(chain.height).toBe(height + 1)
    expect(coinsOf(chain, bob.lock).some((c) => c.entry.amount === COIN)).toBe(true)
  })

  it('the header layout matches the documented offsets', () => {
    const h = chain.tip.header
    const bytes = encodeHeader(h)
    expect(new DataView(bytes.buffer).getUint32(HEADER_LAYOUT.bits, true)).toBe(h.bits)
    expect(new DataView(bytes.buffer).getBigUint64(HEADER_LAYOUT.nonce, true)).toBe(h.nonce)
    expect(bytes.subarray(HEADER_LAYOUT.randomness, HEADER_LAYOUT.randomness + 32)).toEqual(
      h.randomness,
    )
  })
})
