/**
 * The dashboard's figures come from the live chain: its inputs name the verified window ending at
 * the node's tip (or just behind it), count the user transactions made in this run, and its JSON
 * API for third parties reports the same chain.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, newSiteContext, watchPage } from '../harness/browser.js'
import { VERIFIED_TIMEOUT_MS, verifiedProof } from '../harness/pageCheck.js'
import { chainInfo, faucet, setMining } from '../harness/rpc.js'

const site = inject('site')
let browser: Browser
let context: BrowserContext

beforeAll(async () => {
  browser = await launchChromium()
  context = await newSiteContext(browser, site)
})
afterAll(async () => {
  await browser?.close()
})

/** The number after `label` in a text, or -1. */
function numberAfter(text: string, label: RegExp): number {
  const m = new RegExp(`${label.source}\\D*([\\d,]+)`).exec(text)
  return m?.[1] ? Number(m[1].replace(/,/g, '')) : -1
}

describe('the environmental dashboard', () => {
  it('derives its figures from the verified live chain', async () => {
    // A user transaction in the measured window, whatever the other files did.
    await faucet(site.rpcUrl, site.chain.address, 100_000_000n)
    const tip = (await chainInfo(site.rpcUrl)).height
    const page = await context.newPage()
    const watch = watchPage(page)
    await page.goto('/dashboard')
    const inputs = page.getByRole('region', { name: 'Inputs' })
    await verifiedProof(inputs).waitFor({ timeout: VERIFIED_TIMEOUT_MS })
    await expect
      .poll(async () => numberAfter(await inputs.innerText(), /issued through height/), {
        timeout: VERIFIED_TIMEOUT_MS,
      })
      .toBeGreaterThanOrEqual(tip)
    await expect
      .poll(async () => numberAfter(await inputs.innerText(), /User transactions/), {
        timeout: VERIFIED_TIMEOUT_MS,
      })
      .toBeGreaterThanOrEqual(1)
    expect(await inputs.innerText()).toMatch(/Network hashrate\s+[\d.,]+(e[-+]?\d+)?\s*\S*H\/s/)
    const estimate = page.getByRole('region', { name: /Network power, energy and emissions/ })
    await verifiedProof(estimate).waitFor()
    expect(watch.errors).toEqual([])
  })

  it('recomputes the cost, and only the cost, when the electricity price changes', async () => {
    const page = await context.newPage()
    const watch = watchPage(page)
    await page.goto('/dashboard')
    const table = page.getByRole('table', { name: 'Every figure with its bounds' })
    const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) })
    await verifiedProof(page.getByRole('region', { name: 'Inputs' })).waitFor({
      timeout: VERIFIED_TIMEOUT_MS,
    })
    // Mining paused: the verified window, and so every chain-derived figure, holds still.
    await setMining(site, false)
    try {
      const tip = (await chainInfo(site.rpcUrl)).height
      const inputs = page.getByRole('region', { name: 'Inputs' })
      await expect
        .poll(async () => numberAfter(await inputs.innerText(), /issued through height/), {
          timeout: VERIFIED_TIMEOUT_MS,
        })
        .toBe(tip)
      const cost = await row('Electricity cost per year').innerText()
      const energy = await row('Energy per year').innerText()
      const price = page.getByRole('textbox', { name: 'Electricity price (US dollars per kWh)' })
      await price.fill('0.2')
      await expect.poll(() => row('Electricity cost per year').innerText()).not.toBe(cost)
      expect(await row('Energy per year').innerText()).toBe(energy)
    } finally {
      await setMining(site, true)
    }
    expect(watch.errors).toEqual([])
  })

  it('its JSON API reports the same live chain', async () => {
    const tip = (await chainInfo(site.rpcUrl)).height
    const page = await context.newPage()
    await page.goto('/dashboard/methodology')
    const body = await page.evaluate(async () => {
      const res = await fetch('/dashboard/api/v1/indicators')
      return { status: res.status, json: await res.json() }
    })
    expect(body.status).toBe(200)
    const chain = body.json.chain as { network: string; headerRange: { toHeight: number } }
    expect(chain.network).toBe('devnet')
    expect(chain.headerRange.toHeight).toBeGreaterThanOrEqual(tip - 5)
    expect(body.json.indicators.hashesPerSecond).toBeGreaterThan(0)
  })
})
