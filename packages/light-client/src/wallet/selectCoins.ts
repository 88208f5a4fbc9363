import { branchAndBound } from './branchAndBound.js'
import { CoinSelectionError } from './errors.js'
import { cryptoRandomNumber, type RandomNumber } from './random.js'

/** A spendable coin as selection sees it; `T` carries whatever the caller needs back. */
export type CoinCandidate = {
  amount: bigint
  /** Bytes this coin's input adds to the signed transaction (outpoint, sequence, witness). */
  inputSize: number
}

/** Default cap on inputs: stays far below the 1,000 signature checks a transaction may need. */
export const DEFAULT_MAX_INPUTS = 500
/** Random subsets the knapsack fallback tries (Bitcoin Core's count). */
const KNAPSACK_ITERATIONS = 1_000
/** Bound on the fallback's work: iterations × coins. */
const KNAPSACK_BUDGET = 2_000_000

export type SelectCoinsParameters<C extends CoinCandidate> = {
  coins: readonly C[]
  /** Σ of the outputs paid (change excluded), > 0. */
  target: bigint
  /** Bytes of the signed transaction without inputs and without a change output. */
  baseSize: number
  /** Bytes a change output adds. */
  changeOutputSize: number
  /** Bytes of the input that will later spend the change (part of the cost of change). */
  changeSpendSize: number
  /** Base units per byte of the encoded transaction (witnesses included). */
  feeRate: bigint
  /** Change below this is never created (the chain rejects such outputs). */
  dustThreshold: bigint
  maxInputs?: number
  /** Randomness of the fallback; default from `crypto.getRandomValues`. */
  random?: RandomNumber
  maxTries?: number
}

export type SelectCoinsReturnType<C extends CoinCandidate> = {
  selected: C[]
  /** `bnb`: changeless branch-and-bound; `knapsack`: the fallback (change ≥ dust, or none). */
  algorithm: 'bnb' | 'knapsack'
  inputTotal: bigint
  /** 0n when there is no change output. */
  change: bigint
  /** `inputTotal − target − change`; at least `feeRate × size`. */
  fee: bigint
  /** Estimated signed size (`baseSize + Σ inputSize (+ changeOutputSize)`). */
  size: number
}

type Eligible<C> = { coin: C; value: bigint; position: number }

/**
 * Chooses coins for `target` at `feeRate`: branch-and-bound for a changeless set first; failing
 * that, a knapsack pass (Bitcoin Core's randomized approximation, plus largest-first) for the
 * smallest set leaving change of at least the dust threshold; failing that, a set within the
 * changeless need whose small excess is left as fee. Coins whose input costs more than they hold
 * are never chosen. Deterministic for a given `random`.
 * @throws {CoinSelectionError} `INSUFFICIENT_FUNDS` (`details.available`, `details.needed`,
 * bigints) or `TOO_MANY_INPUTS`.
 * @example
 * const { selected, change, fee } = selectCoins({ coins, target: 50_000n, baseSize: 60,
 *   changeOutputSize: 41, changeSpendSize: 142, feeRate: 2n, dustThreshold: 546n })
 */
export function selectCoins<C extends CoinCandidate>(
  p: SelectCoinsParameters<C>,
): SelectCoinsReturnType<C> {
  assertParameters(p)
  const maxInputs = p.maxInputs ?? DEFAULT_MAX_INPUTS
  const eligible = p.coins
    .map((coin, position) => ({
      coin,
      position,
      value: coin.amount - p.feeRate * BigInt(coin.inputSize),
    }))
    .filter((e) => e.value > 0n)
    .sort((a, b) => (a.value > b.value ? -1 : a.value < b.value ? 1 : a.position - b.position))
  const need = p.target + p.feeRate * BigInt(p.baseSize)
  const costOfChange = p.feeRate * BigInt(p.changeOutputSize + p.changeSpendSize)
  const bnb = branchAndBound({
    values: eligible.map((e) => e.value),
    target: need,
    costOfChange,
    maxInputs,
    ...(p.maxTries === undefined ? {} : { maxTries: p.maxTries }),
  })
  if (bnb)
    return result(
      p,
      'bnb',
      bnb.map((i) => eligible[i]!),
      0n,
    )
  const needWithChange = need + p.feeRate * BigInt(p.changeOutputSize) + p.dustThreshold
  const withChange = knapsack(eligible, needWithChange, maxInputs, p.random ?? cryptoRandomNumber)
  if (withChange) {
    const value = withChange.reduce((s, e) => s + e.value, 0n)
    return result(p, 'knapsack', withChange, value - need - p.feeRate * BigInt(p.changeOutputSize))
  }
  const changeless = largestFirst(eligible, need, maxInputs)
  if (changeless) return result(p, 'knapsack', changeless, 0n)
  throw shortfall(p, eligible, need, maxInputs)
}

