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

/** The zones other than the web app's own, by the path they are mounted at. */
export const ZONE_BASE_PATHS = ['/explorer', '/dashboard'] as const

/**
 * Where a request for `pathname` (+ `search`) goes: the zone's URL when the path is under
 * `/explorer` or `/dashboard` (pages and their `/_next` assets, which the zones serve under their
 * `basePath`), undefined when the web app serves it itself. `/explorerx` is not a zone path.
 * @example zoneDestination('/explorer/block/7', '', DEFAULT_ZONE_URLS) // 'http://localhost:3001/explorer/block/7'
 */
export function zoneDestination(
  pathname: string,
  search: string,
  urls: ZoneUrls,
): string | undefined {
  for (const basePath of ZONE_BASE_PATHS) {
    if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) continue
    const origin = basePath === '/explorer' ? urls.explorerUrl : urls.dashboardUrl
    return `${parseZoneOrigin(basePath, origin)}${pathname}${search}`
  }
  return undefined
}
