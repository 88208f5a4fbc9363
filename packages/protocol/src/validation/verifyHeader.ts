import { encodeHeader, HEADER_VERSION, type Header } from '../block/header.js'
import { equalBytes, toHex } from '../bytes.js'
import { hash } from '../hash/blake3.js'
import type { ChainParams } from '../params/types.js'
import { medianTimePast, nextBitsAsert } from '../pow/asert.js'
import { checkProofOfWork } from '../pow/pow.js'
import { TargetError } from '../pow/target.js'
import { fail } from './errors.js'

/** The parent of the header being checked, with its hash. */
export type ParentHeader = { header: Header; hash: Uint8Array }

export type VerifyHeaderParameters = {
  header: Header
  parent: ParentHeader
  /** Timestamps of the parent and its ancestors, oldest first (at least one, at most params.medianTimeSpan used). */
  recentTimestamps: readonly number[]
  params: ChainParams
  /** The verifier's clock (ms). Injected: consensus code never reads the time itself. */
  now: number
}

export type VerifyHeaderReturnType = { hash: Uint8Array; headerBytes: Uint8Array }

/** ASERT parameters of a network, anchored at its genesis block. */
export function asertParamsFor(params: ChainParams) {
  return {
    anchorBits: params.genesisBits,
    anchorHeight: 0,
    anchorParentTimestamp: params.genesis.timestamp - params.targetBlockTimeMs,
    targetBlockTimeMs: params.targetBlockTimeMs,
    halfLifeMs: params.asertHalfLifeMs,
    powLimitBits: params.powLimitBits,
  }
}

/** The compact target the block after `parent` must carry. */
export function requiredBits(params: ChainParams, parent: Header): number {
  return nextBitsAsert(asertParamsFor(params), parent)
}

/** The randomness the block after `parent` must carry: it advances at epoch boundaries only. */
export function nextRandomness(params: ChainParams, parent: ParentHeader): Uint8Array {
  const height = parent.header.height + 1
  if (height % params.epochLength !== 0) return parent.header.randomness
  const buf = new Uint8Array(64)
  buf.set(parent.header.randomness, 0)
  buf.set(parent.hash, 32)
  return hash('randomness', buf)
}

/**
 * Checks everything about a header that needs only its ancestors: version, height and parent
 * linkage, retarget (ASERT), proof of work, median-time-past, future-time limit, randomness
 * beacon and validator-set continuity.
 * @throws {ValidationError} with a HEADER_* code.
 */
export function verifyHeader({
  header,
  parent,
  recentTimestamps,
  params,
  now,
}: VerifyHeaderParameters): VerifyHeaderReturnType {
  const height = header.height
  if (header.version !== HEADER_VERSION)
    fail('HEADER_BAD_VERSION', `unsupported header version ${header.version}`, {
      height,
      version: header.version,
    })
  if (height !== parent.header.height + 1)
    fail('HEADER_BAD_HEIGHT', `height ${height} does not follow ${parent.header.height}`, {
      height,
      parentHeight: parent.header.height,
    })
  if (!equalBytes(header.prevHash, parent.hash))
    fail('HEADER_PREV_MISMATCH', 'prevHash is not the parent hash', {
      height,
      prevHash: toHex(header.prevHash),
      parentHash: toHex(parent.hash),
    })
  const expectedBits = requiredBits(params, parent.header)
  if (header.bits !== expectedBits)
    fail(
      'HEADER_BAD_BITS',
      `bits 0x${header.bits.toString(16)} but the retarget requires 0x${expectedBits.toString(16)}`,
      { height, bits: header.bits, expectedBits },
    )
  const headerBytes = encodeHeader(header)
  let pow: { valid: boolean; hash: Uint8Array }
  try {
    pow = checkProofOfWork(headerBytes)
  } catch (e) {
    if (e instanceof TargetError)
      fail('HEADER_BAD_BITS', e.message, { height, bits: header.bits }, e)
    throw e
  }
  if (!pow.valid)
    fail('HEADER_BAD_POW', 'block hash is above the target', {
      height,
      hash: toHex(pow.hash),
      bits: header.bits,
    })
  if (recentTimestamps.length === 0)
    throw new RangeError('verifyHeader: recentTimestamps must include the parent')
  const mtp = medianTimePast(recentTimestamps, params.medianTimeSpan)
  if (header.timestamp <= mtp)
    fail(
      'HEADER_TIME_TOO_OLD',
      `timestamp ${header.timestamp} is not after the median time past ${mtp}`,
      { height, timestamp: header.timestamp, medianTimePast: mtp },
    )
  if (header.timestamp > now + params.maxFutureDriftMs) {
    fail(
      'HEADER_TIME_TOO_NEW',
      `timestamp ${header.timestamp} is more than ${params.maxFutureDriftMs} ms ahead of ${now}`,
      { height, timestamp: header.timestamp, now },
    )
  }
  if (!equalBytes(header.randomness, nextRandomness(params, parent)))
    fail('HEADER_BAD_RANDOMNESS', 'randomness does not follow the beacon rule', { height })
  // No transaction kind can change the validator set yet (staking is not active), so it must carry over.
  if (!equalBytes(header.validatorSetHash, parent.header.validatorSetHash)) {
    fail(
      'HEADER_BAD_VALIDATOR_SET',
      'validatorSetHash changed without a validator-set transition',
      { height },
    )
  }
  return { hash: pow.hash, headerBytes }
}
