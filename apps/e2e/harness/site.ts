/**
 * The whole site as a visitor reaches it: a devnet node, the explorer and dashboard zones, and
 * the web app in front of them (multi-zones) with its bootstrap endpoint pointing at the node.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RunningApp, startApp } from './apps.js'
import { createDevnet, type Devnet } from './devnet.js'

export type Site = {
  /** The one origin people open, e.g. `http://127.0.0.1:41234`. */
  readonly url: string
  readonly devnet: Devnet
  readonly apps: readonly RunningApp[]
  /** Stops every process (apps first, then the node) and removes the temp data. */
  stop(): Promise<void>
}

/** Starts the node and the three apps; on any failure stops what it started and rethrows. */
export async function startSite(): Promise<Site> {
  const dataDir = mkdtempSync(join(tmpdir(), 'supernova-e2e-'))
  const apps: RunningApp[] = []
  let devnet: Devnet | undefined
  // If this process exits without running stop() (an interrupted run), no server outlives it.
  const killAll = () => {
    for (const a of apps) a.service.kill()
    devnet?.kill()
    try {
      rmSync(dataDir, { recursive: true, force: true })
    } catch {
      // A killed node may still be writing: a left temp dir is harmless, a throw here is not.
    }
  }
  process.once('exit', killAll)
  const stop = async () => {
    await Promise.all(apps.map((a) => a.service.stop()))
    await devnet?.stop()
    process.off('exit', killAll)
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    devnet = await createDevnet(join(dataDir, 'devnet'))
    const common = { SUPERNOVA_RPC_URL: devnet.rpcUrl, SUPERNOVA_NETWORK: 'devnet' }
    // Settled, not raced: a failure must not leave a process starting after stop() ran.
    const [node, zones] = await Promise.allSettled([devnet.start(), startZones(common, apps)])
    if (node.status === 'rejected') throw node.reason
    if (zones.status === 'rejected') throw zones.reason
    const [explorer, dashboard] = zones.value
    const web = await startApp('web', {
      ...common,
      EXPLORER_URL: explorer.origin,
      DASHBOARD_URL: dashboard.origin,
    })
    apps.push(web)
    // The web app sends /explorer and /dashboard to EXPLORER_URL / DASHBOARD_URL at run time
    // (apps/web/proxy.ts), so its origin is the whole site.
    return { url: web.origin, devnet, apps, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

async function startZones(
  env: Record<string, string>,
  apps: RunningApp[],
): Promise<[RunningApp, RunningApp]> {
  const started = await Promise.allSettled([startApp('explorer', env), startApp('dashboard', env)])
  for (const s of started) if (s.status === 'fulfilled') apps.push(s.value)
  const failed = started.find((s) => s.status === 'rejected')
  if (failed) throw failed.reason
  return [apps[0] as RunningApp, apps[1] as RunningApp]
}
