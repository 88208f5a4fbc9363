import {
  assembleBlock,
  type Block,
  type BlockConnection,
  type ChainParams,
  decodeBlock,
  encodeBlock,
  equalBytes,
  fromHex,
  hashHeader,
  initHashing,
  type OutPoint,
  outpointKey,
  type SignatureSchemes,
  type SparseMerkleTree,
  startBlockVerification,
  type TransactionIds,
  toHex,
  type UtxoCommitment,
  type UtxoDiffEntry,
  type UtxoEntry,
  type UtxoLookup,
  ValidationError,
  type ValidationErrorCode,
  verifyHeader,
  workForBits,
} from '@supernova/protocol'
import type { Logger } from 'pino'
import { VerifierError } from '../crypto/verifierPool.js'
import { keys, SCHEMA_VERSION } from '../storage/layout.js'
import type { BatchOp, KeyValueStore } from '../storage/store.js'
import { BlockIndex, type IndexEntry } from './BlockIndex.js'
import { checkBody, orphanRejection } from './blockChecks.js'
import { blockEffects } from './effects.js'
import { ChainError } from './errors.js'
import { initialise } from './initialise.js'
import { OrphanPool } from './orphans.js'
import { ChainQueries } from './queries.js'
import { decodeHeaderRecord, decodeUndo, encodeHeaderRecord, STATUS } from './records.js'
import { loadUtxoTree } from './startup.js'
import { withoutDescendants } from './template.js'
import {
  type ChainEvents,
  type ChainTip,
  type ChainView,
  type IncomingBlock,
  incomingParts,
  type ProcessBlockResult,
} from './types.js'
import { UtxoCache } from './utxoCache.js'
import { connectOps, disconnectOps } from './writes.js'

export { ChainError, type ChainErrorCode } from './errors.js'

export type ChainOptions = {
  params: ChainParams
  /** Orphan blocks held at most (default 256) and their total encoded bytes (default 32 MiB). */
  orphanLimit?: number
  orphanBytes?: number
  /** Known blocks kept per height on side branches (default 4). */
  maxSiblings?: number
  /** Unspent outputs kept in memory for block validation (default 100,000; 0 = none). */
  utxoCacheEntries?: number
}
export type ChainComponents = {
  /**
   * Called once if the chain halts on a failure that is not the block's fault (storage, UTXO
   * commitment, signature backend): the node should stop; nothing is processed afterwards.
   */
  onFatal?: (error: unknown) => void
  store: KeyValueStore
  schemes: SignatureSchemes
  logger: Logger
  now: () => number
}

type Listener<K extends keyof ChainEvents> = (e: ChainEvents[K]) => void

/**
 * Blocks `processBlocks` holds validated but not committed: their signatures queue on the
 * verifier pool, so the workers stay busy while the main thread writes batches.
 */
const PIPELINE_DEPTH = 8

/**
 * Most staged blocks `processBlocks` commits in one store batch. Each write costs the node a
 * round trip to LevelDB's thread (a few system calls, expensive in sandboxes and VMs) besides its
 * operations; four blocks per batch pay it once.
 */
const COMMIT_GROUP = 4

/** A block validated but for its signatures, which are still being verified; nothing stored yet. */
type Staged = {
  entry: IndexEntry
  /** The block as it was handed over, for the full path if the pipeline has to give it up. */
  incoming: IncomingBlock
  block: Block
  /** The encoded block when it is not stored yet (it then goes into the connect batch). */
  unstoredBody: Uint8Array | undefined
  connection: BlockConnection
  signatures: Promise<void>
  started: number
  /** `connection`'s created and spent outpoints by key, for blocks staged on this one. */
  changes?: StagedChanges
}

type StagedChanges = { created: Map<string, UtxoDiffEntry>; spent: Set<string> }

/** How many of `group` (oldest first) verified their signatures before the first that did not. */
async function verifiedPrefix(group: readonly Staged[]): Promise<number> {
  const verified = (s: Staged) =>
    s.signatures.then(
      () => true,
      () => false,
    )
  let n = 0
  while (n < group.length && (await verified(group[n]!))) n++
  return n
}

function stagedChanges(s: Staged): StagedChanges {
  s.changes ??= {
    created: new Map(s.connection.created.map((c) => [outpointKey(c.outpoint), c])),
    spent: new Set(s.connection.spent.map((x) => outpointKey(x.outpoint))),
  }
  return s.changes
}

/**
 * The node's chain: a header index in memory, blocks and state in the store, the UTXO commitment
 * at the tip in memory. Every block is fully validated (`verifyBlock`) before it joins the main
 * chain; connecting and disconnecting are one atomic store batch each, so a crash at any instant
 * leaves a consistent tip. Fork choice: most cumulative work; ties keep the first seen; reorgs
 * deeper than `maxReorgDepth` are refused.
 */
