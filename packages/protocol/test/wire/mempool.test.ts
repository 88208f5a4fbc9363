import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createGenesis } from '../../src/block/genesis.js'
import { signEd25519 } from '../../src/crypto/ed25519.js'
import { DecodeError } from '../../src/errors.js'
import { devnetAccount } from '../../src/params/devnetAccounts.js'
import { DEVNET } from '../../src/params/networks.js'
import { SEQUENCE_FINAL } from '../../src/policy/types.js'
import { encodeTransaction } from '../../src/tx/codec.js'
import { signTransaction } from '../../src/tx/signTransaction.js'
import { type Transaction, TX_LIMITS, TX_VERSION } from '../../src/tx/types.js'
import { genesisHashBytes } from '../../src/validation/verifyBlock.js'
import { MAX_LENGTH_PREFIX_BYTES, PROTOCOL_LIMITS } from '../../src/wire/limits.js'
import {
  decodeMempoolSummaryRequest,
  decodeMempoolSummaryResponse,
  emptyFeeHistogram,
  encodeMempoolSummaryRequest,
  encodeMempoolSummaryResponse,
  feeRateBucket,
  MAX_MEMPOOL_SUMMARY_BYTES,
  MAX_MEMPOOL_SUMMARY_ENTRIES,
  MEMPOOL_FEE_RATE_EDGES,
  type MempoolSummaryMessage,
} from '../../src/wire/mempoolSummary.js'
import { decodeMempoolTxResponse, encodeMempoolTxResponse } from '../../src/wire/mempoolTx.js'
import { protocolId } from '../../src/wire/protocols.js'
import { encodeResponseFrame } from '../../src/wire/responseFrame.js'
import { expectOnlyDecodeErrors, expectStrict, hash32 } from './helpers.js'

/** A consistent summary: buckets filled from the entries, a projected block that fits. */
const summaryArb: fc.Arbitrary<MempoolSummaryMessage> = fc
  .record({
    tipHeight: fc.integer({ min: 0, max: 0xffffffff }),
    time: fc.integer({ min: 0, max: 2 ** 45 }),
    extra: fc.array(fc.record({ size: fc.integer({ min: 1, max: 5000 }), rate: fc.nat(2000) }), {
      maxLength: 80,
    }),
    recent: fc.uniqueArray(
      fc.record({
        txid: hash32,
        size: fc.integer({ min: 1, max: 100_000 }),
        fee: fc.bigInt({ min: 0n, max: 10n ** 12n }),
        firstSeen: fc.integer({ min: 0, max: 2 ** 45 }),
      }),
      { maxLength: MAX_MEMPOOL_SUMMARY_ENTRIES, selector: (e) => e.txid.join() },
    ),
    projectedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    minFeeRate: fc.integer({ min: 0, max: 100_000 }),
  })
  .map(({ tipHeight, time, extra, recent, projectedShare, minFeeRate }) => {
    const histogram = emptyFeeHistogram()
    const entries = recent.map((e) => ({ ...e, feeRate: Number(e.fee) / e.size }))
    for (const e of [...entries, ...extra.map((x) => ({ size: x.size, feeRate: x.rate }))]) {
      const b = histogram[feeRateBucket(e.feeRate)]!
      b.count++
      b.bytes += e.size
    }
    const txCount = histogram.reduce((n, b) => n + b.count, 0)
    const totalBytes = histogram.reduce((n, b) => n + b.bytes, 0)
    const n = Math.floor(txCount * projectedShare)
    const projected =
      n === 0
        ? { txCount: 0, bytes: 0, fees: 0n, minFeeRate: 0, maxFeeRate: 0 }
        : {
            txCount: n,
            bytes: Math.floor(totalBytes * projectedShare),
            fees: 1234n,
            minFeeRate: 1.5,
            maxFeeRate: 42.125,
          }
    return {
      tipHeight,
      time,
      txCount,
      totalBytes,
      minFeeRate: minFeeRate / 1000,
      histogram,
      projected,
      recent: entries,
    }
  })

const genesis = createGenesis(DEVNET)
const alice = devnetAccount(0)

function payment(amount: bigint): Transaction {
  const coin = genesis.created.find(
    (c) => c.entry.lock.policyHash.join() === alice.lock.policyHash.join(),
  )
  if (coin === undefined) throw new Error('alice has no genesis output')
  return signTransaction({
    tx: {
      version: TX_VERSION,
      kind: 'transfer',
      inputs: [{ prevout: coin.outpoint, sequence: SEQUENCE_FINAL }],
      outputs: [{ amount, lock: alice.lock }],
      locktime: 0,
      payload: new Uint8Array(0),
    },
    spent: [{ amount: coin.entry.amount, lock: coin.entry.lock, policy: alice.policy }],
    genesisHash: genesisHashBytes(DEVNET),
    sign: (_key, message) => signEd25519(message, alice.secretKey),
  })
}

