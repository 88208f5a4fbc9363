import {
  computeTxid,
  createEd25519Noble,
  encodeTransaction,
  equalBytes,
  type KeyRef,
  type Policy,
  type SpentOutput,
  signTransaction,
  type Transaction,
  toHex,
} from '@supernova/protocol'

export type SignTransferParameters = {
  tx: Transaction
  spent: readonly (SpentOutput & { policy: Policy })[]
  /** ed25519 secret seed of the wallet; not retained (the caller wipes it). */
  secretKey: Uint8Array
  publicKey: Uint8Array
  genesisHash: Uint8Array
}

export type SignTransferReturnType = { tx: Transaction; hex: string; txid: string }

/**
 * Signs every input of a transfer whose coins are locked by the wallet's single ed25519 key.
 * @throws {PolicyError} `UNSATISFIABLE` when an input is not spendable by this key.
 */
export function signTransfer(params: SignTransferParameters): SignTransferReturnType {
  const ed25519 = createEd25519Noble()
  const sign = (key: KeyRef, message: Uint8Array): Uint8Array | undefined =>
    key.scheme === 'ed25519' && equalBytes(key.publicKey, params.publicKey)
      ? ed25519.sign(message, params.secretKey)
      : undefined
  const tx = signTransaction({
    tx: params.tx,
    spent: params.spent,
    genesisHash: params.genesisHash,
    sign,
  })
  return { tx, hex: toHex(encodeTransaction(tx)), txid: toHex(computeTxid(tx)) }
}
