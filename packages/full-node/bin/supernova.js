#!/usr/bin/env node
// The `supernova` command. The CLI is compiled into dist/ (`npm run build`, or `npm start`, at the
// repository root); this small file is committed so that npm links the command at install time,
// before anything is built, and says what to do when the build is missing.
import { existsSync } from 'node:fs'

const entry = new URL('../dist/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write(
    "supernova: the CLI is not built yet: run 'npm run build' (or 'npm start') at the repository root\n",
  )
  process.exit(1)
}
const { runAsProcess } = await import(entry.href)
await runAsProcess(process.argv.slice(2))
