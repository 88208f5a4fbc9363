#!/usr/bin/env node
// `npm start`: runs a local mining devnet (API on :7700, data in ./.data, resumed on the next start)
// and the SuperNova site on http://localhost:3000 — three Next.js apps in dev mode joined by
// multi-zone rewrites (apps/web proxies /explorer and /dashboard). Each service is a child in its
// own process group; Ctrl-C / SIGTERM stops them all, and if one dies the rest are stopped and we
// exit non-zero. Services are listed in SERVICES below.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const NEXT_BIN = join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next')
const TURBO_BIN = join(ROOT, 'node_modules', '.bin', 'turbo')
const SITE_URL = 'http://localhost:3000'
const STOP_GRACE_MS = 8000
// Zones listen on loopback only; the web app (the one origin people open) reaches them there.
const ZONE_HOST = '127.0.0.1'
// Every child runs without telemetry (as the npm scripts do for turbo).
const CHILD_ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' }

/** A Next.js app in dev mode, as a service. */
function nextDev({ name, app, port, host, env = {} }) {
  const hostArgs = host === undefined ? [] : ['-H', host]
  return {
    name,
    cwd: join(ROOT, 'apps', app),
    command: process.execPath,
    args: [NEXT_BIN, 'dev', '-p', String(port), ...hostArgs],
    env,
    port,
    host: host ?? '::',
    ready: /Ready in/,
  }
}

/** The local mining devnet: data in ./.data/devnet (resumed on the next start), API on :7700. */
function devnetNode() {
  return {
    name: 'devnet',
    cwd: ROOT,
    command: process.execPath,
    args: [
      join(ROOT, 'packages', 'full-node', 'dist', 'cli', 'main.js'),
      'devnet',
      '--data-dir',
      join(ROOT, '.data', 'devnet'),
      '--rpc-port',
      String(DEVNET_API_PORT),
      '--log-level',
      'warn',
    ],
    env: {},
    port: DEVNET_API_PORT,
    // The p2p listeners (TCP, WebSockets, WebRTC-direct) must be free too.
    extraPorts: [7701, 7702],
    host: '127.0.0.1',
    ready: /devnet node running/,
  }
}

const DEVNET_API_PORT = 7700

/** Everything `npm start` runs, in start order; stopped together (in reverse). */
const SERVICES = [
  devnetNode(),
  nextDev({ name: 'explorer', app: 'explorer', port: 3001, host: ZONE_HOST }),
  nextDev({ name: 'dashboard', app: 'dashboard', port: 3002, host: ZONE_HOST }),
  nextDev({
    name: 'web',
    app: 'web',
    port: 3000,
    env: {
      EXPLORER_URL: `http://${ZONE_HOST}:3001`,
      DASHBOARD_URL: `http://${ZONE_HOST}:3002`,
    },
  }),
]

const useColor = process.stdout.isTTY
const COLORS = [36, 35, 33, 32, 34]
const width = Math.max(...SERVICES.map((s) => s.name.length), 'start'.length)

function label(name, index) {
  const text = `[${name}]`.padEnd(width + 2)
  return useColor ? `\x1b[${COLORS[index % COLORS.length]}m${text}\x1b[0m` : text
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape codes.
const CURSOR_CODES = /\x1b\[\?25[hl]/g

const say = (line) => process.stdout.write(`${label('start', 4)} ${line}\n`)

/** Copies a stream to stdout line by line, each line prefixed with the service's name. */
function pipeLines(stream, prefix, onLine) {
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (raw) => {
    // Drop cursor show/hide codes (meant for a terminal the child does not have).
    const line = raw.replace(CURSOR_CODES, '')
    if (line === '' && raw !== '') return
    process.stdout.write(`${prefix} ${line}\n`)
    onLine(line)
  })
}

/** Resolves when `port` can be bound on `host`, rejects with a clear message otherwise. */
function assertPortFree(port, host) {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', (error) => {
      const why =
        error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be opened (${error.code})`
      reject(new Error(`Port ${port} ${why}. Stop whatever holds it and run npm start again.`))
    })
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()))
  })
}

/** Runs a command to completion with prefixed output; rejects on a non-zero exit. */
function runStep(name, command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: CHILD_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const prefix = label(name, 3)
    pipeLines(child.stdout, prefix, () => {})
    pipeLines(child.stderr, prefix, () => {})
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${name} failed (${signal ?? `exit code ${code}`})`)),
    )
  })
}

