/**
 * The browser side: Debian's Chromium through playwright-core (fails, never skips, when it is
 * missing), a context per test that reaches the site's zones, and the three checks every page
 * gets — no page or console errors, no serious/critical axe violation, a full-page screenshot.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { SCREENSHOTS_DIR } from './paths.js'
import type { SiteInfo } from './types.js'

export const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches headless Chromium; fails when Debian's package is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the end-to-end tests need Debian's chromium package (apt-get install chromium)`,
    )
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 })
}

export type ColorScheme = 'light' | 'dark'

/** A fresh context (own storage, own SharedWorker light client) on the site. */
export async function newSiteContext(
  browser: Browser,
  site: SiteInfo,
  o: { colorScheme?: ColorScheme } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: site.url,
    colorScheme: o.colorScheme ?? 'light',
    viewport: { width: 1280, height: 900 },
  })
  context.setDefaultTimeout(30_000)
  return context
}

/**
 * Console errors that are expected and harmless, each with why. Everything else fails the test.
 */
export const BENIGN_CONSOLE_ERRORS: readonly { pattern: RegExp; why: string }[] = []

export type PageWatch = {
  /** Uncaught exceptions and console errors seen so far (benign ones left out). */
  readonly errors: string[]
}

/** Records the page's uncaught exceptions and console errors from now on. */
export function watchPage(page: Page): PageWatch {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    const text = m.text()
    if (BENIGN_CONSOLE_ERRORS.some((b) => b.pattern.test(text))) return
    const where = m.location().url ? ` (${m.location().url})` : ''
    errors.push(`console.error: ${text}${where}`)
  })
  return { errors }
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * Runs axe (WCAG 2.1 A/AA) on the page as it is now.
 * @returns the serious and critical violations, printed one per line with their nodes.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`)
          .join('\n')}`,
    )
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png; returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true })
  const path = join(SCREENSHOTS_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  return path
}
