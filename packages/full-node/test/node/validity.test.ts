import {
  type Block,
  blockSubsidy,
  COIN,
  checkProofOfWork,
  createCoinbase,
  DEVNET,
  encodeHeader,
  hash,
  mineHeader,
  toHex,
  utf8,
} from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Chain } from '../../src/chain/Chain.js'
import type { KeyValueStore } from '../../src/storage/store.js'
import {
  alice,
  buildBlock,
  carol,
  type createClock,
  mineBlock,
  miner,
  openTestChain,
  pay,
  tempDir,
} from '../helpers/chain.js'

/**
 * The validity matrix through the node: each invalid block handed to `Chain.processBlock` over
 * LevelDB is rejected with its exact code and the tip, UTXO set and indexes never move.
 */
let chain: Chain
let store: KeyValueStore
let clock: ReturnType<typeof createClock>
const dir = tempDir()

beforeAll(async () => {
  ;({ chain, store, clock } = await openTestChain(dir.path))
  for (let i = 0; i < DEVNET.coinbaseMaturity + 1; i++)
    await mineBlock(chain, clock, { to: alice.lock })
})
afterAll(async () => {
  await store.close()
  dir.cleanup()
})

function remine(b: Block): Block {
  const m = mineHeader({ header: b.header, maxAttempts: 100_000 })!
  return { header: m.header, transactions: b.transactions }
}

/** A body change the header commits to: rebuild the commitments via a fresh template. */
async function withTxs(
  txs: Block['transactions'],
  coinbase?: Block['transactions'][number],
): Promise<Block> {
  const b = await buildBlock(chain, clock, { txs: [] })
  const transactions = [coinbase ?? b.transactions[0]!, ...txs]
  const { computeTxRoot, computeTransactionIds, computeFilterHash } = await import(
    '@supernova/protocol'
  )
  const header = {
    ...b.header,
    txRoot: computeTxRoot(transactions.map((t) => computeTransactionIds(t).wtxid)),
    filterHash: computeFilterHash({ prevHash: b.header.prevHash, transactions }),
  }
  return remine({ header, transactions })
}

