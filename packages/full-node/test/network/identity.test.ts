import { spawn } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { noise } from '@libp2p/noise'
import { webRTCDirect } from '@libp2p/webrtc'
import { yamux } from '@libp2p/yamux'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { afterEach, describe, expect, it } from 'vitest'
import { certhashOf, createWebRtcCertificate } from '../../src/network/certificate.js'
import { requestStatus } from '../../src/network/client.js'
import {
  openNodeIdentity,
  P2P_DIR,
  PEER_KEY_FILE,
  WEBRTC_CERT_FILE,
} from '../../src/network/identity.js'
import {
  createClock,
  freePorts,
  logger,
  startTestNode,
  type TestNode,
  tempDir,
  waitFor,
} from './helpers.js'

const dirs: string[] = []
const nodes: TestNode[] = []

afterEach(async () => {
  for (const n of nodes.splice(0)) await n.stop().catch(() => undefined)
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const mode = (path: string) => statSync(path).mode & 0o777

type NodeInfo = { peerId: string; addrs: string[] }

/** Runs fixtures/runNode.ts in a child process: a restart is a new process, as in production. */
async function runNodeProcess(
  dir: string,
  ports: { tcp: number; ws: number; webrtc: number },
): Promise<{ info: NodeInfo; stop(): Promise<void> }> {
  const script = fileURLToPath(new URL('./fixtures/runNode.ts', import.meta.url))
  const args = [
    '--import',
    'tsx',
    script,
    dir,
    String(ports.tcp),
    String(ports.ws),
    String(ports.webrtc),
  ]
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const lines = createInterface({ input: child.stdout })
  const line = await Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    exited.then(() => Promise.reject(new Error('the node process exited before listening'))),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('node process start timed out')), 30_000),
    ),
  ])
  return {
    info: JSON.parse(line) as NodeInfo,
    async stop() {
      child.stdin.end()
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(killer)
    },
  }
}

describe('persisted identity', () => {
  it('peer id and every multiaddr (certhash included) survive a restart; bootstrap peers redial', async () => {
    const dir = tempDir()
    dirs.push(dir.path)
    const ports = await freePorts()
    const first = await runNodeProcess(dir.path, ports)
    const { peerId, addrs } = first.info
    expect(addrs.some((a) => a.includes('/webrtc-direct/certhash/'))).toBe(true)
    expect(addrs.some((a) => a.includes('/ws/'))).toBe(true)
    expect(addrs.every((a) => a.endsWith(`/p2p/${peerId}`))).toBe(true)
    expect(mode(join(dir.path, P2P_DIR, PEER_KEY_FILE))).toBe(0o600)
    expect(mode(join(dir.path, P2P_DIR, WEBRTC_CERT_FILE))).toBe(0o600)

    const tcp = addrs.find((a) => a.includes('/tcp/') && !a.includes('/ws'))!
    const watcher = await startTestNode({ clock: createClock(), bootstrap: [tcp] })
    nodes.push(watcher)
    dirs.push(watcher.dir)
    await waitFor(() => watcher.network.getPeers().length === 1, 'the first connection')

    await first.stop()
    await waitFor(() => watcher.network.getPeers().length === 0, 'the watcher to notice')
    const second = await runNodeProcess(dir.path, ports)
    try {
      expect(second.info.peerId).toBe(peerId)
      expect([...second.info.addrs].sort()).toEqual([...addrs].sort())
      await waitFor(() => watcher.network.getPeers().length === 1, 'the bootstrap redial')
    } finally {
      await second.stop()
    }
  })

  it('browsers’ transport: a WebRTC-direct dial with the certhash reaches the request protocols', async () => {
    const clock = createClock()
    const node = await startTestNode({ clock })
    nodes.push(node)
    dirs.push(node.dir)
    const addr = node.network.getMultiaddrs().find((a) => a.includes('/webrtc-direct/'))!
    const client = await createLibp2p({
      transports: [webRTCDirect()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
    })
    try {
      const status = await requestStatus({ libp2p: client, network: 'devnet' }, multiaddr(addr))
      expect(status.tipHash).toEqual(node.chain.tip().hash)
    } finally {
      await client.stop()
    }
  })

  it('a corrupt peer key stops the node instead of replacing its identity', async () => {
    const dir = tempDir()
    dirs.push(dir.path)
    await openNodeIdentity(dir.path, logger)
    writeFileSync(join(dir.path, P2P_DIR, PEER_KEY_FILE), 'garbage', { mode: 0o644 })
    await expect(openNodeIdentity(dir.path, logger)).rejects.toThrow()
    expect(mode(join(dir.path, P2P_DIR, PEER_KEY_FILE))).toBe(0o600)
  })

  it('an unusable certificate file is replaced with a new one', async () => {
    const dir = tempDir()
    dirs.push(dir.path)
    const a = await openNodeIdentity(dir.path, logger)
    const again = await openNodeIdentity(dir.path, logger)
    expect(again.certificate).toEqual(a.certificate)
    writeFileSync(join(dir.path, P2P_DIR, WEBRTC_CERT_FILE), 'not pem', { mode: 0o600 })
    const replaced = await openNodeIdentity(dir.path, logger)
    expect(replaced.certificate.certhash).not.toBe(a.certificate.certhash)
    expect(replaced.privateKey.equals(a.privateKey)).toBe(true)
  })
})

describe('WebRTC-direct certificate', () => {
  it('is a well-formed self-signed P-256 certificate whose certhash is its sha2-256 multihash', () => {
    const now = Date.UTC(2026, 10, 21)
    const c = createWebRtcCertificate(now, 10 * 365 * 86_400_000)
    const x = new X509Certificate(c.pem)
    expect(x.verify(x.publicKey)).toBe(true)
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    expect(Date.parse(x.validFrom)).toBe(now)
    expect(Date.parse(x.validTo)).toBe(now + 10 * 365 * 86_400_000)
    expect(c.certhash).toBe(certhashOf(new Uint8Array(x.raw)))
    expect(c.certhash.startsWith('uEi')).toBe(true) // 'u', then base64url of 0x12 0x20 …
  })

  it('uses GeneralizedTime for dates from 2050 on', () => {
    const c = createWebRtcCertificate(Date.UTC(2049, 0, 1), 2 * 365 * 86_400_000)
    const x = new X509Certificate(c.pem)
    expect(new Date(x.validTo).getUTCFullYear()).toBe(2051)
  })
})
