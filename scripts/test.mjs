#!/usr/bin/env node
// `npm test`: Biome (lint and format), then `tsc --noEmit` in every workspace, then every
// workspace's tests through Turborepo, streamed as they run, then one summary line adding up
// Vitest's per-package counts ("tests: N passed, N failed"). A lint or type error stops it before
// the tests, with that step's exit code; otherwise it exits with the tests' code.
import { spawn, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }

for (const [what, command, args] of [
  ['lint (biome check)', bin('biome'), ['check', '.']],
  [
    'type-check (tsc --noEmit)',
    bin('turbo'),
    ['run', 'typecheck', '--output-logs=errors-only', ...process.argv.slice(2)],
  ],
]) {
  process.stdout.write(`\n== ${what}\n`)
  const r = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' })
  if (r.status !== 0) {
    process.stdout.write(`\n${what} failed: no tests run\n`)
    process.exit(r.status ?? 1)
  }
}

process.stdout.write('\n== tests\n')
const child = spawn(bin('turbo'), ['run', 'test', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
})

const totals = { passed: 0, failed: 0, skipped: 0, packages: 0 }
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes.
const ANSI = /\x1b\[[0-9;]*m/g
const lines = createInterface({ input: child.stdout })
lines.on('line', (line) => {
  process.stdout.write(`${line}\n`)
  const plain = line.replace(ANSI, '')
  const m = plain.match(/^\S+:test:\s+Tests\s+(.*)\(\d+\)\s*$/)
  if (!m) return
  totals.packages++
  for (const [, n, kind] of m[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    if (kind in totals) totals[kind] += Number(n)
  }
})

child.on('exit', (code, signal) => {
  lines.close()
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : ''
  process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed${skipped}\n`)
  process.exitCode = code ?? (signal ? 1 : 0)
})
