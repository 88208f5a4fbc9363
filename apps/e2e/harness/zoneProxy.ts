/**
 * The site's one origin when the web build cannot serve it: Next.js fixes `rewrites()` at build
 * time, so a production web build proxies `/explorer` and `/dashboard` to the EXPLORER_URL and
 * DASHBOARD_URL it was built with (localhost:3001/3002 by default — `npm start`'s dev servers, or
 * nothing). This loopback proxy sends those base paths to this run's zone servers and everything
 * else to the web app, as the web app's rewrites would.
 */
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A zone mounted at `basePath`, served by `origin`. */
export type ZoneRoute = { basePath: string; origin: string }

export type ZoneProxy = { readonly url: string; close(): Promise<void> }

/** True when `path` (with its query) lies under `basePath`. */
export function isUnder(path: string, basePath: string): boolean {
  return path === basePath || path.startsWith(`${basePath}/`) || path.startsWith(`${basePath}?`)
}

/** Starts the proxy on 127.0.0.1 (any free port). */
export async function startZoneProxy(o: {
  web: string
  zones: readonly ZoneRoute[]
}): Promise<ZoneProxy> {
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    const target = o.zones.find((z) => isUnder(path, z.basePath))?.origin ?? o.web
    // The Host header is passed on unchanged, so the apps build their URLs for this origin.
    const upstream = request(
      new URL(path, target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`e2e zone proxy: ${target} did not answer (${e.message})`)
    })
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