export class Chain extends ChainQueries implements ChainView {
  private readonly listeners: { [K in keyof ChainEvents]: Set<Listener<K>> } = {
    connect: new Set(),
    disconnect: new Set(),
    tip: new Set(),
  }
  private readonly orphans: OrphanPool
  private readonly utxoCache: UtxoCache
  private readonly pipeline = { staged: 0, fullPath: 0 }
  private lock: Promise<unknown> = Promise.resolve()

  private constructor(
    params: ChainParams,
    readonly genesisHash: Uint8Array,
    store: KeyValueStore,
    index: BlockIndex,
    utxoTree: SparseMerkleTree,
    private readonly components: ChainComponents,
    orphanLimit: number,
    orphanBytes: number,
    private readonly maxSiblings: number,
    utxoCacheEntries: number,
  ) {
    super(params, store, index, utxoTree)
    this.orphans = new OrphanPool(orphanLimit, orphanBytes)
    this.utxoCache = new UtxoCache(utxoCacheEntries)
  }

  /**
   * Opens (or initialises with genesis) the chain in `store`, rebuilds the header index and the UTXO
   * commitment, and checks the commitment against the tip's utxoRoot.
   * @throws {ChainError} WRONG_NETWORK, UNSUPPORTED_SCHEMA or CORRUPT_STATE.
   */
  static async open(options: ChainOptions, components: ChainComponents): Promise<Chain> {
    const { params } = options
    const { store, logger } = components
    // Every hash the chain computes goes through hash-wasm from here on (the fallback is 2–5× slower).
    await initHashing()
    const genesisHash = fromHex(params.genesisHash)
    const storedGenesis = await store.get(keys.meta('genesis'))
    if (!storedGenesis) await initialise(params, store)
    else if (toHex(storedGenesis) !== params.genesisHash) {
      throw new ChainError({
        code: 'WRONG_NETWORK',
        message: `the database belongs to another network (genesis ${toHex(storedGenesis)}, expected ${params.genesisHash})`,
      })
    }
    const schema = await store.get(keys.meta('schema'))
    if (
      !schema ||
      new DataView(schema.buffer, schema.byteOffset).getUint32(0, false) !== SCHEMA_VERSION
    ) {
      throw new ChainError({
        code: 'UNSUPPORTED_SCHEMA',
        message: `the database schema is not version ${SCHEMA_VERSION}`,
      })
    }
    const index = new BlockIndex()
    for await (const [k, v] of store.entries({
      gte: keys.headerPrefix(),
      lt: Uint8Array.of(keys.headerPrefix()[0]! + 1),
    })) {
      const r = decodeHeaderRecord(v)
      const hash = k.slice(1)
      index.add({
        header: r.header,
        hash,
        key: toHex(hash),
        height: r.height,
        cumulativeWork: r.cumulativeWork,
        status: r.status,
      })
    }
    const tipHash = await store.get(keys.meta('tip'))
    const tip = tipHash && index.get(tipHash)
    if (!tip)
      throw new ChainError({
        code: 'CORRUPT_STATE',
        message: 'the tip is missing from the header index',
      })
    index.setMainFrom(tip)
    const utxoTree = await loadUtxoTree(store)
    if (toHex(utxoTree.root) !== toHex(tip.header.utxoRoot)) {
      throw new ChainError({
        code: 'CORRUPT_STATE',
        message: `the UTXO set does not match the tip's utxoRoot at height ${tip.height}`,
      })
    }
    logger.info(
      { height: tip.height, tip: tip.key, headers: index.size, utxos: utxoTree.size },
      'chain opened',
    )
    const chain = new Chain(
      params,
      genesisHash,
      store,
      index,
      utxoTree,
      components,
      options.orphanLimit ?? 256,
      options.orphanBytes ?? 32 * 1024 * 1024,
      options.maxSiblings ?? 4,
      options.utxoCacheEntries ?? 100_000,
    )
    // A crash in the middle of a reorganisation can leave a lighter tip: move to the best stored chain.
    await chain.activateBestChain()
    return chain
  }

  private halted: unknown

  /** Refuses work after a fatal failure. @throws {ChainError} CORRUPT_STATE */
  private assertRunning(): void {
    if (this.halted !== undefined) {
      throw new ChainError({
        code: 'CORRUPT_STATE',
        message: 'the chain halted after a storage or backend failure: restart the node',
        cause: this.halted,
      })
    }
  }

  /** Records a fatal failure once, tells the node, and returns it for rethrowing. */
  private halt(e: unknown): unknown {
    if (this.halted === undefined) {
      this.halted = e
      this.components.logger.fatal(
        { err: e },
        'chain halted: a failure that is not the block’s fault',
      )
      try {
        this.components.onFatal?.(e)
      } catch (err) {
        this.components.logger.error({ err }, 'onFatal handler failed')
      }
    }
    return e
  }

