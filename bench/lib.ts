/**
 * Benchmark helpers. A metric is always compared with the raw primitive measured in the same run
 * (the machine is shared and noisy; only same-run ratios mean anything). Each metric prints one
 * JSON line: {"bench","metric","value","unit","raw","ratio","goal","pass"}.
 */

export type Measurement = { opsPerSec: number; ops: number; ms: number }

/**
 * Run `fn` repeatedly (each call performs `opsPerCall` operations) for at least `minMs`
 * after a warm-up, and return the rate. Bounded in time by construction.
 */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  {
    opsPerCall = 1,
    minMs = 1000,
    warmupMs = 200,
  }: { opsPerCall?: number; minMs?: number; warmupMs?: number } = {},
): Promise<Measurement> {
  const run = async (budget: number) => {
    let ops = 0
    const start = performance.now()
    let now = start
    while (now - start < budget) {
      const r = fn()
      if (r instanceof Promise) await r
      ops += opsPerCall
      now = performance.now()
    }
    return { ops, ms: now - start }
  }
  await run(warmupMs)
  const { ops, ms } = await run(minMs)
  return { opsPerSec: (ops / ms) * 1000, ops, ms }
}

/**
 * Measure a metric and its raw primitive interleaved (A B A B …) so drift in machine load hits
 * both alike; returns the medians of each and the median of the per-round ratios (each round's
 * metric over the raw measured right after it — what `report` should judge on a shared machine).
 */
export async function measurePair(
  metric: () => unknown | Promise<unknown>,
  raw: () => unknown | Promise<unknown>,
  opts: { metricOps?: number; rawOps?: number; rounds?: number; minMs?: number } = {},
): Promise<{ value: number; raw: number; ratio: number }> {
  const rounds = opts.rounds ?? 5
  const minMs = opts.minMs ?? 300
  const values: number[] = []
  const raws: number[] = []
  for (let i = 0; i < rounds; i++) {
    values.push(
      (
        await measure(metric, {
          opsPerCall: opts.metricOps ?? 1,
          minMs,
          warmupMs: i === 0 ? 200 : 20,
        })
      ).opsPerSec,
    )
    raws.push(
      (await measure(raw, { opsPerCall: opts.rawOps ?? 1, minMs, warmupMs: i === 0 ? 200 : 20 }))
        .opsPerSec,
    )
  }
  return {
    value: median(values),
    raw: median(raws),
    ratio: median(values.map((v, i) => v / raws[i]!)),
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export type ReportParameters = {
  bench: string
  metric: string
  value: number
  unit: string
  /** The raw primitive measured alone in the same run, in the same unit as `value`. */
  raw: number
  /** The ratio `value / raw` (or `raw / value` when `lowerIsBetter`) must be at least this. */
  goal: number
  /** For times and sizes: ratio is value / raw and must be at most `goal`. */
  lowerIsBetter?: boolean
  /**
   * The ratio to judge when metric and raw were measured in interleaved rounds: the median of
   * the per-round ratios (see `measurePair`). Default `value / raw`.
   */
  ratio?: number
  extra?: Record<string, unknown>
}

/** Print one JSON line for a metric and return whether it passed. */
export function report(p: ReportParameters): boolean {
  const ratio = p.ratio ?? p.value / p.raw
  const pass = p.lowerIsBetter ? ratio <= p.goal : ratio >= p.goal
  const line = {
    bench: p.bench,
    metric: p.metric,
    value: round(p.value),
    unit: p.unit,
    raw: round(p.raw),
    ratio: round(ratio, 3),
    goal: p.goal,
    pass,
    ...(p.extra ?? {}),
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
  if (!pass) process.exitCode = 1
  return pass
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
