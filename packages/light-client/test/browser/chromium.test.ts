/// <reference types="node" />
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { hashHeader, toHex } from '@supernova/protocol'
import { build } from 'esbuild'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Clock,
  createClock,
  mineBlocks,
  startFullNode,
  stopFullNode,
  type TestNode,
} from '../network/fullNode.js'
import type { ProbeResult } from './page.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

let clock: Clock
let full: TestNode
let server: Server
let pageUrl: string
let browser: Browser

/** The page script and everything it imports, bundled for the browser (esbuild's JS API). */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./page.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  })
  const [out] = result.outputFiles
  if (out === undefined) throw new Error('esbuild produced no output')
  return out.text
}

/** Serves `/` (an empty page loading the bundle) and `/page.js` on 127.0.0.1, any free port. */
async function serve(script: string): Promise<{ server: Server; url: string }> {
  const html =
    '<!doctype html><meta charset="utf-8"><title>light client</title><script type="module" src="/page.js"></script>'
  const s = createServer((req, res) => {
    if (req.url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html)
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  return { server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/` }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need Debian's chromium package (apt-get install chromium)`,
    )
  clock = createClock()
  const [script, node] = await Promise.all([bundlePage(), startFullNode({ clock })])
  full = node
  await mineBlocks(full, clock, 5)
  ;({ server, url: pageUrl } = await serve(script))
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

async function probeIn(transport: 'websockets' | 'webrtc-direct'): Promise<ProbeResult> {
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  try {
    await page.goto(pageUrl, { timeout: 10_000 })
    await page.waitForFunction(() => 'lightClientProbe' in globalThis, undefined, {
      timeout: 10_000,
    })
    const bootstrap = [full.ws, full.webrtc]
    const result = await page.evaluate(
      ([b, t]) =>
        (
          globalThis as unknown as {
            lightClientProbe: (b: string[], t: string) => Promise<ProbeResult>
          }
        ).lightClientProbe(b, t),
      [bootstrap, transport] as const,
    )
    expect(errors).toEqual([])
    return result
  } finally {
    await page.close()
  }
}

async function expectNodeAnswers(result: ProbeResult): Promise<void> {
  const tip = full.node.chain.tip()
  expect(result.tipHeight).toBe(5)
  expect(result.tipHash).toBe(toHex(tip.hash))
  const ours = await full.node.chain.getHeaders(0, 50)
  expect(result.headerHashes).toEqual(ours.map((h) => toHex(hashHeader(h))))
  expect(result.events[0]).toBe(`connect ${result.transport}`)
  expect(result.events).toContain('status 5')
}

describe('the light client network in Chromium', () => {
  it('dials a real full node over WebSockets and fetches status and headers', async () => {
    const result = await probeIn('websockets')
    expect(result.transport).toBe('websockets')
    expect(result.address).toBe(full.ws)
    await expectNodeAnswers(result)
  }, 20_000)

  it('dials the same node over WebRTC-direct and gets the same answers', async () => {
    const result = await probeIn('webrtc-direct')
    expect(result.transport).toBe('webrtc-direct')
    expect(result.address).toBe(full.webrtc)
    await expectNodeAnswers(result)
  }, 20_000)
})
