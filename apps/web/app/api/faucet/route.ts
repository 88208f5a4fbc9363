import { rpcUrlFromEnv } from '../../../lib/bootstrap'
import { createFaucetHandler } from '../../../lib/faucet'
import { createRateLimiter } from '../../../lib/rateLimit'

export const dynamic = 'force-dynamic'

// One limiter per server process: 5 faucet payments per client per minute.
const handle = createFaucetHandler({
  rpcUrl: rpcUrlFromEnv(process.env),
  limiter: createRateLimiter({ limit: 5, windowMs: 60_000 }),
})

/** POST /api/faucet `{ address, amount }` (devnet only) → `{ txid, address, amount }` or an error. */
export function POST(req: Request): Promise<Response> {
  return handle(req)
}