  /**
   * Whether a block on `parent` (not on the tip) may be stored on a side branch: its fork point must
   * be within `maxReorgDepth` of the tip and its height must not already hold `maxSiblings` blocks,
   * so cheap side blocks cannot fill the disk or the index.
   */
  private sideBranchRefusal(parent: IndexEntry): string | undefined {
    let fork: IndexEntry | undefined = parent
    while (fork && !this.index.isMain(fork)) fork = this.index.parent(fork)
    const tip = this.index.tip()
    if (!fork || tip.height - fork.height > this.params.maxReorgDepth)
      return 'fork point deeper than maxReorgDepth'
    if (this.index.childCount(parent) >= this.maxSiblings) return 'too many blocks on this parent'
    return undefined
  }

  /** Moves to the stored valid chain with the most work when it is not the tip (after a crash). */
  private activateBestChain(): Promise<void> {
    return this.serial(async () => {
      const best = this.index.bestCandidate()
      if (best === this.index.tip()) return
      this.components.logger.warn(
        { height: best.height, hash: best.key },
        'moving to the stored chain with the most work',
      )
      await this.reorganise(best)
    })
  }

  on<K extends keyof ChainEvents>(event: K, listener: (e: ChainEvents[K]) => void): () => void {
    const set = this.listeners[event] as Set<Listener<K>>
    set.add(listener)
    return () => set.delete(listener)
  }

  private emit<K extends keyof ChainEvents>(event: K, e: ChainEvents[K]): void {
    for (const l of this.listeners[event] as Set<Listener<K>>) {
      try {
        l(e)
      } catch (err) {
        this.components.logger.error({ err, event }, 'chain event listener failed')
      }
    }
  }

  /** Runs `fn` after every earlier state change finished: processBlock calls never interleave. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn)
    this.lock = run.catch(() => undefined)
    return run
  }

  processBlock(block: IncomingBlock): Promise<ProcessBlockResult> {
    return this.serial(async () => {
      this.assertRunning()
      return this.acceptWithOrphans(block)
    })
  }

  /**
   * Processes consecutive blocks in order, with the same results as `processBlock` on each:
   * while some blocks' signatures are verified (on the worker pool) and others' batch is
   * written, the next blocks that extend them are already validated against their UTXO changes —
   * a pipeline that keeps the verifiers busy during sync and import. Blocks whose signatures
   * verified are committed a few at a time in one batch (each block whole in it), with one `tip`
   * event per batch. Anything unusual (a known, invalid, orphan or side block, a failure) goes
   * through `processBlock`'s path once the blocks before it are committed. Orphans waiting for a
   * committed block are taken up once nothing is staged, since one may compete with a staged
   * block: where one by one such an orphan would win the tie at its height (first seen), here the
   * run's block does, and the orphan is kept as a side block.
   */
  processBlocks(blocks: readonly IncomingBlock[]): Promise<ProcessBlockResult[]> {
    return this.serial(async () => {
      const results: ProcessBlockResult[] = []
      // Validated on top of each other, oldest first; none committed yet.
      const staged: Staged[] = []
      // Committed blocks whose waiting orphans are still to be taken up.
      const parents: Uint8Array[] = []
      const drainOrphans = async () => {
        for (const hash of parents.splice(0)) await this.drainOrphans(hash)
      }
      // The rest of the run after a staged block that did not connect: the blocks staged on it
      // were validated on a state that never came to be, so they take the full path.
      const fullPath = async (rest: Staged[]) => {
        await drainOrphans()
        for (const s of rest) {
          this.pipeline.fullPath++
          results.push(await this.acceptWithOrphans(s.incoming))
        }
      }
      // Commits the oldest staged blocks, a group per batch, until `keep` are left.
      const commitDownTo = async (keep: number) => {
        while (staged.length > keep) {
          const group = staged.splice(0, Math.min(COMMIT_GROUP, staged.length - keep))
          const verified = await verifiedPrefix(group)
          if (verified > 0) {
            const done = group.slice(0, verified)
            try {
              await this.commitVerified(done)
            } catch (e) {
              throw this.halt(e) // nothing about these blocks is invalid: the store or state failed
            }
            this.emit('tip', { tip: this.tip(), reorgDepth: 0 })
            for (const s of done) {
              results.push({ status: 'connected', hash: s.entry.hash, height: s.entry.height })
              parents.push(s.entry.hash)
            }
          }
          if (verified < group.length) {
            // Its signatures failed: reported (and marked) as the full path would.
            const result = await this.finishStaged(group[verified]!)
            results.push(result)
            if (result.status !== 'connected')
              await fullPath([...group.slice(verified + 1), ...staged.splice(0)])
            else staged.unshift(...group.slice(verified + 1))
          }
        }
      }
      for (const block of blocks) {
        this.assertRunning()
        const next = await this.tryStage(block, staged)
        if (next) {
          staged.push(next)
          this.pipeline.staged++
          if (staged.length >= PIPELINE_DEPTH) await commitDownTo(PIPELINE_DEPTH - COMMIT_GROUP)
        } else {
          await commitDownTo(0)
          await drainOrphans()
          this.pipeline.fullPath++
          results.push(await this.acceptWithOrphans(block))
        }
      }
      await commitDownTo(0)
      await drainOrphans()
      return results
    })
  }

