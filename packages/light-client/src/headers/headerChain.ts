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
 * The verified chain at genesis: the genesis block is rebuilt from the network's params and must
 * hash to the pinned genesis hash — the one header the light client trusts without proof of work.
 * @throws {HeaderChainError} GENESIS_MISMATCH
 */
export function createHeaderChain(params: ChainParams): HeaderChainState {
  const g = createGenesis(params)
  if (toHex(g.hash) !== params.genesisHash) {
    throw new HeaderChainError({
      code: 'GENESIS_MISMATCH',
      message: `${params.network} genesis builds to ${toHex(g.hash)}, pinned ${params.genesisHash}`,
    })
  }
  return {
    params,
    tip: { header: g.block.header, hash: g.hash },
    recentTimestamps: [g.block.header.timestamp],
    cumulativeWork: workForBits(g.block.header.bits),
  }
}

export type AppendHeadersParameters = {
  state: HeaderChainState
  /** Consecutive headers extending `state.tip`. */
  headers: readonly Header[]
  /** The client's clock (ms). */
  now: number
}

/**
 * Verifies headers one by one on top of the current tip — linkage, proof of work, ASERT retarget,
 * median-time-past, future-time limit, beacon and validator-set rules — and returns the extended
 * chain. Nothing unverified is ever part of a returned state.
 * @throws {ValidationError} for the first invalid header; `details.index` is its position in `headers`.
 */
export function appendHeaders({ state, headers, now }: AppendHeadersParameters): HeaderChainState {
  const span = state.params.medianTimeSpan
  let tip = state.tip
  let timestamps = [...state.recentTimestamps]
  let work = state.cumulativeWork
  headers.forEach((header, index) => {
    let hash: Uint8Array
    try {
      hash = verifyHeader({
        header,
        parent: tip,
        recentTimestamps: timestamps,
        params: state.params,
        now,
      }).hash
    } catch (e) {
      if (e instanceof ValidationError)
        Object.assign(e.details as Record<string, unknown>, { index })
      throw e
    }
    tip = { header, hash }
    timestamps = [...timestamps, header.timestamp].slice(-span)
    work += workForBits(header.bits)
  })
  return { params: state.params, tip, recentTimestamps: timestamps, cumulativeWork: work }
}
