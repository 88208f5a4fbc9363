/**
 * The wallet's error paths: a wrong password changes nothing and says so, a mistyped address and
 * an amount above the verified balance are refused before anything is built or signed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, newSiteContext, type PageWatch, watchPage } from '../harness/browser.js'
import {
  balanceTotal,
  createWallet,
  PASSWORD,
  receiveAddress,
  takeFaucetCoins,
  WALLET_TIMEOUT_MS,
} from '../harness/wallet.js'

const site = inject('site')
let browser: Browser
let context: BrowserContext
let page: Page
let watch: PageWatch
let address: string

beforeAll(async () => {
  browser = await launchChromium()
  context = await newSiteContext(browser, site)
  page = await context.newPage()
  watch = watchPage(page)
  await createWallet(page)
  address = await receiveAddress(page)
})
afterAll(async () => {
  await browser?.close()
})

/** Flips one character in the middle of an address: the bech32m checksum no longer matches. */
function mistype(a: string): string {
  const i = Math.floor(a.length / 2)
  return `${a.slice(0, i)}${a[i] === 'q' ? 'p' : 'q'}${a.slice(i + 1)}`
}

describe('wallet error paths', () => {
  it('a wrong password is refused and the wallet stays locked; the right one opens it', async () => {
    await page.getByRole('button', { name: 'Lock wallet' }).click()
    const password = page.getByLabel('Password', { exact: true })
    await password.fill('not-the-Password-91')
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page
      .getByText(/^Wrong password\. Nothing was changed/)
      .waitFor({ timeout: WALLET_TIMEOUT_MS })
    expect(await password.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByRole('button', { name: 'Lock wallet' }).count()).toBe(0)
    await password.fill(PASSWORD)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await page.getByRole('button', { name: 'Lock wallet' }).waitFor({ timeout: WALLET_TIMEOUT_MS })
    expect(await receiveAddress(page)).toBe(address)
  })

  it('a mistyped recipient address is caught by its checksum', async () => {
    const recipient = page.getByRole('textbox', { name: 'Recipient address' })
    await recipient.fill(mistype(address))
    await recipient.blur()
    await page.getByText(/The checksum does not match/).waitFor()
    expect(await recipient.getAttribute('aria-invalid')).toBe('true')
    await page.getByRole('button', { name: 'Review payment' }).click()
    expect(await page.getByRole('heading', { name: 'Review the payment' }).count()).toBe(0)
    await recipient.fill('')
  })

  it('an amount above the verified spendable balance is refused', async () => {
    await takeFaucetCoins(page)
    await expect
      .poll(() => balanceTotal(page).innerText(), { timeout: WALLET_TIMEOUT_MS })
      .toBe('100 NOVA')
    await page.getByRole('textbox', { name: 'Recipient address' }).fill(address)
    const amount = page.getByRole('textbox', { name: 'Amount (NOVA)' })
    await amount.fill('150')
    await amount.blur()
    await page.getByText('That is more than your spendable balance of 100 NOVA.').waitFor()
    expect(await amount.getAttribute('aria-invalid')).toBe('true')
    await page.getByRole('button', { name: 'Review payment' }).click()
    expect(await page.getByRole('heading', { name: 'Review the payment' }).count()).toBe(0)
    expect(watch.errors).toEqual([])
  })
})
