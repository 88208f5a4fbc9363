import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type Block,
  createSignatureSchemes,
  DEVNET,
  decodeUtxoEntry,
  encodeBlock,
  encodeOutPoint,
  encodeUtxoEntry,
  hashHeader,
  MemoryChain,
  toHex,
} from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Chain } from '../../src/chain/Chain.js'
import { keys } from '../../src/storage/layout.js'
import { openLevelStore } from '../../src/storage/levelStore.js'
import { prefixRange } from '../../src/storage/store.js'
import { logger, tempDir } from '../helpers/chain.js'
import { buildSequence } from './sequence.js'

/**
 * SIGKILL at random instants while a node imports blocks and reorganises, at least 50 times:
 * every reopen must find a valid tip whose UTXO set and commitment equal a reference replay of
 * the same blocks (protocol MemoryChain).
 */
const KILLS = Number(process.env.CRASH_KILLS ?? 50)
let blocks: Block[] = []
let byHash = new Map<string, Block>()
let finalTip = ''
const work = tempDir()
const blocksFile = join(work.path, 'blocks.hex')

beforeAll(async () => {
  blocks = await buildSequence()
  byHash = new Map(blocks.map((b) => [toHex(hashHeader(b.header)), b]))
  finalTip = toHex(hashHeader(blocks[blocks.length - 1]!.header))
  writeFileSync(
    blocksFile,
    blocks.map((b) => Buffer.from(encodeBlock(b)).toString('hex')).join('\n'),
  )
}, 120_000)

afterAll(() => work.cleanup())

type Exit = { code: number | null; signal: NodeJS.Signals | null }

function runChild(
  dataDir: string,
  mode: 'single' | 'runs' = 'single',
): {
  child: ChildProcess
  ready: Promise<boolean>
  exited: Promise<Exit>
} {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'child.mjs'), dataDir, blocksFile, mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const ready = new Promise<boolean>((resolve) =>
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(true)),
  )
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return { child, ready: Promise.race([ready, exited.then(() => false)]), exited }
}

const references = new Map<string, MemoryChain>()

/** Replays the main chain ending at `tipHash` into a reference MemoryChain. */
async function reference(tipHash: string): Promise<MemoryChain> {
  const known = references.get(tipHash)
  if (known) return known
  const path: Block[] = []
  for (let h = tipHash; h !== DEVNET.genesisHash; ) {
    const b = byHash.get(h)
    if (!b) throw new Error(`tip ${h} is not a block of the sequence`)
    path.push(b)
    h = toHex(b.header.prevHash)
  }
  const ref = new MemoryChain(DEVNET, createSignatureSchemes())
  for (const b of path.reverse()) await ref.connect(b, Date.now())
  references.set(tipHash, ref)
  return ref
}

describe('crash safety: SIGKILL during import and reorgs', () => {
  it(`reopens consistent after ${KILLS} kills at random moments`, async () => {
    const dir = tempDir()
    let kills = 0
    const heights: number[] = []
    // One undisturbed import to learn how long it takes, so the kills land inside it.
    const probe = tempDir()
    const first = runChild(probe.path)
    await first.ready
    const started = performance.now()
    expect((await first.exited).code).toBe(0)
    const importMs = Math.max(20, performance.now() - started)
    probe.cleanup()
    // Undisturbed, both import modes end on the sequence's last block.
    for (const mode of ['single', 'runs'] as const) {
      const whole = tempDir()
      const run = runChild(whole.path, mode)
      expect((await run.exited).code).toBe(0)
      const store = await openLevelStore(join(whole.path, 'db'))
      const chain = await Chain.open(
        { params: DEVNET },
        { store, schemes: createSignatureSchemes(), logger, now: Date.now },
      )
      expect(toHex(chain.tip().hash), mode).toBe(finalTip)
      await store.close()
      whole.cleanup()
    }
    // The kill window starts as the probe's import time. On a machine that got busier since the
    // probe (other suites run beside this one), a window that short ends before the first block
    // connects, and every kill finds the same tip: a kill that left the tip where the previous
    // one did widens the window (up to 8× the probe), an import that finished before its kill
    // narrows it again. The kills stay random instants of the import either way.
    let windowMs = importMs
    let lastHeight = -1
    try {
      while (kills < KILLS) {
        // Every other run imports through the pipelined processBlocks.
        const { child, ready, exited } = runChild(dir.path, kills % 2 === 0 ? 'single' : 'runs')
        if (!(await ready))
          throw new Error(
            `the importer failed before opening the chain: ${JSON.stringify(await exited)}`,
          )
        // Kill at a uniformly random instant of the import.
        const delay = Math.floor(Math.random() * windowMs)
        const killer = setTimeout(() => child.kill('SIGKILL'), delay)
        const exit = await exited
        clearTimeout(killer)
        if (exit.signal === 'SIGKILL') kills++
        else if (exit.code !== 0) throw new Error(`the importer failed: ${JSON.stringify(exit)}`)
        const store = await openLevelStore(join(dir.path, 'db'))
        try {
          const chain = await Chain.open(
            { params: DEVNET },
            { store, schemes: createSignatureSchemes(), logger, now: Date.now },
          )
          const tip = chain.tip()
          heights.push(tip.height)
          if (exit.signal !== 'SIGKILL') windowMs = Math.max(importMs, windowMs / 1.5)
          else if (tip.height === lastHeight) windowMs = Math.min(importMs * 8, windowMs * 1.5)
          lastHeight = tip.height
          const ref = await reference(toHex(tip.hash))
          expect(toHex(ref.utxos.tree.root)).toBe(toHex(tip.header.utxoRoot))
          const stored = new Map<string, string>()
          for await (const [k, v] of store.entries(prefixRange(keys.utxoPrefix())))
            stored.set(toHex(k.subarray(1)), toHex(encodeUtxoEntry(decodeUtxoEntry(v))))
          const expected = new Map<string, string>()
          for (const { outpoint, entry } of ref.utxos.all())
            expected.set(toHex(encodeOutPoint(outpoint)), toHex(encodeUtxoEntry(entry)))
          expect(stored).toEqual(expected)
          if (toHex(tip.hash) === finalTip) {
            await store.close()
            dir.cleanup() // start over so every kill hits work in progress
            lastHeight = -1
          }
        } finally {
          await store.close().catch(() => undefined)
        }
      }
    } finally {
      dir.cleanup()
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS)
    // The kills landed at many different points, not all before or after the work.
    expect(new Set(heights).size).toBeGreaterThan(5)
  }, 600_000)
})