const cases: [string, string, () => Promise<Block>][] = [
  [
    'bad proof of work',
    'HEADER_BAD_POW',
    async () => {
      const b = await buildBlock(chain, clock)
      for (let n = 0n; ; n++)
        if (!checkProofOfWork(encodeHeader({ ...b.header, nonce: n })).valid)
          return { ...b, header: { ...b.header, nonce: n } }
    },
  ],
  [
    'bad retarget',
    'HEADER_BAD_BITS',
    async () => ({
      ...(await buildBlock(chain, clock)),
      header: { ...(await buildBlock(chain, clock)).header, bits: 0x1f00ffff },
    }),
  ],
  [
    'timestamp too far ahead',
    'HEADER_TIME_TOO_NEW',
    async () => {
      const b = await buildBlock(chain, clock)
      return remine({
        ...b,
        header: { ...b.header, timestamp: clock.now() + DEVNET.maxFutureDriftMs + 60_000 },
      })
    },
  ],
  [
    'timestamp before median time past',
    'HEADER_TIME_TOO_OLD',
    async () => {
      const b = await buildBlock(chain, clock)
      return remine({ ...b, header: { ...b.header, timestamp: chain.tip().medianTimePast } })
    },
  ],
  [
    'bad utxoRoot',
    'BLOCK_BAD_UTXO_ROOT',
    async () => {
      const b = await buildBlock(chain, clock)
      return remine({ ...b, header: { ...b.header, utxoRoot: hash('utxo', utf8('x')) } })
    },
  ],
  [
    'txs not matching the txRoot (mutated body)',
    'BLOCK_BAD_TX_ROOT',
    async () => {
      const b = await buildBlock(chain, clock, { txs: [await pay(chain, alice, carol.lock, COIN)] })
      return { ...b, transactions: [b.transactions[0]!] }
    },
  ],
  [
    'inflation: coinbase over subsidy + fees',
    'BLOCK_COINBASE_OVERPAID',
    async () =>
      withTxs(
        [],
        createCoinbase({
          height: chain.tip().height + 1,
          outputs: [
            { amount: blockSubsidy(DEVNET, chain.tip().height + 1) + 1n, lock: miner.lock },
          ],
        }),
      ),
  ],
  [
    'double spend within a block',
    'BLOCK_DOUBLE_SPEND',
    async () =>
      withTxs([
        await pay(chain, alice, carol.lock, COIN),
        await pay(chain, alice, carol.lock, 2n * COIN),
      ]),
  ],
  [
    'bad signature',
    'TX_BAD_SIGNATURE',
    async () => {
      const t = await pay(chain, alice, carol.lock, COIN)
      const w = t.witnesses[0]!
      const sig = (w.satisfaction as { signature: Uint8Array }).signature.slice()
      sig[0]! ^= 1
      // Template with the valid tx (right utxoRoot), then the witness swapped: only the wtxid changes.
      const b = await buildBlock(chain, clock, { txs: [t] })
      const forged = {
        ...t,
        witnesses: [
          { policy: w.policy, satisfaction: { type: 'signature' as const, signature: sig } },
        ],
      }
      const { computeTxRoot, computeTransactionIds, computeFilterHash } = await import(
        '@supernova/protocol'
      )
      const transactions = [b.transactions[0]!, forged]
      return remine({
        header: {
          ...b.header,
          txRoot: computeTxRoot(transactions.map((x) => computeTransactionIds(x).wtxid)),
          filterHash: computeFilterHash({ prevHash: b.header.prevHash, transactions }),
        },
        transactions,
      })
    },
  ],
  [
    'spends an immature coinbase',
    'TX_IMMATURE_COINBASE',
    async () => {
      const tip = await chain.getBlock(chain.tip().hash)
      const { computeTxid, signTransaction, genesisHashBytes, TX_VERSION, SEQUENCE_FINAL } =
        await import('@supernova/protocol')
      const { ed25519 } = await import('@noble/curves/ed25519.js')
      const cb = tip!.transactions[0]!
      const amount = cb.outputs[0]!.amount
      const t = signTransaction({
        tx: {
          version: TX_VERSION,
          kind: 'transfer',
          inputs: [{ prevout: { txid: computeTxid(cb), vout: 0 }, sequence: SEQUENCE_FINAL }],
          outputs: [{ amount: amount - 10_000n, lock: carol.lock }],
          locktime: 0,
          payload: new Uint8Array(0),
        },
        spent: [{ amount, lock: alice.lock, policy: alice.policy }],
        genesisHash: genesisHashBytes(DEVNET),
        sign: (_k, m) => ed25519.sign(m, alice.secretKey),
      })
      return withTxs([t])
    },
  ],
  [
    'spends a missing output',
    'TX_MISSING_INPUT',
    async () => {
      const t = await pay(chain, alice, carol.lock, COIN)
      return withTxs([
        {
          ...t,
          inputs: [{ ...t.inputs[0]!, prevout: { txid: hash('txid', utf8('nowhere')), vout: 0 } }],
        },
      ])
    },
  ],
]

describe('invalid blocks through the node never move the tip', () => {
  for (const [name, code, build] of cases) {
    it(`${code}: ${name}`, async () => {
      const tip = chain.tip()
      const utxos = chain.utxoCount
      const block = await build()
      const r = await chain.processBlock(block)
      expect(r.status).toBe('invalid')
      expect(r.status === 'invalid' && r.error.code).toBe(code)
      expect(toHex(chain.tip().hash)).toBe(toHex(tip.hash))
      expect(chain.utxoCount).toBe(utxos)
      expect(await chain.getUtxosByLock(carol.lock)).toEqual([])
    })
  }

  it('still extends the chain with a valid block afterwards', async () => {
    const before = chain.tip().height
    await mineBlock(chain, clock, { txs: [await pay(chain, alice, carol.lock, COIN)] })
    expect(chain.tip().height).toBe(before + 1)
    expect((await chain.getUtxosByLock(carol.lock)).length).toBe(1)
  })
})
