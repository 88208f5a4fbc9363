import {
  BaseError,
  type ChainParams,
  createGenesis,
  type Header,
  toHex,
  ValidationError,
  verifyHeader,
  workForBits,
} from '@supernova/protocol'
import { pinnedGenesisHeader } from './genesisHeaders.js'

/** A verified header chain's tip as the light client keeps it. Immutable: appending returns a new one. */
export type HeaderChainState = {
  readonly params: ChainParams
  readonly tip: { readonly header: Header; readonly hash: Uint8Array }
  /** Timestamps of the tip and up to `medianTimeSpan - 1` ancestors, oldest first. */
  readonly recentTimestamps: readonly number[]
  /** Σ work of every header from genesis to the tip: what fork choice compares. */
  readonly cumulativeWork: bigint
}

export type HeaderChainErrorCode = 'GENESIS_MISMATCH'

/** The chain's pinned genesis does not match what the params build. */
export class HeaderChainError extends BaseError<HeaderChainErrorCode> {
  override name = 'HeaderChainError'
}

/**
 * The verified chain at genesis: the genesis header must hash to the pinned genesis hash — the one
 * header the light client trusts without proof of work. For a network's own params the shipped
 * genesis header is used (`pinnedGenesisHeader`, equal to the built one); any other params have
 * their genesis block rebuilt, which must hash to their pinned hash.
 * @throws {HeaderChainError} GENESIS_MISMATCH
 */
export function createHeaderChain(params: ChainParams): HeaderChainState {
  const genesis = pinnedGenesisHeader(params) ?? builtGenesis(params)
  return {
    params,
    tip: genesis,
    recentTimestamps: [genesis.header.timestamp],
    cumulativeWork: workForBits(genesis.header.bits),
  }
}

function builtGenesis(params: ChainParams): { header: Header; hash: Uint8Array } {
  const g = createGenesis(params)
  if (toHex(g.hash) !== params.genesisHash) {
    throw new HeaderChainError({
      code: 'GENESIS_MISMATCH',
      message: `${params.network} genesis builds to ${toHex(g.hash)}, pinned ${params.genesisHash}`,
    })
  }
  return { header: g.block.header, hash: g.hash }
}

export type AppendHeadersParameters = {
  state: HeaderChainState
  /** Consecutive headers extending `state.tip`. */
  headers: readonly Header[]
  /** The client's clock (ms). */
  now: number
}

/** A header `extendHeaderChain` accepted, with what verifying it computed (so nothing hashes it again). */
export type VerifiedHeader = {
  readonly header: Header
  /** Its block hash: BLAKE3 of `bytes`, as the proof-of-work check computed it. */
  readonly hash: Uint8Array
  /** Its canonical encoding (HEADER_BYTES). */
  readonly bytes: Uint8Array
  /** Σ work from genesis through this header. */
  readonly cumulativeWork: bigint
}

export type ExtendHeaderChainReturnType = {
  /** The chain with every header appended. */
  state: HeaderChainState
  /** The headers appended, in order, each with its hash, encoding and cumulative work. */
  added: VerifiedHeader[]
}

/**
 * Verifies headers one by one on top of the current tip — linkage, proof of work, ASERT retarget,
 * median-time-past, future-time limit, beacon and validator-set rules — and returns the extended
 * chain together with each header's hash and encoding (each header is encoded and hashed once,
 * by the proof-of-work check). Nothing unverified is ever part of a returned state.
 * @throws {ValidationError} for the first invalid header; `details.index` is its position in `headers`.
 * @example
 * const { state: next, added } = extendHeaderChain({ state, headers, now: Date.now() })
 * await saveHeaders({ storage, base: state, added })
 */
export function extendHeaderChain({
  state,
  headers,
  now,
}: AppendHeadersParameters): ExtendHeaderChainReturnType {
  const { params } = state
  const span = params.medianTimeSpan
  // A private copy used as a sliding window: verifyHeader only reads it.
  const timestamps = state.recentTimestamps.slice()
  let tip = state.tip
  let work = state.cumulativeWork
  const workOf = workMemo()
  const added: VerifiedHeader[] = []
  for (let index = 0; index < headers.length; index++) {
    const header = headers[index]!
    let verified: { hash: Uint8Array; headerBytes: Uint8Array }
    try {
      verified = verifyHeader({ header, parent: tip, recentTimestamps: timestamps, params, now })
    } catch (e) {
      if (e instanceof ValidationError)
        Object.assign(e.details as Record<string, unknown>, { index })
      throw e
    }
    tip = { header, hash: verified.hash }
    timestamps.push(header.timestamp)
    while (timestamps.length > span) timestamps.shift()
    work += workOf(header.bits)
    added.push({ header, hash: verified.hash, bytes: verified.headerBytes, cumulativeWork: work })
  }
  return { state: { params, tip, recentTimestamps: timestamps, cumulativeWork: work }, added }
}

/**
 * `extendHeaderChain` when only the new state is wanted.
 * @throws {ValidationError} for the first invalid header; `details.index` is its position in `headers`.
 */
export function appendHeaders(p: AppendHeadersParameters): HeaderChainState {
  return extendHeaderChain(p).state
}

/**
 * `workForBits` remembering its last answer: consecutive headers nearly always share their bits,
 * and the bigint division behind it costs about as much as hashing the header.
 */
export function workMemo(): (bits: number) => bigint {
  let lastBits: number | undefined
  let lastWork = 0n
  return (bits) => {
    if (bits !== lastBits) {
      lastWork = workForBits(bits)
      lastBits = bits
    }
    return lastWork
  }
}
