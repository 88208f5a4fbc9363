/**
 * What the light-client page runs (clientMain.ts is its entry): `createLightClient` with its
 * default storage (the browser's IndexedDB) and the config JSON from the URL fragment (so a reload
 * runs it again). It syncs, asks for a verified balance and leaves a JSON-safe result on
 * `globalThis.lightClientResult` (and the client on `globalThis.lightClientPage` for benchmarks).
 * No side effects at import: the package is `sideEffects: false`, so a bare import is dropped.
 */
import { createLightClient } from '../../src/client/createLightClient.js'
import type { LightClient } from '../../src/client/types.js'
import { createLightClientNetwork } from '../../src/network/createLightClientNetwork.js'
import type { LightClientNetwork } from '../../src/network/network.js'
import type { TransportName } from '../../src/network/types.js'

export type ClientPageConfig = {
  bootstrap: string[]
  /** Transports the client may dial; default both. */
  transports?: TransportName[]
  /** The address whose verified balance is asked. */
  address: string
  /** Peers that must have a status before the balance is asked (a lying proxy and a node). Default 1. */
  peers?: number
  /** A peer to ask first (scoring the others a point lower), e.g. a lying proxy. */
  askFirst?: string
  /** Bound on the whole run. */
  timeoutMs: number
}

export type PageEvidence = { peer: string; code: string; severity: string; outcome: string }

export type ClientPageResult =
  | {
      ok: true
      balance: { total: string; spendable: string; utxoCount: number; complete: boolean }
      verification: { status: string; depth: number; height: number; hash: string }
      tip: { height: number; hash: string }
      storage: string
      peers: { id: string; transport: string; address: string }[]
      restore: { resumed: boolean; height: number; reason?: string }[]
      /** Heights of the verified tips announced while syncing (one per stored batch). */
      heads: number[]
      evidence: PageEvidence[]
      /**
       * `scriptStart` is performance.now() at the page's first script; the rest are milliseconds
       * since then: the run began (the bundle loaded and evaluated), the client started (storage
       * opened, headers restored, libp2p created), balance verified, synced (by default the
       * balance is asked right after the start and `synced` comes after it; with `peers` or
       * `askFirst` the page syncs first); the header sync's first `syncing` state and its last
       * new head (absent when nothing was synced).
       */
      timings: {
        scriptStart: number
        run: number
        started: number
        synced: number
        balance: number
        syncStart?: number
        lastHead?: number
        /** The stored chain restored (or dropped), and the first status any peer gave. */
        restored?: number
        firstStatus?: number
      }
    }
  | { ok: false; error: string; code?: string }

/** What the console line carrying a run's result (as JSON) starts with. */
export const RESULT_MARK = 'lightClientResult '

type Globals = {
  lightClientResult?: ClientPageResult
  lightClientPage?: { client: LightClient; net: LightClientNetwork; config: ClientPageConfig }
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')

async function run(config: ClientPageConfig, scriptStart: number): Promise<ClientPageResult> {
  const begun = performance.now()
  const signal = AbortSignal.timeout(config.timeoutMs)
  const net = createLightClientNetwork({
    network: 'devnet',
    bootstrap: config.bootstrap,
    ...(config.transports ? { transports: config.transports } : {}),
    reconnect: { minMs: 50, maxMs: 200 },
  })
  const client = createLightClient(
    { network: 'devnet', bootstrap: config.bootstrap },
    { network: net },
  )
  ;(globalThis as Globals).lightClientPage = { client, net, config }
  const restore: { resumed: boolean; height: number; reason?: string }[] = []
  const heads: number[] = []
  const evidence: PageEvidence[] = []
  const sync: { syncStart?: number; lastHead?: number; restored?: number; firstStatus?: number } =
    {}
  client.on('restore', (e) => {
    restore.push({ ...e })
    sync.restored ??= performance.now() - scriptStart
  })
  net.on('status', () => {
    sync.firstStatus ??= performance.now() - scriptStart
  })
  client.on('state', (e) => {
    if (e.state === 'syncing' && sync.syncStart === undefined)
      sync.syncStart = performance.now() - scriptStart
  })
  client.on('heads', (e) => {
    heads.push(e.tip.height)
    sync.lastHead = performance.now() - scriptStart
  })
  client.on('evidence', (e) =>
    evidence.push({ peer: e.peer, code: e.code, severity: e.severity, outcome: e.outcome }),
  )
  await client.start()
  const started = performance.now()
  let b: Awaited<ReturnType<LightClient['getBalance']>>
  let balance: number
  let synced: number
  if ((config.peers ?? 1) === 1 && config.askFirst === undefined) {
    // What an app does: ask at once. The client waits for a peer, and catches up with the
    // chain the answer refers to before verifying it.
    b = await client.getBalance({ address: config.address, signal })
    balance = performance.now()
    await client.waitForSync({ timeoutMs: config.timeoutMs, signal })
    synced = performance.now()
  } else {
    // Peers picked on purpose (a lying proxy first): wait until they are all there.
    await net.waitForPeers({ count: config.peers ?? 1, timeoutMs: config.timeoutMs, signal })
    if (config.askFirst !== undefined)
      for (const peer of net.peers())
        if (peer.id !== config.askFirst)
          net.penalize({ peer: peer.id, points: 1, reason: 'test: ask the other peer first' })
    await client.waitForSync({ timeoutMs: config.timeoutMs, signal })
    synced = performance.now()
    b = await client.getBalance({ address: config.address, signal })
    balance = performance.now()
  }
  const info = await client.getChainInfo()
  return {
    ok: true,
    balance: {
      total: String(b.total),
      spendable: String(b.spendable),
      utxoCount: b.utxoCount,
      complete: b.complete,
    },
    verification: {
      status: b.verification.status,
      depth: b.verification.depth,
      height: b.verification.header.height,
      hash: hex(b.verification.header.hash),
    },
    tip: { height: info.tip.height, hash: hex(info.tip.hash) },
    storage: info.storage,
    peers: info.peers.map((p) => ({ id: p.id, transport: p.transport, address: p.address })),
    restore,
    heads,
    evidence,
    timings: {
      scriptStart,
      run: begun - scriptStart,
      started: started - scriptStart,
      synced: synced - scriptStart,
      balance: balance - scriptStart,
      ...sync,
    },
  }
}

/**
 * `performance.now()` when the page's first (inline) script ran, before the bundle was fetched
 * and evaluated (servePage's HTML records it); now when there is no such script.
 */
export function pageScriptStart(): number {
  return (globalThis as { pageScriptStart?: number }).pageScriptStart ?? performance.now()
}

/**
 * Runs the config in the URL fragment, if any, timing from `scriptStart` (`performance.now()` when
 * the page script started), and leaves the result on `globalThis.lightClientResult` and in a
 * console line starting with `RESULT_MARK` (which a harness can wait for without evaluating
 * anything in the page while it runs).
 */
export function runFromFragment(scriptStart: number): void {
  const fragment = decodeURIComponent(location.hash.slice(1))
  if (fragment === '') return
  const done = (r: ClientPageResult) => {
    ;(globalThis as Globals).lightClientResult = r
    console.info(`${RESULT_MARK}${JSON.stringify(r)}`)
  }
  run(JSON.parse(fragment) as ClientPageConfig, scriptStart).then(done, (e: unknown) => {
    const code = (e as { code?: unknown }).code
    done({
      ok: false,
      error: String((e as Error)?.stack ?? e),
      ...(typeof code === 'string' ? { code } : {}),
    })
  })
}
