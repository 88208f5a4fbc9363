import { workForBits } from '@supernova/protocol'

/** What summing work reads from a verified header. */
export type WorkHeader = { height: number; hash: Uint8Array; bits: number }

/** Σ expected hashes (`workForBits`) of the given headers. */
export function sumWork(headers: readonly Pick<WorkHeader, 'bits'>[]): bigint {
  let work = 0n
  for (const h of headers) work += workForBits(h.bits)
  return work
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

export type CumulativeWorkAtParameters = {
  height: number
  /** The verified tip and its cumulative work (the light client's chain info). */
  tip: { height: number; hash: Uint8Array; cumulativeWork: bigint }
  /** The verified headers above `height` up to the tip, oldest first. */
  above: readonly WorkHeader[]
}

/**
 * Cumulative work of the chain up to `height` (genesis included): the tip's cumulative work minus
 * the work of every header above. Undefined unless `above` is exactly height+1..tip ending in the
 * tip's hash — read at another moment than the tip (a new head arrived in between), it would be off.
 */
export function cumulativeWorkAt({
  height,
  tip,
  above,
}: CumulativeWorkAtParameters): bigint | undefined {
  if (height > tip.height) return undefined
  if (above.length !== tip.height - height) return undefined
  if (above.length === 0) return tip.cumulativeWork
  const consecutive = above.every((h, i) => h.height === height + 1 + i)
  if (!consecutive || !sameBytes(above.at(-1)!.hash, tip.hash)) return undefined
  return tip.cumulativeWork - sumWork(above)
}

/** How the page reads the headers for a block's cumulative work: the shorter way, within `max` headers. */
export type CumulativeWorkPlan =
  | { kind: 'from-tip'; fromHeight: number; count: number }
  | { kind: 'from-genesis'; count: number }
  | { kind: 'at-tip' }
  | { kind: 'too-far' }

/** Chooses between subtracting the headers above from the tip's total and summing from genesis. */
export function planCumulativeWork(
  height: number,
  tipHeight: number,
  max: number,
): CumulativeWorkPlan {
  const depth = tipHeight - height
  if (depth < 0) return { kind: 'too-far' }
  if (depth === 0) return { kind: 'at-tip' }
  if (depth <= height + 1 && depth <= max)
    return { kind: 'from-tip', fromHeight: height + 1, count: depth }
  if (height + 1 <= max) return { kind: 'from-genesis', count: height + 1 }
  return depth <= max
    ? { kind: 'from-tip', fromHeight: height + 1, count: depth }
    : { kind: 'too-far' }
}
