import {
  type ChainParams,
  encodeHeader,
  equalBytes,
  type Header,
  hashHeaderBytes,
  toHex,
} from '@supernova/protocol'
import type { LightClientStorage, StoredHeader } from '../storage/types.js'
import { type HeaderChainState, type VerifiedHeader, workMemo } from './headerChain.js'
import {
  assertStorageFor,
  type CheckedRecord,
  checkAlone,
  corrupt,
  HeaderStoreError,
} from './storedRecord.js'

export {
  type RestoreHeaderChainParameters,
  type RestoreHeaderChainReturnType,
  restoreHeaderChain,
} from './restoreHeaderChain.js'
export {
  HeaderStoreError,
  type HeaderStoreErrorCode,
  type RestoreFailureReason,
} from './storedRecord.js'

/** A header read back from storage after its integrity checks. */
export type VerifiedStoredHeader = { header: Header; hash: Uint8Array; cumulativeWork: bigint }

export type SaveHeadersParameters = {
  storage: LightClientStorage
  /** The verified chain the headers were appended to — the `state` given to `appendHeaders`. */
  base: HeaderChainState
} & (
  | {
      /** The headers `appendHeaders` accepted on top of `base`, in order (may be empty). */
      headers: readonly Header[]
    }
  | {
      /**
       * What `extendHeaderChain` returned as `added` on top of `base`: stored with the hashes
       * and encodings verification computed, so nothing is hashed again.
       */
      added: readonly VerifiedHeader[]
    }
)

/**
 * Persists headers `appendHeaders` accepted: afterwards the stored chain is exactly `base`'s chain
 * followed by them, written in one atomic replace — an append when `base` is the stored tip,
 * a reorg when `base` is a fork point below it (everything above it is replaced). Only verified
 * headers belong here: this does not re-verify them (it checks that they link, height by height
 * and hash by hash). The store must already hold `base.tip` (`restoreHeaderChain` writes genesis
 * into an empty one).
 * @throws {HeaderStoreError} NOT_LINKED, WRONG_NETWORK
 * @throws {StorageError} STORAGE_CONFLICT when the store does not hold `base.tip`; backend errors
 * @example
 * const { state: next, added } = extendHeaderChain({ state, headers, now: Date.now() })
 * await saveHeaders({ storage, base: state, added })
 */
export async function saveHeaders(p: SaveHeadersParameters): Promise<void> {
  const { storage, base } = p
  assertStorageFor(storage, base.params)
  const verified = 'added' in p ? p.added : encoded(p.headers, base.cumulativeWork)
  let parent = base.tip.hash
  let height = base.tip.header.height
  const records = verified.map((v): StoredHeader => {
    if (v.header.height !== height + 1 || !equalBytes(v.header.prevHash, parent))
      throw new HeaderStoreError({
        code: 'NOT_LINKED',
        message: `header at ${v.header.height} does not extend ${toHex(parent)} at ${height}`,
      })
    parent = v.hash
    height = v.header.height
    return { height, hash: v.hash, header: v.bytes, cumulativeWork: v.cumulativeWork }
  })
  const from = base.tip.header.height + 1
  await storage.replaceHeaders({ height: from, parentHash: base.tip.hash, headers: records })
}

/** Encodings, hashes and cumulative work of headers given bare (the `headers` form). */
function encoded(headers: readonly Header[], belowWork: bigint): VerifiedHeader[] {
  const workOf = workMemo()
  let work = belowWork
  return headers.map((header) => {
    const bytes = encodeHeader(header)
    work += workOf(header.bits)
    return { header, bytes, hash: hashHeaderBytes(bytes), cumulativeWork: work }
  })
}

export type ReadStoredHeaderParameters = { storage: LightClientStorage } & (
  | { height: number }
  | { hash: Uint8Array }
)

/**
 * Reads one stored header back by height or hash and checks it against itself (its length, the
 * hash of its bytes, its decoded height and, above genesis, its proof of work), so a record
 * damaged after `restoreHeaderChain` checked it is reported, never returned. Undefined when
 * nothing is stored there.
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
  const checked: CheckedRecord[] = []
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