/** Builds the node, the light client (the site's worker script) and what they depend on (Turborepo's cache makes this instant when unchanged). */
async function buildPackages() {
  say('building the protocol, the full node and the light client…')
  await runStep('build', TURBO_BIN, [
    'run',
    'build',
    '--filter=@supernova/full-node',
    '--filter=@supernova/light-client',
    '--output-logs=errors-only',
  ])
}

const running = new Map() // name -> ChildProcess
let stopping = false
let exitCode = 0

function signalGroup(child, signal) {
  try {
    // Negative pid: the whole process group (next dev forks workers of its own).
    process.kill(-child.pid, signal)
  } catch (error) {
    if (error.code !== 'ESRCH') throw error
  }
}

function stopAll(code) {
  if (stopping) return
  stopping = true
  exitCode = code
  if (running.size === 0) process.exit(exitCode)
  say(`stopping ${[...running.keys()].join(', ')}…`)
  for (const child of running.values()) signalGroup(child, 'SIGTERM')
  setTimeout(() => {
    for (const [name, child] of running) {
      say(`${name} did not stop in ${STOP_GRACE_MS / 1000} s: killing it`)
      signalGroup(child, 'SIGKILL')
    }
  }, STOP_GRACE_MS).unref()
}

function startService(service, index, onReady) {
  const child = spawn(service.command, service.args, {
    cwd: service.cwd,
    env: { ...CHILD_ENV, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so it can be stopped as a whole
  })
  running.set(service.name, child)
  const prefix = label(service.name, index)
  let ready = false
  const onLine = (line) => {
    if (!ready && service.ready.test(line)) {
      ready = true
      onReady(service)
    }
  }
  pipeLines(child.stdout, prefix, onLine)
  pipeLines(child.stderr, prefix, onLine)
  child.once('error', (error) => {
    say(`${service.name} could not start: ${error.message}`)
    running.delete(service.name)
    stopAll(1)
  })
  child.once('exit', (code, signal) => {
    running.delete(service.name)
    // Reap anything the service left behind in its group.
    signalGroup(child, 'SIGKILL')
    if (!stopping) {
      say(
        `${service.name} exited unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest`,
      )
      stopAll(1)
    }
    if (stopping && running.size === 0) {
      say(exitCode === 0 ? 'stopped' : 'stopped after a failure')
      process.exit(exitCode)
    }
  })
}

async function main() {
  let interrupts = 0
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      interrupts++
      if (interrupts > 1) {
        for (const child of running.values()) signalGroup(child, 'SIGKILL')
        process.exit(exitCode || 130)
      }
      stopAll(0)
    })
  }

  for (const service of SERVICES) {
    for (const port of [service.port, ...(service.extraPorts ?? [])])
      await assertPortFree(port, service.host)
  }
  await buildPackages()
  if (stopping) return

  const pending = new Set(SERVICES.map((s) => s.name))
  for (const [index, service] of SERVICES.entries()) {
    startService(service, index, ({ name }) => {
      pending.delete(name)
      if (pending.size === 0) {
        say(
          `SuperNova devnet API: http://127.0.0.1:${DEVNET_API_PORT} (JSON-RPC at /rpc; data in .data/devnet)`,
        )
        say(`SuperNova site: ${SITE_URL}`)
      }
    })
  }
}

main().catch((error) => {
  say(error.message)
  stopAll(1)
})
