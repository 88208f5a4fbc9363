import { describe, expect, it } from 'vitest'
import { DEFAULT_ZONE_URLS, parseZoneOrigin, zoneRewrites, zoneUrlsFromEnv } from './zones'

describe('zoneRewrites', () => {
  it('mounts both zones, bare path and sub-paths, at their default ports', () => {
    expect(zoneRewrites(DEFAULT_ZONE_URLS)).toEqual([
      { source: '/explorer', destination: 'http://localhost:3001/explorer' },
      { source: '/explorer/:path+', destination: 'http://localhost:3001/explorer/:path+' },
      { source: '/dashboard', destination: 'http://localhost:3002/dashboard' },
      { source: '/dashboard/:path+', destination: 'http://localhost:3002/dashboard/:path+' },
    ])
  })

  it('drops a trailing slash from configured origins', () => {
    const rules = zoneRewrites({
      explorerUrl: 'http://127.0.0.1:4001/',
      dashboardUrl: 'https://dash.example',
    })
    expect(rules[1]).toEqual({
      source: '/explorer/:path+',
      destination: 'http://127.0.0.1:4001/explorer/:path+',
    })
    expect(rules[2]).toEqual({
      source: '/dashboard',
      destination: 'https://dash.example/dashboard',
    })
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
