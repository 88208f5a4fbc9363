import { Writable } from 'node:stream'
import { describe, expect, it, vi } from 'vitest'
import { resolveConfig, toFullNodeOptions } from '../../src/cli/config.js'
import type { CliIo } from '../../src/cli/io.js'
import { type RunnableNode, runNode } from '../../src/cli/runNode.js'
import type { FullNodeOptions } from '../../src/node/options.js'

class Capture extends Writable {
  text = ''
  override _write(c: Buffer, _e: BufferEncoding, cb: () => void): void {
    this.text += c.toString()
    cb()
  }
}

/** A node stand-in recording its lifecycle (the real createFullNode is exercised end to end). */
function recordingNode(log: string[]): RunnableNode {
  return {
    start: async () => void log.push('start'),
    stop: async () => void log.push('stop'),
    addresses: () => ['/ip4/127.0.0.1/tcp/7701/p2p/12D3KooWtest'],
    apiUrl: () => 'http://127.0.0.1:7700',
  }
}

function harness() {
  const handlers: ((s: 'SIGINT' | 'SIGTERM') => void)[] = []
  const exits: number[] = []
  const stdout = new Capture()
  const stderr = new Capture()
  const io: CliIo = {
    stdout,
    stderr,
    stdin: {},
    env: {},
    cwd: '/',
    homeDir: '/',
    promptSecret: async () => '',
    onSignal: (h) => {
      handlers.push(h)
      return () => handlers.splice(handlers.indexOf(h), 1)
    },
    exit: (code) => void exits.push(code),
  }
  return { io, handlers, exits, stdout, stderr }
}

const options: FullNodeOptions = toFullNodeOptions(
  resolveConfig({ flags: { network: 'devnet' }, env: {}, homeDir: '/home/x', cwd: '/' }).values,
)

describe('runNode', () => {
  it('starts, prints where it listens, stops cleanly on the first signal, forces on the second', async () => {
    const log: string[] = []
    const h = harness()
    let started!: () => void
    const ready = new Promise<void>((r) => {
      started = r
    })
    const done = runNode({
      options,
      io: h.io,
      createNode: async (o) => {
        expect(o).toBe(options)
        const node = recordingNode(log)
        return {
          ...node,
          start: async () => {
            await node.start()
            started()
          },
        }
      },
      banner: () => ['banner line'],
    })
    await ready
    await new Promise((r) => setImmediate(r))
    expect(h.stdout.text).toContain('API       http://127.0.0.1:7700')
    expect(h.stdout.text).toContain('/ip4/127.0.0.1/tcp/7701/p2p/12D3KooWtest')
    expect(h.stdout.text).toContain('banner line')
    expect(h.handlers).toHaveLength(1)
    h.handlers[0]!('SIGINT')
    h.handlers[0]?.('SIGTERM')
    expect(await done).toBe(0)
    expect(log).toEqual(['start', 'stop'])
    expect(h.exits).toEqual([130])
    expect(h.handlers).toHaveLength(0)
  })

  it('stops right after starting when the signal came during startup', async () => {
    const log: string[] = []
    const h = harness()
    const done = runNode({
      options,
      io: h.io,
      createNode: async () => {
        h.handlers[0]!('SIGTERM')
        return recordingNode(log)
      },
    })
    expect(await done).toBe(0)
    expect(log).toEqual(['start', 'stop'])
  })

  it('draws a sync progress bar on a terminal while the node catches up, then says so', async () => {
    vi.useFakeTimers()
    try {
      const h = harness()
      Object.assign(h.stdout, { isTTY: true, columns: 100 })
      const states: ({ height: number; target: number } | undefined)[] = [
        { height: 10, target: 100 },
        { height: 60, target: 100 },
        undefined,
      ]
      let polled = 0
      const done = runNode({
        options,
        io: h.io,
        createNode: async () => ({
          ...recordingNode([]),
          syncProgress: () => states[Math.min(polled++, states.length - 1)],
        }),
      })
      await vi.waitFor(() => expect(h.handlers).toHaveLength(1))
      await vi.advanceTimersByTimeAsync(1_600)
      expect(h.stdout.text).toMatch(/sync \[.*\] (10|60)\/100/)
      expect(h.stdout.text).toContain('sync: caught up with the network')
      h.handlers[0]!('SIGINT')
      expect(await done).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
