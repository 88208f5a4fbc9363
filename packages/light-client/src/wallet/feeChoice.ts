import { type ChainParams, MAX_FEE_ESTIMATE_TARGET } from '@supernova/protocol'
import { NetworkError } from '../network/errors.js'
import type { GetFeeEstimateReturnType } from '../network/getFeeEstimate.js'
import type { LightClientNetwork } from '../network/network.js'
import type { NetworkPeer } from '../network/types.js'
import { PaymentError } from './paymentErrors.js'

/** The choices a send screen offers. */
export type FeeSpeed = 'fast' | 'normal' | 'slow'
const SPEEDS: readonly FeeSpeed[] = ['fast', 'normal', 'slow']

/** Confirmation targets (blocks) of each choice unless the caller gives its own. */
export const DEFAULT_FEE_TARGETS: Readonly<Record<FeeSpeed, number>> = {
  fast: 1,
  normal: 6,
  slow: 24,
}
/**
 * Default sanity cap, base units per byte: what Bitcoin Core refuses to broadcast above by default
 * (0.1 coin per 1,000 bytes). No peer's advice moves a fee past it.
 */
export const DEFAULT_MAX_FEE_RATE = 10_000n
/** Peers asked by default, and at most. */
export const DEFAULT_FEE_PEERS = 3
export const MAX_FEE_PEERS = 16

/** What fee estimation needs of the network: its peers and the `fee-estimate` request. */
export type FeeEstimateNetwork = Pick<LightClientNetwork, 'peers' | 'getFeeEstimate'>

export type EstimateFeesParameters = {
  network: FeeEstimateNetwork
  /** The chain's parameters: its relay floor (`mempool.minFeeRate`) and block interval. */
  params: ChainParams
  /** Distinct peers asked, best first (1..16). Default 3. */
  maxPeers?: number
  /** Sanity cap (units per byte, at least the relay floor). Default 10,000. */
  maxFeeRate?: bigint
  /** Target blocks per choice (1..1008 each). Default fast 1, normal 6, slow 24. */
  targets?: Partial<Record<FeeSpeed, number>>
  /** Bound of each request (below the protocol's 5 s). */
  timeoutMs?: number
  signal?: AbortSignal
}

/** One choice for the UI. */
export type FeeChoice = {
  speed: FeeSpeed
  targetBlocks: number
  /** Base units per byte of the signed transaction's full encoding (`buildTransaction`'s unit). */
  feeRate: bigint
  /** `targetBlocks` × the chain's block interval: the wait to show, not a promise. */
  expectedWaitMs: number
  /** The peers' median before clamping. */
  median: bigint
  /** Whether the median was raised to the floor, or cut to the cap (or to a faster choice's rate). */
  clamped: 'none' | 'floor' | 'cap'
}

export type EstimateFeesReturnType = Record<FeeSpeed, FeeChoice> & {
  /** The floor applied: the chain's relay floor, or the peers' median floor when higher (≤ cap). */
  minFeeRate: bigint
  maxFeeRate: bigint
  /** Every answer, per peer and target (advice: unverifiable). */
  answers: GetFeeEstimateReturnType[]
  /** Requests that failed. */
  failures: { peer: string; speed: FeeSpeed; error: NetworkError }[]
  /** No answer rests on observations (all `samples` 0): every rate is a relay floor. */
  floorOnly: boolean
}

/**
 * Fee choices from the network's advice: up to `maxPeers` peers are each asked for every target;
 * per choice the median answer is taken (so one lying peer among three moves nothing) and clamped
 * between the floor and `maxFeeRate`. Slower choices never cost more than faster ones.
 * @throws {RangeError} a target outside 1..1008, `maxPeers` outside 1..16, a cap below the floor.
 * @throws {PaymentError} NO_FEE_ESTIMATE (no peer, or no answer for a choice), ABORTED.
 * @example
 * const fees = await estimateFees({ network: net, params: getChainParams('testnet') })
 * const prepared = await preparePayment({ client, wallet, outputs, feeRate: fees.normal.feeRate })
 */
