/**
 * header_sync_rate: headers verified and stored per second while a page with nothing but the
 * light client syncs CHAIN headers from a real devnet node (headless Chromium, WebSockets,
 * fresh IndexedDB) — from the sync's first `syncing` state to its last new head, so the fetches,
 * verification and IndexedDB writes are all in it — against the raw PoW-check rate
 * (`checkProofOfWork` on the same headers, in the same page, right after). Goal ≥ 0.8× (median of
 * the per-run ratios). The line also gives the rate of the bare header requests on the same
 * connection (fetched and decoded only) and its ratio to the same PoW rate: the network's ceiling.
 */
import { runClientPage } from '../../packages/light-client/test/browser/clientHarness.ts'
import { median, report } from '../lib.ts'
import { BENCH, deadline, PAYEE_ADDRESS, startBenchEnv } from './support/setup.ts'

const CHAIN = 4_000
const RUNS = 5
const TIMEOUT_MS = 20_000

type Bench = {
  powRate(tip: number): Promise<{ rate: number; headers: number; fetchRate: number }>
}

deadline(240_000, 'bench light-client headerSync')
const env = await startBenchEnv({ blocks: CHAIN })
const full = env.full!
const tip = full.node.chain.tip().height

const rates: number[] = []
const raws: number[] = []
const fetchRates: number[] = []
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await env.browser.newContext()
    try {
      const { page, result } = await runClientPage(context, env.served.url, {
        bootstrap: [full.ws],
        transports: ['websockets'],
        address: PAYEE_ADDRESS,
        timeoutMs: TIMEOUT_MS,
      })
      if (!result.ok) throw new Error(`the page failed: ${result.error}`)
      const { syncStart, lastHead } = result.timings
      if (result.tip.height !== tip || syncStart === undefined || lastHead === undefined)
        throw new Error(`the page did not sync to ${tip}: ${JSON.stringify(result.timings)}`)
      rates.push((tip / (lastHead - syncStart)) * 1000)
      const raw = await page.evaluate(
        (t) => (globalThis as unknown as { lightClientBench: Bench }).lightClientBench.powRate(t),
        tip,
      )
      raws.push(raw.rate)
      fetchRates.push(raw.fetchRate)
    } finally {
      await context.close()
    }
  }
} finally {
  await env.close()
}

report({
  bench: BENCH,
  metric: 'header_sync_rate',
  value: median(rates),
  unit: 'headers/s',
  raw: median(raws),
  goal: 0.8,
  ratio: median(rates.map((r, i) => r / raws[i]!)),
  extra: {
    headers: tip,
    runs: RUNS,
    rawPrimitive: 'checkProofOfWork, same headers, same page',
    // The bare header requests alone, on the same connection: no sync can beat this rate.
    fetchOnlyRate: Math.round(median(fetchRates)),
    fetchOnlyRatio: Math.round(median(fetchRates.map((f, i) => f / raws[i]!)) * 1000) / 1000,
  },
})
