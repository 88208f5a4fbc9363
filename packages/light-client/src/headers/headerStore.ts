import {
  BaseError,
  type ChainParams,
  checkProofOfWork,
  DecodeError,
  decodeHeader,
  encodeHeader,
  equalBytes,
  HEADER_BYTES,
  type Header,
  hashHeaderBytes,
  TargetError,
  toHex,
  workForBits,
} from '@supernova/protocol'
import { StorageError } from '../storage/errors.js'
import type { LightClientStorage, StoredHeader } from '../storage/types.js'
import { createHeaderChain, type HeaderChainState } from './headerChain.js'

export type HeaderStoreErrorCode =
  /** The storage is bound to another network or genesis than the params given. */
  | 'WRONG_NETWORK'
  /** The headers to save do not extend the base state one by one. */
  | 'NOT_LINKED'
  /** A stored header read back does not match its own hash, height or neighbours. */
  | 'CORRUPT'
  | 'NOT_FOUND'

export class HeaderStoreError extends BaseError<HeaderStoreErrorCode> {
  override name = 'HeaderStoreError'
}

/** Why `restoreHeaderChain` started over from genesis; `height` says where, when it applies. */
export type RestoreFailureReason =
  /** Nothing stored: a new store, or one the browser evicted. */
  | 'EMPTY'
  /** The stored genesis is not the pinned one. */
  | 'WRONG_NETWORK'
  | 'MISSING_GENESIS'
  /** A height between genesis and the stored tip is missing. */
  | 'GAP'
  /** A record is not a decodable header (wrong length, bad shape). */
  | 'MALFORMED'
  /** The stored hash is not the hash of the stored bytes. */
  | 'HASH_MISMATCH'
  /** A header's height or prevHash does not follow the header below it. */
  | 'BROKEN_LINK'
  /** The header's hash is above the target its own bits encode. */
  | 'BAD_POW'
  /** The stored cumulative work is not the recomputed sum. */
  | 'WORK_MISMATCH'
  /** A header is further in the future than the client accepts now (clock went back, or tampering). */
  | 'FUTURE_TIMESTAMP'

export type RestoreHeaderChainReturnType =
  | { resumed: true; state: HeaderChainState }
  | { resumed: false; state: HeaderChainState; reason: RestoreFailureReason; height?: number }

/** A header read back from storage after its integrity checks. */
export type VerifiedStoredHeader = { header: Header; hash: Uint8Array; cumulativeWork: bigint }

/** Heights read per storage call while restoring: bounds memory, not work. */
const RESTORE_BATCH = 2_000

function assertStorageFor(storage: LightClientStorage, params: ChainParams): void {
  const { network, genesisHash } = storage.meta
  if (network !== params.network || genesisHash !== params.genesisHash)
    throw new HeaderStoreError({
      code: 'WRONG_NETWORK',
      message: `the storage is bound to ${network} (${genesisHash}), not ${params.network} (${params.genesisHash})`,
    })
}

export type SaveHeadersParameters = {
  storage: LightClientStorage
  /** The verified chain the headers were appended to — the `state` given to `appendHeaders`. */
  base: HeaderChainState
  /** The headers `appendHeaders` accepted on top of `base`, in order (may be empty). */
  headers: readonly Header[]
}

/**
 * Persists headers `appendHeaders` accepted: afterwards the stored chain is exactly `base`'s chain
 * followed by `headers`, written in one atomic replace — an append when `base` is the stored tip,
 * a reorg when `base` is a fork point below it (everything above it is replaced). Only verified
 * headers belong here: this does not re-verify them. The store must already hold `base.tip`
 * (`restoreHeaderChain` writes genesis into an empty one).
 * @throws {HeaderStoreError} NOT_LINKED, WRONG_NETWORK
 * @throws {StorageError} STORAGE_CONFLICT when the store does not hold `base.tip`; backend errors
 * @example
 * const next = appendHeaders({ state, headers, now: Date.now() })
 * await saveHeaders({ storage, base: state, headers })
 */
export async function saveHeaders({
  storage,
  base,
  headers,
}: SaveHeadersParameters): Promise<void> {
  assertStorageFor(storage, base.params)
  let work = base.cumulativeWork
  let parent = base.tip.hash
  let height = base.tip.header.height
  const records = headers.map((header): StoredHeader => {
    if (header.height !== height + 1 || !equalBytes(header.prevHash, parent))
      throw new HeaderStoreError({
        code: 'NOT_LINKED',
        message: `header at ${header.height} does not extend ${toHex(parent)} at ${height}`,
      })
    const bytes = encodeHeader(header)
    parent = hashHeaderBytes(bytes)
    height = header.height
    work += workForBits(header.bits)
    return { height, hash: parent, header: bytes, cumulativeWork: work }
  })
  const from = base.tip.header.height + 1
  await storage.replaceHeaders({ height: from, parentHash: base.tip.hash, headers: records })
}

