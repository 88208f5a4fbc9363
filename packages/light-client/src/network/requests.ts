import {
  DecodeError,
  type Network,
  PROTOCOL_LIMITS,
  type ProtocolName,
  type StatusMessage,
} from '@supernova/protocol'
import { NetworkError, type PeerOutcome } from './errors.js'
import { exchange } from './exchange.js'
import type { LightClientLibp2p } from './libp2p.js'
import type { PeerBook } from './peerBook.js'
import type { FromPeer, RequestOptions } from './types.js'

/** Points for an answer that is oversize, malformed or not an answer to the question. */
export const BAD_RESPONSE_POINTS = 25
/** Points for no answer in time: not a lie, but a slow peer should lose its place as the best. */
export const TIMEOUT_POINTS = 5

/** What the request functions need from the network they belong to. */
export type RequestContext = {
  network: Network
  /** The running libp2p host, or undefined when stopped. */
  libp2p: () => LightClientLibp2p | undefined
  book: PeerBook
  /** A status answer arrived (the network checks its genesis and emits `status`). */
  onStatus: (peer: string, status: StatusMessage, latencyMs: number) => PeerOutcome
  /** Applies a penalty; returns what happened to the peer. */
  punish: (peer: string, points: number, reason: string) => PeerOutcome
  now: () => number
}

/**
 * One typed request: picks the peer, runs the exchange under the protocol's caps and timeout,
 * decodes with the shared codec and turns faults into a typed error after treating the peer.
 */
export async function request<T>(
  ctx: RequestContext,
  name: ProtocolName,
  payload: Uint8Array,
  options: RequestOptions,
  decode: (body: Uint8Array) => T,
): Promise<T & FromPeer> {
  const libp2p = ctx.libp2p()
  if (libp2p === undefined)
    throw new NetworkError({
      code: 'NOT_STARTED',
      message: `${name}: the network is not started`,
      protocol: name,
    })
  const peer = pickPeer(ctx, name, options.peer)
  const connection = libp2p
    .getConnections()
    .find((c) => c.remotePeer.toString() === peer && c.status === 'open')
  if (connection === undefined)
    throw new NetworkError({
      code: 'NO_PEER',
      message: `${name}: ${peer} is not connected`,
      peer,
      protocol: name,
    })
  const timeoutMs = Math.min(
    options.timeoutMs ?? Number.POSITIVE_INFINITY,
    PROTOCOL_LIMITS[name].timeoutMs,
  )
  try {
    const body = await exchange({
      network: ctx.network,
      connection,
      name,
      payload,
      timeoutMs,
      signal: options.signal,
    })
    try {
      return { ...decode(body), peer }
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err
      const message = `${name}: ${err.message}`
      throw new NetworkError({ code: 'BAD_RESPONSE', message, cause: err, peer, protocol: name })
    }
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err
    throw err.withOutcome(treat(ctx, err))
  }
}

function pickPeer(ctx: RequestContext, name: ProtocolName, wanted: string | undefined): string {
  if (wanted !== undefined) {
    if (ctx.book.isConnected(wanted) && !ctx.book.isBanned(wanted)) return wanted
    throw new NetworkError({
      code: 'NO_PEER',
      message: `${name}: ${wanted} is not connected`,
      peer: wanted,
      protocol: name,
    })
  }
  const best = ctx.book.best()
  if (best === undefined)
    throw new NetworkError({
      code: 'NO_PEER',
      message: `${name}: no connected peer`,
      protocol: name,
    })
  return best.id
}

/** The penalty a failed exchange costs its peer (docs/network.md §2.2: an oversize answer is a lie). */
function treat(ctx: RequestContext, err: NetworkError): PeerOutcome {
  if (err.peer === undefined) return 'none'
  if (err.code === 'BAD_RESPONSE') return ctx.punish(err.peer, BAD_RESPONSE_POINTS, err.message)
  if (err.code === 'TIMEOUT' && err.details.source !== 'peer')
    return ctx.punish(err.peer, TIMEOUT_POINTS, err.message)
  return 'none'
}

/** For an answer that decodes but does not answer the question: becomes BAD_RESPONSE. */
export function notAnAnswer(message: string): DecodeError {
  return new DecodeError({ code: 'INVALID_VALUE', message })
}

export function assertHash(hash: Uint8Array, what: string): void {
  if (!(hash instanceof Uint8Array) || hash.length !== 32)
    throw new TypeError(`${what} must be a 32-byte Uint8Array`)
}
