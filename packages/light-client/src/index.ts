/**
 * @supernova/light-client — verifies what full nodes say before handing it on: the libp2p client
 * (WebSockets, WebRTC-direct), header-chain verification from the pinned genesis, header
 * persistence (IndexedDB or memory), and the wallet core (mnemonics, HD keys, encrypted
 * keystore, coin selection, transaction building). `createLightClient` composes them: header sync
 * from the pinned genesis and answers verified against it (Merkle, sparse-Merkle and filter
 * proofs), with lying peers penalized and their evidence kept.
 */
export { createLightClient, type LightClientComponents } from './client/createLightClient.js'
export {
  FEE_ESTIMATE_UNVERIFIED_REASON,
  type FeeAdviceClaim,
  type FeeEstimate,
  type FeeEstimateFailure,
  type FeeEstimateParameters,
} from './client/estimateFees.js'
export {
  type GetMempoolReturnType,
  MEMPOOL_UNVERIFIED_REASON,
  type Unverified,
  type UnverifiedClaim,
} from './client/getMempool.js'
export {
  type OpenClientStorageParameters,
  type OpenClientStorageReturnType,
  openClientStorage,
} from './client/openStorage.js'
export {
  type GetPendingTransactionReturnType,
  MAX_PENDING_ANCESTORS,
  type PendingInput,
} from './client/pendingTransaction.js'
export type { AddressLike, HashLike } from './client/resolve.js'
export type {
  AddressUpdate,
  ChainInfo,
  CreateLightClientParameters,
  GetAddressHistoryParameters,
  GetBalanceParameters,
  GetBalanceReturnType,
  GetBlockParameters as LightClientGetBlockParameters,
  GetChainHeadersParameters,
  GetChainHeadersReturnType,
  GetMempoolParameters,
  GetOutpointParameters as LightClientGetOutpointParameters,
  GetPendingTransactionParameters,
  GetTransactionParameters,
  GetUtxosParameters as LightClientGetUtxosParameters,
  LightClient,
  LightClientEvents,
  SendTransactionParameters,
  SendTransactionReturnType,
  SyncInfo,
  WatchAddressParameters,
  WatchHeadsParameters,
} from './client/types.js'
export {
  type AppendHeadersParameters,
  appendHeaders,
  createHeaderChain,
  type ExtendHeaderChainReturnType,
  extendHeaderChain,
  HeaderChainError,
  type HeaderChainErrorCode,
  type HeaderChainState,
  type VerifiedHeader,
} from './headers/headerChain.js'
export {
  type HeaderChainStateAtParameters,
  HeaderStoreError,
  type HeaderStoreErrorCode,
  headerChainStateAt,
  type ReadStoredHeaderParameters,
  type RestoreFailureReason,
  type RestoreHeaderChainParameters,
  type RestoreHeaderChainReturnType,
  readStoredHeader,
  restoreHeaderChain,
  type SaveHeadersParameters,
  saveHeaders,
  type VerifiedStoredHeader,
} from './headers/headerStore.js'
export { loadHashing } from './headers/loadHashing.js'
export {
  BAD_RESPONSE_POINTS,
  BAN_SCORE,
  type BackoffDelayParameters,
  backoffDelay,
  type CreateLightClientNetworkParameters,
  createLightClientNetwork,
  DEFAULT_BROADCAST_PEERS,
  type DisconnectParameters,
  type DisconnectReason,
  type FromPeer,
  type GetBlockParameters,
  type GetBlockReturnType,
  type GetFeeEstimateParameters,
  type GetFeeEstimateReturnType,
  type GetFilterParameters,
  type GetFilterReturnType,
  type GetFiltersParameters,
  type GetFiltersReturnType,
  type GetHeadersParameters as GetPeerHeadersParameters,
  type GetHeadersReturnType,
  type GetMempoolSummaryParameters,
  type GetMempoolSummaryReturnType,
  type GetMempoolTxParameters,
  type GetMempoolTxReturnType,
  type GetOutpointParameters,
  type GetOutpointReturnType,
  type GetStatusParameters,
  type GetStatusReturnType,
  type GetTxProofParameters,
  type GetTxProofReturnType,
  type GetUtxosParameters,
  type GetUtxosReturnType,
  type LightClientNetwork,
  type LightClientNetworkEvents,
  MAX_BROADCAST_PEERS,
  NetworkError,
  type NetworkErrorCode,
  type NetworkLogger,
  type NetworkPeer,
  type PeerOutcome,
  type PenalizeParameters,
  type ReconnectOptions,
  type RequestOptions,
  type SendTransactionOutcome,
  type SendTransactionParameters as BroadcastTransactionParameters,
  type SendTransactionReturnType as BroadcastTransactionReturnType,
  TIMEOUT_POINTS,
  type TransportName,
} from './network/index.js'
export {
  type CreateMemoryStorageParameters,
  createMemoryStorage,
} from './storage/createMemoryStorage.js'
export { StorageError, type StorageErrorCode } from './storage/errors.js'
export type { StorageCloseReason } from './storage/indexedDb/openDatabase.js'
export {
  type OpenIndexedDbStorageParameters,
  openIndexedDbStorage,
} from './storage/indexedDb/openIndexedDbStorage.js'
export { STORAGE_SCHEMA_VERSION } from './storage/meta.js'
export type {
  GetHeadersParameters,
  LightClientStorage,
  OnNetworkMismatch,
  ReplaceHeadersParameters,
  StorageMeta,
  StorageOpenReport,
  StorageResetReason,
  StoredHeader,
  WalletStore,
} from './storage/types.js'
export { MAX_HEADER_BATCH, MAX_HEADER_RANGE } from './storage/validate.js'
export {
  type CreateHeaderSyncParameters,
  createHeaderSync,
  type HeaderSync,
  type HeaderSyncEvents,
  type HeaderSyncState,
} from './sync/headerSync.js'
export type { AddressHistoryEntry, ScanAddressHistoryReturnType } from './verify/addressHistory.js'
export {
  type ConflictingAnswer,
  type EvidenceRequest,
  LightClientError,
  type LightClientErrorCode,
  VERIFICATION_SEVERITY,
  VerificationError,
  type VerificationErrorCode,
  type VerificationSeverity,
} from './verify/errors.js'
export {
  createEvidenceLog,
  type Evidence,
  type EvidenceLog,
  SEVERITY_POINTS,
} from './verify/evidence.js'
export type { FilterCache, FilterCacheOptions } from './verify/filterCache.js'
export type { VerifiedBlock } from './verify/getBlock.js'
export type { BalanceOf, VerifiedUtxo } from './verify/getUtxos.js'
export type {
  ChainHeader,
  Verification,
  VerificationStatus,
  Verified,
  VerifiedChain,
} from './verify/types.js'
export {
  type BuildTransactionParameters,
  type BuildTransactionReturnType,
  buildTransaction,
  type Payment,
  type SpendableUtxo,
} from './wallet/buildTransaction.js'
export {
  type CreateWalletParameters,
  type CreateWalletReturnType,
  createWallet,
  DEFAULT_GAP_LIMIT,
  type OpenWalletParameters,
  openWallet,
} from './wallet/createWallet.js'
export {
  CoinSelectionError,
  type CoinSelectionErrorCode,
  KeystoreError,
  type KeystoreErrorCode,
  MnemonicError,
  type MnemonicErrorCode,
  TransactionBuildError,
  type TransactionBuildErrorCode,
  WalletError,
  type WalletErrorCode,
} from './wallet/errors.js'
export {
  DEFAULT_FEE_PEERS,
  DEFAULT_FEE_TARGETS,
  DEFAULT_MAX_FEE_RATE,
  type EstimateFeesParameters,
  type EstimateFeesReturnType,
  estimateFees,
  type FeeChoice,
  type FeeEstimateNetwork,
  type FeeSpeed,
  MAX_FEE_PEERS,
  median,
} from './wallet/feeChoice.js'
export {
  type AddressChain,
  coinTypeFor,
  deriveHdNode,
  deriveSigningKey,
  deriveWalletPublicKeys,
  formatHdPath,
  HD_SCHEMES,
  type HdNode,
  type HdScheme,
  parseHdPath,
  type SigningKey,
  SUPERNOVA_COIN_TYPE,
  TESTNET_COIN_TYPE,
  walletPath,
} from './wallet/hdKeys.js'
export { decryptSecret, encryptSecret, reencryptSecret } from './wallet/keystore.js'
export {
  decodeEnvelope,
  encodeEnvelope,
  envelopeFromJson,
  envelopeToJson,
  type KeystoreEnvelope,
  type KeystoreEnvelopeJson,
  PBKDF2_DEFAULT_ITERATIONS,
  PBKDF2_MIN_ITERATIONS,
} from './wallet/keystoreEnvelope.js'
export {
  assertMnemonic,
  entropyToMnemonic,
  generateMnemonic,
  isValidMnemonic,
  mnemonicToEntropy,
  mnemonicToSeed,
  normalizeMnemonic,
} from './wallet/mnemonic.js'
export {
  PaymentError,
  type PaymentErrorCode,
  TrackingError,
  type TrackingErrorCode,
} from './wallet/paymentErrors.js'
export {
  DEFAULT_UTXO_CONCURRENCY,
  type PaymentOutput,
  type PreparedPayment,
  type PreparePaymentParameters,
  preparePayment,
} from './wallet/preparePayment.js'
export type { RandomBytes, RandomNumber } from './wallet/random.js'
export type { WalletTimer } from './wallet/secretSession.js'
export {
  type CoinCandidate,
  type SelectCoinsParameters,
  type SelectCoinsReturnType,
  selectCoins,
} from './wallet/selectCoins.js'
export {
  type SendPaymentParameters,
  type SendPaymentReturnType,
  sendPayment,
} from './wallet/sendPayment.js'
export { MAX_WAITERS, type WaitForParameters } from './wallet/trackingWaiters.js'
export type { TrackedTransaction, TrackedTransactionState } from './wallet/trackTransaction.js'
export {
  DEFAULT_CONFLICT_LOOKBACK,
  DEFAULT_EXPIRE_AFTER_MS,
  DEFAULT_FINAL_CONFIRMATIONS,
  type TrackTransactionClient,
  type TrackTransactionParameters,
  type TransactionTracker,
  trackTransaction,
} from './wallet/trackTransaction.js'
export type { Wallet, WalletAccount } from './wallet/wallet.js'
export type { WalletAddress } from './wallet/walletAddresses.js'
export { type KeyDestination, keyDestination } from './wallet/walletKeys.js'
export * from './worker/index.js'
