import { BaseError } from '@supernova/protocol'

export type MinerErrorCode = 'INVALID_OPTION'

/** Errors of the miner's own API (bad options). */
export class MinerError extends BaseError<MinerErrorCode> {
  override name = 'MinerError'
}