  /**
   * How `processBlocks` went since start: blocks staged on the pipeline, blocks that took the
   * full path; and the in-memory UTXO cache's hits and misses.
   */
  importStats(): { staged: number; fullPath: number; utxoCache: { hits: number; misses: number } } {
    return { ...this.pipeline, utxoCache: this.utxoCache.stats() }
  }

  /** `accept`, then the blocks that were waiting in the orphan pool for it. */
  private async acceptWithOrphans(block: IncomingBlock): Promise<ProcessBlockResult> {
    const first = await this.accept(block)
    if (first.status === 'connected' || first.status === 'reorg' || first.status === 'side')
      await this.drainOrphans(first.hash)
    return first
  }

  private async drainOrphans(hash: Uint8Array): Promise<void> {
    const queue = this.orphans.takeChildren(hash)
    while (queue.length > 0) {
      const child = queue.shift()!
      try {
        const r = await this.accept(child)
        if (r.status !== 'invalid' && r.status !== 'orphan')
          queue.push(...this.orphans.takeChildren(r.hash))
      } catch (err) {
        // The parent was processed; a waiting child's failure is logged, not reported as its.
        this.components.logger.error({ err }, 'an orphan child failed to process')
        if (this.halted !== undefined) break
      }
    }
  }

  /**
   * Stages `block` on the last of `staged` (or on the tip): the common case of a new block extending it,
   * validated but for its signatures. Undefined when the block needs `accept`'s full path.
   */
  private async tryStage(
    incoming: IncomingBlock,
    staged: readonly Staged[],
  ): Promise<Staged | undefined> {
    const tip = this.index.tip()
    const parent = staged[staged.length - 1]?.entry ?? tip
    // The pipeline stays one unbroken chain on the tip (recentTimestampsOn relies on it).
    if (staged.length > 0 && !equalBytes(staged[0]!.block.header.prevHash, tip.hash))
      return undefined
    const { block, bytes, ids: known } = incomingParts(incoming)
    const { header } = block
    if (!equalBytes(header.prevHash, parent.hash)) return undefined
    const hash = hashHeader(header)
    if (this.index.get(hash)) return undefined
    const body = bytes ?? encodeBlock(block)
    if (body.length > this.params.maxBlockBytes) return undefined
    try {
      const recent = this.recentTimestampsOn(staged)
      verifyHeader({
        header,
        parent,
        recentTimestamps: recent,
        params: this.params,
        now: this.components.now(),
      })
      const { error, ids } = checkBody(block, known)
      if (error) return undefined
      const entry = newEntry(header, hash, parent)
      return await this.stage({ entry, incoming, block, parent, recent, staged, body, ids })
    } catch {
      // Whatever failed fails again on the full path, which reports or handles it.
      return undefined
    }
  }

  /** The header rules for `header` on `parent`. @throws {ValidationError} */
  private verifyHeaderOn(header: Block['header'], parent: IndexEntry): void {
    verifyHeader({
      header,
      parent,
      recentTimestamps: this.index.recentTimestamps(parent, this.params.medianTimeSpan),
      params: this.params,
      now: this.components.now(),
    })
  }

  /** Commits a staged block as `tryConnect` would, reporting it like `accept`. */
  private async finishStaged(s: Staged): Promise<ProcessBlockResult> {
    const error = await this.settle(s.entry, s.unstoredBody, () => this.commit(s))
    if (error) return { status: 'invalid', hash: s.entry.hash, error }
    this.emit('tip', { tip: this.tip(), reorgDepth: 0 })
    await this.drainOrphans(s.entry.hash)
    return { status: 'connected', hash: s.entry.hash, height: s.entry.height }
  }

