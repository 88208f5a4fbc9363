/** Where the two other zones of the site listen, and the rewrites that mount them under `/`. */
export type ZoneUrls = {
  /** Origin of the explorer app (served at `/explorer`), e.g. `http://localhost:3001`. */
  explorerUrl: string
  /** Origin of the dashboard app (served at `/dashboard`), e.g. `http://localhost:3002`. */
  dashboardUrl: string
}

export const DEFAULT_ZONE_URLS: ZoneUrls = {
  explorerUrl: 'http://localhost:3001',
  dashboardUrl: 'http://localhost:3002',
}

/** One rewrite rule, in the shape `next.config` `rewrites()` returns. */
export type ZoneRewrite = { source: string; destination: string }

/**
 * Normalises a zone origin: must be an absolute http(s) URL without path, query or hash.
 *
 * @throws {TypeError} if the value is not such a URL (a typo in `EXPLORER_URL` should stop the
 *   server at start, not surface later as 404s).
 */
export function parseZoneOrigin(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new TypeError(
      `${name} must be an absolute URL like http://localhost:3001, got "${value}"`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${name} must use http or https, got "${value}"`)
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new TypeError(
      `${name} must be an origin without a path (the zone adds its own), got "${value}"`,
    )
  }
  return url.origin
}

/** Reads `EXPLORER_URL` / `DASHBOARD_URL` from an environment, falling back to the defaults. */
export function zoneUrlsFromEnv(env: Record<string, string | undefined>): ZoneUrls {
  return {
    explorerUrl: parseZoneOrigin('EXPLORER_URL', env.EXPLORER_URL || DEFAULT_ZONE_URLS.explorerUrl),
    dashboardUrl: parseZoneOrigin(
      'DASHBOARD_URL',
      env.DASHBOARD_URL || DEFAULT_ZONE_URLS.dashboardUrl,
    ),
  }
}

/**
 * Rewrites that proxy `/explorer` and `/dashboard` (pages and their `/_next` assets, which the
 * zones serve under their `basePath`) to the zone apps. The bare path gets its own rule so it
 * is not rewritten with a trailing slash.
 */
export function zoneRewrites({ explorerUrl, dashboardUrl }: ZoneUrls): ZoneRewrite[] {
  const zones: Array<[string, string]> = [
    ['/explorer', parseZoneOrigin('explorerUrl', explorerUrl)],
    ['/dashboard', parseZoneOrigin('dashboardUrl', dashboardUrl)],
  ]
  return zones.flatMap(([basePath, origin]) => [
    { source: basePath, destination: `${origin}${basePath}` },
    { source: `${basePath}/:path+`, destination: `${origin}${basePath}/:path+` },
  ])
}
