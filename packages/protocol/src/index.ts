/**
 * @supernova/protocol — the isomorphic consensus core of SuperNova. No I/O: every function takes
 * its inputs (chain params, time, UTXO views, signature schemes) and returns or throws.
 * See docs/protocol.md for the encodings, hash domains and validation rules.
 */

export {
  type DecodeAddressParameters,
  type DecodeAddressReturnType,
  decodeAddress,
  isAddress,
} from './address/decodeAddress.js'
export { type EncodeAddressParameters, encodeAddress } from './address/encodeAddress.js'
export { AddressError, type AddressErrorCode } from './address/errors.js'
export {
  type AssembleBlockParameters,
  assembleBlock,
  coinbaseOutputs,
  createCoinbase,
} from './block/assembleBlock.js'
export {
  type Block,
  type DecodedBlock,
  decodeBlock,
  decodeBlockWithIds,
  encodeBlock,
  MAX_BLOCK_ENCODED_BYTES,
} from './block/block.js'
export {
  blockFilterItems,
  computeBlockFilter,
  computeFilterHash,
  computeTxRoot,
  encodeLock,
  hashValidatorSet,
  type ValidatorEntry,
} from './block/commitments.js'
export { createGenesis, type GenesisState } from './block/genesis.js'
export {
  decodeHeader,
  encodeHeader,
  HEADER_BYTES,
  HEADER_LAYOUT,
  HEADER_VERSION,
  type Header,
  hashHeader,
  hashHeaderBytes,
} from './block/header.js'
export { type MineHeaderParameters, mineHeader } from './block/mineHeader.js'
export {
  compareBytes,
  concatBytes,
  equalBytes,
  fromHex,
  toHex,
  utf8,
  wipe,
  ZERO_HASH,
} from './bytes.js'
export { assertInputSize, Reader } from './codec/reader.js'
export { varintLength, Writer } from './codec/writer.js'
export { createEd25519Noble } from './crypto/ed25519.js'
export { SignatureError, type SignatureErrorCode } from './crypto/errors.js'
export { createMlDsa65 } from './crypto/mldsa65.js'
export {
  type CreateSignatureSchemesOptions,
  createNobleSignatureSchemes,
  createSignatureSchemes,
  verifyItems,
} from './crypto/schemes.js'
export { createSecp256k1Schnorr } from './crypto/secp256k1.js'
export {
  SCHEME_CODES,
  SCHEME_IDS,
  type SchemeId,
  type SignatureScheme,
  type SignatureSchemes,
  type VerifyItem,
} from './crypto/types.js'
export { createWebCryptoEd25519, type WebCryptoEd25519Options } from './crypto/webcryptoEd25519.js'
export {
  blockSubsidy,
  genesisAllocationTotal,
  issuedThrough,
  treasuryShare,
} from './economics/supply.js'
export { BaseError, type BaseErrorParameters, DecodeError, type DecodeErrorCode } from './errors.js'
export * from './filter/index.js'
export {
  blake3,
  domainKey,
  hash,
  hashPair,
  hashParts,
  initHashing,
  isHashingAccelerated,
} from './hash/blake3.js'
export { domainContext, HASH_DOMAINS, type HashDomain } from './hash/domains.js'
export * from './merkle/index.js'
export { DEVNET_ACCOUNT_COUNT, type DevnetAccount, devnetAccount } from './params/devnetAccounts.js'
export { ADDRESS_PREFIXES, NETWORKS, type Network } from './params/network.js'
export {
  CHAIN_PARAMS,
  DEVNET,
  getChainParams,
  MAINNET,
  TESTNET,
  TREASURY_LOCK,
} from './params/networks.js'
export { renderChainParamsTable } from './params/paramsTable.js'
export { type ChainParams, COIN, type GenesisAllocation } from './params/types.js'
export { type CheckPolicyParameters, checkPolicy, countSignatureChecks } from './policy/check.js'
export {
  assertPolicy,
  decodePolicy,
  decodeSatisfaction,
  encodePolicy,
  encodeSatisfaction,
  equalLocks,
  hashPolicy,
  isLockForPolicy,
  isValidPolicy,
  lockForPolicy,
  readLock,
  readPolicy,
  readSatisfaction,
  writeLock,
  writePolicy,
  writeSatisfaction,
} from './policy/codec.js'
export { PolicyError, type PolicyErrorCode } from './policy/errors.js'
export {
  type PreimageSource,
  type SatisfyPolicyParameters,
  satisfyPolicy,
} from './policy/satisfy.js'
export { SCHEME_SIZES } from './policy/schemes.js'
export * from './policy/types.js'

export { type AsertParameters, medianTimePast, nextBitsAsert } from './pow/asert.js'
export { checkProofOfWork, type ProofOfWorkResult } from './pow/pow.js'
export {
  bitsToTarget,
  hashMeetsTarget,
  TargetError,
  targetToBits,
  targetToBytes,
  workForBits,
  workForTarget,
} from './pow/target.js'
export * from './smt/index.js'
export { MemoryChain, type MemoryChainEntry } from './state/MemoryChain.js'
export { MemoryUtxoSet } from './state/MemoryUtxoSet.js'
export {
  decodeTransaction,
  decodeUtxoEntry,
  encodeOutPoint,
  encodeTransaction,
  encodeTransactionWithBase,
  encodeUtxoEntry,
  readOutPoint,
  readTransaction,
  readUtxoEntry,
  writeOutPoint,
  writeTransaction,
  writeUtxoEntry,
} from './tx/codec.js'
export {
  computeTransactionIds,
  computeTxid,
  type TransactionIds,
  utxoKey,
  utxoValueHash,
} from './tx/hashes.js'
export {
  computeSighash,
  createSighashContext,
  type SighashContext,
  type SpentOutput,
} from './tx/sighash.js'
export { type SignTransactionParameters, signTransaction } from './tx/signTransaction.js'
export * from './tx/types.js'
export {
  applyUtxoDiff,
  connectTransactions,
  UtxoCommitmentError,
  type UtxoDiffEntry,
} from './validation/connectTransactions.js'
export {
  type PeerAction,
  STATE_INDEPENDENT_TX_CODES,
  VALIDATION_ERROR_CODES,
  ValidationError,
  type ValidationErrorCode,
  withErrorContext,
} from './validation/errors.js'
export {
  type BlockConnection,
  genesisHashBytes,
  type StartBlockVerificationReturnType,
  startBlockVerification,
  type VerifyBlockParameters,
  verifyBlock,
} from './validation/verifyBlock.js'
export {
  asertParamsFor,
  nextRandomness,
  type ParentHeader,
  requiredBits,
  type VerifyHeaderParameters,
  verifyHeader,
} from './validation/verifyHeader.js'
export {
  coinbaseHeight,
  type InputSignature,
  outpointKey,
  type UtxoCommitment,
  type UtxoLookup,
  type VerifyTransactionInputsParameters,
  verifySignatures,
  verifyTransactionInputs,
  verifyTransactionStructure,
} from './validation/verifyTransaction.js'
export {
  decodeHeadsFrame,
  encodeHeadsAnnouncement,
  encodeHeadsRefusal,
  HEADS_LIMITS,
  type HeadsFrame,
  headsProtocolId,
} from './wire/heads.js'
export * from './wire/index.js'
