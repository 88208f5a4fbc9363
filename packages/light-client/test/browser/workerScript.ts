/**
 * The SharedWorker script of the Chromium worker test, as an app would bundle it: nothing but
 * `hostLightClient`. Its client dials WebSockets only (Chromium gives workers no WebRTC).
 */
import { hostLightClient, type SharedWorkerScopeLike } from '../../src/worker/hostLightClient.js'

hostLightClient({ scope: self as unknown as SharedWorkerScopeLike })
