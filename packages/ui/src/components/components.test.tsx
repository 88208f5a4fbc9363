import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Card } from './Card'
import { HashText } from './HashText'
import { Notice } from './Notice'
import { SiteDocument } from './SiteDocument'
import { SITE_NAV, SiteHeader } from './SiteHeader'
import { Stat, StatList } from './Stat'

const HASH = 'ab'.repeat(32)

describe('SiteHeader', () => {
  it('links every zone with a plain anchor (cross-zone navigation is a full page load)', () => {
    const html = renderToStaticMarkup(<SiteHeader current="explorer" />)
    for (const item of SITE_NAV) expect(html).toContain(`href="${item.href}"`)
    expect(SITE_NAV.map((i) => i.href)).toEqual(['/wallet', '/explorer', '/dashboard'])
    expect(html).toMatch(/<a href="\/explorer" aria-current="page"[^>]*>Explorer<\/a>/)
    expect(html.match(/aria-current/g)).toHaveLength(1)
  })

  it('offers a skip link and the three theme choices', () => {
    const html = renderToStaticMarkup(<SiteHeader />)
    expect(html).toContain('href="#main"')
    expect(html).toContain('<legend class="sr-only">Colour theme</legend>')
    // The server cannot read localStorage, so it renders "system" as the pressed choice.
    expect(html.match(/aria-pressed="true"/g)).toHaveLength(1)
    expect(html).toMatch(/aria-pressed="true"[^>]*title="System theme"/)
  })
})

describe('HashText', () => {
  it('shows the shortened hash, keeps the full value in the tooltip and has a labelled copy button', () => {
    const html = renderToStaticMarkup(<HashText value={HASH} label="block hash" />)
    expect(html).toContain(`title="${HASH}">abababab…abababab</span>`)
    expect(html).toContain('<button type="button"')
    expect(html).toContain('Copy full block hash')
    expect(html).toContain('aria-live="polite"')
  })

  it('links the hash when given an href', () => {
    const html = renderToStaticMarkup(<HashText value={HASH} href="/explorer/block/1" />)
    expect(html).toMatch(/<a href="\/explorer\/block\/1" title="(ab){32}"/)
  })
})

describe('Stat', () => {
  it('renders label and value as a description-list pair', () => {
    const html = renderToStaticMarkup(
      <StatList>
        <Stat label="Height" value="1,024" />
      </StatList>,
    )
    expect(html).toMatch(
      /<dl[^>]*><div[^>]*><dt[^>]*>Height<\/dt><dd[^>]*>1,024<\/dd><\/div><\/dl>/,
    )
  })

  it('renders a missing value as a dash that screen readers hear as "not available"', () => {
    const html = renderToStaticMarkup(<Stat label="Power" value={null} />)
    expect(html).toContain('<span aria-hidden="true"')
    expect(html).toContain('<span class="sr-only">Not available yet</span>')
  })
})

describe('Card and Notice', () => {
  it('labels a card section by its heading', () => {
    const html = renderToStaticMarkup(<Card title="Latest blocks">x</Card>)
    const id = /aria-labelledby="([^"]+)"/.exec(html)?.[1]
    expect(id).toBeTruthy()
    expect(html).toContain(`<h2 id="${id}"`)
  })

  it('announces errors and marks other notices as notes', () => {
    expect(renderToStaticMarkup(<Notice tone="error">Bad</Notice>)).toContain('role="alert"')
    expect(renderToStaticMarkup(<Notice>Info</Notice>)).toContain('role="note"')
  })
})

describe('SiteDocument', () => {
  it('renders the shared document: theme script, header with the current zone, main landmark, footer', () => {
    const html = renderToStaticMarkup(<SiteDocument current="dashboard">page body</SiteDocument>)
    expect(html).toMatch(/^<html lang="en">/)
    expect(html).toContain('<script')
    expect(html).toMatch(/<main id="main"[^>]*>page body<\/main>/)
    expect(html).toMatch(/aria-current="page"[^>]*>Dashboard</)
    expect(html).toContain('<footer')
  })
})