function result<C extends CoinCandidate>(
  p: SelectCoinsParameters<C>,
  algorithm: 'bnb' | 'knapsack',
  chosen: readonly Eligible<C>[],
  change: bigint,
): SelectCoinsReturnType<C> {
  const selected = [...chosen].sort((a, b) => a.position - b.position).map((e) => e.coin)
  const inputTotal = selected.reduce((s, c) => s + c.amount, 0n)
  const size =
    p.baseSize +
    selected.reduce((s, c) => s + c.inputSize, 0) +
    (change > 0n ? p.changeOutputSize : 0)
  return { selected, algorithm, inputTotal, change, fee: inputTotal - p.target - change, size }
}

/** The first coins, largest first, reaching `need`; undefined if none do within `maxInputs`. */
function largestFirst<C>(
  eligible: readonly Eligible<C>[],
  need: bigint,
  maxInputs: number,
): Eligible<C>[] | undefined {
  let sum = 0n
  for (let i = 0; i < eligible.length && i < maxInputs; i++) {
    sum += eligible[i]!.value
    if (sum >= need) return eligible.slice(0, i + 1)
  }
  return undefined
}

/**
 * Bitcoin Core's ApproximateBestSubset: random subsets (each coin in with probability ½, then a
 * second pass adding the rest until the target is met), keeping the least total ≥ `need`;
 * largest-first seeds the best so a solution is found whenever one exists within `maxInputs`.
 */
function knapsack<C>(
  eligible: readonly Eligible<C>[],
  need: bigint,
  maxInputs: number,
  random: RandomNumber,
): Eligible<C>[] | undefined {
  const seed = largestFirst(eligible, need, maxInputs)
  if (!seed) return undefined
  let best = seed
  let bestTotal = seed.reduce((s, e) => s + e.value, 0n)
  const n = eligible.length
  const iterations = Math.min(KNAPSACK_ITERATIONS, Math.floor(KNAPSACK_BUDGET / Math.max(1, n)))
  for (let rep = 0; rep < iterations && bestTotal !== need; rep++) {
    const included = new Array<boolean>(n).fill(false)
    let total = 0n
    let count = 0
    let reached = false
    for (let pass = 0; pass < 2 && !reached; pass++) {
      for (let i = 0; i < n && count < maxInputs; i++) {
        if (pass === 0 ? random() >= 0.5 : included[i]) continue
        included[i] = true
        total += eligible[i]!.value
        count++
        if (total < need) continue
        reached = true
        if (total < bestTotal || (total === bestTotal && count < best.length)) {
          best = eligible.filter((_, j) => included[j])
          bestTotal = total
        }
        included[i] = false
        total -= eligible[i]!.value
        count--
      }
    }
  }
  return best
}

function shortfall<C extends CoinCandidate>(
  p: SelectCoinsParameters<C>,
  eligible: readonly Eligible<C>[],
  need: bigint,
  maxInputs: number,
): CoinSelectionError {
  const spendable = eligible.reduce((s, e) => s + e.value, 0n)
  const available = p.coins.reduce((s, c) => s + c.amount, 0n)
  if (spendable >= need) {
    return new CoinSelectionError({
      code: 'TOO_MANY_INPUTS',
      message: `paying this needs more than ${maxInputs} coins; consolidate or send less`,
      details: { maxInputs },
    })
  }
  // What spending every economical coin would need: the outputs plus the whole fee.
  const eligibleAmount = eligible.reduce((s, e) => s + e.coin.amount, 0n)
  const needed = eligibleAmount + (need - spendable)
  return new CoinSelectionError({
    code: 'INSUFFICIENT_FUNDS',
    message: `${available} units available, ${needed} needed for the outputs and the fee`,
    details: { available, needed },
  })
}

function assertParameters<C extends CoinCandidate>(p: SelectCoinsParameters<C>): void {
  if (typeof p.target !== 'bigint' || p.target <= 0n)
    throw new RangeError('target must be a positive bigint')
  if (typeof p.feeRate !== 'bigint' || p.feeRate < 0n)
    throw new RangeError('feeRate must be a non-negative bigint')
  if (typeof p.dustThreshold !== 'bigint' || p.dustThreshold < 0n)
    throw new RangeError('dustThreshold must be a non-negative bigint')
  for (const n of [p.baseSize, p.changeOutputSize, p.changeSpendSize])
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError('sizes must be non-negative integers')
  if (p.maxInputs !== undefined && (!Number.isSafeInteger(p.maxInputs) || p.maxInputs < 1))
    throw new RangeError('maxInputs must be a positive integer')
  for (const c of p.coins)
    if (
      typeof c.amount !== 'bigint' ||
      c.amount < 0n ||
      !Number.isSafeInteger(c.inputSize) ||
      c.inputSize < 0
    )
      throw new RangeError('each coin needs a non-negative bigint amount and integer inputSize')
}
