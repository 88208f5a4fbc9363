/** The tests' handle on the node the global setup owns (its control endpoint). */
import type { SiteInfo } from './types.js'

async function control(site: SiteInfo, action: 'stop' | 'start'): Promise<void> {
  const res = await fetch(`${site.controlUrl}/devnet/${action}`, {
    method: 'POST',
    signal: AbortSignal.timeout(60_000),
  })
  if (!res.ok) throw new Error(`devnet ${action} failed: ${await res.text()}`)
}

/** Stops the devnet node; resolves once its process is gone. */
export const stopNode = (site: SiteInfo) => control(site, 'stop')
/** Starts it again on the same ports and data; resolves once it answers JSON-RPC. */
export const startNode = (site: SiteInfo) => control(site, 'start')
