import { genesisHashBytes, getChainParams } from '@supernova/protocol'
import { loadHashing } from '../headers/loadHashing.js'
import { createLightClientNetwork } from '../network/createLightClientNetwork.js'
import { createEmitter } from '../network/events.js'
import type { LightClientNetwork } from '../network/network.js'
import { SILENT_LOGGER } from '../network/types.js'
import { tipOf } from '../sync/chainView.js'
import { createHeaderSync, type HeaderSync } from '../sync/headerSync.js'
import type { VerifyContext } from '../verify/askPeers.js'
import { LightClientError } from '../verify/errors.js'
import { createEvidenceLog } from '../verify/evidence.js'
import { FilterCache } from '../verify/filterCache.js'
import { createRequestPacer } from '../verify/requestPacer.js'
import { createActions, type Started } from './actions.js'
import { type OpenClientStorageReturnType, openClientStorage } from './openStorage.js'
import { resolveLock } from './resolve.js'
import type {
  ChainInfo,
  CreateLightClientParameters,
  LightClient,
  LightClientEvents,
} from './types.js'
import { startAddressWatch } from './watchAddress.js'

/** Optional parts a caller builds itself (Lodestar's `(options, components)`). */
export type LightClientComponents = { network?: LightClientNetwork }

/**
 * The light client, the same in browsers and Node: opens storage (the one given, else IndexedDB
 * where it exists, else memory), dials full nodes, restores the verified header chain and keeps
 * it synced, and answers every call with data verified against that chain — each carrying its
 * `verification` (status, header, depth). Wrong answers are refused, reported as `evidence`
 * (peer, request, answer, reason) and asked of another peer.
 * @throws {TypeError} unknown network or bad bootstrap address; {RangeError} bad tuning.
 * @example
 * const client = createLightClient({ network: 'devnet', bootstrap: await (await fetch('/bootstrap.json')).json() })
 * await client.start()
 * await client.waitForSync()
 * const { total, verification } = await client.getBalance({ address: 'dnova1…' })
 */
