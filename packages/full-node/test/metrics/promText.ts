/** One sample of the Prometheus text format. */
export type Sample = { name: string; labels: Record<string, string>; value: number }
export type ParsedExposition = { types: Map<string, string>; samples: Sample[] }

const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|[Nn][Aa][Nn]|[+-]?[Ii]nf))(?: \d+)?$/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g

/**
 * A strict parser of the Prometheus text exposition format (0.0.4): every line must be a HELP,
 * TYPE, sample or blank line, and every sample must belong to a declared family. Values follow Go's
 * ParseFloat, which Prometheus uses: NaN and Inf in any case.
 * @throws {Error} on the first line that does not parse.
 */
export function parsePrometheusText(text: string): ParsedExposition {
  const types = new Map<string, string>()
  const samples: Sample[] = []
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '' || line.startsWith('# HELP ')) continue
    const type =
      /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line)
    if (type) {
      types.set(type[1]!, type[2]!)
      continue
    }
    const m = SAMPLE.exec(line)
    if (!m) throw new Error(`line ${i + 1} is not Prometheus text: ${line}`)
    const name = m[1]!
    const family = name.replace(/_(bucket|sum|count)$/, '')
    if (!types.has(name) && !types.has(family))
      throw new Error(`sample of undeclared family: ${name}`)
    const labels: Record<string, string> = {}
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]!] = l[2]!
    samples.push({ name, labels, value: Number(m[3]) })
  }
  return { types, samples }
}

/** The value of the sample `name` whose labels include `labels`, or undefined. */
export function sampleValue(
  parsed: ParsedExposition,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return parsed.samples.find(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )?.value
}
