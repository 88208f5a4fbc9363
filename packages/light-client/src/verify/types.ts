import type { ChainParams, Header } from '@supernova/protocol'

/** A header of the verified main chain. */
export type ChainHeader = { header: Header; hash: Uint8Array; height: number }

/**
 * - `verified`: checked against a header of the heaviest verified chain (PoW, retarget, linkage
 *   from the pinned genesis), which a heavier branch could still replace;
 * - `final`: checked against a header at or below the verified finalized height, which no branch
 *   can replace. Until finality certificates exist (SPEC §2) only the pinned genesis is final: a
 *   status' `finalizedHeight` is a peer's claim and is not trusted; once certificates are
 *   verified, the height they finalize is what `finalizedHeight()` returns;
 * - `unverified`: never returned by this SDK (kept in the union for raw passthroughs).
 */
export type VerificationStatus = 'verified' | 'final' | 'unverified'

/** How an answer was verified: the header it was checked against and how deep that is. */
export type Verification = {
  status: VerificationStatus
  header: { hash: Uint8Array; height: number }
  /** Blocks above that header on the verified chain when checked (0 = the tip). */
  depth: number
}

/** A verified value with its verification. */
export type Verified<T> = T & { verification: Verification }

/**
 * The verified header chain as the verification layer reads it (`HeaderSync` implements it).
 * Everything it returns has been verified from the pinned genesis; nothing else is ever in it.
 */
export type VerifiedChain = {
  readonly params: ChainParams
  /** The verified tip. */
  tip(): ChainHeader
  /** The highest height no branch can replace (0, the pinned genesis, until finality lands). */
  finalizedHeight(): number
  /** The main-chain header at `height`; undefined above the tip. */
  headerAt(height: number): Promise<ChainHeader | undefined>
  /** The main-chain header with this hash; undefined when it is not on the verified main chain. */
  headerByHash(hash: Uint8Array): Promise<ChainHeader | undefined>
  /** Main-chain headers `from .. from + count - 1` (count ≤ MAX_HEADER_RANGE), fewer past the tip. */
  headersInRange(from: number, count: number): Promise<ChainHeader[]>
  /** Runs a sync round (or joins the running one): for answers about blocks we have not seen yet. */
  catchUp(): Promise<void>
  /** The peer that served a header of this session's sync, when remembered (for evidence). */
  sourceOf(hash: Uint8Array): string | undefined
}

/** The verification of an answer checked against `at`. */
export function verificationFor(
  chain: VerifiedChain,
  at: Pick<ChainHeader, 'hash' | 'height'>,
): Verification {
  const tip = chain.tip()
  return {
    status: at.height <= chain.finalizedHeight() ? 'final' : 'verified',
    header: { hash: at.hash, height: at.height },
    depth: Math.max(0, tip.height - at.height),
  }
}