describe('mempool-summary', () => {
  it('has its id, an empty request and a bounded answer', () => {
    expect(protocolId('devnet', 'mempool-summary')).toBe('/supernova/devnet/mempool-summary/1')
    expect(PROTOCOL_LIMITS['mempool-summary']).toEqual({
      maxRequestBytes: 0,
      maxResponseBytes: 1 + MAX_MEMPOOL_SUMMARY_BYTES,
      timeoutMs: 5_000,
    })
    expect(MEMPOOL_FEE_RATE_EDGES.length).toBe(18)
    expect(encodeMempoolSummaryRequest().length).toBe(0)
    expect(() => decodeMempoolSummaryRequest(new Uint8Array(0))).not.toThrow()
    expect(() => decodeMempoolSummaryRequest(Uint8Array.of(0))).toThrow(DecodeError)
  })

  it('buckets: [edge i, edge i+1), the last open', () => {
    expect(feeRateBucket(0)).toBe(0)
    expect(feeRateBucket(0.99)).toBe(0)
    expect(feeRateBucket(1)).toBe(1)
    expect(feeRateBucket(4.9)).toBe(3)
    expect(feeRateBucket(1_000)).toBe(MEMPOOL_FEE_RATE_EDGES.length - 1)
    expect(feeRateBucket(1e9)).toBe(MEMPOOL_FEE_RATE_EDGES.length - 1)
    const h = emptyFeeHistogram()
    expect(h[0]).toEqual({ from: 0, to: 1, count: 0, bytes: 0 })
    expect(h.at(-1)).toEqual({ from: 1_000, to: null, count: 0, bytes: 0 })
  })

  it('round-trips every consistent summary, strictly, within its cap', () => {
    fc.assert(
      fc.property(summaryArb, (m) => {
        const bytes = encodeMempoolSummaryResponse(m)
        expect(bytes.length).toBeLessThanOrEqual(MAX_MEMPOOL_SUMMARY_BYTES)
        expect(decodeMempoolSummaryResponse(bytes)).toEqual(m)
        if (m.recent.length < 3) expectStrict(bytes, decodeMempoolSummaryResponse)
      }),
      { numRuns: 60 },
    )
    expectOnlyDecodeErrors(decodeMempoolSummaryResponse, 400)
  })

  it('refuses a summary that contradicts itself, on both sides', () => {
    const m = fc.sample(
      summaryArb.filter((x) => x.recent.length > 1),
      { numRuns: 1, seed: 7 },
    )[0]!
    const bad: MempoolSummaryMessage[] = [
      { ...m, txCount: m.txCount + 1 },
      { ...m, totalBytes: m.totalBytes + 1 },
      { ...m, recent: [m.recent[0]!, m.recent[0]!] },
      { ...m, recent: [{ ...m.recent[0]!, size: 0 }] },
      { ...m, projected: { ...m.projected, txCount: m.txCount + 1 } },
      { ...m, projected: { txCount: 0, bytes: 5, fees: 0n, minFeeRate: 0, maxFeeRate: 0 } },
      { ...m, histogram: m.histogram.slice(1) },
    ]
    for (const b of bad) expect(() => encodeMempoolSummaryResponse(b)).toThrow(RangeError)
    // The same lie on the wire: the count bumped after encoding.
    const bytes = encodeMempoolSummaryResponse(m)
    bytes[12] = (bytes[12]! + 1) & 0xff
    expect(() => decodeMempoolSummaryResponse(bytes)).toThrow(DecodeError)
  })

  it('the fullest answer and every error frame fit the response cap', () => {
    const histogram = emptyFeeHistogram()
    histogram[0]!.count = MAX_MEMPOOL_SUMMARY_ENTRIES
    histogram[0]!.bytes = MAX_MEMPOOL_SUMMARY_ENTRIES * 0xffff
    const recent = Array.from({ length: MAX_MEMPOOL_SUMMARY_ENTRIES }, (_, i) => ({
      txid: new Uint8Array(32).fill(i),
      size: 0xffff,
      fee: 0n,
      feeRate: 0,
      firstSeen: 2 ** 50,
    }))
    const body = encodeMempoolSummaryResponse({
      tipHeight: 0xffffffff,
      time: 2 ** 50,
      txCount: MAX_MEMPOOL_SUMMARY_ENTRIES,
      totalBytes: MAX_MEMPOOL_SUMMARY_ENTRIES * 0xffff,
      minFeeRate: 1e9,
      histogram,
      projected: { txCount: 1, bytes: 1, fees: 2n ** 63n, minFeeRate: 1, maxFeeRate: 1e9 },
      recent,
    })
    const cap = PROTOCOL_LIMITS['mempool-summary'].maxResponseBytes
    expect(body.length).toBeLessThanOrEqual(MAX_MEMPOOL_SUMMARY_BYTES)
    expect(MAX_MEMPOOL_SUMMARY_BYTES - body.length).toBeLessThanOrEqual(MAX_LENGTH_PREFIX_BYTES)
    const long = 'é'.repeat(1000)
    for (const f of [
      encodeResponseFrame({ result: 'OK', body }),
      encodeResponseFrame({ result: 'RATE_LIMITED', message: long }),
    ])
      expect(f.length).toBeLessThanOrEqual(cap)
  })
})

describe('mempool-tx', () => {
  it('has its id and caps: a txid in, a transaction of up to 1,000,000 bytes out', () => {
    expect(protocolId('devnet', 'mempool-tx')).toBe('/supernova/devnet/mempool-tx/1')
    expect(PROTOCOL_LIMITS['mempool-tx']).toEqual({
      maxRequestBytes: 32,
      maxResponseBytes: 1 + 8 + MAX_LENGTH_PREFIX_BYTES + TX_LIMITS.maxEncodedBytes,
      timeoutMs: 10_000,
    })
  })

  it('firstSeen u64 ‖ bytes tx, strict, with the encoding as sent', () => {
    const tx = payment(5_000n)
    const bytes = encodeMempoolTxResponse({ tx, firstSeen: 1_700_000_000_123 })
    const m = decodeMempoolTxResponse(bytes)
    expect(m.firstSeen).toBe(1_700_000_000_123)
    expect(m.tx).toEqual(tx)
    expect(m.bytes).toEqual(encodeTransaction(tx))
    expectStrict(bytes, decodeMempoolTxResponse)
    expectOnlyDecodeErrors(decodeMempoolTxResponse, 300)
  })
})
