import { BaseError, type ProtocolName } from '@supernova/protocol'

export type LightClientErrorCode =
  /** The client is not started (or was stopped). */
  | 'NOT_STARTED'
  /** No connected peer to ask within the wait bound. */
  | 'NO_PEER'
  /** Every peer asked failed or lied (`details.failures` lists them); none is left to ask. */
  | 'ALL_PEERS_FAILED'
  /** Every peer asked says it does not have it (an unconfirmed or unknown transaction, …). */
  | 'NOT_FOUND'
  /** The block is not on the verified chain (unknown hash, or a height above the verified tip). */
  | 'UNKNOWN_BLOCK'
  /** The address does not decode, or is of another network. */
  | 'INVALID_ADDRESS'
  /** The verified chain was reorganised under a multi-block scan: scan again. */
  | 'REORGED'
  /** A node refused the transaction (`details.reason`: DOUBLE_SPEND, FEE_TOO_LOW, …). */
  | 'REJECTED'
  /** The caller's signal aborted the call. */
  | 'ABORTED'
  /**
   * A pending transaction that cannot go in the next block on the verified tip: an input is
   * proven spent (mined or conflicted), or a rule that does not depend on its witnesses fails
   * (`details.reason`: `INPUT_SPENT` or the protocol's TX_* code).
   */
  | 'INVALID_AT_TIP'

/** What the SDK throws: a typed `code`, `details` and the chained `cause`. */
export class LightClientError extends BaseError<LightClientErrorCode> {
  override name = 'LightClientError'
}

/**
 * Why a peer's answer was refused. Each code has a severity (`VERIFICATION_SEVERITY`):
 * - `lie`: the answer contradicts itself or a commitment it claims (a proof that does not verify,
 *   a block whose roots are not its header's): only a lying or broken node sends it — banned;
 * - `conflict`: a well-formed answer about another chain than the heaviest verified one (a header
 *   not on our chain, a claimed work its headers do not reach) — penalized, asked elsewhere;
 * - `none`: not provably the peer's fault (it is ahead of us, its clock or ours is off) — asked
 *   elsewhere without penalty and without evidence.
 */
export type VerificationErrorCode =
  | 'HEADER_INVALID'
  | 'TXID_MISMATCH'
  | 'MERKLE_PROOF_INVALID'
  | 'SMT_PROOF_INVALID'
  | 'WRONG_LOCK'
  | 'DUPLICATE_UTXO'
  | 'BLOCK_HASH_MISMATCH'
  | 'TX_ROOT_MISMATCH'
  | 'FILTER_HASH_MISMATCH'
  | 'FILTER_MALFORMED'
  | 'BLOCK_FILTER_MISMATCH'
  | 'NOT_ON_CHAIN'
  | 'CLAIM_UNREACHABLE'
  | 'FORK_TOO_DEEP'
  | 'AHEAD_OF_CHAIN'
  | 'HEADER_TOO_NEW'
  | 'CHAIN_CHANGED'
  | 'TX_INVALID'

export type VerificationSeverity = 'lie' | 'conflict' | 'none'

export const VERIFICATION_SEVERITY: Readonly<Record<VerificationErrorCode, VerificationSeverity>> =
  {
    HEADER_INVALID: 'lie',
    TXID_MISMATCH: 'lie',
    MERKLE_PROOF_INVALID: 'lie',
    SMT_PROOF_INVALID: 'lie',
    WRONG_LOCK: 'lie',
    DUPLICATE_UTXO: 'lie',
    BLOCK_HASH_MISMATCH: 'lie',
    TX_ROOT_MISMATCH: 'lie',
    FILTER_HASH_MISMATCH: 'lie',
    FILTER_MALFORMED: 'lie',
    BLOCK_FILTER_MISMATCH: 'lie',
    NOT_ON_CHAIN: 'conflict',
    CLAIM_UNREACHABLE: 'conflict',
    FORK_TOO_DEEP: 'none',
    AHEAD_OF_CHAIN: 'none',
    HEADER_TOO_NEW: 'none',
    CHAIN_CHANGED: 'none',
    // A pool transaction with the txid asked for whose witnesses fail (a bad signature, a policy
    // that is not the spent lock's): no honest mempool holds one.
    TX_INVALID: 'lie',
  }

/** The question a peer was asked, as evidence records it (hashes as Uint8Array). */
export type EvidenceRequest = { protocol: ProtocolName } & Record<string, unknown>

/** The other side of a conflict: what our verified chain holds, and who served it when known. */
export type ConflictingAnswer = { peer?: string; answer: unknown }

export type VerificationErrorParameters = {
  code: VerificationErrorCode
  message: string
  peer: string
  request: EvidenceRequest
  /** The refused answer (or the part of it that fails). */
  answer: unknown
  conflictsWith?: ConflictingAnswer
  cause?: unknown
}

/** A peer's answer failed a check. The verification layer reports it and asks another peer. */
export class VerificationError extends BaseError<VerificationErrorCode> {
  override name = 'VerificationError'
  readonly peer: string
  readonly request: EvidenceRequest
  readonly answer: unknown
  readonly conflictsWith: ConflictingAnswer | undefined

  constructor(p: VerificationErrorParameters) {
    super({ code: p.code, message: p.message, details: { peer: p.peer }, cause: p.cause })
    this.peer = p.peer
    this.request = p.request
    this.answer = p.answer
    this.conflictsWith = p.conflictsWith
  }

  get severity(): VerificationSeverity {
    return VERIFICATION_SEVERITY[this.code]
  }
}
