/**
 * The site's connection to the chain (`@supernova/ui/chain`): one light client shared by every
 * tab and zone (`SiteLightClient`), its status panel, and the proof disclosure every verified
 * figure carries. Client components: import them from client code or render them from layouts.
 */
export { createDeferredClient, type DeferredClient } from './deferredClient'
export { LightClientStatus } from './LightClientStatus'
export {
  BLOCK_PATH,
  formatWork,
  ProofDetails,
  type ProofDetailsProps,
  type VerificationInfo,
} from './ProofDetails'
export {
  type SiteClientStatus,
  SiteLightClient,
  type SiteLightClientProps,
  useSiteClientStatus,
} from './SiteLightClient'
export { type Bootstrap, fetchSiteBootstrap } from './siteBootstrap'
export { siteNetwork } from './siteNetwork'