type Checked = { header: Header; hash: Uint8Array; powValid: boolean }

/** One record on its own: length, hash of the bytes, canonical decoding, height. One hash. */
function checkRecord(rec: StoredHeader): Checked | RestoreFailureReason {
  if (rec.header.length !== HEADER_BYTES || rec.hash.length !== 32) return 'MALFORMED'
  let pow: { valid: boolean; hash: Uint8Array }
  try {
    pow = checkProofOfWork(rec.header)
  } catch (e) {
    if (!(e instanceof TargetError)) throw e
    // Bits that are no compact target: the bytes changed (hash mismatch) or were stored so.
    pow = { valid: false, hash: hashHeaderBytes(rec.header) }
  }
  if (!equalBytes(pow.hash, rec.hash)) return 'HASH_MISMATCH'
  let header: Header
  try {
    header = decodeHeader(rec.header)
  } catch (e) {
    if (e instanceof DecodeError) return 'MALFORMED'
    throw e
  }
  if (header.height !== rec.height) return 'BROKEN_LINK'
  return { header, hash: pow.hash, powValid: pow.valid }
}

/** `checkRecord` plus proof of work above genesis: what a single read can check on its own. */
function checkAlone(rec: StoredHeader): Checked {
  const c = checkRecord(rec)
  if (typeof c === 'string') throw corrupt(rec.height, c)
  if (rec.height > 0 && !c.powValid) throw corrupt(rec.height, 'BAD_POW')
  return c
}

type Link = { hash: Uint8Array; cumulativeWork: bigint }

/** `rec` on top of `below` (undefined for genesis); returns the checked header or why not. */
function checkOnTop(
  rec: StoredHeader,
  below: Link | undefined,
  params: ChainParams,
  latest: number,
): Checked | RestoreFailureReason {
  const c = checkRecord(rec)
  if (typeof c === 'string') return c
  if (below === undefined) {
    // Genesis is trusted by its pinned hash alone, as in createHeaderChain.
    if (toHex(c.hash) !== params.genesisHash) return 'WRONG_NETWORK'
  } else {
    if (!equalBytes(c.header.prevHash, below.hash)) return 'BROKEN_LINK'
    if (!c.powValid) return 'BAD_POW'
  }
  if (c.header.timestamp > latest) return 'FUTURE_TIMESTAMP'
  const work = (below?.cumulativeWork ?? 0n) + workForBits(c.header.bits)
  if (work !== rec.cumulativeWork) return 'WORK_MISMATCH'
  return c
}

type Walk = { state: HeaderChainState } | { reason: RestoreFailureReason; height?: number }

async function walkStoredChain(
  storage: LightClientStorage,
  params: ChainParams,
  now: number,
): Promise<Walk> {
  const tip = await storage.getTip()
  if (tip === undefined) return { reason: 'EMPTY' }
  const latest = now + params.maxFutureDriftMs
  const timestamps: number[] = []
  let below: Link | undefined
  let top: Checked | undefined
  for (let from = 0; from <= tip.height; from += RESTORE_BATCH) {
    const count = Math.min(RESTORE_BATCH, tip.height - from + 1)
    const batch = await storage.getHeaders({ from, count })
    for (let i = 0; i < count; i++) {
      const height = from + i
      const rec = batch[i]
      if (rec === undefined || rec.height !== height)
        return { reason: height === 0 ? 'MISSING_GENESIS' : 'GAP', height }
      const c = checkOnTop(rec, below, params, latest)
      if (typeof c === 'string') return { reason: c, height }
      below = { hash: c.hash, cumulativeWork: rec.cumulativeWork }
      top = c
      timestamps.push(c.header.timestamp)
      if (timestamps.length > params.medianTimeSpan) timestamps.shift()
    }
  }
  if (top === undefined || below === undefined) return { reason: 'EMPTY' }
  const state: HeaderChainState = {
    params,
    tip: { header: top.header, hash: top.hash },
    recentTimestamps: timestamps,
    cumulativeWork: below.cumulativeWork,
  }
  return { state }
}

export type RestoreHeaderChainParameters = {
  storage: LightClientStorage
  params: ChainParams
  /** The client's clock (ms): stored headers must not be further ahead than sync would accept. */
  now: number
}

