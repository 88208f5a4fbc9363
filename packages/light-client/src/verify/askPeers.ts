import { NetworkError } from '../network/errors.js'
import type { LightClientNetwork } from '../network/network.js'
import type { NetworkPeer } from '../network/types.js'
import { LightClientError, VerificationError } from './errors.js'
import type { EvidenceLog } from './evidence.js'
import type { RequestPacer } from './requestPacer.js'
import type { VerifiedChain } from './types.js'

/** What every verified request needs: the network, the verified chain and the evidence log. */
export type VerifyContext = {
  network: LightClientNetwork
  chain: VerifiedChain
  evidence: EvidenceLog
  /** Distinct peers asked before giving up. Default 3. */
  maxAttempts?: number
  /** Bound on waiting for a first peer when none is connected. Default 10 s. */
  peerWaitMs?: number
  /** Bound on each request (never above the protocol's own timeout). */
  requestTimeoutMs?: number
  /** Wait before asking a rate-limiting peer again (at most 3 times a call). Default 500 ms. */
  rateLimitDelayMs?: number
  /**
   * The client's pace for long request runs (address scans); told to slow down by every
   * RATE_LIMITED answer. Without it a scan paces itself alone.
   */
  pacer?: RequestPacer
}

/** Times one call waits out a RATE_LIMITED answer before moving on to another peer. */
const RATE_LIMIT_RETRIES = 3

/** One failed attempt, as `ALL_PEERS_FAILED` lists them. */
export type AttemptFailure = { peer: string; code: string; message: string }

export type AskPeersParameters<T> = {
  ctx: VerifyContext
  /** Named in errors: `getTransaction`, … */
  what: string
  /** Asks `peer` and verifies its answer; throws VerificationError or NetworkError to move on. */
  attempt: (peer: string) => Promise<T>
  signal?: AbortSignal | undefined
  /** Prefer peers whose claimed tip reaches this height (others are asked last). */
  minHeight?: number
}

/**
 * Asks peers one after the other, best first, until one gives an answer that verifies: a wrong
 * answer is reported (evidence, penalty) and the next peer is asked; a peer is asked once.
 * @throws {LightClientError} NO_PEER, NOT_FOUND (every peer asked said so), ALL_PEERS_FAILED, ABORTED
 */
export async function askPeers<T>(p: AskPeersParameters<T>): Promise<T> {
  const { ctx, signal } = p
  const maxAttempts = ctx.maxAttempts ?? 3
  const tried = new Set<string>()
  const failures: AttemptFailure[] = []
  let notFound = 0
  let waits = 0
  let peer: string | undefined
  while (tried.size < maxAttempts || peer !== undefined) {
    if (signal?.aborted) throw aborted(p.what, signal.reason)
    peer ??= await nextPeer(p, tried)
    if (peer === undefined) break
    tried.add(peer)
    const asked = peer
    peer = undefined
    try {
      return await p.attempt(asked)
    } catch (e) {
      if (e instanceof NetworkError && e.code === 'RATE_LIMITED' && waits < RATE_LIMIT_RETRIES) {
        // The node's token bucket refills at 20 requests/s (docs/network.md §2.3): wait, ask again.
        // Not a lie: no evidence, no penalty — and the client's long runs slow down.
        ctx.pacer?.slowDown()
        waits++
        await sleep(ctx.rateLimitDelayMs ?? 500, signal)
        peer = asked
        continue
      }
      if (e instanceof VerificationError) {
        ctx.evidence.report(e)
        failures.push({ peer: asked, code: e.code, message: e.message })
      } else if (e instanceof NetworkError) {
        if (e.code === 'ABORTED') throw aborted(p.what, e)
        if (e.code === 'NOT_FOUND') notFound++
        failures.push({ peer: asked, code: e.code, message: e.message })
      } else throw e
    }
  }
  if (failures.length === 0)
    throw new LightClientError({ code: 'NO_PEER', message: `${p.what}: no connected peer` })
  if (notFound === failures.length)
    throw new LightClientError({
      code: 'NOT_FOUND',
      message: `${p.what}: not found by ${notFound} peer(s)`,
      details: { failures },
    })
  throw new LightClientError({
    code: 'ALL_PEERS_FAILED',
    message: `${p.what}: ${failures.length} peer(s) asked, none gave an answer that verifies`,
    details: { failures },
  })
}

async function nextPeer<T>(
  p: AskPeersParameters<T>,
  tried: Set<string>,
): Promise<string | undefined> {
  let peers = p.ctx.network.peers()
  if (peers.length === 0 && tried.size === 0) {
    try {
      // A connected peer is enough: its answer is verified, its status is not needed to ask.
      peers = await p.ctx.network.waitForPeers({
        withStatus: false,
        timeoutMs: p.ctx.peerWaitMs ?? 10_000,
        ...(p.signal ? { signal: p.signal } : {}),
      })
    } catch (e) {
      if (e instanceof NetworkError && e.code === 'ABORTED') throw aborted(p.what, e)
      throw new LightClientError({
        code: 'NO_PEER',
        message: `${p.what}: no connected peer`,
        cause: e,
      })
    }
  }
  return rankPeers(peers, p.minHeight).find((x) => !tried.has(x.id))?.id
}

/** Peers whose claimed tip reaches `minHeight` first, then by score, then by latency. */
export function rankPeers(peers: readonly NetworkPeer[], minHeight = 0): NetworkPeer[] {
  const reaches = (x: NetworkPeer) => Number((x.status?.tipHeight ?? -1) >= minHeight)
  return [...peers].sort(
    (a, b) =>
      reaches(b) - reaches(a) ||
      b.score - a.score ||
      (a.latencyMs ?? Number.POSITIVE_INFINITY) - (b.latencyMs ?? Number.POSITIVE_INFINITY) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}

function aborted(what: string, cause: unknown): LightClientError {
  return new LightClientError({ code: 'ABORTED', message: `${what}: aborted`, cause })
}

/** Request options for one attempt on `peer`. */
export function requestOptions(ctx: VerifyContext, peer: string, signal?: AbortSignal) {
  return {
    peer,
    ...(ctx.requestTimeoutMs === undefined ? {} : { timeoutMs: ctx.requestTimeoutMs }),
    ...(signal === undefined ? {} : { signal }),
  }
}
