import { Writer } from '../codec/writer.js'
import { cappedReader, invalidValue } from './codec.js'
import { PROTOCOL_LIMITS } from './limits.js'

/** Longest confirmation target a `fee-estimate` request may name (one week of 10-minute blocks). */
export const MAX_FEE_ESTIMATE_TARGET = 1008

/**
 * A node's fee advice (docs/network.md §2.1 `fee-estimate`). Rates are base units per byte of a
 * transaction's full encoding, witnesses included — the unit of the mempool and of its
 * `estimateFee` JSON-RPC method. Advice, not a verifiable fact: clients ask several nodes.
 */
export type FeeEstimateMessage = {
  /** Rate likely to confirm within the requested target; never below `minFeeRate`. */
  feeRate: bigint
  /** The node's relay floor now (its configured minimum, or the rolling minimum when full). */
  minFeeRate: bigint
  /** The node's tip height when it answered. */
  tipHeight: number
  /** Observations the estimate rests on; 0 means no data and `feeRate` is the floor. */
  samples: number
}

/** Encoded size of a `fee-estimate` OK body. */
export const FEE_ESTIMATE_BYTES = 8 + 8 + 4 + 4

/**
 * `u16 targetBlocks`, 1..1008.
 * @throws {RangeError} a target outside 1..1008.
 */
export function encodeFeeEstimateRequest(targetBlocks: number): Uint8Array {
  assertTarget(targetBlocks)
  return new Writer(2).u16(targetBlocks).finish()
}

/** @throws {DecodeError} not exactly a u16, or a target outside 1..1008. */
export function decodeFeeEstimateRequest(bytes: Uint8Array): number {
  const r = cappedReader(bytes, PROTOCOL_LIMITS['fee-estimate'].maxRequestBytes, 'fee-estimate')
  const target = r.u16('targetBlocks')
  r.finish()
  if (target < 1 || target > MAX_FEE_ESTIMATE_TARGET)
    throw invalidValue(`fee-estimate: targetBlocks ${target} outside 1..${MAX_FEE_ESTIMATE_TARGET}`)
  return target
}

/**
 * `feeRate u64 ‖ minFeeRate u64 ‖ tipHeight u32 ‖ samples u32`.
 * @throws {RangeError} a field out of range, or `feeRate` below `minFeeRate`.
 */
export function encodeFeeEstimateResponse(m: FeeEstimateMessage): Uint8Array {
  if (m.feeRate < m.minFeeRate)
    throw new RangeError(`feeRate ${m.feeRate} below minFeeRate ${m.minFeeRate}`)
  const w = new Writer(FEE_ESTIMATE_BYTES).u64(m.feeRate).u64(m.minFeeRate)
  return w.u32(m.tipHeight).u32(m.samples).finish()
}

/**
 * Decodes a `fee-estimate` OK body strictly. Checks only its own consistency (the estimate is
 * not below the floor it came with); whether it is sane is the client's to judge.
 * @throws {DecodeError} wrong length, or `feeRate` below `minFeeRate`.
 */
export function decodeFeeEstimateResponse(bytes: Uint8Array): FeeEstimateMessage {
  const r = cappedReader(bytes, FEE_ESTIMATE_BYTES, 'fee-estimate response')
  const m: FeeEstimateMessage = {
    feeRate: r.u64('feeRate'),
    minFeeRate: r.u64('minFeeRate'),
    tipHeight: r.u32('tipHeight'),
    samples: r.u32('samples'),
  }
  r.finish()
  if (m.feeRate < m.minFeeRate)
    throw invalidValue('fee-estimate: feeRate below the minFeeRate it came with', {
      feeRate: m.feeRate,
      minFeeRate: m.minFeeRate,
    })
  return m
}

function assertTarget(targetBlocks: number): void {
  if (!Number.isInteger(targetBlocks) || targetBlocks < 1 || targetBlocks > MAX_FEE_ESTIMATE_TARGET)
    throw new RangeError(`targetBlocks ${targetBlocks} outside 1..${MAX_FEE_ESTIMATE_TARGET}`)
}