  private async accept(incoming: IncomingBlock): Promise<ProcessBlockResult> {
    const { block, bytes, ids: knownIds } = incomingParts(incoming)
    const header = block.header
    const hash = hashHeader(header)
    const known = this.index.get(hash)
    if (known) {
      if (known.status & STATUS.INVALID)
        return {
          status: 'invalid',
          hash,
          error: new ValidationError({
            code: (known.invalidCode ?? 'HEADER_PREV_MISMATCH') as ValidationErrorCode,
            message: 'block previously found invalid',
            details: { hash: known.key },
          }),
        }
      return { status: 'duplicate', hash }
    }
    this.assertRunning()
    const body = bytes ?? encodeBlock(block)
    if (body.length > this.params.maxBlockBytes) {
      return {
        status: 'invalid',
        hash,
        error: new ValidationError({
          code: 'BLOCK_TOO_LARGE',
          message: `block is ${body.length} bytes, the limit is ${this.params.maxBlockBytes}`,
          details: { size: body.length },
        }),
      }
    }
    const parent = this.index.get(header.prevHash)
    if (!parent) {
      // Only blocks that carry real proof of work for their own bits, under the network's limit,
      // and whose body matches their header, may wait here (the pool is capped in bytes too).
      const cheap = orphanRejection(header, this.params)
      if (cheap) return { status: 'invalid', hash, error: cheap }
      const { error: mismatch } = checkBody(block, knownIds)
      if (mismatch) return { status: 'invalid', hash, error: mismatch }
      this.orphans.add(hash, body, header.prevHash)
      return { status: 'orphan', hash }
    }
    if (parent.status & STATUS.INVALID) {
      return {
        status: 'invalid',
        hash,
        error: new ValidationError({
          code: 'HEADER_PREV_MISMATCH',
          message: 'the parent block is invalid',
          details: { parent: parent.key },
        }),
      }
    }
    // Header first: nothing is stored for a block whose header does not hold.
    try {
      this.verifyHeaderOn(header, parent)
    } catch (e) {
      if (e instanceof ValidationError) return { status: 'invalid', hash, error: e }
      throw e
    }
    // A body that does not match the header's txRoot is not this block at all (a mutated or
    // corrupted copy): reject it without marking the header invalid, so the real block can still come.
    const { error: mismatch, ids } = checkBody(block, knownIds)
    if (mismatch) return { status: 'invalid', hash, error: mismatch }
    const entry = newEntry(header, hash, parent)
    const tip = this.index.tip()
    const extendsTip = parent === tip && entry.cumulativeWork > tip.cumulativeWork
    // Extending the tip (the common case), the body is written in the connect batch itself and
    // the entry joins the index only once that batch is committed.
    if (!extendsTip) {
      const refusal = this.sideBranchRefusal(parent)
      if (refusal) {
        this.components.logger.debug(
          { hash: entry.key, height: entry.height, reason: refusal },
          'side block not stored',
        )
        return { status: 'refused', hash, height: entry.height, reason: refusal }
      }
      await this.store.batch([
        { type: 'put', key: keys.block(hash), value: body },
        { type: 'put', key: keys.header(hash), value: encodeHeaderRecord(entry) },
      ])
      this.index.add(entry)
    }
    if (entry.cumulativeWork <= tip.cumulativeWork)
      return { status: 'side', hash, height: entry.height }
    if (extendsTip) {
      const error = await this.tryConnect(entry, block, body, ids)
      if (error) return { status: 'invalid', hash, error }
      this.emit('tip', { tip: this.tip(), reorgDepth: 0 })
      return { status: 'connected', hash, height: entry.height }
    }
    return this.reorganise(entry)
  }

  /** Connect `entry` on the tip; on a consensus failure mark it invalid and return the error. */
  private async tryConnect(
    entry: IndexEntry,
    block?: Block,
    unstoredBody?: Uint8Array,
    ids?: readonly TransactionIds[],
  ): Promise<ValidationError | undefined> {
    const b = block ?? (await this.loadBlock(entry.hash))
    return this.settle(entry, unstoredBody, () => this.connect(entry, b, unstoredBody, ids))
  }

  /**
   * Runs a connect of `entry`; on a consensus failure marks it invalid and returns the error.
   * A crashed verifier rethrows (the block stays undecided); anything else halts the chain.
   */
  private async settle(
    entry: IndexEntry,
    unstoredBody: Uint8Array | undefined,
    run: () => Promise<unknown>,
  ): Promise<ValidationError | undefined> {
    try {
      await run()
      return undefined
    } catch (e) {
      if (!(e instanceof ValidationError)) {
        // A verifier that crashed says nothing about the block: leave it undecided, retry later.
        if (e instanceof VerifierError) throw e
        throw this.halt(e)
      }
      // A block from the future may become valid: refuse it now, but do not remember it as invalid.
      if (e.code === 'HEADER_TIME_TOO_NEW') return e
      if (unstoredBody) {
        entry.status &= ~STATUS.HAS_BLOCK
        this.index.add(entry)
      }
      const marked = this.index.markInvalid(entry, e.code)
      await this.store.batch(
        marked.map((m) => ({
          type: 'put' as const,
          key: keys.header(m.hash),
          value: encodeHeaderRecord(m),
        })),
      )
      this.components.logger.warn(
        { height: entry.height, hash: entry.key, code: e.code, err: e.message },
        'invalid block',
      )
      return e
    }
  }

