/**
 * A page of the Chromium worker test: `createBrowserLightClient` with the SharedWorker script at
 * `/worker.js`, the config JSON in the URL fragment. It syncs, asks a verified balance, shows
 * both in the document (`#height`, `#balance`, `#status`) and leaves a JSON-safe result on
 * `globalThis.workerPageResult`; `globalThis.workerHostInfo()` asks the worker again later.
 */
import { LightClientError } from '../../src/verify/errors.js'
import {
  type BrowserLightClient,
  createBrowserLightClient,
} from '../../src/worker/createBrowserLightClient.js'
import type { HostInfo } from '../../src/worker/protocol.js'

export type WorkerPageConfig = { bootstrap: string[]; address: string; timeoutMs: number }

export type WorkerPageResult =
  | {
      ok: true
      mode: string
      host: HostInfo
      tip: { height: number; hash: string }
      balance: { total: string; height: number; status: string; depth: number }
      peers: { transport: string; address: string }[]
    }
  | { ok: false; error: string; code?: string }

type Globals = {
  workerPageResult?: WorkerPageResult
  workerHostInfo?: () => Promise<HostInfo>
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')

function show(id: string, text: string): void {
  const el = document.createElement('output')
  el.id = id
  el.textContent = text
  document.body.append(el)
}

async function run(
  config: WorkerPageConfig,
  client: BrowserLightClient,
): Promise<WorkerPageResult> {
  const signal = AbortSignal.timeout(config.timeoutMs)
  await client.start()
  const info = await client.waitForSync({ timeoutMs: config.timeoutMs, signal })
  const balance = await client.getBalance({ address: config.address, signal })
  show('height', String(info.tip.height))
  show('balance', String(balance.total))
  show('status', balance.verification.status)
  return {
    ok: true,
    mode: client.mode,
    host: await client.hostInfo(),
    tip: { height: info.tip.height, hash: hex(info.tip.hash) },
    balance: {
      total: String(balance.total),
      height: balance.verification.header.height,
      status: balance.verification.status,
      depth: balance.verification.depth,
    },
    peers: info.peers.map((p) => ({ transport: p.transport, address: p.address })),
  }
}

async function main(): Promise<void> {
  const g = globalThis as Globals
  try {
    const config = JSON.parse(decodeURIComponent(location.hash.slice(1))) as WorkerPageConfig
    const client = await createBrowserLightClient({
      network: 'devnet',
      bootstrap: config.bootstrap,
      workerUrl: '/worker.js',
    })
    g.workerHostInfo = () => client.hostInfo()
    g.workerPageResult = await run(config, client)
  } catch (e) {
    g.workerPageResult = {
      ok: false,
      error: String(e),
      ...(e instanceof LightClientError ? { code: e.code } : {}),
    }
  }
}

void main()
