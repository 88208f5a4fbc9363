#!/usr/bin/env node
// Bundles the worker script (dist/worker/workerMain.js, built by tsc) with everything it imports
// into one minified ES module a site can serve as is: dist/browser/light-client-worker.js.
import { mkdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outfile = join(root, 'dist', 'browser', 'light-client-worker.js')
await mkdir(dirname(outfile), { recursive: true })
await build({
  entryPoints: [join(root, 'dist', 'worker', 'workerMain.js')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'chrome120',
  minify: true,
  treeShaking: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
})
const { size } = await stat(outfile)
console.log(`light-client worker script: ${(size / 1024).toFixed(0)} KiB → ${outfile}`)
