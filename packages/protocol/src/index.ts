/**
 * @supernova/protocol — the isomorphic consensus core of SuperNova. No I/O: every function takes
 * its inputs (chain params, time, UTXO views, signature schemes) and returns or throws.
 * See docs/protocol.md for the encodings, hash domains and validation rules.
 */

// Errors, bytes, codec.
export { BaseError, type BaseErrorParameters, DecodeError, type DecodeErrorCode } from './errors.js'
export { compareBytes, concatBytes, equalBytes, fromHex, toHex, utf8, wipe, ZERO_HASH } from './bytes.js'
export { assertInputSize, Reader } from './codec/reader.js'
export { varintLength, Writer } from './codec/writer.js'

// Hashing.
export { blake3, domainKey, hash, hashPair, hashParts, initHashing, isHashingAccelerated } from './hash/blake3.js'
export { domainContext, HASH_DOMAINS, type HashDomain } from './hash/domains.js'

// Signatures.
export { SCHEME_CODES, SCHEME_IDS, type SchemeId, type SignatureScheme, type SignatureSchemes, type VerifyItem } from './crypto/types.js'
export { createEd25519Noble } from './crypto/ed25519.js'
export { createWebCryptoEd25519, type WebCryptoEd25519Options } from './crypto/webcryptoEd25519.js'
export { createSecp256k1Schnorr } from './crypto/secp256k1.js'
export { createMlDsa65 } from './crypto/mldsa65.js'
export { createNobleSignatureSchemes, createSignatureSchemes, type CreateSignatureSchemesOptions, verifyItems } from './crypto/schemes.js'
export { SignatureError, type SignatureErrorCode } from './crypto/errors.js'

// Spend policies and addresses.
export * from './policy/types.js'
export {
  assertPolicy,
  decodePolicy,
  decodeSatisfaction,
  encodePolicy,
  encodeSatisfaction,
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
export { checkPolicy, type CheckPolicyParameters, countSignatureChecks } from './policy/check.js'
export { type PreimageSource, satisfyPolicy, type SatisfyPolicyParameters } from './policy/satisfy.js'
export { PolicyError, type PolicyErrorCode } from './policy/errors.js'
export { decodeAddress, type DecodeAddressParameters, type DecodeAddressReturnType, isAddress } from './address/decodeAddress.js'
export { encodeAddress, type EncodeAddressParameters } from './address/encodeAddress.js'
export { AddressError, type AddressErrorCode } from './address/errors.js'

// Transactions.
export * from './tx/types.js'
export {
  decodeTransaction,
  decodeUtxoEntry,
  encodeOutPoint,
  encodeTransaction,
  encodeTransactionWithBase,
  encodeUtxoEntry,
  readOutPoint,
  readTransaction,
  writeOutPoint,
  writeTransaction,
} from './tx/codec.js'
export { computeTransactionIds, computeTxid, type TransactionIds, utxoKey, utxoValueHash } from './tx/hashes.js'
export { computeSighash, createSighashContext, type SighashContext, type SpentOutput } from './tx/sighash.js'
export { signTransaction, type SignTransactionParameters } from './tx/signTransaction.js'

// Blocks and headers.
export { type Block, decodeBlock, encodeBlock, MAX_BLOCK_ENCODED_BYTES } from './block/block.js'
export { decodeHeader, encodeHeader, HEADER_BYTES, HEADER_LAYOUT, HEADER_VERSION, type Header, hashHeader, hashHeaderBytes } from './block/header.js'
export { blockFilterItems, computeBlockFilter, computeFilterHash, computeTxRoot, encodeLock, hashValidatorSet, type ValidatorEntry } from './block/commitments.js'
export { assembleBlock, type AssembleBlockParameters, coinbaseOutputs, createCoinbase } from './block/assembleBlock.js'
export { mineHeader, type MineHeaderParameters } from './block/mineHeader.js'
export { createGenesis, type GenesisState } from './block/genesis.js'

// Merkle, sparse Merkle and block filters.
export * from './merkle/index.js'
export * from './smt/index.js'
export * from './filter/index.js'

// Proof of work.
export { type AsertParameters, medianTimePast, nextBitsAsert } from './pow/asert.js'
export { checkProofOfWork, type ProofOfWorkResult } from './pow/pow.js'
export { bitsToTarget, hashMeetsTarget, TargetError, targetToBits, targetToBytes, workForBits, workForTarget } from './pow/target.js'

// Chain params and economics.
export { ADDRESS_PREFIXES, type Network, NETWORKS } from './params/network.js'
export { COIN, type ChainParams, type GenesisAllocation } from './params/types.js'
export { CHAIN_PARAMS, DEVNET, getChainParams, MAINNET, TESTNET, TREASURY_LOCK } from './params/networks.js'
export { DEVNET_ACCOUNT_COUNT, type DevnetAccount, devnetAccount } from './params/devnetAccounts.js'
export { blockSubsidy, genesisAllocationTotal, issuedThrough, treasuryShare } from './economics/supply.js'
export { renderChainParamsTable } from './params/paramsTable.js'

// Validation.
export { type PeerAction, VALIDATION_ERROR_CODES, ValidationError, type ValidationErrorCode, withErrorContext } from './validation/errors.js'
export { asertParamsFor, nextRandomness, type ParentHeader, requiredBits, verifyHeader, type VerifyHeaderParameters } from './validation/verifyHeader.js'
export {
  coinbaseHeight,
  type InputSignature,
  outpointKey,
  type UtxoLookup,
  verifySignatures,
  verifyTransactionInputs,
  type VerifyTransactionInputsParameters,
  verifyTransactionStructure,
} from './validation/verifyTransaction.js'
export { applyUtxoDiff, connectTransactions, type UtxoDiffEntry } from './validation/connectTransactions.js'
export { type BlockConnection, genesisHashBytes, verifyBlock, type VerifyBlockParameters } from './validation/verifyBlock.js'

// Reference state.
export { MemoryUtxoSet } from './state/MemoryUtxoSet.js'
export { MemoryChain, type MemoryChainEntry } from './state/MemoryChain.js'