export async function estimateFees(p: EstimateFeesParameters): Promise<EstimateFeesReturnType> {
  const { targets, maxPeers, cap, floor: chainFloor } = resolve(p)
  const peers = rankPeers(p.network.peers()).slice(0, maxPeers)
  if (peers.length === 0)
    throw new PaymentError({ code: 'NO_FEE_ESTIMATE', message: 'no connected peer to ask' })
  const asked = peers.flatMap((peer) => SPEEDS.map((speed) => ({ peer: peer.id, speed })))
  const settled = await Promise.allSettled(
    asked.map((q) =>
      p.network.getFeeEstimate({
        targetBlocks: targets[q.speed],
        peer: q.peer,
        ...(p.timeoutMs === undefined ? {} : { timeoutMs: p.timeoutMs }),
        ...(p.signal === undefined ? {} : { signal: p.signal }),
      }),
    ),
  )
  if (p.signal?.aborted)
    throw new PaymentError({ code: 'ABORTED', message: 'fee estimation aborted' })
  const answers: (GetFeeEstimateReturnType & { speed: FeeSpeed })[] = []
  const failures: EstimateFeesReturnType['failures'] = []
  for (const [i, s] of settled.entries()) {
    const q = asked[i]!
    if (s.status === 'fulfilled') answers.push({ ...s.value, speed: q.speed })
    else if (s.reason instanceof NetworkError) failures.push({ ...q, error: s.reason })
    else throw s.reason
  }
  const peerFloor = median(answers.map((a) => a.minFeeRate)) ?? chainFloor
  const floor = min(max(chainFloor, peerFloor), cap)
  const choices = {} as Record<FeeSpeed, FeeChoice>
  let ceiling = cap
  for (const speed of SPEEDS) {
    const m = median(answers.filter((a) => a.speed === speed).map((a) => a.feeRate))
    if (m === undefined)
      throw new PaymentError({
        code: 'NO_FEE_ESTIMATE',
        message: `no peer answered a fee estimate for ${targets[speed]} blocks`,
        details: { failures: failures.map((f) => ({ peer: f.peer, code: f.error.code })) },
      })
    const feeRate = min(max(m, floor), ceiling)
    ceiling = feeRate
    const clamped = feeRate > m ? 'floor' : feeRate < m ? 'cap' : 'none'
    const expectedWaitMs = targets[speed] * p.params.targetBlockTimeMs
    choices[speed] = {
      speed,
      targetBlocks: targets[speed],
      feeRate,
      expectedWaitMs,
      median: m,
      clamped,
    }
  }
  return {
    ...choices,
    minFeeRate: floor,
    maxFeeRate: cap,
    answers: answers.map(({ speed: _, ...a }) => a),
    failures,
    floorOnly: answers.every((a) => a.samples === 0),
  }
}

function resolve(p: EstimateFeesParameters) {
  const targets = { ...DEFAULT_FEE_TARGETS, ...p.targets }
  for (const speed of SPEEDS) {
    const t = targets[speed]
    if (!Number.isInteger(t) || t < 1 || t > MAX_FEE_ESTIMATE_TARGET)
      throw new RangeError(`${speed} target ${t} outside 1..${MAX_FEE_ESTIMATE_TARGET}`)
  }
  const maxPeers = p.maxPeers ?? DEFAULT_FEE_PEERS
  if (!Number.isInteger(maxPeers) || maxPeers < 1 || maxPeers > MAX_FEE_PEERS)
    throw new RangeError(`maxPeers ${maxPeers} outside 1..${MAX_FEE_PEERS}`)
  const floor = p.params.mempool.minFeeRate
  const cap = p.maxFeeRate ?? DEFAULT_MAX_FEE_RATE
  if (typeof cap !== 'bigint' || cap < floor)
    throw new RangeError(`maxFeeRate must be a bigint of at least the relay floor ${floor}`)
  return { targets, maxPeers, cap, floor }
}

/** Best first: highest score, then one with a status, then lowest latency. */
function rankPeers(peers: readonly NetworkPeer[]): NetworkPeer[] {
  return [...peers].sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.status !== undefined) - Number(a.status !== undefined) ||
      (a.latencyMs ?? Number.POSITIVE_INFINITY) - (b.latencyMs ?? Number.POSITIVE_INFINITY),
  )
}

/** The median (the mean of the middle two, rounded up, for an even count); undefined if none. */
export function median(values: readonly bigint[]): bigint | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const hi = sorted[Math.floor(sorted.length / 2)]!
  if (sorted.length % 2 === 1) return hi
  const lo = sorted[sorted.length / 2 - 1]!
  return (lo + hi + 1n) / 2n
}

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b)
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b)
