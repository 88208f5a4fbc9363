import {
  COIN,
  computeTransactionIds,
  computeTxid,
  decodeBlock,
  decodeHeader,
  decodeMerkleProof,
  decodeSmtProof,
  decodeUtxoEntry,
  encodeAddress,
  encodeTransaction,
  fromHex,
  isValidMerkleProof,
  isValidSmtMembershipProof,
  toHex,
  utxoKey,
  utxoValueHash,
} from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { miner, pay } from '../helpers/chain.js'
import {
  addressOf,
  alice,
  bob,
  call,
  carol,
  type Json,
  rpc,
  startTestApi,
  type TestApi,
} from './helpers.js'

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

const ZERO = '00'.repeat(32)

function expectError(r: Json, code: number, field?: string) {
  expect(r.result).toBeUndefined()
  expect(r.error.code).toBe(code)
  if (field !== undefined) expect(r.error.data.field).toBe(field)
}

describe('JSON-RPC public methods', () => {
  it('getChainInfo reports the tip, counts and no finality', async () => {
    t.network.peers.push({
      peerId: '12D3KooWtest',
      addresses: ['/ip4/127.0.0.1/tcp/1'],
      direction: 'outbound',
    })
    const info = await call(t.url, 'getChainInfo')
    const tip = t.chain.tip()
    expect(info).toEqual({
      network: 'devnet',
      genesisHash: toHex(t.chain.genesisHash),
      height: 11,
      tipHash: toHex(tip.hash),
      tipTimestamp: tip.header.timestamp,
      medianTimePast: tip.medianTimePast,
      bits: tip.header.bits,
      cumulativeWork: tip.cumulativeWork.toString(16),
      finalizedHeight: null,
      finalizedHash: null,
      peers: 1,
      mempoolSize: 1,
      mempoolBytes: computeTransactionIds(t.pending.tx).size,
      utxoCount: t.chain.utxoCount,
      mining: false,
    })
    t.network.peers.length = 0
  })

  it('getBlockHeader by height and by hash; not found; exactly one reference', async () => {
    const byHeight = await call(t.url, 'getBlockHeader', { height: 11 })
    const byHash = await call(t.url, 'getBlockHeader', { hash: byHeight.hash })
    expect(byHash).toEqual(byHeight)
    expect(byHeight.hash).toBe(toHex(t.chain.tip().hash))
    expect(byHeight.confirmations).toBe(1)
    expect(byHeight.inMainChain).toBe(true)
    expect(decodeHeader(fromHex(byHeight.hex)).height).toBe(11)
    expect((await call(t.url, 'getBlockHeader', { height: 1 })).confirmations).toBe(11)
    expectError(await rpc(t.url, 'getBlockHeader', { height: 999 }), -32003)
    expectError(await rpc(t.url, 'getBlockHeader', { hash: ZERO }), -32003)
    expectError(await rpc(t.url, 'getBlockHeader', {}), -32602, 'hash')
    expectError(await rpc(t.url, 'getBlockHeader', { height: 1, hash: ZERO }), -32602, 'hash')
    expectError(await rpc(t.url, 'getBlockHeader', { hash: 'zz'.repeat(32) }), -32602, 'hash')
    expectError(await rpc(t.url, 'getBlockHeader', { hash: '00' }), -32602, 'hash')
    expectError(await rpc(t.url, 'getBlockHeader', { height: -1 }), -32602, 'height')
    expectError(await rpc(t.url, 'getBlockHeader', { height: 1.5 }), -32602, 'height')
    expectError(await rpc(t.url, 'getBlockHeader', { height: 2 ** 32 }), -32602, 'height')
    expectError(await rpc(t.url, 'getBlockHeader', { height: '1' }), -32602, 'height')
  })

  it('getBlock at verbosity 0, 1 and 2', async () => {
    const hex = (await call(t.url, 'getBlock', { height: 11, verbosity: 0 })).hex
    const block = decodeBlock(fromHex(hex))
    expect(block.transactions.map((tx) => toHex(computeTxid(tx)))).toContain(
      toHex(t.confirmed.txid),
    )
    const v1 = await call(t.url, 'getBlock', { height: 11 })
    expect(v1.txCount).toBe(2)
    expect(v1.size).toBe(hex.length / 2)
    expect(v1.txids).toEqual(block.transactions.map((tx) => toHex(computeTxid(tx))))
    const v2 = await call(t.url, 'getBlock', { hash: v1.hash, verbosity: 2 })
    expect(v2.transactions[1].txid).toBe(toHex(t.confirmed.txid))
    expect(v2.transactions[1].outputs[0].address).toBe(addressOf(carol.lock))
    expect(v2.transactions[0].kind).toBe('coinbase')
    expectError(await rpc(t.url, 'getBlock', { height: 12 }), -32003)
    expectError(await rpc(t.url, 'getBlock', { height: 1, verbosity: 3 }), -32602, 'verbosity')
  })

  it('getTransaction: confirmed with spent outputs and spenders, pending, not found', async () => {
    const tx = await call(t.url, 'getTransaction', { txid: toHex(t.confirmed.txid) })
    expect(tx.status).toBe('confirmed')
    expect(tx.height).toBe(11)
    expect(tx.index).toBe(1)
    expect(tx.confirmations).toBe(1)
    expect(tx.hex).toBe(toHex(encodeTransaction(t.confirmed.tx)))
    expect(tx.inputs[0].address).toBe(addressOf(alice.lock))
    expect(tx.inputs[0].amount).toBe((1_000_000n * COIN).toString())
    expect(tx.outputs.map((o: Json) => o.address)).toEqual([
      addressOf(carol.lock),
      addressOf(alice.lock),
    ])
    expect(tx.fee).toBe('10000')
    // The genesis coinbase output alice's payment spent names its spender.
    const prev = t.confirmed.tx.inputs[0]!.prevout
    const genesisTx = await call(t.url, 'getTransaction', [toHex(prev.txid)])
    expect(genesisTx.kind).toBe('coinbase')
    expect(genesisTx.fee).toBeUndefined()
    expect(genesisTx.outputs[prev.vout].spentBy).toEqual({
      txid: toHex(t.confirmed.txid),
      input: 0,
    })
    const pending = await call(t.url, 'getTransaction', { txid: toHex(t.pending.txid) })
    expect(pending).toMatchObject({ status: 'mempool', confirmations: 0, fee: '10000' })
    expect(pending.inputs[0].address).toBe(addressOf(bob.lock))
    expect(pending.blockHash).toBeUndefined()
    expectError(await rpc(t.url, 'getTransaction', { txid: ZERO }), -32003)
    expectError(await rpc(t.url, 'getTransaction', { tx: ZERO }), -32602, 'tx')
  })

  it('getTransactionProof verifies against the header; pending is not found', async () => {
    const p = await call(t.url, 'getTransactionProof', { txid: toHex(t.confirmed.txid) })
    const header = decodeHeader(fromHex(p.header))
    const leaf = computeTransactionIds(t.confirmed.tx).wtxid
    expect(
      isValidMerkleProof({ leaf, proof: decodeMerkleProof(fromHex(p.proof)), root: header.txRoot }),
    ).toBe(true)
    expect(p).toMatchObject({ height: 11, index: 1, blockHash: toHex(t.chain.tip().hash) })
    expectError(await rpc(t.url, 'getTransactionProof', { txid: toHex(t.pending.txid) }), -32003)
  })

  it('getBalance, getUtxos, getUtxoProofs, getAddressHistory of an address', async () => {
    const carolAddr = addressOf(carol.lock)
    expect(await call(t.url, 'getBalance', { address: carolAddr })).toEqual({
      address: carolAddr,
      confirmed: (5n * COIN).toString(),
      unconfirmedDelta: (2n * COIN).toString(),
      utxoCount: 1,
      height: 11,
    })
    const utxos = await call(t.url, 'getUtxos', { address: carolAddr })
    expect(utxos).toEqual([
      {
        txid: toHex(t.confirmed.txid),
        vout: 0,
        amount: (5n * COIN).toString(),
        height: 11,
        coinbase: false,
        mature: true,
      },
    ])
    const minerUtxos = await call(t.url, 'getUtxos', { address: addressOf(miner.lock), limit: 20 })
    expect(minerUtxos.some((u: Json) => u.coinbase && !u.mature)).toBe(true)
    expect(minerUtxos.some((u: Json) => u.coinbase && u.mature)).toBe(true)
    const proofs = await call(t.url, 'getUtxoProofs', { address: carolAddr })
    expect(proofs.tipHash).toBe(toHex(t.chain.tip().hash))
    for (const u of proofs.utxos) {
      const entry = decodeUtxoEntry(fromHex(u.entry))
      expect(
        isValidSmtMembershipProof({
          root: fromHex(proofs.utxoRoot),
          key: utxoKey({ txid: fromHex(u.txid), vout: u.vout }),
          valueHash: utxoValueHash(entry),
          proof: decodeSmtProof(fromHex(u.proof)),
        }),
      ).toBe(true)
    }
    const history = await call(t.url, 'getAddressHistory', { address: carolAddr })
    const block = await t.chain.getHeaderByHeight(11)
    expect(history).toEqual([
      {
        txid: toHex(t.confirmed.txid),
        height: 11,
        blockHash: toHex(block!.hash),
        index: 1,
        received: (5n * COIN).toString(),
        sent: '0',
        timestamp: block!.header.timestamp,
      },
    ])
    expect(
      await call(t.url, 'getAddressHistory', { address: carolAddr, beforeHeight: 11 }),
    ).toEqual([])
    const aliceHistory = await call(t.url, 'getAddressHistory', {
      address: addressOf(alice.lock),
      limit: 1,
    })
    expect(aliceHistory[0].sent).toBe((1_000_000n * COIN).toString())
  })

  it('address params: wrong network, bad checksum, limits', async () => {
    const testnet = encodeAddress({ network: 'testnet', lock: carol.lock })
    const r = await rpc(t.url, 'getBalance', { address: testnet })
    expectError(r, -32602, 'address')
    expect(r.error.data.reason).toMatch(/WRONG_NETWORK/)
    const good = addressOf(carol.lock)
    const broken = good.slice(0, -1) + (good.endsWith('q') ? 'p' : 'q')
    expectError(await rpc(t.url, 'getUtxos', { address: broken }), -32602, 'address')
    expectError(await rpc(t.url, 'getUtxos', { address: 'x'.repeat(500) }), -32602, 'address')
    expectError(await rpc(t.url, 'getUtxos', { address: good, limit: 1001 }), -32602, 'limit')
    expectError(
      await rpc(t.url, 'getAddressHistory', { address: good, limit: 501 }),
      -32602,
      'limit',
    )
    expectError(await rpc(t.url, 'getBalance', { address: 42 }), -32602, 'address')
    expectError(await rpc(t.url, 'getBalance', [good, 1]), -32602, 'params')
    expect((await call(t.url, 'getBalance', [good])).address).toBe(good)
  })

  it('getMempool, estimateFee, getPeers', async () => {
    const pool = await call(t.url, 'getMempool')
    expect(pool.count).toBe(t.mempool.size)
    expect(pool.bytes).toBe(t.mempool.bytes)
    expect(pool.txids).toContain(toHex(t.pending.txid))
    expect(pool.feeHistogram.reduce((n: number, b: Json) => n + b.count, 0)).toBe(pool.count)
    const fee = await call(t.url, 'estimateFee')
    expect(fee.targetBlocks).toBe(2)
    expect(BigInt(fee.feeRate)).toBeGreaterThanOrEqual(t.chain.params.mempool.minFeeRate)
    expect((await call(t.url, 'estimateFee', { targetBlocks: 100 })).targetBlocks).toBe(100)
    expectError(await rpc(t.url, 'estimateFee', { targetBlocks: 0 }), -32602, 'targetBlocks')
    expectError(await rpc(t.url, 'estimateFee', { targetBlocks: 101 }), -32602, 'targetBlocks')
    expect(await call(t.url, 'getPeers')).toEqual([])
    t.network.peers.push({
      peerId: 'p1',
      addresses: ['/ip4/10.0.0.1/tcp/7701'],
      direction: 'inbound',
      latencyMs: 12,
    })
    expect(await call(t.url, 'getPeers')).toEqual([
      { peerId: 'p1', addresses: ['/ip4/10.0.0.1/tcp/7701'], direction: 'inbound', latencyMs: 12 },
    ])
    t.network.peers.length = 0
  })

  it('sendTransaction: accepted, rejected with the mempool code, undecodable', async () => {
    const tx = await pay(t.chain, alice, bob.lock, 3n * COIN)
    const hex = toHex(encodeTransaction(tx))
    expect(await call(t.url, 'sendTransaction', { hex })).toEqual({ txid: toHex(computeTxid(tx)) })
    expect(t.mempool.get(computeTxid(tx))).toBeDefined()
    const again = await rpc(t.url, 'sendTransaction', [hex])
    expectError(again, -32004)
    expect(again.error.data.code).toBe('ALREADY_KNOWN')
    // Same coin, other payee, same fee: a double spend that is no valid replacement.
    const conflict = await pay(t.chain, alice, carol.lock, 3n * COIN)
    const r = await rpc(t.url, 'sendTransaction', { hex: toHex(encodeTransaction(conflict)) })
    expectError(r, -32004)
    expect(typeof r.error.data.code).toBe('string')
    expect(typeof r.error.data.reason).toBe('string')
    expectError(await rpc(t.url, 'sendTransaction', { hex: 'deadbeef' }), -32602, 'hex')
    expectError(await rpc(t.url, 'sendTransaction', { hex: 'abc' }), -32602, 'hex')
    expectError(await rpc(t.url, 'sendTransaction', { hex: '' }), -32602, 'hex')
    expectError(await rpc(t.url, 'sendTransaction', {}), -32602, 'hex')
  })

  it('faucet pays on devnet and checks the amount', async () => {
    const address = addressOf(carol.lock)
    const { txid } = await call(t.url, 'faucet', { address, amount: (10n * COIN).toString() })
    expect(t.mempool.get(fromHex(txid))).toBeDefined()
    expectError(
      await rpc(t.url, 'faucet', { address, amount: (1001n * COIN).toString() }),
      -32602,
      'amount',
    )
    expectError(await rpc(t.url, 'faucet', { address, amount: '0' }), -32602, 'amount')
    expectError(await rpc(t.url, 'faucet', { address, amount: 100 }), -32602, 'amount')
    expectError(await rpc(t.url, 'faucet', { address, amount: '01' }), -32602, 'amount')
    expectError(
      await rpc(t.url, 'faucet', { address, amount: '18446744073709551616' }),
      -32602,
      'amount',
    )
    expectError(await rpc(t.url, 'faucet', { address, amount: '-5' }), -32602, 'amount')
  })

  it('faucet answers -32005 where there is none', async () => {
    const other = await startTestApi({ faucet: false })
    try {
      const r = await rpc(other.url, 'faucet', { address: addressOf(carol.lock), amount: '1' })
      expectError(r, -32005)
    } finally {
      await other.close()
    }
  })
})
