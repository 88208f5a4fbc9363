import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** Where the light client's bundled worker script lies inside its installed package. */
const RELATIVE = join(
  'node_modules',
  '@supernova',
  'light-client',
  'dist',
  'browser',
  'light-client-worker.js',
)

/**
 * Finds the light client's worker script: `LIGHT_CLIENT_WORKER_FILE` when set, else the first
 * `node_modules/@supernova/light-client/dist/browser/light-client-worker.js` from `cwd` upwards
 * (the app's own, then the workspace root's).
 * @throws {Error} when there is none — the light client has not been built (`npm run build`).
 */
export function findWorkerScript(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): string {
  if (env.LIGHT_CLIENT_WORKER_FILE) return env.LIGHT_CLIENT_WORKER_FILE
  for (let dir = cwd; ; dir = dirname(dir)) {
    const file = join(dir, RELATIVE)
    if (existsSync(file)) return file
    if (dirname(dir) === dir) break
  }
  throw new Error(
    `no light-client worker script under ${cwd} or its parents (${RELATIVE}); build it with npm run build`,
  )
}

export type WorkerScript = { body: string; etag: string }

let cached: { file: string; mtime: number; script: WorkerScript } | undefined

/** The worker script's text and a strong ETag over it (re-read when the file changes). */
export async function loadWorkerScript(file: string): Promise<WorkerScript> {
  const mtime = (await stat(file)).mtimeMs
  if (cached?.file === file && cached.mtime === mtime) return cached.script
  const body = await readFile(file, 'utf8')
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
  cached = { file, mtime, script: { body, etag } }
  return cached.script
}
