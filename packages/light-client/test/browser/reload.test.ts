/// <reference types="node" />
import { fileURLToPath } from 'node:url'
import { COIN, devnetAccount, encodeAddress, toHex } from '@supernova/protocol'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Clock,
  createClock,
  mineBlocks,
  startFullNode,
  stopFullNode,
  type TestNode,
} from '../network/fullNode.js'
import {
  bundle,
  fundAddress,
  launchChromium,
  reloadClientPage,
  runClientPage,
  type ServedPage,
  servePage,
} from './clientHarness.js'

const payee = devnetAccount(22)
const address = encodeAddress({ network: 'devnet', lock: payee.lock })
const AMOUNT = 3n * COIN

let clock: Clock
let full: TestNode
let served: ServedPage
let browser: Browser

beforeAll(async () => {
  clock = createClock()
  const entry = fileURLToPath(new URL('./clientMain.ts', import.meta.url))
  const [{ js }, node, b] = await Promise.all([
    bundle(entry),
    startFullNode({ clock }),
    launchChromium(),
  ])
  full = node
  browser = b
  served = await servePage(js)
  await fundAddress({ full, clock, to: payee.lock, amount: AMOUNT, confirmations: 2 })
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await served?.close()
  if (full) await stopFullNode(full)
})

describe('a reload in Chromium', () => {
  it('resumes the header chain from IndexedDB (no re-sync from genesis) and verifies the balance again', async () => {
    const context = await browser.newContext()
    try {
      const config = { bootstrap: [full.ws], address, timeoutMs: 15_000 }
      const { page, result: first, errors } = await runClientPage(context, served.url, config)
      if (!first.ok) throw new Error(`the first run failed: ${first.error}`)
      const synced = full.node.chain.tip().height
      expect(first.restore).toEqual([{ resumed: false, height: 0, reason: 'EMPTY' }])
      expect(first.tip.height).toBe(synced)

      // The chain moves on while the page is away; the reloaded client fetches only the new part.
      await mineBlocks(full, clock, 2)
      const second = await reloadClientPage(page, config.timeoutMs)
      if (!second.ok) throw new Error(`the reloaded run failed: ${second.error}`)
      expect(errors).toEqual([])
      const tip = full.node.chain.tip()
      expect(second.restore).toEqual([{ resumed: true, height: synced }])
      expect(second.heads).toEqual([synced + 2])
      expect(second.tip).toEqual({ height: synced + 2, hash: toHex(tip.hash) })
      expect(second.storage).toBe('indexeddb')
      expect(second.balance).toEqual({
        total: String(AMOUNT),
        spendable: String(AMOUNT),
        utxoCount: 1,
        complete: true,
      })
      expect(second.verification).toMatchObject({
        status: 'verified',
        depth: 0,
        height: synced + 2,
      })
    } finally {
      await context.close()
    }
  }, 30_000)
})
