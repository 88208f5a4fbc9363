import { describe, expect, it } from 'vitest'
import { DEFAULT_ZONE_URLS, parseZoneOrigin, zoneDestination, zoneUrlsFromEnv } from './zones'

describe('zoneDestination', () => {
  it('sends zone pages and their assets to the zone, bare path included, query kept', () => {
    expect(zoneDestination('/explorer', '', DEFAULT_ZONE_URLS)).toBe(
      'http://localhost:3001/explorer',
    )
    expect(zoneDestination('/explorer/tx/ab', '?p=2', DEFAULT_ZONE_URLS)).toBe(
      'http://localhost:3001/explorer/tx/ab?p=2',
    )
    expect(zoneDestination('/dashboard/_next/static/x.js', '', DEFAULT_ZONE_URLS)).toBe(
      'http://localhost:3002/dashboard/_next/static/x.js',
    )
  })

  it('leaves the web app its own paths, including look-alikes of zone paths', () => {
    for (const path of ['/', '/wallet', '/api/bootstrap', '/explorerx', '/dashboards/a'])
      expect(zoneDestination(path, '', DEFAULT_ZONE_URLS)).toBeUndefined()
  })

  it('uses configured origins, a trailing slash dropped', () => {
    const urls = { explorerUrl: 'http://127.0.0.1:4001/', dashboardUrl: 'https://dash.example' }
    expect(zoneDestination('/explorer/a', '', urls)).toBe('http://127.0.0.1:4001/explorer/a')
    expect(zoneDestination('/dashboard', '', urls)).toBe('https://dash.example/dashboard')
  })
})

describe('zoneUrlsFromEnv', () => {
  it('uses the defaults when the variables are unset or empty', () => {
    expect(zoneUrlsFromEnv({})).toEqual(DEFAULT_ZONE_URLS)
    expect(zoneUrlsFromEnv({ EXPLORER_URL: '', DASHBOARD_URL: '' })).toEqual(DEFAULT_ZONE_URLS)
  })

  it('reads EXPLORER_URL and DASHBOARD_URL', () => {
    expect(
      zoneUrlsFromEnv({
        EXPLORER_URL: 'http://127.0.0.1:4001',
        DASHBOARD_URL: 'http://[::1]:4002',
      }),
    ).toEqual({
      explorerUrl: 'http://127.0.0.1:4001',
      dashboardUrl: 'http://[::1]:4002',
    })
  })

  it('rejects values that cannot be a zone origin, naming the variable', () => {
    expect(() => zoneUrlsFromEnv({ EXPLORER_URL: 'localhost:3001' })).toThrow(
      /EXPLORER_URL must use http/,
    )
    expect(() => zoneUrlsFromEnv({ EXPLORER_URL: '3001' })).toThrow(
      /EXPLORER_URL must be an absolute URL/,
    )
    expect(() => zoneUrlsFromEnv({ DASHBOARD_URL: 'http://localhost:3002/dashboard' })).toThrow(
      /DASHBOARD_URL must be an origin without a path/,
    )
    expect(() => parseZoneOrigin('X', 'ftp://host')).toThrow(TypeError)
  })
})
