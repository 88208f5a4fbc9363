/// <reference types="node" />
import { COIN, decodeUtxosResponse, devnetAccount, encodeUtxosResponse } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { type Corrupt, startLyingProxy } from '../client/lyingProxy.js'
import type { RawNode } from '../network/rawNode.js'
import { runClientPage } from './clientHarness.js'
import { setupClientPageSuite } from './clientSuite.js'

const AMOUNT = 4n * COIN

/** The lie: every UTXO the real node returns, at twice its amount (its proof left as it was). */
const inflate: Corrupt = (body) => {
  const m = decodeUtxosResponse(body)
  const utxos = m.utxos.map((u) => ({ ...u, entry: { ...u.entry, amount: u.entry.amount * 2n } }))
  return encodeUtxosResponse({ ...m, utxos })
}

let proxy: RawNode
const s = setupClientPageSuite({
  payee: devnetAccount(23),
  amount: AMOUNT,
  afterSetup: async (suite) => {
    proxy = await startLyingProxy(suite.full.ws, { utxos: inflate })
  },
  beforeTeardown: async () => {
    await proxy?.libp2p.stop()
  },
})

describe('a lying node in front of a real one, seen from Chromium', () => {
  it('refuses the inflated balance with evidence, drops the liar and verifies the honest answer', async () => {
    const context = await s.browser.newContext()
    try {
      const { result, errors } = await runClientPage(context, s.served.url, {
        bootstrap: [proxy.address, s.full.ws],
        transports: ['websockets'],
        address: s.address,
        peers: 2,
        askFirst: proxy.id,
        timeoutMs: 15_000,
      })
      expect(errors).toEqual([])
      if (!result.ok) throw new Error(`the page failed: ${result.error}`)
      expect(result.evidence).toEqual([
        { peer: proxy.id, code: 'SMT_PROOF_INVALID', severity: 'lie', outcome: 'disconnected' },
      ])
      expect(result.balance).toEqual({
        total: String(AMOUNT),
        spendable: String(AMOUNT),
        utxoCount: 1,
        complete: true,
      })
      expect(result.verification).toMatchObject({
        status: 'verified',
        height: s.full.node.chain.tip().height,
      })
      expect(result.peers.map((p) => p.id)).not.toContain(proxy.id)
    } finally {
      await context.close()
    }
  }, 20_000)
})
