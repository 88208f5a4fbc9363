import { bitsToTarget, targetToBits } from './target.js'

export type AsertParameters = {
  /** Compact target of the anchor (the genesis block). */
  anchorBits: number
  /** Height of the anchor block. */
  anchorHeight: number
  /** Timestamp (ms) the schedule starts from: the anchor's parent time (genesis time − spacing). */
  anchorParentTimestamp: number
  targetBlockTimeMs: number
  halfLifeMs: number
  /** The easiest allowed target, as compact bits. */
  powLimitBits: number
}

/**
 * The compact target required of the block after `parent` — absolutely scheduled exponential
 * retargeting (ASERT, the aserti3-2d algorithm of Bitcoin Cash, in milliseconds): the target
 * doubles for every `halfLifeMs` the chain is behind its ideal schedule and halves for every
 * `halfLifeMs` ahead. Pure integer arithmetic (cubic approximation of 2^x with 16 fractional bits),
 * so every implementation agrees exactly.
 */
export function nextBitsAsert(
  p: AsertParameters,
  parent: { height: number; timestamp: number },
): number {
  const anchorTarget = bitsToTarget(p.anchorBits)
  const powLimit = bitsToTarget(p.powLimitBits)
  const timeDelta = BigInt(parent.timestamp - p.anchorParentTimestamp)
  const heightDelta = BigInt(parent.height - p.anchorHeight)
  // Truncating division as in the reference (C++ int64 `/`); BigInt `/` truncates too.
  const exponent =
    ((timeDelta - BigInt(p.targetBlockTimeMs) * (heightDelta + 1n)) * 65536n) / BigInt(p.halfLifeMs)
  const shifts = exponent >> 16n // arithmetic shift: floor
  const frac = exponent & 0xffffn
  const factor =
    65536n +
    ((195766423245049n * frac +
      971821376n * frac * frac +
      5127n * frac * frac * frac +
      (1n << 47n)) >>
      48n)
  let next = anchorTarget * factor
  next = shifts < 0n ? next >> -shifts : next << shifts
  next >>= 16n
  if (next === 0n) next = 1n
  if (next > powLimit) next = powLimit
  return targetToBits(next)
}

/** Median of the last (up to) `span` timestamps, the lower bound a new block's time must exceed. */
export function medianTimePast(timestamps: readonly number[], span = 11): number {
  if (timestamps.length === 0) throw new RangeError('medianTimePast: no timestamps')
  const last = timestamps.slice(-span).sort((a, b) => a - b)
  return last[last.length >> 1]!
}
