/** The transaction pool: see createMempool. */
export { createMempool } from './createMempool.js'
export { MempoolError, type MempoolErrorCode } from './errors.js'
export { ESTIMATE_MIN_SAMPLES, ESTIMATE_SUCCESS_THRESHOLD } from './feeEstimator.js'
export { decodeMempoolRecord, encodeMempoolRecord, type MempoolRecord } from './persistence.js'
export type {
  AddResult,
  BalanceDelta,
  EstimateFeeResult,
  HistogramBucket,
  Mempool,
  MempoolChain,
  MempoolChainEvents,
  MempoolComponents,
  MempoolEntry,
  MempoolEvents,
  MempoolOptions,
  PackageStats,
  RemovalReason,
  Scheduler,
  SelectParameters,
  SelectReturnType,
} from './types.js'
export { HISTOGRAM_BOUNDS } from './views.js'
