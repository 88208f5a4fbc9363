/**
 * The site's three Next.js apps from their production builds (`next start`, cwd apps/<app>), each
 * on a free loopback port. A missing build fails with what to run.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { LOGS_DIR, NEXT_BIN, ROOT } from './paths.js'
import { freePort, type Service, startService, waitUntil } from './processes.js'

const START_TIMEOUT_MS = 60_000

export type AppName = 'web' | 'explorer' | 'dashboard'

/** Where each app is mounted on the site (its Next.js basePath). */
export const BASE_PATHS: Record<AppName, string> = {
  web: '',
  explorer: '/explorer',
  dashboard: '/dashboard',
}

export type RunningApp = {
  readonly name: AppName
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  readonly service: Service
}

const appDir = (name: AppName) => join(ROOT, 'apps', name)

/**
 * How long the explorer and dashboard keep an idle connection open (`next start
 * --keepAliveTimeout`, as in their `npm start` scripts). The web app forwards zone requests
 * through a pool of keep-alive connections that never times out on its own side; with the
 * zones' default 5 s, a zone could close a connection just as the proxy sent a request on it,
 * and the browser got a 500 ("socket hang up") for a request the zone never saw. Idle
 * connections must outlive any gap between requests, so the zone never closes one first.
 */
export const ZONE_KEEP_ALIVE_MS = 600_000

/** @throws {Error} naming the command to run when an app has no production build. */
export function assertBuilt(name: AppName): void {
  if (!existsSync(join(appDir(name), '.next', 'BUILD_ID')))
    throw new Error(
      `apps/${name} has no production build (apps/${name}/.next/BUILD_ID is missing): run npm run build first (npm test builds it through turbo)`,
    )
}

/** Starts `next start` for one app and resolves once it serves its base path. */
export async function startApp(
  name: AppName,
  env: Record<string, string | undefined>,
): Promise<RunningApp> {
  assertBuilt(name)
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const service = startService({
    name,
    command: process.execPath,
    args: [
      NEXT_BIN,
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
      ...(name === 'web' ? [] : ['--keepAliveTimeout', String(ZONE_KEEP_ALIVE_MS)]),
    ],
    cwd: appDir(name),
    logFile: join(LOGS_DIR, `${name}.log`),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...env },
  })
  const url = `${origin}${BASE_PATHS[name] || '/'}`
  try {
    await waitUntil(
      `${name} to serve ${url}`,
      async () => {
        if (service.child.exitCode !== null) throw new Error(`${name} exited`)
        const res = await fetch(url, { signal: AbortSignal.timeout(5_000) })
        return res.status < 500 ? true : undefined
      },
      START_TIMEOUT_MS,
    )
  } catch (e) {
    await service.stop()
    throw new Error(`${(e as Error).message}\n${service.log()}`)
  }
  return { name, origin, service }
}
