/**
 * The light client in a Web Worker: `hostLightClient` runs it in a SharedWorker (one client for
 * every tab) or a dedicated Worker, `connectLightClient` reaches it from a page over a
 * MessagePort with the same `LightClient` interface, and `createBrowserLightClient` picks the
 * best mode in one call.
 */
export {
  type ConnectLightClientParameters,
  connectLightClient,
  type RemoteLightClient,
} from './connectLightClient.js'
export {
  type BrowserLightClient,
  type BrowserLightClientMode,
  type CreateBrowserLightClientParameters,
  createBrowserLightClient,
} from './createBrowserLightClient.js'
export {
  LightClientWorkerError,
  type LightClientWorkerErrorCode,
  type SerializedError,
} from './errors.js'
export {
  type CreateHostedClient,
  type HostLightClientParameters,
  hostLightClient,
  type LightClientHost,
  type LightClientHostEvents,
  type SharedWorkerScopeLike,
} from './hostLightClient.js'
export type { HostLimits, SessionCloseReason } from './hostSession.js'
export type { HostLimitsWithSessions } from './limits.js'
export {
  type HostInfo,
  type HostMode,
  type LightClientInit,
  type PortLike,
  WORKER_PROTOCOL_VERSION,
} from './protocol.js'
export { canDialWebRtc, dialableTransports } from './transports.js'
