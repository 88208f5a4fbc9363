/**
 * Where a sent transaction stands. Broadcast and tracking need the network client; these types
 * fix the shape they report so the wallet UI can be written against them now.
 */

export type TrackedTransactionState =
  /** Signed here, not yet handed to a node. */
  | 'signed'
  /** A node accepted it into its mempool. */
  | 'pending'
  /** In a block on the best chain, `confirmations` deep. */
  | 'confirmed'
  /** In a block covered by a finality certificate. */
  | 'final'
  /** A node refused it (`reason` is the node's code, e.g. `FEE_TOO_LOW`, `INVALID`). */
  | 'rejected'
  /** Left the mempools without confirming, or a conflicting spend confirmed. */
  | 'dropped'

export type TrackedTransaction = {
  /** Lowercase hex txid. */
  txid: string
  state: TrackedTransactionState
  fee: bigint
  /** Encoded size in bytes (the mempool's measure). */
  size: number
  /** Set once confirmed: the block and the depth below the verified tip. */
  block?: { hash: string; height: number }
  confirmations?: number
  reason?: string
  /** Client clock (ms) of the last state change. */
  updatedAt: number
}
