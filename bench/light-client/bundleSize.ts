/**
 * bundle_size: gzipped bytes of everything the light-client page loads — its HTML and the esbuild
 * bundle of the page with nothing but the light client (clientMain.ts: createLightClient,
 * IndexedDB, getBalance), minified, tree-shaken, NODE_ENV=production — against the gzipped bundle
 * of its crypto dependencies alone (@noble/*, @scure/*, hash-wasm, @chainsafe/as-chacha20poly1305):
 * an entry importing exactly the named exports the page's bundled modules import from them (found
 * through esbuild's metafile), built the same way. Goal ≤ 2× (lowerIsBetter). The largest packages of the page bundle are
 * printed with the line.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import { bundle, pageHtml } from '../../packages/light-client/test/browser/clientHarness.ts'
import { report } from '../lib.ts'
import { BENCH } from './support/setup.ts'

const CRYPTO =
  /node_modules\/(@noble\/[^/]+|@scure\/[^/]+|hash-wasm|@chainsafe\/as-chacha20poly1305)\//
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const gz = (bytes: Uint8Array | string) => gzipSync(bytes, { level: 9 }).length

const entry = resolve(root, 'packages/light-client/test/browser/clientMain.ts')
const page = await bundle(entry, { production: true, extra: { absWorkingDir: root } })
const pageBytes = gz(page.js) + gz(pageHtml())

/** `import { a, b as c } from 'spec'` → the imported names (types dropped). */
function namedImports(source: string, spec: string): string[] {
  const quoted = spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  const re = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*['"]${quoted}['"]`, 'g')
  const names: string[] = []
  for (const m of source.matchAll(re))
    for (const part of (m[1] ?? '').split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)[0]
        ?.trim()
      if (name && !name.startsWith('type ')) names.push(name)
    }
  return names
}

/**
 * An entry re-exporting what the page's own (non-crypto) modules import from crypto packages —
 * only edges to crypto modules that contribute bytes to the page bundle.
 */
function cryptoEntry(meta: Metafile): string {
  const output = Object.values(meta.outputs)[0]
  if (output === undefined) throw new Error('no output in the metafile')
  const used = (f: string) => (output.inputs[f]?.bytesInOutput ?? 0) > 0
  const lines: string[] = []
  const locals: string[] = []
  for (const [file, input] of Object.entries(meta.inputs)) {
    if (CRYPTO.test(file) || !used(file)) continue
    const source = readFileSync(resolve(root, file), 'utf8')
    for (const im of input.imports) {
      if (!CRYPTO.test(im.path) || !used(im.path) || im.original === undefined) continue
      const names = namedImports(source, im.original)
      if (names.length === 0)
        throw new Error(`${file} imports ${im.original} in a way this bench does not parse`)
      for (const name of names) {
        const local = `c${locals.length}`
        locals.push(local)
        lines.push(`import { ${name} as ${local} } from ${JSON.stringify(resolve(root, im.path))}`)
      }
    }
  }
  return `${lines.join('\n')}\nexport { ${locals.join(', ')} }\n`
}

const contents = cryptoEntry(page.metafile)
const crypto = await build({
  stdin: { contents, resolveDir: root, loader: 'js' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'chrome120',
  write: false,
  minify: true,
  treeShaking: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
})
const cryptoJs = crypto.outputFiles[0]
if (cryptoJs === undefined) throw new Error('esbuild produced no crypto bundle')
const cryptoBytes = gz(cryptoJs.contents)

/** Minified bytes in the page bundle per package (or workspace folder), largest first. */
function byPackage(meta: Metafile): [string, number][] {
  const output = Object.values(meta.outputs)[0]!
  const by = new Map<string, number>()
  for (const [file, i] of Object.entries(output.inputs)) {
    const pkg =
      file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? file.split('/').slice(0, 2).join('/')
    by.set(pkg, (by.get(pkg) ?? 0) + i.bytesInOutput)
  }
  return [...by].sort((a, b) => b[1] - a[1])
}

/** The same, summed by group: our packages, the crypto packages, the rest (libp2p's stack). */
function byGroup(packages: [string, number][]): Record<string, number> {
  const group = (p: string) =>
    p.startsWith('packages/') ? p : CRYPTO.test(`node_modules/${p}/`) ? 'crypto' : 'network stack'
  const out: Record<string, number> = {}
  for (const [p, n] of packages) out[group(p)] = (out[group(p)] ?? 0) + n
  return out
}
const packages = byPackage(page.metafile)

report({
  bench: BENCH,
  metric: 'bundle_size',
  value: pageBytes,
  unit: 'bytes gzip',
  raw: cryptoBytes,
  goal: 2,
  lowerIsBetter: true,
  extra: {
    pageMinified: page.js.length,
    cryptoMinified: cryptoJs.contents.length,
    cryptoImports: contents.split('\n').length - 2,
    minifiedByGroup: byGroup(packages),
    largestMinified: Object.fromEntries(packages.slice(0, 10)),
  },
})
