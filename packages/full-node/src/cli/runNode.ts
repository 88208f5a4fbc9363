import type { FullNodeOptions } from '../node/options.js'
import { type CliIo, writeLine } from './io.js'
import { createProgress, type Progress } from './progress.js'

/** What the CLI needs of a running node (`createFullNode`'s `FullNode`). */
export type RunnableNode = {
  start(): Promise<void>
  stop(): Promise<void>
  /** Listening p2p multiaddrs. */
  addresses(): readonly { toString(): string }[]
  /** Base URL of the HTTP API. */
  apiUrl(): string
  /** Our height and the best peer's while catching up; undefined when not syncing. */
  syncProgress?: () => { height: number; target: number } | undefined
}

export type CreateNode = (options: FullNodeOptions) => Promise<RunnableNode>

export type RunNodeParameters = {
  options: FullNodeOptions
  io: CliIo
  /** Lines printed once the node runs (devnet accounts, faucet help). */
  banner?: (node: RunnableNode) => readonly string[]
  /** Injected in tests; default: the package's `createFullNode`. */
  createNode?: CreateNode
}

async function loadCreateFullNode(): Promise<CreateNode> {
  // Loaded lazily so wallet and rpc commands never pay for libp2p, LevelDB and the workers.
  const { createFullNode } = await import('../node/createFullNode.js')
  return (options) => createFullNode(options)
}

/**
 * Creates and starts a node, prints where it listens, and runs until SIGINT/SIGTERM: the first
 * signal stops it cleanly (exit 0), a second one exits at once (130).
 */
export async function runNode({
  options,
  io,
  banner,
  createNode,
}: RunNodeParameters): Promise<number> {
  const create = createNode ?? (await loadCreateFullNode())
  let signalled: ((signal: string) => void) | undefined
  const stopRequested = new Promise<string>((resolve) => {
    signalled = resolve
  })
  let signals = 0
  const removeHandler = io.onSignal((signal) => {
    signals++
    if (signals === 1) {
      writeLine(io.stderr, `${signal}: stopping the node… (again to force)`)
      signalled?.(signal)
    } else {
      writeLine(io.stderr, `${signal}: forced exit`)
      io.exit(130)
    }
  })
  try {
    const node = await create(options)
    await node.start()
    for (const line of describeNode(options, node)) writeLine(io.stdout, line)
    for (const line of banner?.(node) ?? []) writeLine(io.stdout, line)
    writeLine(io.stdout, 'Press Ctrl-C to stop.')
    const stopWatching = watchSync(io, node)
    await stopRequested
    stopWatching()
    await node.stop()
    writeLine(io.stderr, 'node stopped')
    return 0
  } finally {
    removeHandler()
  }
}

/**
 * On a terminal, a progress bar while the node catches up with the network (elsewhere the node's
 * 'sync progress' log lines say the same). Polls twice a second; returns the stop function.
 */
function watchSync(io: CliIo, node: RunnableNode, intervalMs = 500): () => void {
  if (!io.stdout.isTTY || !node.syncProgress) return () => undefined
  let bar: Progress | undefined
  const timer = setInterval(() => {
    const p = node.syncProgress?.()
    if (p && !bar) bar = createProgress(io, { label: 'sync', total: p.target })
    if (p && bar) bar.update(p.height, `target ${p.target}`)
    if (!p && bar) {
      bar.stop()
      bar = undefined
      writeLine(io.stdout, 'sync: caught up with the network')
    }
  }, intervalMs)
  timer.unref()
  return () => {
    clearInterval(timer)
    bar?.stop()
  }
}

function describeNode(options: FullNodeOptions, node: RunnableNode): string[] {
  const addrs = node.addresses().map(String)
  const m = options.mining
  return [
    `SuperNova ${options.network} node running`,
    `  data dir  ${options.dataDir}`,
    `  API       ${node.apiUrl()}  (JSON-RPC POST /rpc, WebSocket /ws, GET /health)`,
    ...addrs.map((a, i) => `  ${i === 0 ? 'p2p     ' : '        '}  ${a}`),
    `  mining    ${m.enabled ? `on, ${m.threads} thread${m.threads === 1 ? '' : 's'} → ${m.rewardAddress}` : 'off'}`,
  ]
}
