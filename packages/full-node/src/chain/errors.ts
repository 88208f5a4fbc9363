import { BaseError } from '@supernova/protocol'

export type ChainErrorCode = 'WRONG_NETWORK' | 'UNSUPPORTED_SCHEMA' | 'CORRUPT_STATE'

/** The store cannot be used for this chain. The node must not start. */
export class ChainError extends BaseError<ChainErrorCode> {
  override name = 'ChainError'
}
