#!/usr/bin/env node
// Runs the benchmark scripts in bench/<name>/*.ts (all names when none is given); a script whose
// name starts with "_" is a local scratch script (a profile, a probe) and is not run.
// Each script prints one JSON line per metric; this runner exits non-zero if any metric fails.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = dirname(here)
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const names =
  args.length > 0
    ? args
    : readdirSync(here, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
const tsx = join(root, 'node_modules', '.bin', 'tsx')

let failed = false
for (const name of names) {
  const dir = join(here, name)
  if (!existsSync(dir)) {
    process.stderr.write(`bench: no benchmark named '${name}' (looked in ${dir})\n`)
    process.exitCode = 2
    continue
  }
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
    .sort()) {
    const r = spawnSync(tsx, [join(dir, file)], { stdio: 'inherit', cwd: root })
    if (r.status !== 0) failed = true
  }
}
if (failed) process.exitCode = 1