export function createLightClient(
  p: CreateLightClientParameters,
  components: LightClientComponents = {},
): LightClient {
  const params = getChainParams(p.network)
  const now = p.now ?? Date.now
  const logger = p.logger ?? SILENT_LOGGER
  const network =
    components.network ??
    createLightClientNetwork({ ...p.p2p, network: p.network, bootstrap: p.bootstrap, now, logger })
  const emitter = createEmitter<LightClientEvents>(logger)
  const evidence = createEvidenceLog({
    network,
    now,
    logger,
    ...(p.evidenceCapacity === undefined ? {} : { capacity: p.evidenceCapacity }),
    onEvidence: (e) => emitter.emit('evidence', e),
  })
  const cache = new FilterCache(p.filterCache)
  // One pace for the client's long request runs (address scans, watches), whatever calls them.
  const pacer = createRequestPacer()
  type Running = Started & { opened: OpenClientStorageReturnType; off: (() => void)[] }
  let running: Running | undefined
  let starting: Promise<void> | undefined

  const started = (): Running => {
    if (running === undefined)
      throw new LightClientError({ code: 'NOT_STARTED', message: 'call start() first' })
    return running
  }

  const open = async (): Promise<void> => {
    // Start-up overlaps what does not depend on each other: the WASM hasher loads and the store
    // opens (both asked for first: the browser works on them meanwhile) while libp2p starts and
    // dials, and the stored chain is restored while the dial is under way. The restore awaits
    // the hasher before it hashes anything, so the sync after it verifies with it too; the sync
    // subscribes to the network afterwards and looks at the peers already connected then.
    const hashing = loadHashing()
    const opening = openClientStorage({
      params,
      storage: p.storage,
      indexedDB: p.indexedDB,
      name: p.storageName,
    })
    opening.catch(() => undefined) // awaited below, once the network is starting
    const networkStarted = network.start()
    networkStarted.catch(() => undefined) // awaited below, once the store is open
    let opened: OpenClientStorageReturnType
    try {
      opened = await opening
    } catch (e) {
      await stopNetwork(networkStarted)
      throw e
    }
    const sync: HeaderSync = createHeaderSync({
      network,
      storage: opened.storage,
      params,
      evidence,
      now,
      logger,
      ...p.sync,
    })
    const off = (['heads', 'progress', 'reorg', 'restore', 'state'] as const).map((event) =>
      sync.on(event, (e) => emitter.emit(event, e as never)),
    )
    const ctx: VerifyContext = { network, chain: sync, evidence, pacer, ...p.verify }
    void hashing.then((fast) => {
      if (!fast) logger.warn({}, 'light client: WASM hashing unavailable, hashing in pure JS')
    })
    try {
      await sync.start() // the restore awaits the hasher itself
      await networkStarted
    } catch (e) {
      for (const o of off) o()
      await sync.stop()
      await stopNetwork(networkStarted)
      if (opened.owned) await opened.storage.close()
      throw e
    }
    running = { network: p.network, ctx, sync, cache, opened, off }
  }

  /** Stops the network a failed start began starting (whether or not its start succeeded). */
  const stopNetwork = async (starting: Promise<void>): Promise<void> => {
    await starting.catch(() => undefined)
    await network.stop().catch((e: unknown) => {
      logger.warn({ err: String(e) }, 'light client: stopping the network after a failed start')
    })
  }

  const chainInfo = (): ChainInfo => {
    const { sync, opened } = started()
    const state = sync.chainState()
    const target = sync.target()
    return {
      network: p.network,
      genesisHash: genesisHashBytes(params),
      tip: {
        hash: state.tip.hash,
        height: state.tip.header.height,
        timestamp: state.tip.header.timestamp,
        cumulativeWork: state.cumulativeWork,
      },
      finalizedHeight: sync.finalizedHeight(),
      peers: network.peers(),
      sync: { state: sync.state(), ...(target === undefined ? {} : { targetHeight: target }) },
      storage: opened.kind,
    }
  }

  return {
    network: p.network,
    start() {
      if (running !== undefined) return Promise.resolve()
      starting ??= open().finally(() => {
        starting = undefined
      })
      return starting
    },
    async stop() {
      await starting?.catch(() => undefined)
      const r = running
      if (r === undefined) return
      running = undefined
      // Stopping the network fails the round's pending request at once instead of at its timeout.
      const syncStopped = r.sync.stop()
      await network.stop()
      await syncStopped
      for (const o of r.off) o()
      if (r.opened.owned) await r.opened.storage.close()
    },
    async waitForSync({ timeoutMs = 30_000, signal } = {}) {
      const s = started()
      try {
        await network.waitForPeers({ timeoutMs, ...(signal ? { signal } : {}) })
      } catch (e) {
        throw new LightClientError({ code: 'NO_PEER', message: 'waitForSync: no peer', cause: e })
      }
      await s.sync.sync()
      return chainInfo()
    },
    getChainInfo: async () => chainInfo(),
    ...createActions(started),
    watchHeads({ onHead }) {
      let heard = false
      let off = false
      const unsubscribe = emitter.on('heads', (head) => {
        heard = true
        onHead(head)
      })
      const r = running
      if (r !== undefined)
        queueMicrotask(() => {
          // The tip now, unless a newer head was handed over meanwhile or the watch ended.
          if (heard || off || running !== r) return
          const state = r.sync.chainState()
          onHead({ tip: tipOf(state), cumulativeWork: state.cumulativeWork })
        })
      return () => {
        off = true
        unsubscribe()
      }
    },
    watchAddress({ address, fromHeight = 0, onUpdate, onError }) {
      const s = started()
      const lock = resolveLock(address, p.network)
      const actions = createActions(started)
      return startAddressWatch({
        ctx: s.ctx,
        sync: s.sync,
        cache,
        lock,
        fromHeight,
        getBalance: () => actions.getBalance({ address: lock }),
        onUpdate,
        onError,
        logger,
      })
    },
    evidence: () => evidence.list(),
    on: (event, listener) => emitter.on(event, listener),
  }
}
