import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createGenesis } from '../../src/block/genesis.js'
import { signEd25519 } from '../../src/crypto/ed25519.js'
import { devnetAccount } from '../../src/params/devnetAccounts.js'
import { DEVNET } from '../../src/params/networks.js'
import { SEQUENCE_FINAL } from '../../src/policy/types.js'
import { encodeTransaction } from '../../src/tx/codec.js'
import { signTransaction } from '../../src/tx/signTransaction.js'
import { type Transaction, TX_LIMITS, TX_VERSION } from '../../src/tx/types.js'
import { VALIDATION_ERROR_CODES } from '../../src/validation/errors.js'
import { genesisHashBytes } from '../../src/validation/verifyBlock.js'
import { PROTOCOL_LIMITS } from '../../src/wire/limits.js'
import { decodeResponseFrame, encodeResponseFrame } from '../../src/wire/responseFrame.js'
import {
  decodeSendTxRequest,
  decodeSendTxResponse,
  encodeSendTxRequest,
  encodeSendTxResponse,
} from '../../src/wire/sendTx.js'
import { expectOnlyDecodeErrors, expectStrict, hash32 } from './helpers.js'

const genesis = createGenesis(DEVNET)
const alice = devnetAccount(0)

/** A real signed payment from alice's genesis output: what a wallet sends. */
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
      outputs: [
        { amount, lock: alice.lock },
        { amount: coin.entry.amount - amount - 10_000n, lock: alice.lock },
      ],
      locktime: 0,
      payload: new Uint8Array(0),
    },
    spent: [{ amount: coin.entry.amount, lock: coin.entry.lock, policy: alice.policy }],
    genesisHash: genesisHashBytes(DEVNET),
    sign: (_key, message) => signEd25519(message, alice.secretKey),
  })
}

describe('send-tx', () => {
  it('request: the encoded transaction, strict', () => {
    for (const tx of [payment(1n), genesis.block.transactions[0]!]) {
      const bytes = encodeSendTxRequest(tx)
      expect(bytes).toEqual(encodeTransaction(tx))
      expect(decodeSendTxRequest(bytes)).toEqual(tx)
      expectStrict(bytes, decodeSendTxRequest)
    }
    expectOnlyDecodeErrors(decodeSendTxRequest)
  })

  it('request: refused over the transaction cap, both ways', () => {
    expect(PROTOCOL_LIMITS['send-tx'].maxRequestBytes).toBe(TX_LIMITS.maxEncodedBytes)
    const big = new Uint8Array(TX_LIMITS.maxEncodedBytes + 1)
    expect(() => decodeSendTxRequest(big)).toThrow(/exceeds the cap/)
    const tx = payment(1n)
    const huge = { ...tx, payload: new Uint8Array(TX_LIMITS.maxEncodedBytes) }
    expect(() => encodeSendTxRequest(huge)).toThrow(RangeError)
  })

  it('response: exactly a 32-byte txid', () => {
    fc.assert(
      fc.property(hash32, (txid) => {
        const bytes = encodeSendTxResponse(txid)
        expect(decodeSendTxResponse(bytes)).toEqual(txid)
        expectStrict(bytes, decodeSendTxResponse)
      }),
      { numRuns: 20 },
    )
    expect(() => encodeSendTxResponse(new Uint8Array(31))).toThrow()
    expectOnlyDecodeErrors(decodeSendTxResponse, 40)
  })

  it('every frame the server may send fits the response cap', () => {
    const cap = PROTOCOL_LIMITS['send-tx'].maxResponseBytes
    const long = 'é'.repeat(1000)
    const frames = [
      encodeResponseFrame({ result: 'OK', body: encodeSendTxResponse(new Uint8Array(32)) }),
      encodeResponseFrame({ result: 'BAD_REQUEST', message: long }),
      encodeResponseFrame({ result: 'REJECTED', reason: 'R'.repeat(64), message: long }),
    ]
    for (const f of frames) expect(f.length).toBeLessThanOrEqual(cap)
  })

  it('every consensus rule code is a valid reject reason', () => {
    for (const code of VALIDATION_ERROR_CODES) {
      const frame = { result: 'REJECTED' as const, reason: code, message: 'no' }
      expect(decodeResponseFrame(encodeResponseFrame(frame))).toEqual(frame)
    }
  })
})