  private async reorganise(target: IndexEntry): Promise<ProcessBlockResult> {
    const { fork, branch } = this.index.branchTo(target)
    const old = this.index.tip()
    const depth = old.height - fork.height
    if (depth > this.params.maxReorgDepth) {
      this.components.logger.error(
        { depth, fork: fork.height, target: target.key },
        'refusing a reorganisation deeper than maxReorgDepth',
      )
      return { status: 'side', hash: target.hash, height: target.height }
    }
    const disconnected: IndexEntry[] = []
    try {
      while (this.index.tip() !== fork) disconnected.push(await this.disconnectTip())
    } catch (e) {
      throw this.halt(e)
    }
    const connected: IndexEntry[] = []
    for (const e of branch) {
      const error = await this.tryConnect(e)
      if (error) {
        // The heavier branch is invalid: go back to where we were.
        while (connected.length > 0) {
          await this.disconnectTip()
          connected.pop()
        }
        try {
          for (const d of disconnected.reverse())
            await this.connect(d, await this.loadBlock(d.hash))
        } catch (e) {
          throw this.halt(e)
        } finally {
          this.emit('tip', { tip: this.tip(), reorgDepth: 0 })
        }
        return { status: 'invalid', hash: target.hash, error }
      }
      connected.push(e)
    }
    this.components.logger.info(
      { depth, from: old.key, to: target.key, height: target.height },
      'chain reorganised',
    )
    this.emit('tip', { tip: this.tip(), reorgDepth: depth })
    return { status: 'reorg', hash: target.hash, height: target.height, depth }
  }

  private async loadBlock(hash: Uint8Array): Promise<Block> {
    const bytes = await this.store.get(keys.block(hash))
    if (!bytes)
      throw new ChainError({
        code: 'CORRUPT_STATE',
        message: `block ${toHex(hash)} is indexed but not stored`,
      })
    return decodeBlock(bytes)
  }

  /** Fully validate and connect `b` on the tip, in one batch. @throws {ValidationError} */
  private async connect(
    entry: IndexEntry,
    b: Block,
    unstoredBody?: Uint8Array,
    ids?: readonly TransactionIds[],
  ): Promise<BlockConnection> {
    const parent = this.index.tip()
    const staged = await this.stage({
      entry,
      incoming: b,
      block: b,
      parent,
      recent: this.index.recentTimestamps(parent, this.params.medianTimeSpan),
      staged: [],
      body: unstoredBody,
      ids,
    })
    return this.commit(staged)
  }

  /**
   * Validates a block on `parent` — the tip, or the last of `staged` (blocks validated but not
   * committed, whose changes the UTXO view includes) — but for its signatures, which start
   * verifying. @throws {ValidationError}
   */
  private async stage(p: {
    entry: IndexEntry
    incoming: IncomingBlock
    block: Block
    parent: IndexEntry
    /** Timestamps of `parent` and its ancestors, oldest first. */
    recent: readonly number[]
    staged: readonly Staged[]
    /** The encoded block when it is not stored yet. */
    body: Uint8Array | undefined
    ids: readonly TransactionIds[] | undefined
  }): Promise<Staged> {
    const started = performance.now()
    const below = p.staged[p.staged.length - 1]
    const utxos = await this.prefetchInputs(p.block, p.staged)
    const { connection, signatures } = startBlockVerification({
      block: p.block,
      parent: { header: p.parent.header, hash: p.parent.hash },
      recentTimestamps: p.recent,
      params: this.params,
      now: this.components.now(),
      utxos,
      utxoTree: below ? below.connection.utxoTree : this.utxoTree,
      schemes: this.components.schemes,
      ...(p.ids ? { ids: p.ids } : {}),
    })
    return {
      entry: p.entry,
      incoming: p.incoming,
      block: p.block,
      unstoredBody: p.body,
      connection,
      signatures,
      started,
    }
  }

  /**
   * Timestamps (oldest first, `medianTimeSpan` at most) of the last of `staged` and its
   * ancestors, or of the tip when nothing is staged. Staged blocks are not in the index yet; the
   * first one's parent is the tip.
   */
  private recentTimestampsOn(staged: readonly Staged[]): number[] {
    const span = this.params.medianTimeSpan
    const out = this.index.recentTimestamps(this.index.tip(), span)
    for (const s of staged) out.push(s.entry.header.timestamp)
    return out.length > span ? out.slice(out.length - span) : out
  }

