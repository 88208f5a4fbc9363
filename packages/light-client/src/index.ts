/**
 * @supernova/light-client — verifies what full nodes say before handing it on. Today: header-chain
 * verification from the pinned genesis. Networking, storage, proofs, wallet and SDK arrive with
 * the light-client issue.
 */
export {
  type AppendHeadersParameters,
  appendHeaders,
  createHeaderChain,
  HeaderChainError,
  type HeaderChainErrorCode,
  type HeaderChainState,
} from './headers/headerChain.js'