/**
 * Rebuilds the verified header chain from storage, or starts over from genesis. Every stored
 * header from genesis to the stored tip is read back (in batches) and re-checked, linearly and
 * with one hash per header:
 * - the record is a canonical header encoding (HEADER_BYTES, decodes) at its own height;
 * - BLAKE3 of the stored bytes equals the stored hash;
 * - height 0 hashes to the pinned genesis hash; every other header's prevHash is the hash of the
 *   header below it, and its hash meets the target of its own bits (proof of work);
 * - no timestamp is beyond `now + maxFutureDriftMs`;
 * - the stored cumulative work equals the recomputed Σ workForBits.
 * Not re-checked: the retarget (bits = ASERT of the parent), median-time-past, the randomness
 * beacon and validator-set continuity. `appendHeaders` enforced them before `saveHeaders` stored
 * the headers, and every byte they depend on is bound by the hash chain checked above, so stored
 * bytes cannot change without failing it.
 * On any failure — or an empty store — the headers are replaced by the genesis alone, and the
 * reason is returned with the genesis state: the client re-syncs, and no unverified header is
 * ever part of the returned state.
 * @throws {HeaderStoreError} WRONG_NETWORK when `storage` is bound to other params
 * @throws {StorageError} when the backend fails (a malformed record is a restart, not an error)
 * @example
 * const { state, resumed } = await restoreHeaderChain({ storage, params: DEVNET, now: Date.now() })
 */
export async function restoreHeaderChain({
  storage,
  params,
  now,
}: RestoreHeaderChainParameters): Promise<RestoreHeaderChainReturnType> {
  assertStorageFor(storage, params)
  const genesis = createHeaderChain(params)
  let walk: Walk
  try {
    walk = await walkStoredChain(storage, params, now)
  } catch (e) {
    if (!(e instanceof StorageError && e.code === 'STORAGE_CORRUPT')) throw e
    walk = { reason: 'MALFORMED', ...heightOf(e) }
  }
  if ('state' in walk) return { resumed: true, state: walk.state }
  const record: StoredHeader = {
    height: 0,
    hash: genesis.tip.hash,
    header: encodeHeader(genesis.tip.header),
    cumulativeWork: genesis.cumulativeWork,
  }
  await storage.replaceHeaders({ height: 0, headers: [record] })
  return { resumed: false, state: genesis, ...walk }
}

function heightOf(e: StorageError): { height?: number } {
  const h = e.details.height
  return typeof h === 'number' ? { height: h } : {}
}

export type ReadStoredHeaderParameters = { storage: LightClientStorage } & (
  | { height: number }
  | { hash: Uint8Array }
)

/**
 * Reads one stored header back by height or hash and checks it against itself (its length, the
 * hash of its bytes, its decoded height and, above genesis, its proof of work), so a record damaged after `restoreHeaderChain`
 * checked it is reported, never returned. Undefined when nothing is stored there.
 * @throws {HeaderStoreError} CORRUPT
 * @throws {StorageError} when the backend fails
 */
export async function readStoredHeader(
  p: ReadStoredHeaderParameters,
): Promise<VerifiedStoredHeader | undefined> {
  const rec =
    'height' in p ? await p.storage.getHeader(p.height) : await p.storage.getHeaderByHash(p.hash)
  if (rec === undefined) return undefined
  const c = checkAlone(rec)
  const wrongHeight = 'height' in p && rec.height !== p.height
  if (wrongHeight || ('hash' in p && !equalBytes(rec.hash, p.hash)))
    throw corrupt(rec.height, 'stored under another key')
  return { header: c.header, hash: c.hash, cumulativeWork: rec.cumulativeWork }
}

function corrupt(height: number, why: string): HeaderStoreError {
  return new HeaderStoreError({
    code: 'CORRUPT',
    message: `stored header at ${height} fails its integrity check: ${why}`,
    details: { height },
  })
}

export type HeaderChainStateAtParameters = {
  storage: LightClientStorage
  params: ChainParams
  height: number
}

/**
 * The chain state at `height` of the stored main chain — the base `appendHeaders` needs for a fork
 * that branches there (then `saveHeaders` with it as `base` replaces what is above). Reads the
 * header at `height` and up to `medianTimeSpan - 1` below it, checks each as `readStoredHeader`
 * does and that they link; the stored cumulative work is the one `restoreHeaderChain` verified.
 * @throws {HeaderStoreError} NOT_FOUND, CORRUPT, WRONG_NETWORK
 * @throws {StorageError} when the backend fails
 */
export async function headerChainStateAt({
  storage,
  params,
  height,
}: HeaderChainStateAtParameters): Promise<HeaderChainState> {
  assertStorageFor(storage, params)
  const from = Math.max(0, height - params.medianTimeSpan + 1)
  const recs = await storage.getHeaders({ from, count: height - from + 1 })
  const last = recs.at(-1)
  if (last === undefined || last.height !== height || recs.length !== height - from + 1)
    throw new HeaderStoreError({ code: 'NOT_FOUND', message: `no stored chain at ${height}` })
  const checked: Checked[] = []
  for (const rec of recs) {
    const c = checkAlone(rec)
    const below = checked.at(-1)
    if (below !== undefined && !equalBytes(c.header.prevHash, below.hash))
      throw corrupt(rec.height, 'BROKEN_LINK')
    checked.push(c)
  }
  const top = checked.at(-1)!
  return {
    params,
    tip: { header: top.header, hash: top.hash },
    recentTimestamps: checked.map((c) => c.header.timestamp),
    cumulativeWork: last.cumulativeWork,
  }
}