  /** Waits for a staged block's signatures, then connects it on the tip in one batch. */
  private async commit(s: Staged): Promise<BlockConnection> {
    await s.signatures
    await this.commitVerified([s])
    return s.connection
  }

  /**
   * Connects staged blocks whose signatures verified (consecutive, oldest first) on the tip in
   * one batch, each block's whole connect in it: a crash leaves the tip before them or at the
   * last. A `connect` event per block, in order.
   */
  private async commitVerified(group: readonly Staged[]): Promise<void> {
    if (this.index.tip() !== this.index.get(group[0]!.block.header.prevHash))
      throw new ChainError({ code: 'CORRUPT_STATE', message: 'a staged block lost its parent' })
    const ops: BatchOp[] = []
    for (const { entry, block: b, unstoredBody, connection } of group) {
      const effects = blockEffects(b, connection.txids, entry.height, connection.spent)
      const connect = connectOps({
        hash: entry.hash,
        height: entry.height,
        txids: connection.txids,
        effects,
        record: { ...entry, status: entry.status | STATUS.VALID },
        filter: connection.filter,
      })
      for (const op of connect) ops.push(op)
      if (unstoredBody) ops.push({ type: 'put', key: keys.block(entry.hash), value: unstoredBody })
    }
    await this.store.batch(ops)
    for (const { entry, block: b, connection, started } of group) {
      this.utxoCache.apply(connection.created, connection.spent)
      entry.status |= STATUS.VALID
      if (!this.index.getByKey(entry.key)) this.index.add(entry)
      this.utxoTree = connection.utxoTree
      this.index.pushMain(entry)
      this.emit('connect', {
        block: b,
        hash: entry.hash,
        height: entry.height,
        connection,
        validationMs: performance.now() - started,
      })
    }
  }

  /** Disconnect the tip block with its undo data, in one batch. */
  private async disconnectTip(): Promise<IndexEntry> {
    const tip = this.index.tip()
    const parent = this.index.parent(tip)
    if (!parent)
      throw new ChainError({ code: 'CORRUPT_STATE', message: 'cannot disconnect genesis' })
    const block = await this.loadBlock(tip.hash)
    const undoBytes = await this.store.get(keys.undo(tip.hash))
    if (!undoBytes)
      throw new ChainError({ code: 'CORRUPT_STATE', message: `undo data of ${tip.key} is missing` })
    const txids = block.transactions.map((t) => this.txidOf(t))
    const effects = blockEffects(block, txids, tip.height, decodeUndo(undoBytes))
    const tree = this.utxoTree.update([
      ...effects.created.map((c) => ({ key: this.utxoKeyOf(c.outpoint), valueHash: null })),
      ...effects.spentFromSet.map((s) => ({
        key: this.utxoKeyOf(s.outpoint),
        valueHash: this.valueHashOf(s.entry),
      })),
    ])
    if (toHex(tree.root) !== toHex(parent.header.utxoRoot)) {
      throw new ChainError({
        code: 'CORRUPT_STATE',
        message: `undo data of ${tip.key} does not restore the parent's utxoRoot`,
      })
    }
    await this.store.batch(
      disconnectOps({
        hash: tip.hash,
        parentHash: parent.hash,
        height: tip.height,
        txids,
        effects,
      }),
    )
    this.utxoCache.apply(effects.spentFromSet, effects.created)
    this.utxoTree = tree
    this.index.popMain()
    this.emit('disconnect', { block, hash: tip.hash, height: tip.height })
    return tip
  }

  /**
   * The UTXO entries a block's inputs spend from the current set — or from the set after `staged`
   * (blocks validated but not committed yet, oldest first) — from memory where possible, else in
   * one store round trip.
   */
  private async prefetchInputs(b: Block, staged: readonly Staged[] = []): Promise<UtxoLookup> {
    const layers = staged.map(stagedChanges)
    const map = new Map<string, UtxoEntry>()
    // Commitment hashes of the outputs the pipeline or the cache still holds from their creation.
    const commitments = new Map<string, UtxoCommitment>()
    const missing: OutPoint[] = []
    const missingKeys: string[] = []
    for (const tx of b.transactions) {
      for (const { prevout } of tx.inputs) {
        const k = outpointKey(prevout)
        // The newest staged block that created or spent it decides.
        let decided = false
        for (let l = layers.length - 1; l >= 0 && !decided; l--) {
          const created = layers[l]!.created.get(k)
          if (created) {
            map.set(k, created.entry)
            if (created.commitment) commitments.set(k, created.commitment)
          }
          decided = created !== undefined || layers[l]!.spent.has(k)
        }
        if (decided) continue
        const cached = this.utxoCache.get(k)
        if (cached) {
          map.set(k, cached.entry)
          if (cached.commitment) commitments.set(k, cached.commitment)
        } else {
          missing.push(prevout)
          missingKeys.push(k)
        }
      }
    }
    if (missing.length > 0) {
      const values = await this.store.getMany(missing.map((o) => keys.utxo(o)))
      values.forEach((v, i) => {
        if (v) map.set(missingKeys[i]!, this.decodeEntry(v))
      })
    }
    // Validation asks for an input's entry, then for its commitment: one key for both.
    let last: OutPoint | undefined
    let lastKey = ''
    const keyOf = (o: OutPoint) => {
      if (o !== last) {
        last = o
        lastKey = outpointKey(o)
      }
      return lastKey
    }
    return {
      get: (o) => map.get(keyOf(o)),
      commitment: (o) => commitments.get(keyOf(o)),
    }
  }

