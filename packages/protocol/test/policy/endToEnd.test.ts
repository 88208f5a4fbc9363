import { ed25519 } from '@noble/curves/ed25519.js'
import { schnorr } from '@noble/curves/secp256k1.js'
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js'
import { describe, expect, it } from 'vitest'
import { utf8 } from '../../src/bytes.js'
import { blake3 } from '../../src/hash/blake3.js'
import { checkPolicy } from '../../src/policy/check.js'
import {
  decodePolicy,
  decodeSatisfaction,
  encodePolicy,
  encodeSatisfaction,
} from '../../src/policy/codec.js'
import type { KeyRef, Policy, RequiredSignature, Satisfaction } from '../../src/policy/types.js'
import { after } from './helpers.js'

const NONE: Satisfaction = { type: 'none' }

describe('end to end with real signatures', () => {
  const edSecret = ed25519.utils.randomSecretKey()
  const btcSecret = schnorr.utils.randomSecretKey()
  const pqKeys = ml_dsa65.keygen(crypto.getRandomValues(new Uint8Array(32)))
  const ED: KeyRef = { scheme: 'ed25519', publicKey: ed25519.getPublicKey(edSecret) }
  const BTC: KeyRef = { scheme: 'secp256k1', publicKey: schnorr.getPublicKey(btcSecret) }
  const PQ: KeyRef = { scheme: 'mldsa65', publicKey: pqKeys.publicKey }

  function verify(r: RequiredSignature): boolean {
    if (r.key.scheme === 'ed25519') return ed25519.verify(r.signature, r.message, r.key.publicKey)
    if (r.key.scheme === 'secp256k1') return schnorr.verify(r.signature, r.message, r.key.publicKey)
    return ml_dsa65.verify(r.signature, r.message, r.key.publicKey)
  }

  it('the returned signatures verify, and a signature over another sighash does not', () => {
    // 2-of-{ed25519, BIP340} after a height, or the post-quantum key alone.
    const policy: Policy = {
      type: 'or',
      policies: [
        { type: 'and', policies: [{ type: 'multisig', threshold: 2, keys: [ED, BTC] }, after(10)] },
        { type: 'key', key: PQ },
      ],
    }
    const sighash = blake3(utf8('the spending transaction'))
    const satisfaction: Satisfaction = {
      type: 'or',
      index: 0,
      satisfaction: {
        type: 'and',
        satisfactions: [
          {
            type: 'multisig',
            signatures: [
              { index: 0, signature: ed25519.sign(sighash, edSecret) },
              { index: 1, signature: schnorr.sign(sighash, btcSecret) },
            ],
          },
          NONE,
        ],
      },
    }
    // Through the wire format, as a validator sees it.
    const p = decodePolicy(encodePolicy(policy))
    const s = decodeSatisfaction(encodeSatisfaction(satisfaction, policy), p)
    const required = checkPolicy({
      policy: p,
      satisfaction: s,
      context: { sighash, txLocktime: 10, sequence: 0 },
    })
    expect(required.map((r) => r.key.scheme)).toEqual(['ed25519', 'secp256k1'])
    expect(required.every(verify)).toBe(true)

    const pq: Satisfaction = {
      type: 'or',
      index: 1,
      satisfaction: { type: 'signature', signature: ml_dsa65.sign(sighash, pqKeys.secretKey) },
    }
    const pqRequired = checkPolicy({
      policy: p,
      satisfaction: decodeSatisfaction(encodeSatisfaction(pq, p), p),
      context: { sighash, txLocktime: 0, sequence: 0 },
    })
    expect(pqRequired).toHaveLength(1)
    expect(pqRequired.every(verify)).toBe(true)

    // The same witness replayed on another transaction: the checker passes (it does not verify),
    // but the signatures it returns fail against the other sighash.
    const other = blake3(utf8('another transaction'))
    const replayed = checkPolicy({
      policy: p,
      satisfaction: s,
      context: { sighash: other, txLocktime: 10, sequence: 0 },
    })
    expect(replayed.map(verify)).toEqual([false, false])
    // And a signature made for the other sighash fails for this one.
    const wrong = decodeSatisfaction(
      encodeSatisfaction(
        {
          type: 'or',
          index: 1,
          satisfaction: { type: 'signature', signature: ml_dsa65.sign(other, pqKeys.secretKey) },
        },
        p,
      ),
      p,
    )
    expect(
      checkPolicy({
        policy: p,
        satisfaction: wrong,
        context: { sighash, txLocktime: 0, sequence: 0 },
      }).map(verify),
    ).toEqual([false])
  })
})
