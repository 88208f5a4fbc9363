/**
 * The journey of SPEC §5 and issue 5: Alice creates a wallet (phrase shown, then confirmed), takes
 * faucet coins, sends some to Bob (another browser profile), follows the transaction in the
 * explorer as pending and verified, then confirmed; Bob's verified balance shows the coins.
 * Steps run in order and share the two wallets.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, newSiteContext, type PageWatch, watchPage } from '../harness/browser.js'
import { checkState, VERIFIED_TIMEOUT_MS, verifiedProof } from '../harness/pageCheck.js'
import { setMining } from '../harness/rpc.js'
import {
  balanceTotal,
  createWallet,
  historyTable,
  importWallet,
  receiveAddress,
  reviewPayment,
  signAndSend,
  takeFaucetCoins,
  WALLET_TIMEOUT_MS,
} from '../harness/wallet.js'

const site = inject('site')
let browser: Browser
const alice = {} as { context: BrowserContext; page: Page; watch: PageWatch; address: string }
const bob = {} as {
  context: BrowserContext
  page: Page
  watch: PageWatch
  address: string
  words: string[]
}
let txid = ''

/** "87.49997 NOVA" → 87.49997 */
const novaOf = (text: string) => Number(text.replace(/ NOVA$/, '').replace(/,/g, ''))

beforeAll(async () => {
  browser = await launchChromium()
  for (const person of [alice, bob]) {
    person.context = await newSiteContext(browser, site)
    person.page = await person.context.newPage()
    person.watch = watchPage(person.page)
  }
})
afterAll(async () => {
  await setMining(site, true)
  await browser?.close()
})

describe('a payment from one browser wallet to another', () => {
  it('Alice and Bob create wallets: the phrase is shown once, then confirmed', async () => {
    const [words, bobWords] = await Promise.all([createWallet(alice.page), createWallet(bob.page)])
    expect(words).toHaveLength(12)
    bob.words = bobWords
    // Once saved, the phrase is never displayed again.
    expect(await alice.page.getByRole('list', { name: 'Your recovery phrase' }).count()).toBe(0)
    alice.address = await receiveAddress(alice.page)
    bob.address = await receiveAddress(bob.page)
    expect(alice.address).toMatch(/^dnova1/)
    expect(bob.address).not.toBe(alice.address)
    await alice.page.getByRole('img', { name: 'QR code of your receive address' }).waitFor()
  })

  it('Alice takes coins from the faucet; her balance is verified', async () => {
    await takeFaucetCoins(alice.page)
    await expect
      .poll(() => balanceTotal(alice.page).innerText(), { timeout: WALLET_TIMEOUT_MS })
      .toBe('100 NOVA')
    const balance = alice.page.getByRole('region', { name: 'Balance' })
    await verifiedProof(balance).waitFor({ timeout: VERIFIED_TIMEOUT_MS })
    // Bob's empty wallet is verified too: its balance is a checked zero, not a blank.
    await expect
      .poll(() => balanceTotal(bob.page).innerText(), { timeout: WALLET_TIMEOUT_MS })
      .toBe('0 NOVA')
    await checkState(alice.page, 'journey-wallet-funded')
  })

  it('Alice reviews the decoded payment to Bob and sends it', async () => {
    // Mining paused so the explorer can be seen to show the payment pending before it confirms.
    await setMining(site, false)
    await reviewPayment(alice.page, bob.address, '12.5')
    expect(await alice.page.getByTestId('review-recipient').innerText()).toBe(bob.address)
    expect(await alice.page.getByTestId('review-amount').innerText()).toBe('12.5 NOVA')
    const outputs = alice.page.getByRole('table', { name: 'Outputs of this transaction' })
    await expect.poll(() => outputs.innerText()).toContain('Recipient')
    await checkState(alice.page, 'journey-wallet-review')
    txid = await signAndSend(alice.page)
    expect(txid).toMatch(/^[0-9a-f]{64}$/)
  })

  it('the explorer shows it pending with verified inputs, then confirmed', async () => {
    const page = await alice.context.newPage()
    const watch = watchPage(page)
    await page.goto(`/explorer/tx/${txid}`)
    try {
      await page
        .getByRole('heading', { name: 'Pending transaction' })
        .waitFor({ timeout: VERIFIED_TIMEOUT_MS })
      await verifiedProof(page).waitFor({ timeout: VERIFIED_TIMEOUT_MS })
      await checkState(page, 'journey-explorer-tx-pending')
    } finally {
      await setMining(site, true)
    }
    await page.getByText(/Confirmed in block/).waitFor({ timeout: VERIFIED_TIMEOUT_MS })
    await verifiedProof(page).waitFor()
    expect(await page.getByRole('main').innerText()).toContain('12.5 NOVA')
    expect(watch.errors).toEqual([])
    await page.close()
  })

  it("Bob's verified balance includes the payment, and Alice's wallet shows it confirmed", async () => {
    await expect
      .poll(() => balanceTotal(bob.page).innerText(), { timeout: WALLET_TIMEOUT_MS })
      .toBe('12.5 NOVA')
    await expect
      .poll(() => alice.page.getByTestId('payment-status').innerText(), {
        timeout: WALLET_TIMEOUT_MS,
      })
      .toMatch(/^(Confirmed in block \d+|Final)/)
    // Alice paid 12.5 NOVA and a fee: her verified balance is below 87.5 NOVA, not far below.
    await expect
      .poll(async () => novaOf(await balanceTotal(alice.page).innerText()), {
        timeout: WALLET_TIMEOUT_MS,
      })
      .toBeLessThan(87.5)
    expect(novaOf(await balanceTotal(alice.page).innerText())).toBeGreaterThan(87.4)
    await historyTable(bob.page).locator(`a[href="/explorer/tx/${txid}"]`).waitFor()
    await checkState(alice.page, 'journey-wallet-payment-confirmed')
    await checkState(bob.page, 'journey-wallet-received')
    expect(alice.watch.errors).toEqual([])
    expect(bob.watch.errors).toEqual([])
  })

  it("Bob's phrase, imported in another browser profile, restores his address, balance and history", async () => {
    const context = await newSiteContext(browser, site)
    const page = await context.newPage()
    const watch = watchPage(page)
    await importWallet(page, bob.words)
    await expect
      .poll(() => balanceTotal(page).innerText(), { timeout: WALLET_TIMEOUT_MS })
      .toBe('12.5 NOVA')
    await historyTable(page)
      .locator(`a[href="/explorer/tx/${txid}"]`)
      .waitFor({ timeout: WALLET_TIMEOUT_MS })
    // Same keys: both show the same next receive address.
    await expect
      .poll(async () => (await receiveAddress(page)) === (await receiveAddress(bob.page)), {
        timeout: WALLET_TIMEOUT_MS,
      })
      .toBe(true)
    expect(watch.errors).toEqual([])
    await context.close()
  })
})
