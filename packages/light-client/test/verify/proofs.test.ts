import { COIN, computeTxid, devnetAccount, hashHeader, type OutPoint } from '@supernova/protocol'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LightClientError } from '../../src/verify/errors.js'
import { fetchVerifiedBlock } from '../../src/verify/getBlock.js'
import { getVerifiedOutpoint } from '../../src/verify/getOutpoint.js'
import { getVerifiedTransaction } from '../../src/verify/getTransaction.js'
import { balanceOf, getVerifiedUtxos } from '../../src/verify/getUtxos.js'
import { setupVerify } from './setup.js'
import { ALICE, BOB, FAUCET, TestChain } from './testChain.js'

let main: TestChain // payment to ALICE in block 11, ALICE → BOB in 13, tip 15
let fork: TestChain // shares 1..10, carries the same payment in its own block 11, tip 12
let payAlice: Uint8Array
let payBob: Uint8Array
let spentByBob: OutPoint

beforeAll(async () => {
  main = await TestChain.create()
  await main.mine(10)
  const toAlice = main.pay(ALICE.lock, 5n * COIN, FAUCET)
  payAlice = computeTxid(toAlice)
  fork = await main.copy(10)
  await main.mine(2, { transactions: [toAlice] })
  const toBob = main.pay(BOB.lock, 2n * COIN, ALICE)
  payBob = computeTxid(toBob)
  spentByBob = toBob.inputs[0]!.prevout
  await main.mine(3, { transactions: [toBob] })
  await fork.mine(2, { transactions: [toAlice], rewardLock: devnetAccount(1).lock })
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const s of stops.splice(0)) await s()
})

/** Peers are asked best score first, then by id: `a-…` before `b-…`. */
async function withPeers(peers: Parameters<typeof addAll>[1]) {
  const s = await setupVerify()
  stops.push(() => s.sync.stop())
  addAll(s.fake, peers)
  await s.sync.sync()
  return s
}
function addAll(
  fake: Awaited<ReturnType<typeof setupVerify>>['fake'],
  peers: [string, TestChain, Parameters<typeof fake.add>[2]?][],
) {
  for (const [id, chain, tamper] of peers) fake.add(id, chain, tamper)
}

async function failure(p: Promise<unknown>): Promise<LightClientError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(LightClientError)
  return e as LightClientError
}

describe('transaction inclusion', () => {
  it('verifies txid, Merkle proof and header; a flipped proof byte is evidence, the peer banned', async () => {
    const { ctx, evidence, fake } = await withPeers([
      [
        'a-liar',
        main,
        {
          'tx-proof': (m) => {
            const siblings = m.proof.siblings.map((s) => s.slice())
            siblings[0]![5]! ^= 1
            return { ...m, proof: { ...m.proof, siblings } }
          },
        },
      ],
      ['b-honest', main],
    ])
    const got = await getVerifiedTransaction(ctx, { txid: payAlice })
    expect(got.txid).toEqual(payAlice)
    expect(got.height).toBe(11)
    expect(got.index).toBe(1)
    expect(got.blockHash).toEqual(hashHeader(main.headers[11]!))
    expect(got.verification).toEqual({
      status: 'verified',
      header: { hash: hashHeader(main.headers[11]!), height: 11 },
      depth: 4,
    })
    const [e] = evidence.list()
    expect(e).toMatchObject({
      peer: 'a-liar',
      code: 'MERKLE_PROOF_INVALID',
      outcome: 'disconnected',
    })
    expect(e?.request).toEqual({ protocol: 'tx-proof', txid: payAlice })
    expect(fake.banned.has('a-liar')).toBe(true)
  })

  it('another transaction than asked is TXID_MISMATCH', async () => {
    const { ctx, evidence } = await withPeers([
      ['a-liar', main, { 'tx-proof': () => main.txProof(payBob)! }],
      ['b-honest', main],
    ])
    expect((await getVerifiedTransaction(ctx, { txid: payAlice })).height).toBe(11)
    expect(evidence.list().map((e) => e.code)).toEqual(['TXID_MISMATCH'])
  })

  it('a proof against a block of a lighter branch is a conflict, with our header as the other answer', async () => {
    const { ctx, evidence } = await withPeers([
      ['b-honest', main],
      ['a-forked', fork],
    ])
    const got = await getVerifiedTransaction(ctx, { txid: payAlice })
    expect(got.blockHash).toEqual(hashHeader(main.headers[11]!))
    const [e] = evidence.list()
    expect(e).toMatchObject({ peer: 'a-forked', code: 'NOT_ON_CHAIN', severity: 'conflict' })
    expect(e?.outcome).toBe('penalized')
    expect((e!.answer as { blockHash: Uint8Array }).blockHash).toEqual(
      hashHeader(fork.headers[11]!),
    )
    expect(e?.conflictsWith).toEqual({
      peer: 'b-honest',
      answer: { header: main.headers[11], hash: hashHeader(main.headers[11]!) },
    })
  })

  it('a block the client has not synced yet: it catches up first', async () => {
    const grow = await main.copy(13)
    const { ctx, sync } = await withPeers([['p', grow]])
    expect(sync.tip().height).toBe(13)
    const late = grow.pay(ALICE.lock, COIN, FAUCET)
    await grow.mine(1, { transactions: [late] })
    const got = await getVerifiedTransaction(ctx, { txid: computeTxid(late) })
    expect(got.height).toBe(14)
    expect(sync.tip().height).toBe(14)
  })

  it('NOT_FOUND when every peer says so; ALL_PEERS_FAILED when every peer lies', async () => {
    const { ctx } = await withPeers([['p', main]])
    expect((await failure(getVerifiedTransaction(ctx, { txid: new Uint8Array(32) }))).code).toBe(
      'NOT_FOUND',
    )
    const liars = await withPeers([
      ['x', main, { 'tx-proof': () => main.txProof(payBob)! }],
      ['y', main, { 'tx-proof': () => main.txProof(payBob)! }],
    ])
    const err = await failure(getVerifiedTransaction(liars.ctx, { txid: payAlice }))
    expect(err.code).toBe('ALL_PEERS_FAILED')
    expect(err.details.failures).toHaveLength(2)
    expect(liars.evidence.list()).toHaveLength(2)
  })
})

