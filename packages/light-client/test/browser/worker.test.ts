/// <reference types="node" />
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { COIN, encodeAddress, toHex } from '@supernova/protocol'
import { build } from 'esbuild'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostInfo } from '../../src/worker/protocol.js'
import {
  type Clock,
  createClock,
  mineBlocks,
  startFullNode,
  stopFullNode,
  type TestNode,
} from '../network/fullNode.js'
import { ALICE } from '../verify/testChain.js'
import type { WorkerPageConfig, WorkerPageResult } from './workerPage.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run']
const alice = encodeAddress({ network: 'devnet', lock: ALICE.lock })

let clock: Clock
let full: TestNode
let server: Server
let url: string
let browser: Browser

async function bundle(file: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  })
  const out = result.outputFiles[0]
  if (out === undefined) throw new Error(`esbuild produced no output for ${file}`)
  return out.text
}

/** Serves the page (`/`, `/page.js`) and the SharedWorker script (`/worker.js`) on 127.0.0.1. */
async function serve(page: string, worker: string): Promise<void> {
  const html =
    '<!doctype html><meta charset="utf-8"><title>worker</title><script type="module" src="/page.js"></script>'
  const files: Record<string, [string, string]> = {
    '/': ['text/html', html],
    '/page.js': ['text/javascript', page],
    '/worker.js': ['text/javascript', worker],
  }
  server = createServer((req, res) => {
    const file = files[(req.url ?? '').split('#')[0] ?? '']
    if (file === undefined) res.writeHead(404).end()
    else res.writeHead(200, { 'content-type': file[0] }).end(file[1])
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need Debian's chromium package (apt-get install chromium)`,
    )
  clock = createClock()
  const [page, worker, node] = await Promise.all([
    bundle('./workerPage.ts'),
    bundle('./workerScript.ts'),
    startFullNode({ clock }),
  ])
  full = node
  await mineBlocks(full, clock, 4)
  await serve(page, worker)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    timeout: 15_000,
  })
}, 30_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  if (full) await stopFullNode(full)
})

/** Opens a tab running the worker page and waits (bounded) for its result; page errors fail it. */
async function openTab(context: BrowserContext): Promise<{ page: Page; result: WorkerPageResult }> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  const config: WorkerPageConfig = {
    bootstrap: [full.ws, full.webrtc],
    address: alice,
    timeoutMs: 10_000,
  }
  await page.goto(`${url}#${encodeURIComponent(JSON.stringify(config))}`, { timeout: 10_000 })
  const handle = await page
    .waitForFunction(
      () => (globalThis as { workerPageResult?: unknown }).workerPageResult,
      undefined,
      {
        timeout: 12_000,
        polling: 20,
      },
    )
    .catch((e: unknown) => {
      throw new Error(`no result from the page (page errors: ${errors.join('; ') || 'none'})`, {
        cause: e,
      })
    })
  expect(errors).toEqual([])
  return { page, result: (await handle.jsonValue()) as WorkerPageResult }
}

const hostInfo = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as { workerHostInfo: () => Promise<HostInfo> }).workerHostInfo(),
  )

describe('the light client in a SharedWorker, in Chromium', () => {
  it('shows a verified height and balance, shares one client between two tabs, and forgets a closed tab', async () => {
    const context = await browser.newContext()
    try {
      const first = await openTab(context)
      const tip = full.node.chain.tip()
      expect(first.result).toMatchObject({
        ok: true,
        mode: 'shared-worker',
        host: {
          mode: 'shared-worker',
          clientInstances: 1,
          sessions: 1,
          transports: ['websockets'],
        },
        tip: { height: 4, hash: toHex(tip.hash) },
        balance: { total: String(1_000_000n * COIN), height: 4, status: 'verified', depth: 0 },
      })
      // WebRTC-direct is in the bootstrap list, but the worker dials WebSockets only.
      if (!first.result.ok) throw new Error('unreachable')
      expect(first.result.peers).toEqual([{ transport: 'websockets', address: full.ws }])
      expect(await first.page.locator('#height').textContent()).toBe('4')
      expect(await first.page.locator('#balance').textContent()).toBe(String(1_000_000n * COIN))
      expect(await first.page.locator('#status').textContent()).toBe('verified')

      const second = await openTab(context)
      expect(second.result).toMatchObject({
        ok: true,
        mode: 'shared-worker',
        host: { clientInstances: 1, sessions: 2 },
        tip: { height: 4 },
        balance: { status: 'verified' },
      })
      expect(await hostInfo(first.page)).toMatchObject({ clientInstances: 1, sessions: 2 })

      // The closed tab's Web Lock is released: the worker ends its session at once.
      await second.page.close()
      const deadline = Date.now() + 5_000
      let info = await hostInfo(first.page)
      while (info.sessions !== 1 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50))
        info = await hostInfo(first.page)
      }
      expect(info).toMatchObject({ clientInstances: 1, sessions: 1 })
    } finally {
      await context.close()
    }
  }, 30_000)
})
