import { BootstrapError, fetchBootstrap, rpcUrlFromEnv } from '../../../lib/bootstrap'

// Always the node's current addresses (its WebRTC certificate hash is part of them).
export const dynamic = 'force-dynamic'

/** GET /api/bootstrap → `{ network, peerId, bootstrap: multiaddr[] }`, or 503 with the reason. */
export async function GET(): Promise<Response> {
  try {
    const b = await fetchBootstrap({ rpcUrl: rpcUrlFromEnv(process.env) })
    return Response.json(b, { headers: { 'cache-control': 'no-store' } })
  } catch (e) {
    if (!(e instanceof BootstrapError)) throw e
    return Response.json(
      { error: e.code, message: e.message },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    )
  }
}
