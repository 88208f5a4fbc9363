import { NetworkError } from './errors.js'
import type { PeerBook } from './peerBook.js'
import type { LightClientNetworkEvents, NetworkPeer } from './types.js'

export type WaitForPeersParameters = {
  book: PeerBook
  on: <K extends keyof LightClientNetworkEvents>(
    event: K,
    listener: (e: LightClientNetworkEvents[K]) => void,
  ) => () => void
  /** Peers with a status to wait for. Default 1. */
  count?: number
  /**
   * Whether a peer counts only once it has sent its status (default) or as soon as it is
   * connected (`false`): enough for a request whose answer is verified on its own.
   */
  withStatus?: boolean
  /** Default 10 s. */
  timeoutMs?: number
  signal?: AbortSignal
}

/**
 * Resolves with the connected peers once `count` of them have a status (or, with `withStatus:
 * false`, once `count` are connected).
 * @throws {NetworkError} NO_PEER after `timeoutMs`, ABORTED when `signal` aborts.
 */
export function waitForPeers(p: WaitForPeersParameters): Promise<NetworkPeer[]> {
  const count = p.count ?? 1
  const timeoutMs = p.timeoutMs ?? 10_000
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count ${count} must be ≥ 1`)
  const withStatus = p.withStatus ?? true
  const ready = () => {
    const connected = p.book.connected()
    const peers = withStatus ? connected.filter((x) => x.status !== undefined) : connected
    return peers.length >= count ? peers : undefined
  }
  const now = ready()
  if (now !== undefined) return Promise.resolve(now)
  return new Promise<NetworkPeer[]>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer)
      off()
      offConnect()
      p.signal?.removeEventListener('abort', onAbort)
    }
    const check = () => {
      const peers = ready()
      if (peers === undefined) return
      cleanup()
      resolve(peers)
    }
    const off = p.on('status', check)
    const offConnect = withStatus ? () => undefined : p.on('peer:connect', check)
    const timer = setTimeout(() => {
      cleanup()
      const message = `fewer than ${count} peers with a status after ${timeoutMs} ms`
      reject(new NetworkError({ code: 'NO_PEER', message }))
    }, timeoutMs)
    const onAbort = () => {
      cleanup()
      reject(
        new NetworkError({
          code: 'ABORTED',
          message: 'waitForPeers aborted',
          cause: p.signal?.reason,
        }),
      )
    }
    if (p.signal?.aborted) onAbort()
    else p.signal?.addEventListener('abort', onAbort, { once: true })
  })
}
