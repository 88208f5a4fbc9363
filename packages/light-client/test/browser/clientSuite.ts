/// <reference types="node" />
/**
 * The fixture every light-client page test in Chromium starts from: the page bundle served on
 * 127.0.0.1, a real devnet full node with one funded address, and a browser — set up once per
 * file (beforeAll) and torn down after (afterAll). Test-only: it registers vitest hooks.
 */
import { fileURLToPath } from 'node:url'
import { type DevnetAccount, encodeAddress } from '@supernova/protocol'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import {
  type Clock,
  createClock,
  startFullNode,
  stopFullNode,
  type TestNode,
} from '../network/fullNode.js'
import { bundle, fundAddress, launchChromium, type ServedPage, servePage } from './clientHarness.js'

export type ClientPageSuite = {
  readonly address: string
  clock: Clock
  full: TestNode
  served: ServedPage
  browser: Browser
}

/**
 * Registers the hooks and returns the suite, whose fields are set once `beforeAll` ran.
 * `afterSetup` runs last in beforeAll (e.g. to start a proxy), `beforeTeardown` first in afterAll.
 */
export function setupClientPageSuite(o: {
  payee: DevnetAccount
  amount: bigint
  confirmations?: number
  afterSetup?: (s: ClientPageSuite) => Promise<void>
  beforeTeardown?: () => Promise<void>
}): ClientPageSuite {
  const suite = {
    address: encodeAddress({ network: 'devnet', lock: o.payee.lock }),
  } as ClientPageSuite
  beforeAll(async () => {
    suite.clock = createClock()
    const entry = fileURLToPath(new URL('./clientMain.ts', import.meta.url))
    const [{ js }, node, browser] = await Promise.all([
      bundle(entry),
      startFullNode({ clock: suite.clock }),
      launchChromium(),
    ])
    suite.full = node
    suite.browser = browser
    suite.served = await servePage(js)
    await fundAddress({
      full: node,
      clock: suite.clock,
      to: o.payee.lock,
      amount: o.amount,
      ...(o.confirmations === undefined ? {} : { confirmations: o.confirmations }),
    })
    await o.afterSetup?.(suite)
  }, 30_000)
  afterAll(async () => {
    await o.beforeTeardown?.()
    await suite.browser?.close()
    await suite.served?.close()
    if (suite.full) await stopFullNode(suite.full)
  })
  return suite
}
