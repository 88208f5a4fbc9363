/**
 * Cold start and warm restart of a page with nothing but the light client, in headless Chromium
 * against a real devnet node on loopback (WebSockets) holding CHAIN blocks and one payment.
 *
 * - cold_start_verified_balance: ms from the page script's start (fresh IndexedDB) to the first
 *   verified balance; goal ≤ 1,000 ms (raw = 1000).
 * - cold_start_vs_raw_parts: the same time against the sum of its raw parts measured in the same
 *   page right after: a bare libp2p dial of the node, and on the client's connection a bare
 *   status, the header requests covering the synced chain and the utxos request, then bare PoW
 *   checks of those headers and bare SMT-proof checks of the UTXOs; goal ≤ 1.5× (median of the
 *   per-run ratios).
 * - warm_restart: ms from script start to the verified balance after a reload with IndexedDB
 *   populated, against the cold start of the same run; goal ≤ 0.25×.
 */

import {
  reloadClientPage,
  runClientPage,
} from '../../packages/light-client/test/browser/clientHarness.ts'
import type { ClientPageResult } from '../../packages/light-client/test/browser/clientPage.ts'
import { median, report } from '../lib.ts'
import { BENCH, deadline, PAYEE_ADDRESS, PAYMENT, startBenchEnv } from './support/setup.ts'

const CHAIN = 2_000
const RUNS = 5
const TIMEOUT_MS = 15_000

type Parts = {
  dialMs: number
  statusMs: number
  headersMs: number
  utxosMs: number
  powMs: number
  proofMs: number
  headers: number
}
type Bench = { coldStartParts(tip: number): Promise<Parts> }

deadline(180_000, 'bench light-client coldStart')
const env = await startBenchEnv({ blocks: CHAIN })
const full = env.full!
const tip = full.node.chain.tip().height

function ok(r: ClientPageResult, what: string, resumed: boolean): Extract<typeof r, { ok: true }> {
  if (!r.ok) throw new Error(`${what}: the page failed: ${r.error}`)
  if (r.balance.total !== String(PAYMENT) || r.verification.status !== 'verified')
    throw new Error(`${what}: wrong balance ${JSON.stringify(r.balance)}`)
  if (r.restore[0]?.resumed !== resumed)
    throw new Error(`${what}: restore ${JSON.stringify(r.restore)}`)
  return r
}

type Timings = Extract<ClientPageResult, { ok: true }>['timings']
/**
 * Where a run's time went (ms): the bundle loaded and evaluated, client.start, then the balance
 * (asked right after the start: it waits for a peer and for the sync its answer needs); and,
 * overlapping those, the stored chain restored and the first peer's first status (both from the
 * run's start) and the header sync (first `syncing` state to last new head).
 */
const phases = (t: Timings) => ({
  load: t.run,
  start: t.started - t.run,
  balance: t.balance - t.started,
  restore: (t.restored ?? t.run) - t.run,
  firstStatus: (t.firstStatus ?? t.run) - t.run,
  sync: (t.lastHead ?? 0) - (t.syncStart ?? 0),
})
const medianPhases = (ts: Timings[]) =>
  Object.fromEntries(
    Object.keys(phases(ts[0]!)).map((k) => [
      k,
      Math.round(median(ts.map((t) => phases(t)[k as keyof ReturnType<typeof phases>]))),
    ]),
  )

const cold: number[] = []
const warm: number[] = []
const coldPhases: Timings[] = []
const warmPhases: Timings[] = []
const sums: number[] = []
const all: Parts[] = []
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await env.browser.newContext()
    try {
      const config = {
        bootstrap: [full.ws],
        transports: ['websockets' as const],
        address: PAYEE_ADDRESS,
        timeoutMs: TIMEOUT_MS,
      }
      const { page, result } = await runClientPage(context, env.served.url, config)
      const c = ok(result, 'cold start', false).timings
      cold.push(c.balance)
      coldPhases.push(c)
      const parts = await page.evaluate(
        (t) =>
          (globalThis as unknown as { lightClientBench: Bench }).lightClientBench.coldStartParts(t),
        tip,
      )
      all.push(parts)
      sums.push(
        parts.dialMs +
          parts.statusMs +
          parts.headersMs +
          parts.utxosMs +
          parts.powMs +
          parts.proofMs,
      )
      const again = await reloadClientPage(page, TIMEOUT_MS)
      const w = ok(again, 'warm restart', true).timings
      warm.push(w.balance)
      warmPhases.push(w)
    } finally {
      await context.close()
    }
  }
} finally {
  await env.close()
}

const coldMs = median(cold)
const partsMs = median(sums)
const breakdown = Object.fromEntries(
  (['dialMs', 'statusMs', 'headersMs', 'utxosMs', 'powMs', 'proofMs'] as const).map((k) => [
    k,
    Math.round(median(all.map((p) => p[k])) * 100) / 100,
  ]),
)
const extra = { chainHeaders: tip, runs: RUNS, transport: 'websockets' }
report({
  bench: BENCH,
  metric: 'cold_start_verified_balance',
  value: coldMs,
  unit: 'ms',
  raw: 1000,
  goal: 1,
  lowerIsBetter: true,
  extra: { ...extra, note: 'raw = the 1,000 ms budget', phasesMs: medianPhases(coldPhases) },
})
report({
  bench: BENCH,
  metric: 'cold_start_vs_raw_parts',
  value: coldMs,
  unit: 'ms',
  raw: partsMs,
  goal: 1.5,
  lowerIsBetter: true,
  ratio: median(cold.map((c, i) => c / sums[i]!)),
  extra: { ...extra, rawParts: breakdown },
})
report({
  bench: BENCH,
  metric: 'warm_restart',
  value: median(warm),
  unit: 'ms',
  raw: coldMs,
  goal: 0.25,
  lowerIsBetter: true,
  ratio: median(warm.map((w, i) => w / cold[i]!)),
  extra: { ...extra, phasesMs: medianPhases(warmPhases) },
})
