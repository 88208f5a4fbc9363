/**
 * What every page test does: open the page in a context, wait (bounded) for its verified figure,
 * then fail on page errors and serious/critical axe violations and save a full-page screenshot.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { axeViolations, type ColorScheme, saveScreenshot, watchPage } from './browser.js'

/** How long a page gets for its light client to show a verified figure. */
export const VERIFIED_TIMEOUT_MS = 60_000

export type PageSpec = {
  /** Screenshot name, e.g. `explorer-block`. */
  name: string
  /** Path on the site, e.g. `/explorer/block/12`. */
  path: string
  /** The element that appears once the light client verified what the page shows. */
  verified: (page: Page) => Locator
  /** The page's `<h1>`, checked to prove the right page rendered. */
  heading: RegExp
}

/** A figure's "Show proof" disclosure in the verified (or final) state, in a page or a part of it. */
export const verifiedProof = (scope: Page | Locator) =>
  scope.locator('details[data-proof-status="verified"], details[data-proof-status="final"]').first()

/** The light-client status panel's verified height (a number once the client synced). */
export const verifiedHeight = (page: Page) =>
  page.getByTestId('lc-height').filter({ hasText: /^\d+$/ })

/** Runs the checks on one page; returns the page (still open) for further assertions. */
export async function checkPage(
  context: BrowserContext,
  spec: PageSpec,
  scheme: ColorScheme,
): Promise<Page> {
  const page = await context.newPage()
  const watch = watchPage(page)
  try {
    await page.goto(spec.path, { waitUntil: 'load' })
    await page.getByRole('heading', { level: 1, name: spec.heading }).waitFor()
    await spec.verified(page).waitFor({ state: 'visible', timeout: VERIFIED_TIMEOUT_MS })
  } catch (e) {
    await saveScreenshot(page, `${spec.name}-${scheme}-failed`).catch(() => undefined)
    throw new Error(
      `${spec.path} (${scheme}) did not show its verified content: ${(e as Error).message}\npage errors: ${watch.errors.join('\n') || 'none'}\npage text: ${(
        await page
          .locator('main')
          .innerText()
          .catch(() => '')
      ).slice(0, 1500)}`,
    )
  }
  const violations = await axeViolations(page)
  await saveScreenshot(page, `${spec.name}-${scheme}`)
  expect(
    watch.errors,
    `page errors on ${spec.path} (the servers' output is in apps/e2e/test-results/logs)`,
  ).toEqual([])
  expect(
    violations,
    `axe violations on ${spec.path} (${scheme}):\n${violations.join('\n')}`,
  ).toEqual([])
  return page
}

/**
 * For a page state reached by a journey (an open wallet, a review screen): no serious or critical
 * axe violation, and a full-page screenshot named `name`.
 */
export async function checkState(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page)
  await saveScreenshot(page, name)
  expect(violations, `axe violations in ${name}:\n${violations.join('\n')}`).toEqual([])
}
