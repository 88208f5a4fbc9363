/** Where things are in the repository, seen from apps/e2e. */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
/** The full node's built CLI. */
export const NODE_CLI = join(ROOT, 'packages', 'full-node', 'dist', 'cli', 'main.js')
/** Next.js's CLI (hoisted to the root node_modules). */
export const NEXT_BIN = join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next')
/** Where screenshots and other artefacts of a run go (gitignored). */
export const RESULTS_DIR = join(ROOT, 'apps', 'e2e', 'test-results')
/** One full-page screenshot per page and colour scheme. */
export const SCREENSHOTS_DIR = join(RESULTS_DIR, 'screenshots')
/** Everything the node and the three apps printed during the run, one file each. */
export const LOGS_DIR = join(RESULTS_DIR, 'logs')
