#!/usr/bin/env node
// `npm test`: every workspace's tests through Turborepo, streamed as they run, then one summary
// line adding up Vitest's per-package counts ("tests: N passed, N failed"). Exits with Turbo's code.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const turbo = join(root, 'node_modules', '.bin', 'turbo')
const child = spawn(turbo, ['run', 'test', ...process.argv.slice(2)], {
  cwd: root,
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
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
