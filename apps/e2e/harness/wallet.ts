/**
 * The web wallet as a person drives it, through accessible names (roles, labels, headings) and
 * the few test ids the wallet sets where no accessible handle exists.
 */
import type { Locator, Page } from 'playwright-core'

/** A password the wallet accepts (≥ 10 characters, no common words). */
export const PASSWORD = 'Orbit-Lantern-Quartz-58'

/** How long wallet steps that wait on the chain or on PBKDF2 get. */
export const WALLET_TIMEOUT_MS = 60_000

/**
 * Creates a wallet on /wallet: shows the recovery phrase, ticks that it was written down, types
 * back the words asked for, sets the password. Returns the phrase.
 */
export async function createWallet(page: Page, password = PASSWORD): Promise<string[]> {
  await page.goto('/wallet')
  await page.getByRole('button', { name: 'Create a new wallet' }).click()
  await page.getByRole('button', { name: 'Show the recovery phrase' }).click()
  const phrase = page.getByRole('list', { name: 'Your recovery phrase' })
  await phrase.waitFor()
  const words = (await phrase.getByRole('listitem').allInnerTexts()).map((t) =>
    t.replace(/^\s*\d+\.\s*/, '').trim(),
  )
  await page.getByRole('checkbox', { name: /I have written down all \d+ words/ }).check()
  await page.getByRole('button', { name: 'Continue' }).click()
  const asked = page.getByRole('textbox', { name: /^Word \d+$/ })
  await asked.first().waitFor()
  for (const field of await asked.all()) {
    const label = (await field.getAttribute('aria-label')) ?? (await labelOf(field))
    const n = Number(/Word (\d+)/.exec(label)?.[1])
    await field.fill(words[n - 1] ?? '')
  }
  await page.getByRole('button', { name: 'Confirm words' }).click()
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByLabel('Confirm password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Create wallet' }).click()
  await page.getByRole('button', { name: 'Lock wallet' }).waitFor({ timeout: WALLET_TIMEOUT_MS })
  return words
}

/** Imports a wallet from its recovery phrase on /wallet, with a password. */
export async function importWallet(
  page: Page,
  words: readonly string[],
  password = PASSWORD,
): Promise<void> {
  await page.goto('/wallet')
  await page.getByRole('button', { name: 'Import a recovery phrase' }).click()
  await page.getByRole('textbox', { name: 'Recovery phrase' }).fill(words.join(' '))
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByLabel('Confirm password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Import wallet' }).click()
  await page.getByRole('button', { name: 'Lock wallet' }).waitFor({ timeout: WALLET_TIMEOUT_MS })
}

/** The wallet's history table (verified transactions, newest first). */
export function historyTable(page: Page): Locator {
  return page.getByRole('table', { name: /^Transactions of this wallet/ })
}

/** The text of the `<label>` of a control (its accessible name when no aria-label is set). */
async function labelOf(field: Locator): Promise<string> {
  return field.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '')
}

/** The wallet's current receive address, once shown. */
export async function receiveAddress(page: Page): Promise<string> {
  const el = page.getByTestId('receive-address').filter({ hasText: /^[a-z]+1[a-z0-9]+$/ })
  await el.waitFor({ timeout: WALLET_TIMEOUT_MS })
  return (await el.innerText()).trim()
}

/** The verified total balance as displayed (e.g. "100 NOVA"), once verified. */
export function balanceTotal(page: Page): Locator {
  return page.getByTestId('balance-total')
}

/** Asks the faucet and waits until the wallet found the payment in a verified block. */
export async function takeFaucetCoins(page: Page): Promise<void> {
  await page.getByRole('button', { name: /from the faucet$/ }).click()
  await page
    .getByText(/Received in block \d+: your balance includes it/)
    .waitFor({ timeout: WALLET_TIMEOUT_MS })
}

/** Fills the send form and opens the review (does not sign). */
export async function reviewPayment(page: Page, to: string, amount: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Recipient address' }).fill(to)
  await page.getByRole('textbox', { name: 'Amount (NOVA)' }).fill(amount)
  await page.getByRole('button', { name: 'Review payment' }).click()
  await page
    .getByRole('heading', { name: 'Review the payment' })
    .waitFor({ timeout: WALLET_TIMEOUT_MS })
}

/** Signs and sends the reviewed payment; returns its txid once the wallet says it was sent. */
export async function signAndSend(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Sign and send' }).click()
  const link = page.getByRole('link', { name: 'View in the explorer' })
  await link.waitFor({ timeout: WALLET_TIMEOUT_MS })
  const href = (await link.getAttribute('href')) ?? ''
  const txid = /\/explorer\/tx\/([0-9a-f]{64})$/.exec(href)?.[1]
  if (!txid) throw new Error(`the payment's explorer link names no txid: ${href}`)
  return txid
}
