/**
 * Guards "every page of the site": each page route in the three production builds has a page
 * spec in pages.ts (so a new page cannot land untested), and every spec names a built route.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { ROOT } from '../harness/paths.js'
import { ROUTE_COVERAGE, sitePages } from './pages.js'

const APPS = ['web', 'explorer', 'dashboard'] as const
// Next.js's own error pages, not pages of the site.
const INTERNAL = new Set(['/_not-found', '/_global-error'])

function builtPageRoutes(app: (typeof APPS)[number]): string[] {
  const manifest = JSON.parse(
    readFileSync(join(ROOT, 'apps', app, '.next', 'app-path-routes-manifest.json'), 'utf8'),
  ) as Record<string, string>
  return Object.entries(manifest)
    .filter(([entry, route]) => entry.endsWith('/page') && !INTERNAL.has(route))
    .map(([, route]) => `${app}:${route}`)
}

describe('route coverage', () => {
  const built = APPS.flatMap(builtPageRoutes)

  it('every built page route has a page test', () => {
    expect(built.filter((r) => !(r in ROUTE_COVERAGE))).toEqual([])
  })

  it('every page test covers a built route', () => {
    const names = new Set(sitePages(inject('site').chain).map((p) => p.name))
    expect(Object.keys(ROUTE_COVERAGE).filter((r) => !built.includes(r))).toEqual([])
    expect(Object.values(ROUTE_COVERAGE).filter((n) => !names.has(n))).toEqual([])
  })
})
