/**
 * A real devnet node from the built CLI: mining (1 s target blocks) with the faucet on, its API
 * and p2p listeners (TCP, WebSockets, WebRTC-direct) on free loopback ports, data in a temp dir.
 * It can be stopped and started again on the same ports and data (the restart journey).
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { LOGS_DIR, NODE_CLI, ROOT } from './paths.js'
import { freePort, freeUdpPort, type Service, startService, waitUntil } from './processes.js'
import { chainInfo } from './rpc.js'

const START_TIMEOUT_MS = 30_000

export type DevnetPorts = { rpc: number; tcp: number; ws: number; webrtc: number }

export type Devnet = {
  readonly dataDir: string
  readonly ports: DevnetPorts
  /** JSON-RPC endpoint, `http://127.0.0.1:<port>/rpc`. */
  readonly rpcUrl: string
  /** Bearer token for the admin methods (setMining): random per run. */
  readonly apiKey: string
  /** Whether the node process is running. */
  running(): boolean
  /** Starts the node (again); resolves once it answers JSON-RPC. */
  start(): Promise<void>
  /** Stops the node; resolves once its process group is gone. */
  stop(): Promise<void>
  /** Its last log lines, for error messages. */
  log(): string
  /** Kills it at once, synchronously (for an exiting parent). */
  kill(): void
}

const isAlive = (s: Service) => s.child.exitCode === null && s.child.signalCode === null

/** Picks free ports and returns a stopped node; call `start`. */
export async function createDevnet(dataDir: string): Promise<Devnet> {
  if (!existsSync(NODE_CLI))
    throw new Error(`The full node is not built (${NODE_CLI} is missing): run npm run build first`)
  const ports: DevnetPorts = {
    rpc: await freePort(),
    tcp: await freePort(),
    ws: await freePort(),
    webrtc: await freeUdpPort(),
  }
  const rpcUrl = `http://127.0.0.1:${ports.rpc}/rpc`
  const apiKey = randomBytes(16).toString('hex')
  let service: Service | undefined
  let stopping = false
  const args = [
    NODE_CLI,
    'devnet',
    '--data-dir',
    dataDir,
    '--rpc-port',
    String(ports.rpc),
    '--p2p-port',
    String(ports.tcp),
    '--ws-port',
    String(ports.ws),
    '--webrtc-port',
    String(ports.webrtc),
    '--api-key',
    apiKey,
    '--log-level',
    'warn',
  ]
  return {
    dataDir,
    ports,
    rpcUrl,
    apiKey,
    running: () => service !== undefined && isAlive(service),
    async start() {
      if (service && isAlive(service)) return
      stopping = false
      service = startService({
        name: 'devnet',
        command: process.execPath,
        args,
        cwd: ROOT,
        logFile: join(LOGS_DIR, 'devnet.log'),
        env: { ...process.env },
      })
      const s = service
      // A node that dies on its own is a finding: its last lines go to the run's output.
      s.child.once('exit', (code, signal) => {
        if (!stopping)
          process.stderr.write(
            `[e2e] the devnet node exited unexpectedly (${signal ?? `code ${code}`}):\n${s.log()}\n`,
          )
      })
      await s.waitForLine(/devnet node running/, START_TIMEOUT_MS)
      await waitUntil(
        'the devnet node to answer getChainInfo',
        () => chainInfo(rpcUrl),
        10_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}\n${s.log()}`)
      })
    },
    async stop() {
      stopping = true
      await service?.stop()
    },
    log: () => service?.log() ?? '',
    kill: () => service?.kill(),
  }
}