  /**
   * Fully validates `block` on the current tip without storing or connecting anything (Bitcoin's
   * TestBlockValidity): what a miner can ask of a template, and what benchmarks measure.
   * @throws {ValidationError} as `processBlock` would reject it.
   */
  checkBlock(incoming: IncomingBlock): Promise<BlockConnection> {
    return this.serial(async () => {
      const { block, ids } = incomingParts(incoming)
      const parent = this.index.tip()
      const { connection, signatures } = startBlockVerification({
        block,
        parent: { header: parent.header, hash: parent.hash },
        recentTimestamps: this.index.recentTimestamps(parent, this.params.medianTimeSpan),
        params: this.params,
        now: this.components.now(),
        utxos: await this.prefetchInputs(block),
        utxoTree: this.utxoTree,
        schemes: this.components.schemes,
        ...(ids ? { ids } : {}),
      })
      await signatures
      return connection
    })
  }

  /** Proofs are read with no block connecting meanwhile, so they match the tip they name. */
  override getUtxoProofs(
    ...args: Parameters<ChainQueries['getUtxoProofs']>
  ): ReturnType<ChainQueries['getUtxoProofs']> {
    return this.serial(() => super.getUtxoProofs(...args))
  }

  override getOutpointProof(
    ...args: Parameters<ChainQueries['getOutpointProof']>
  ): ReturnType<ChainQueries['getOutpointProof']> {
    return this.serial(() => super.getOutpointProof(...args))
  }

  tip(): ChainTip {
    const t = this.index.tip()
    return {
      ...this.entryView(t),
      medianTimePast: this.index.medianTimePast(t, this.params.medianTimeSpan),
    }
  }

  createBlockTemplate(
    p: Parameters<ChainView['createBlockTemplate']>[0],
  ): ReturnType<ChainView['createBlockTemplate']> {
    return this.serial(async () => {
      const parent = this.index.tip()
      const mtp = this.index.medianTimePast(parent, this.params.medianTimeSpan)
      const timestamp = Math.max(p.now, mtp + 1, parent.header.timestamp + 1)
      const fake: Block = { header: parent.header, transactions: p.transactions }
      const utxos = await this.prefetchInputs(fake)
      const base = {
        params: this.params,
        parent: { header: parent.header, hash: parent.hash },
        recentTimestamps: this.index.recentTimestamps(parent, this.params.medianTimeSpan),
        timestamp,
        rewardLock: p.rewardLock,
        utxos,
        utxoTree: this.utxoTree,
        ...(p.extraData ? { extraData: p.extraData } : {}),
      }
      // The selection is normally valid as a whole: assemble it once. When a transaction is not
      // (the chain moved since the mempool checked it), drop it and everything spending its
      // outputs, and try again — linear work per attempt, a bounded number of attempts.
      let included = [...p.transactions]
      for (let attempt = 0; ; attempt++) {
        try {
          const { block, fees } = assembleBlock({ ...base, transactions: included })
          return { block, fees, included }
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e
          const bad = (e.details as { tx?: unknown }).tx
          if (typeof bad !== 'number' || bad < 1 || attempt >= 16) {
            included = []
            break
          }
          included = withoutDescendants(included, bad - 1)
        }
      }
      const { block, fees } = assembleBlock({ ...base, transactions: included })
      return { block, fees, included }
    })
  }

  /** Close nothing of its own (the store is the caller's); waits for in-flight work. */
  async close(): Promise<void> {
    await this.lock
  }
}

/** The index entry of a block with a body, on `parent`, not yet validated. */
function newEntry(header: Block['header'], hash: Uint8Array, parent: IndexEntry): IndexEntry {
  return {
    header,
    hash,
    key: toHex(hash),
    height: parent.height + 1,
    cumulativeWork: parent.cumulativeWork + workForBits(header.bits),
    status: STATUS.HAS_BLOCK,
  }
}
