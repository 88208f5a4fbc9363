export { type BuildBlockFilterParameters, buildBlockFilter } from './buildBlockFilter.js'
export { decodeBlockFilter } from './decodeBlockFilter.js'
export { hashBlockFilter } from './hashBlockFilter.js'
export {
  type MatchAnyBlockFilterParameters,
  type MatchBlockFilterParameters,
  matchAnyBlockFilter,
  matchBlockFilter,
} from './matchBlockFilter.js'
export {
  BLOCK_FILTER_M,
  BLOCK_FILTER_P,
  MAX_BLOCK_FILTER_BYTES,
  MAX_BLOCK_FILTER_ITEMS,
} from './params.js'
