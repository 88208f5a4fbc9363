import { type NextRequest, NextResponse } from 'next/server'
import { zoneDestination, zoneUrlsFromEnv } from './lib/zones'

// The zones' origins are read when the server starts (EXPLORER_URL / DASHBOARD_URL), not when the
// app is built: `next.config` rewrites are frozen into the build, a proxy is not, so one build
// serves any deployment. A bad value stops the server at its first request with a clear message.
const zones = zoneUrlsFromEnv(process.env)

/**
 * Multi-zones at run time: `/explorer/*` and `/dashboard/*` (pages and their assets) are served by
 * the explorer and dashboard apps behind this one origin; everything else is this app's.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl
  const destination = zoneDestination(pathname, search, zones)
  return destination === undefined ? NextResponse.next() : NextResponse.rewrite(destination)
}

export const config = {
  matcher: ['/explorer', '/explorer/:path*', '/dashboard', '/dashboard/:path*'],
}
