import {
  type ChainParams,
  DecodeError,
  decodeHeader,
  encodeHeader,
  equalBytes,
  type Header,
  toHex,
} from '@supernova/protocol'
import { StorageError } from '../storage/errors.js'
import type { LightClientStorage, StoredHeader } from '../storage/types.js'
import { createHeaderChain, type HeaderChainState, workMemo } from './headerChain.js'
import { loadHashing } from './loadHashing.js'
import {
  assertStorageFor,
  checkRecordFields,
  type RecordFields,
  type RestoreFailureReason,
} from './storedRecord.js'

export type RestoreHeaderChainReturnType =
  | { resumed: true; state: HeaderChainState }
  | { resumed: false; state: HeaderChainState; reason: RestoreFailureReason; height?: number }

export type RestoreHeaderChainParameters = {
  storage: LightClientStorage
  params: ChainParams
  /** The client's clock (ms): stored headers must not be further ahead than sync would accept. */
  now: number
}

/**
 * Heights read per storage call while restoring (one read ahead of the checks): bounds memory
 * (≈ 1.7 MB of records a batch). Large, because each read is a round trip to the browser's
 * storage that waits behind whatever else the page's thread is doing at start-up: 5,000 instead
 * of 1,000 took the restore of 2,000 headers from ≈ 110 to ≈ 60 ms in the warm-restart bench.
 */
const RESTORE_BATCH = 5_000

type Link = { hash: Uint8Array; cumulativeWork: bigint }

type Walk = { state: HeaderChainState } | { reason: RestoreFailureReason; height?: number }

/**
 * Rebuilds the verified header chain from storage, or starts over from genesis. Every stored
 * header from genesis to the stored tip is read back (in batches) and re-checked, linearly and
 * with one hash per header (the WASM hasher: this loads it, see `loadHashing`), on the fields at
 * their fixed offsets (`checkRecordFields`; only the tip is decoded into a header):
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
 * The stored genesis is trusted by its pinned hash alone, as `createHeaderChain` trusts the block
 * it builds; a store that resumes never builds the genesis block (no key derivation at start).
 * On any failure — or an empty store — the headers are replaced by the genesis alone, and the
 * reason is returned with the genesis state: the client re-syncs, and no unverified header is
 * ever part of the returned state.
 * @throws {HeaderStoreError} WRONG_NETWORK when `storage` is bound to other params
 * @throws {HeaderChainError} GENESIS_MISMATCH when the params do not build their pinned genesis
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
  // Loaded while the first rows are read; awaited before any hashing (and so before the sync's).
  const hashing = loadHashing()
  let walk: Walk
  try {
    walk = await walkStoredChain(storage, params, now, hashing)
  } catch (e) {
    if (!(e instanceof StorageError && e.code === 'STORAGE_CORRUPT')) throw e
    walk = { reason: 'MALFORMED', ...heightOf(e) }
  }
  await hashing
  if ('state' in walk) return { resumed: true, state: walk.state }
  const genesis = createHeaderChain(params)
  const record: StoredHeader = {
    height: 0,
    hash: genesis.tip.hash,
    header: encodeHeader(genesis.tip.header),
    cumulativeWork: genesis.cumulativeWork,
  }
  await storage.replaceHeaders({ height: 0, headers: [record] })
  return { resumed: false, state: genesis, ...walk }
}

async function walkStoredChain(
  storage: LightClientStorage,
  params: ChainParams,
  now: number,
  hashing: Promise<unknown>,
): Promise<Walk> {
  const read = (from: number, count: number) => {
    const batch = storage.getHeaders({ from, count })
    batch.catch(() => undefined) // awaited below, unless a failure ends the walk first
    return batch
  }
  // The first batch is read along with the tip (it holds whatever is stored at 0..).
  let next = read(0, RESTORE_BATCH)
  const tip = await storage.getTip()
  if (tip === undefined) return { reason: 'EMPTY' }
  const check = onTopChecker(params, now)
  const timestamps: number[] = []
  let below: Link | undefined
  let top: StoredHeader | undefined
  await hashing
  for (let from = 0; from <= tip.height; from += RESTORE_BATCH) {
    const count = Math.min(RESTORE_BATCH, tip.height - from + 1)
    const batch = await next
    // The next batch is read while this one is checked (one read ahead).
    const after = from + RESTORE_BATCH
    if (after <= tip.height) next = read(after, Math.min(RESTORE_BATCH, tip.height - after + 1))
    for (let i = 0; i < count; i++) {
      const height = from + i
      const rec = batch[i]
      if (rec === undefined || rec.height !== height)
        return { reason: height === 0 ? 'MISSING_GENESIS' : 'GAP', height }
      const c = check(rec, below)
      if (typeof c === 'string') return { reason: c, height }
      below = { hash: c.hash, cumulativeWork: rec.cumulativeWork }
      top = rec
      timestamps.push(c.timestamp)
      if (timestamps.length > params.medianTimeSpan) timestamps.shift()
    }
  }
  if (top === undefined || below === undefined) return { reason: 'EMPTY' }
  let header: Header
  try {
    header = decodeHeader(top.header) // it passed checkRecordFields: it decodes
  } catch (e) {
    if (e instanceof DecodeError) return { reason: 'MALFORMED', height: top.height }
    throw e
  }
  const state: HeaderChainState = {
    params,
    tip: { header, hash: below.hash },
    recentTimestamps: timestamps,
    cumulativeWork: below.cumulativeWork,
  }
  return { state }
}

/** Checks a record on top of `below` (undefined for genesis): the checked header, or why not. */
function onTopChecker(params: ChainParams, now: number) {
  const latest = now + params.maxFutureDriftMs
  const workOf = workMemo()
  return (rec: StoredHeader, below: Link | undefined): RecordFields | RestoreFailureReason => {
    const c = checkRecordFields(rec)
    if (typeof c === 'string') return c
    if (below === undefined) {
      // Genesis is trusted by its pinned hash alone, as in createHeaderChain.
      if (toHex(c.hash) !== params.genesisHash) return 'WRONG_NETWORK'
    } else {
      if (!equalBytes(c.prevHash, below.hash)) return 'BROKEN_LINK'
      if (!c.powValid) return 'BAD_POW'
    }
    if (c.timestamp > latest) return 'FUTURE_TIMESTAMP'
    const work = (below?.cumulativeWork ?? 0n) + workOf(c.bits)
    if (work !== rec.cumulativeWork) return 'WORK_MISMATCH'
    return c
  }
}

function heightOf(e: StorageError): { height?: number } {
  const h = e.details.height
  return typeof h === 'number' ? { height: h } : {}
}
