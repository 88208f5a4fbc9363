/// <reference types="node" />
import { COIN, devnetAccount, toHex } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { mineBlocks } from '../network/fullNode.js'
import { revisitClientPage, runClientPage } from './clientHarness.js'
import { setupClientPageSuite } from './clientSuite.js'

const AMOUNT = 3n * COIN
const s = setupClientPageSuite({ payee: devnetAccount(22), amount: AMOUNT, confirmations: 2 })

describe('a reload in Chromium', () => {
  it('resumes the header chain from IndexedDB (no re-sync from genesis) and verifies the balance again', async () => {
    const context = await s.browser.newContext()
    try {
      const config = { bootstrap: [s.full.ws], address: s.address, timeoutMs: 15_000 }
      const { page, result: first, errors } = await runClientPage(context, s.served.url, config)
      if (!first.ok) throw new Error(`the first run failed: ${first.error}`)
      const synced = s.full.node.chain.tip().height
      expect(first.restore).toEqual([{ resumed: false, height: 0, reason: 'EMPTY' }])
      expect(first.tip.height).toBe(synced)

      // The chain moves on while the page is away (its client stopped, so no pushed head can reach
      // it); the client of the page opened again fetches only the new part.
      const second = await revisitClientPage(page, config.timeoutMs, () =>
        mineBlocks(s.full, s.clock, 2),
      )
      if (!second.ok) throw new Error(`the reloaded run failed: ${second.error}`)
      expect(errors).toEqual([])
      const tip = s.full.node.chain.tip()
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
