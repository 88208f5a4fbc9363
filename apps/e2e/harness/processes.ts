/**
 * Child processes of the suite: each in its own process group (so `next start`'s workers and the
 * node's verifier threads stop with it), its output kept in a bounded buffer for error messages,
 * every wait bounded by a timeout that says what it waited for.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { appendFileSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname } from 'node:path'

/** Lines kept per process for error messages. */
const LOG_LINES = 200
/** How long a process gets after SIGTERM before its group is killed. */
const STOP_GRACE_MS = 8_000

export type Service = {
  readonly name: string
  readonly child: ChildProcess
  /** The last lines it printed (stdout and stderr interleaved). */
  log(): string
  /** Resolves once a printed line matches `pattern`; rejects on timeout or exit. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<void>
  /** SIGTERM to the group, SIGKILL after a grace period; resolves once it exited. */
  stop(): Promise<void>
  /** SIGKILL to the group at once, synchronously (for an exiting parent). */
  kill(): void
}

export type StartServiceParameters = {
  name: string
  command: string
  args: readonly string[]
  cwd: string
  env: Record<string, string | undefined>
  /**
   * Also append everything it prints to this file (kept with the run's results, so a failure in
   * CI can be read against the servers' own output). Restarts of a service append to one file.
   */
  logFile?: string
}

/** Spawns a service detached (its own process group) and records its output. */
export function startService(p: StartServiceParameters): Service {
  const child = spawn(p.command, [...p.args], {
    cwd: p.cwd,
    env: p.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const lines: string[] = []
  const listeners = new Set<(line: string) => void>()
  if (p.logFile) mkdirSync(dirname(p.logFile), { recursive: true })
  const onData = (chunk: Buffer) => {
    if (p.logFile) appendFileSync(p.logFile, chunk)
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line === '') continue
      lines.push(line)
      if (lines.length > LOG_LINES) lines.shift()
      for (const l of listeners) l(line)
    }
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.once('exit', () => killGroup(child, 'SIGKILL'))
  const log = () => lines.join('\n')

  return {
    name: p.name,
    child,
    log,
    waitForLine(pattern, timeoutMs) {
      if (lines.some((l) => pattern.test(l))) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          clearTimeout(timer)
          listeners.delete(onLine)
          child.off('exit', onExit)
          if (error) reject(error)
          else resolve()
        }
        const onLine = (line: string) => {
          if (pattern.test(line)) done()
        }
        const onExit = (code: number | null, signal: string | null) =>
          done(
            new Error(
              `${p.name} exited (${signal ?? `code ${code}`}) before printing ${pattern}:\n${log()}`,
            ),
          )
        const timer = setTimeout(
          () =>
            done(new Error(`${p.name} did not print ${pattern} within ${timeoutMs} ms:\n${log()}`)),
          timeoutMs,
        )
        listeners.add(onLine)
        child.once('exit', onExit)
      })
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      killGroup(child, 'SIGTERM')
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS)
      await exited
      clearTimeout(timer)
    },
    kill: () => killGroup(child, 'SIGKILL'),
  }
}

/** Signals a child's whole process group; a group already gone is fine. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e
  }
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** A UDP port free on 127.0.0.1 right now (for the node's WebRTC-direct listener). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4')
    socket.once('error', reject)
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address()
      socket.close(() => resolve(port))
    })
  })
}

/**
 * Polls `check` until it returns a value other than undefined; rejects with `what` and the last
 * error after `timeoutMs`.
 */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      )
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
