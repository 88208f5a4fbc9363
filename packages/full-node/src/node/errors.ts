import { BaseError } from '@supernova/protocol'

export type NodeErrorCode = 'INVALID_OPTIONS' | 'FAUCET_LIMIT' | 'FAUCET_EMPTY' | 'NOT_STARTED'

/** A node-level failure (configuration, faucet). */
export class NodeError extends BaseError<NodeErrorCode> {
  override name = 'NodeError'
}
