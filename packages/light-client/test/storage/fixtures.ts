import {
  type ChainParams,
  createSignatureSchemes,
  DEVNET,
  devnetAccount,
  encodeHeader,
  type Header,
  hashHeaderBytes,
  initHashing,
  MemoryChain,
  workForBits,
} from '@supernova/protocol'
import type { StoredHeader } from '../../src/storage/types.js'

/** A clock a day after devnet genesis: every mined test header is in its past. */
export const NOW = DEVNET.genesis.timestamp + 86_400_000

/**
 * Two real devnet chains sharing their first `forkAt` blocks (heights 1..forkAt), then diverging:
 * `main` up to `mainLength`, `fork` up to `forkLength`. Headers exclude genesis.
 */
export async function buildChains({
  mainLength,
  forkAt,
  forkLength,
}: {
  mainLength: number
  forkAt: number
  forkLength: number
}): Promise<{ main: Header[]; fork: Header[] }> {
  await initHashing()
  const schemes = createSignatureSchemes()
  const a = new MemoryChain(DEVNET, schemes)
  const b = new MemoryChain(DEVNET, schemes)
  for (let i = 0; i < forkAt; i++) {
    const block = a.buildBlock({ rewardLock: devnetAccount(9).lock })
    await a.connect(block, NOW)
    await b.connect(block, NOW)
  }
  while (a.height < mainLength)
    await a.connect(a.buildBlock({ rewardLock: devnetAccount(9).lock }), NOW)
  while (b.height < forkLength)
    await b.connect(b.buildBlock({ rewardLock: devnetAccount(8).lock }), NOW)
  return {
    main: a.entries.slice(1).map((e) => e.header),
    fork: b.entries.slice(1).map((e) => e.header),
  }
}

/** Store records for `headers` (consecutive, starting right above `below`). */
export function recordsFor(headers: readonly Header[], belowWork: bigint): StoredHeader[] {
  let work = belowWork
  return headers.map((h) => {
    const header = encodeHeader(h)
    work += workForBits(h.bits)
    return { height: h.height, hash: hashHeaderBytes(header), header, cumulativeWork: work }
  })
}

/**
 * Opaque, distinct records for the storage compliance suite (the store does not interpret them):
 * heights `from..from+count-1`, hashes and bytes derived from `seed` and the height.
 */
export function syntheticRecords(from: number, count: number, seed: number): StoredHeader[] {
  return Array.from({ length: count }, (_, i) => {
    const height = from + i
    const hash = new Uint8Array(32)
    const view = new DataView(hash.buffer)
    view.setUint32(0, seed)
    view.setUint32(4, height)
    const header = new Uint8Array(220).fill((seed * 31 + height) & 0xff)
    return { height, hash, header, cumulativeWork: BigInt(height + 1) * 1_000_003n }
  })
}

/** Params of a made-up network with another genesis: storage only looks at the two names. */
export function otherGenesis(params: ChainParams): ChainParams {
  return { ...params, genesisHash: 'ab'.repeat(32) }
}
