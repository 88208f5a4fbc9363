import { DEVNET } from '@supernova/protocol'
import { createMemoryStorage } from '../../src/storage/createMemoryStorage.js'
import { createHeaderSync } from '../../src/sync/headerSync.js'
import type { VerifyContext } from '../../src/verify/askPeers.js'
import { createEvidenceLog } from '../../src/verify/evidence.js'
import { FilterCache } from '../../src/verify/filterCache.js'
import { createFakeNetwork } from './fakeNetwork.js'
import { NOW } from './testChain.js'

/** A header sync over a fake network, and the verification context on top of it. */
export async function setupVerify() {
  const fake = createFakeNetwork()
  const evidence = createEvidenceLog({ network: fake.network, now: () => NOW })
  const sync = createHeaderSync({
    network: fake.network,
    storage: createMemoryStorage({ params: DEVNET }),
    params: DEVNET,
    evidence,
    now: () => NOW,
    pollIntervalMs: 3_600_000,
  })
  await sync.start()
  const ctx: VerifyContext = { network: fake.network, chain: sync, evidence, rateLimitDelayMs: 1 }
  return { fake, evidence, sync, ctx, cache: new FilterCache() }
}
