import { rpcUrlFromEnv } from '../../../lib/bootstrap'
import { createFaucetHandler, trustedProxiesFromEnv } from '../../../lib/faucet'
import { createRateLimiter } from '../../../lib/rateLimit'

export const dynamic = 'force-dynamic'

// One limiter per server process: 5 faucet payments per client per minute — per client only
// behind trusted proxies (SUPERNOVA_TRUSTED_PROXIES); served directly, all requests share it.
const handle = createFaucetHandler({
  rpcUrl: rpcUrlFromEnv(process.env),
  limiter: createRateLimiter({ limit: 5, windowMs: 60_000 }),
  trustedProxies: trustedProxiesFromEnv(process.env),
})

/** POST /api/faucet `{ address, amount }` (devnet only) → `{ txid, address, amount }` or an error. */
export function POST(req: Request): Promise<Response> {
  return handle(req)
}