describe('UTXOs and outpoints', () => {
  it('every UTXO proven against the tip’s utxoRoot; a wrong amount is evidence', async () => {
    const { ctx, evidence } = await withPeers([
      [
        'a-liar',
        main,
        {
          utxos: (m) => ({
            ...m,
            utxos: m.utxos.map((u) => ({
              ...u,
              entry: { ...u.entry, amount: u.entry.amount + COIN },
            })),
          }),
        },
      ],
      ['b-honest', main],
    ])
    const got = await getVerifiedUtxos(ctx, { lock: ALICE.lock })
    const expected = main.utxos(ALICE.lock, 1000).utxos
    expect(got.utxos.map((u) => u.entry.amount)).toEqual(expected.map((u) => u.entry.amount))
    expect(got.complete).toBe(true)
    expect(got.verification).toMatchObject({ status: 'verified', depth: 0, header: { height: 15 } })
    expect(balanceOf(got.utxos, { height: 15 }, 10).total).toBe(
      expected.reduce((s, u) => s + u.entry.amount, 0n),
    )
    expect(evidence.list()[0]).toMatchObject({ peer: 'a-liar', code: 'SMT_PROOF_INVALID' })
  })

  it('an answer at the tip of a lighter branch is refused (NOT_ON_CHAIN)', async () => {
    // Peers whose tip is below ours are asked last; this one claims our height (not our work).
    const { ctx, evidence } = await withPeers([
      ['b-honest', main],
      ['a-forked', fork, { status: (s) => ({ ...s, tipHeight: 15 }) }],
    ])
    const got = await getVerifiedUtxos(ctx, { lock: ALICE.lock })
    expect(got.verification.header.hash).toEqual(main.mc.tip.hash)
    expect(evidence.list()[0]).toMatchObject({ peer: 'a-forked', code: 'NOT_ON_CHAIN' })
  })

  it('outpoints: membership with the entry, non-membership without; a hidden coin is caught', async () => {
    const coin = { txid: payBob, vout: 0 }
    const spent = spentByBob
    const { ctx, evidence } = await withPeers([
      ['a-liar', main, { outpoint: (m) => ({ ...m, entry: undefined }) }],
      ['b-honest', main],
    ])
    const present = await getVerifiedOutpoint(ctx, { outpoint: coin })
    expect(present.entry?.amount).toBe(2n * COIN)
    expect(evidence.list()[0]).toMatchObject({ peer: 'a-liar', code: 'SMT_PROOF_INVALID' })
    const absent = await getVerifiedOutpoint(ctx, { outpoint: spent })
    expect(absent.entry).toBeUndefined()
    expect(absent.verification.header.height).toBe(15)
  })
})

describe('block contents', () => {
  it('header hash and txRoot recomputed; a block missing a transaction is evidence', async () => {
    const { ctx, evidence, sync } = await withPeers([
      [
        'a-liar',
        main,
        {
          block: (r) => ({
            ...r,
            block: { ...r.block, transactions: r.block.transactions.slice(0, 1) },
          }),
        },
      ],
      ['b-honest', main],
    ])
    const at = (await sync.headerAt(13))!
    const got = await fetchVerifiedBlock(ctx, at)
    expect(got.txids).toEqual(main.blocks[13]!.transactions.map(computeTxid))
    expect(got.verification.depth).toBe(2)
    const [e] = evidence.list()
    expect(e).toMatchObject({ peer: 'a-liar', code: 'TX_ROOT_MISMATCH' })
    expect((e!.answer as { wtxids: unknown[] }).wtxids).toHaveLength(1)
  })

  it('another block than asked is BLOCK_HASH_MISMATCH', async () => {
    const { ctx, evidence, sync } = await withPeers([
      ['a-liar', main, { block: (r) => ({ ...r, block: main.blocks[12]! }) }],
      ['b-honest', main],
    ])
    await fetchVerifiedBlock(ctx, (await sync.headerAt(13))!)
    expect(evidence.list().map((e) => e.code)).toEqual(['BLOCK_HASH_MISMATCH'])
  })
})
