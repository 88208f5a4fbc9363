/**
 * What the light-client benchmarks share: a real devnet full node on 127.0.0.1 with a chain of
 * `blocks` blocks and one real payment to a fresh address, the benchmark page (production bundle)
 * served on 127.0.0.1, and headless Chromium — all stopped by `close`, and the process ended by a
 * deadline if anything hangs.
 */
import { fileURLToPath } from 'node:url'
import { COIN, devnetAccount, encodeAddress } from '@supernova/protocol'
import type { Browser } from 'playwright-core'
import {
  bundle,
  fundAddress,
  launchChromium,
  type ServedPage,
  servePage,
} from '../../../packages/light-client/test/browser/clientHarness.ts'
import {
  type Clock,
  createClock,
  mineBlocks,
  startFullNode,
  stopFullNode,
  type TestNode,
} from '../../../packages/light-client/test/network/fullNode.ts'

export const BENCH = 'light-client'
export const PAYMENT = 5n * COIN
/** An account without a genesis allocation: its balance is the bench's payment alone. */
const payee = devnetAccount(31)
export const PAYEE_ADDRESS = encodeAddress({ network: 'devnet', lock: payee.lock })

export type BenchEnv = {
  browser: Browser
  served: ServedPage
  full?: TestNode
  clock?: Clock
  close: () => Promise<void>
}

/**
 * Ends the process (exit code 1) if the bench is still running after `ms`: a hung page or node
 * must not hang `npm run bench`. Chromium is a child of playwright, which kills it on exit.
 */
export function deadline(ms: number, what: string): void {
  setTimeout(() => {
    process.stderr.write(`${what}: still running after ${ms} ms, giving up\n`)
    process.exit(1)
  }, ms).unref()
}

/** Builds the benchmark page, serves it and starts Chromium; with `blocks`, a node too. */
export async function startBenchEnv(o: { blocks?: number } = {}): Promise<BenchEnv> {
  const entry = fileURLToPath(new URL('./benchPage.ts', import.meta.url))
  const { js } = await bundle(entry, { production: true })
  const served = await servePage(js)
  const browser = await launchChromium()
  const env: BenchEnv = {
    browser,
    served,
    close: async () => {
      await browser.close()
      await served.close()
      if (env.full) await stopFullNode(env.full)
    },
  }
  if (o.blocks === undefined) return env
  try {
    const clock = createClock()
    const full = await startFullNode({ clock })
    env.full = full
    env.clock = clock
    const t0 = performance.now()
    await fundAddress({ full, clock, to: payee.lock, amount: PAYMENT })
    await mineBlocks(full, clock, o.blocks - full.node.chain.tip().height)
    process.stderr.write(
      `light-client bench: node at height ${full.node.chain.tip().height} in ${Math.round(performance.now() - t0)} ms\n`,
    )
  } catch (e) {
    await env.close()
    throw e
  }
  return env
}
