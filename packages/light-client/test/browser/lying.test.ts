/// <reference types="node" />
import { fileURLToPath } from 'node:url'
import {
  COIN,
  decodeUtxosResponse,
  devnetAccount,
  encodeAddress,
  encodeUtxosResponse,
} from '@supernova/protocol'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Corrupt, startLyingProxy } from '../client/lyingProxy.js'
import {
  type Clock,
  createClock,
  startFullNode,
  stopFullNode,
  type TestNode,
} from '../network/fullNode.js'
import type { RawNode } from '../network/rawNode.js'
import {
  bundle,
  fundAddress,
  launchChromium,
  runClientPage,
  type ServedPage,
  servePage,
} from './clientHarness.js'

const payee = devnetAccount(23)
const address = encodeAddress({ network: 'devnet', lock: payee.lock })
const AMOUNT = 4n * COIN

/** The lie: every UTXO the real node returns, at twice its amount (its proof left as it was). */
const inflate: Corrupt = (body) => {
  const m = decodeUtxosResponse(body)
  const utxos = m.utxos.map((u) => ({ ...u, entry: { ...u.entry, amount: u.entry.amount * 2n } }))
  return encodeUtxosResponse({ ...m, utxos })
}

let clock: Clock
let full: TestNode
let proxy: RawNode
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
  await fundAddress({ full, clock, to: payee.lock, amount: AMOUNT })
  proxy = await startLyingProxy(full.ws, { utxos: inflate })
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await served?.close()
  await proxy?.libp2p.stop()
  if (full) await stopFullNode(full)
})

describe('a lying node in front of a real one, seen from Chromium', () => {
  it('refuses the inflated balance with evidence, drops the liar and verifies the honest answer', async () => {
    const context = await browser.newContext()
    try {
      const { result, errors } = await runClientPage(context, served.url, {
        bootstrap: [proxy.address, full.ws],
        transports: ['websockets'],
        address,
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
        height: full.node.chain.tip().height,
      })
      expect(result.peers.map((p) => p.id)).not.toContain(proxy.id)
    } finally {
      await context.close()
    }
  }, 20_000)
})
