/**
 * The worker script a site serves (bundled to `dist/browser/light-client-worker.js`, exported as
 * `@supernova/light-client/worker-script`): nothing but `hostLightClient` on the worker's own
 * scope. Loaded as a SharedWorker it hosts one client for every tab of the origin; as a dedicated
 * Worker, one for its page. Not meant to be imported.
 */
import { hostLightClient, type SharedWorkerScopeLike } from './hostLightClient.js'

hostLightClient({ scope: self as unknown as SharedWorkerScopeLike })
