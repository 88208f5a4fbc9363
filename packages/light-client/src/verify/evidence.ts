import type { PeerOutcome } from '../network/errors.js'
import type { LightClientNetwork } from '../network/network.js'
import { BAN_SCORE } from '../network/peerBook.js'
import { BAD_RESPONSE_POINTS } from '../network/requests.js'
import type { NetworkLogger } from '../network/types.js'
import type {
  ConflictingAnswer,
  EvidenceRequest,
  VerificationError,
  VerificationErrorCode,
  VerificationSeverity,
} from './errors.js'

/** What a refused answer costs its peer: a lie bans it at once, a conflict costs a bad answer. */
export const SEVERITY_POINTS: Readonly<Record<VerificationSeverity, number>> = {
  lie: -BAN_SCORE,
  conflict: BAD_RESPONSE_POINTS,
  none: 0,
}

/** Default number of evidence records kept (oldest dropped first). */
export const DEFAULT_EVIDENCE_CAPACITY = 100

/** A refused answer, kept so a user or an operator can see who lied and how. */
export type Evidence = {
  /** Increasing number of this record in the client's session. */
  id: number
  /** Client clock (ms) when it was found. */
  at: number
  peer: string
  request: EvidenceRequest
  /** The refused answer (or the failing part of it). */
  answer: unknown
  code: VerificationErrorCode
  severity: Exclude<VerificationSeverity, 'none'>
  reason: string
  /** For conflicting answers: what the verified chain holds (and which peer served it). */
  conflictsWith?: ConflictingAnswer
  /** What was done to the peer. */
  outcome: PeerOutcome
}

export type EvidenceLog = {
  /**
   * Treats the peer by the failure's severity (penalize; a lie bans and disconnects it), records
   * the evidence and tells `onEvidence`. A `none` failure costs nothing and records nothing.
   */
  report(err: VerificationError): Evidence | undefined
  /** The records kept, oldest first. */
  list(): Evidence[]
}

export type CreateEvidenceLogParameters = {
  network: Pick<LightClientNetwork, 'penalize'>
  now: () => number
  /** Records kept (≥ 1). Default 100. */
  capacity?: number
  onEvidence?: (e: Evidence) => void
  logger?: NetworkLogger
}

/**
 * The bounded, in-memory evidence log of refused answers, wired to the network's penalty hook.
 * @throws {RangeError} capacity below 1.
 */
export function createEvidenceLog(p: CreateEvidenceLogParameters): EvidenceLog {
  const capacity = p.capacity ?? DEFAULT_EVIDENCE_CAPACITY
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError(`evidence capacity ${capacity} must be a positive integer`)
  const records: Evidence[] = []
  let next = 1
  return {
    report(err) {
      const severity = err.severity
      if (severity === 'none') {
        p.logger?.debug({ peer: err.peer, code: err.code }, err.message)
        return undefined
      }
      const outcome = penalize(p.network, err, SEVERITY_POINTS[severity])
      const evidence: Evidence = {
        id: next++,
        at: p.now(),
        peer: err.peer,
        request: err.request,
        answer: err.answer,
        code: err.code,
        severity,
        reason: err.message,
        ...(err.conflictsWith === undefined ? {} : { conflictsWith: err.conflictsWith }),
        outcome,
      }
      records.push(evidence)
      if (records.length > capacity) records.shift()
      p.logger?.warn({ peer: err.peer, code: err.code, outcome }, 'refused a peer’s answer')
      p.onEvidence?.(evidence)
      return evidence
    },
    list: () => records.slice(),
  }
}

function penalize(
  network: Pick<LightClientNetwork, 'penalize'>,
  err: VerificationError,
  points: number,
): PeerOutcome {
  try {
    return network.penalize({ peer: err.peer, points, reason: `${err.code}: ${err.message}` })
  } catch {
    // The peer may be gone already; the evidence still stands.
    return 'none'
  }
}
