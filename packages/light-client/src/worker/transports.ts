import type { TransportName } from '../network/types.js'
import { LightClientWorkerError } from './errors.js'

const ALL: readonly TransportName[] = ['websockets', 'webrtc-direct']

/**
 * Whether this realm can dial WebRTC-direct: a browser page can (`RTCPeerConnection`), a Web
 * Worker in Chromium cannot (WebRTC is not exposed to workers), Node can (libp2p brings its own
 * data channels, and Node has no `WorkerGlobalScope`).
 */
export function canDialWebRtc(scope: object = globalThis): boolean {
  const g = scope as { RTCPeerConnection?: unknown; WorkerGlobalScope?: unknown }
  return typeof g.RTCPeerConnection === 'function' || g.WorkerGlobalScope === undefined
}

/**
 * The transports a client in this realm dials: `wanted` (default WebSockets, then WebRTC-direct)
 * without those the realm lacks — in a worker, WebSockets only.
 * @throws {LightClientWorkerError} UNSUPPORTED when none of `wanted` can be dialed here.
 */
export function dialableTransports(
  wanted: readonly TransportName[] = ALL,
  scope: object = globalThis,
): TransportName[] {
  const webrtc = canDialWebRtc(scope)
  const ok = wanted.filter((t) => t !== 'webrtc-direct' || webrtc)
  if (ok.length === 0)
    throw new LightClientWorkerError({
      code: 'UNSUPPORTED',
      message: `none of the transports ${wanted.join(', ')} can be dialed here (WebRTC is not available in workers)`,
      details: { wanted: [...wanted] },
    })
  return ok
}
