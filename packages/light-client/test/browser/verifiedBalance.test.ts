/// <reference types="node" />
import { COIN, devnetAccount, toHex } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import type { TransportName } from '../../src/network/types.js'
import { runClientPage } from './clientHarness.js'
import { setupClientPageSuite } from './clientSuite.js'

const AMOUNT = 7n * COIN
// An account with no genesis allocation: its only coin is the payment this test makes.
const s = setupClientPageSuite({ payee: devnetAccount(21), amount: AMOUNT, confirmations: 3 })

async function verifiedBalanceOver(transport: TransportName, bootstrap: string) {
  // A fresh context: its own, empty IndexedDB.
  const context = await s.browser.newContext()
  try {
    const { result, errors } = await runClientPage(context, s.served.url, {
      bootstrap: [bootstrap],
      transports: [transport],
      address: s.address,
      timeoutMs: 15_000,
    })
    expect(errors).toEqual([])
    if (!result.ok) throw new Error(`the page failed: ${result.error}`)
    const tip = s.full.node.chain.tip()
    // A fresh IndexedDB: nothing to resume, the chain is synced from the pinned genesis.
    expect(result.restore).toEqual([{ resumed: false, height: 0, reason: 'EMPTY' }])
    expect(result.heads.at(-1)).toBe(tip.height)
    expect(result.tip).toEqual({ height: tip.height, hash: toHex(tip.hash) })
    expect(result.balance).toEqual({
      total: String(AMOUNT),
      spendable: String(AMOUNT),
      utxoCount: 1,
      complete: true,
    })
    expect(result.verification).toEqual({
      status: 'verified',
      depth: 0,
      height: tip.height,
      hash: toHex(tip.hash),
    })
    expect(result.storage).toBe('indexeddb')
    expect(result.peers.map((p) => [p.transport, p.address])).toEqual([[transport, bootstrap]])
    expect(result.evidence).toEqual([])
  } finally {
    await context.close()
  }
}

describe('a page with nothing but the light client, in Chromium', () => {
  it('reaches a verified balance from a real devnet node over WebSockets', async () => {
    await verifiedBalanceOver('websockets', s.full.ws)
  }, 20_000)

  it('reaches the same verified balance over WebRTC-direct (its multiaddr only)', async () => {
    await verifiedBalanceOver('webrtc-direct', s.full.webrtc)
  }, 20_000)
})
