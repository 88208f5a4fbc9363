/**
 * Branch-and-bound coin selection for a changeless transaction (Murch's algorithm as in Bitcoin
 * Core's `SelectCoinsBnB`): a depth-first search over coins sorted by effective value, largest
 * first, inclusion branch before omission, for a set whose effective value lands in
 * [target, target + costOfChange]. Such a set needs no change output: the excess (at most what
 * creating and later spending a change output would cost) goes to the fee. Among solutions found
 * within `maxTries` steps the least excess wins (waste = excess, as the fee rate is also the
 * long-term rate here), then the fewest inputs.
 */

/** Bitcoin Core's bound on BnB steps. */
export const BNB_MAX_TRIES = 100_000

export type BnbParameters = {
  /** Effective values (amount − the input's own fee), all positive, sorted descending. */
  values: readonly bigint[]
  /** Outputs plus the fee of everything but the inputs. */
  target: bigint
  costOfChange: bigint
  maxInputs: number
  maxTries?: number
}

/** Indices into `values` of the best changeless selection found, or undefined. */
export function branchAndBound({
  values,
  target,
  costOfChange,
  maxInputs,
  maxTries = BNB_MAX_TRIES,
}: BnbParameters): number[] | undefined {
  let available = values.reduce((s, v) => s + v, 0n)
  if (available < target) return undefined
  const selection: number[] = []
  let value = 0n
  let best: number[] | undefined
  let bestWaste = 0n
  let i = 0
  for (let tries = 0; tries < maxTries; tries++, i++) {
    let backtrack = false
    if (value + available < target || value > target + costOfChange) backtrack = true
    else if (value >= target) {
      const waste = value - target
      if (
        best === undefined ||
        waste < bestWaste ||
        (waste === bestWaste && selection.length < best.length)
      ) {
        best = [...selection]
        bestWaste = waste
      }
      backtrack = true
    }
    if (backtrack) {
      const last = selection.at(-1)
      if (last === undefined) break
      // Give back the coins skipped after the last included one, then try omitting it.
      for (i--; i > last; i--) available += values[i]!
      value -= values[last]!
      selection.pop()
      continue
    }
    const v = values[i]!
    available -= v
    // Omitting a coin equal to the previous, omitted one repeats a branch already searched.
    const previousOmitted = i > 0 && selection.at(-1) !== i - 1 && values[i - 1] === v
    if (selection.length < maxInputs && (selection.length === 0 || !previousOmitted)) {
      selection.push(i)
      value += v
    }
  }
  return best
}
