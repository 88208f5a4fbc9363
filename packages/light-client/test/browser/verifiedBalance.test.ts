/// <reference types="node" />
import { fileURLToPath } from 'node:url'
import { COIN, devnetAccount, encodeAddress, toHex } from '@supernova/protocol'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TransportName } from '../../src/network/types.js'
import {
  type Clock,
  createClock,
  startFullNode,
  stopFullNode,
  type TestNode,
} from '../network/fullNode.js'
import {
  bundle,
  fundAddress,
  launchChromium,
  runClientPage,
  type ServedPage,
  servePage,
} from './clientHarness.js'

// An account with no genesis allocation: its only coin is the payment this test makes.
const payee = devnetAccount(21)
const address = encodeAddress({ network: 'devnet', lock: payee.lock })
const AMOUNT = 7n * COIN

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
  await fundAddress({ full, clock, to: payee.lock, amount: AMOUNT, confirmations: 3 })
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await served?.close()
  if (full) await stopFullNode(full)
})

async function verifiedBalanceOver(transport: TransportName, bootstrap: string) {
  // A fresh context: its own, empty IndexedDB.
  const context = await browser.newContext()
  try {
    const { result, errors } = await runClientPage(context, served.url, {
      bootstrap: [bootstrap],
      transports: [transport],
      address,
      timeoutMs: 15_000,
    })
    expect(errors).toEqual([])
    if (!result.ok) throw new Error(`the page failed: ${result.error}`)
    const tip = full.node.chain.tip()
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
    await verifiedBalanceOver('websockets', full.ws)
  }, 20_000)

  it('reaches the same verified balance over WebRTC-direct (its multiaddr only)', async () => {
    await verifiedBalanceOver('webrtc-direct', full.webrtc)
  }, 20_000)
})
