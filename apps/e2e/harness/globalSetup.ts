/**
 * Vitest global setup: one site for the whole run (node + three apps), a confirmed faucet payment
 * for the block, transaction and address pages, and a loopback control endpoint through which
 * tests stop and restart the node (the processes belong to this process, so teardown always
 * reaches them). Values reach the tests through `inject`.
 */
import { rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { devnetAccount, encodeAddress } from '@supernova/protocol'
import type { TestProject } from 'vitest/node'
import { LOGS_DIR, SCREENSHOTS_DIR } from './paths.js'
import { waitUntil } from './processes.js'
import { faucet, rpc } from './rpc.js'
import { type Site, startSite } from './site.js'
import type { ChainFixture, SiteInfo } from './types.js'

const FIXTURE_AMOUNT = 250_000_000n // 2.5 NOVA

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // This run's screenshots and logs only: a page renamed or fixed leaves no stale picture behind.
  rmSync(SCREENSHOTS_DIR, { recursive: true, force: true })
  rmSync(LOGS_DIR, { recursive: true, force: true })
  const site = await startSite()
  let control: Server | undefined
  try {
    const chain = await seedChain(site.devnet.rpcUrl)
    control = await startControl(site)
    const info: SiteInfo = {
      url: site.url,
      rpcUrl: site.devnet.rpcUrl,
      apiKey: site.devnet.apiKey,
      nodeWsPort: site.devnet.ports.ws,
      controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
      chain,
    }
    project.provide('site', info)
  } catch (e) {
    control?.close()
    await site.stop()
    throw e
  }
  return async () => {
    await new Promise<void>((resolve) => (control ? control.close(() => resolve()) : resolve()))
    await site.stop()
  }
}

/** A faucet payment to devnet account 3, confirmed in a block. */
async function seedChain(rpcUrl: string): Promise<ChainFixture> {
  const address = encodeAddress({ network: 'devnet', lock: devnetAccount(3).lock })
  const { txid } = await faucet(rpcUrl, address, FIXTURE_AMOUNT)
  const tx = await waitUntil(
    `the faucet payment ${txid} to be confirmed`,
    async () => {
      const t = await rpc<{ status: string; height?: number; blockHash?: string }>(
        rpcUrl,
        'getTransaction',
        { txid },
      )
      return t.status === 'confirmed' ? t : undefined
    },
    60_000,
    250,
  )
  return { txid, address, blockHeight: tx.height ?? 0, blockHash: tx.blockHash ?? '' }
}

/** POST /devnet/stop and /devnet/start: the restart journey's handle on the node. */
function startControl(site: Site): Promise<Server> {
  const server = createServer((req, res) => {
    const action =
      req.method === 'POST' && req.url === '/devnet/stop'
        ? site.devnet.stop()
        : req.method === 'POST' && req.url === '/devnet/start'
          ? site.devnet.start()
          : undefined
    if (!action) {
      res.writeHead(404).end()
      return
    }
    action.then(
      () => res.writeHead(204).end(),
      (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(e.message),
    )
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}
