import { type PreimageSource, satisfyPolicy } from '../policy/satisfy.js'
import type { KeyRef, Policy } from '../policy/types.js'
import { computeSighash, createSighashContext, type SpentOutput } from './sighash.js'
import type { Transaction, Witness } from './types.js'

export type SignTransactionParameters = {
  /** The transaction to sign; its witnesses are ignored and replaced. */
  tx: Omit<Transaction, 'witnesses'> & { witnesses?: readonly Witness[] }
  /** For each input: the spent output's amount and lock, and the policy behind the lock. */
  spent: readonly (SpentOutput & { policy: Policy })[]
  genesisHash: Uint8Array
  /** Signs `message` (an input's sighash) with `key`, or returns undefined for keys not held. */
  sign: (key: KeyRef, message: Uint8Array) => Uint8Array | undefined
  preimages?: PreimageSource
}

/**
 * Fills in every input's witness: reveals the spent output's policy and satisfies it with the
 * wallet's keys and preimages over that input's sighash.
 * @throws {PolicyError} `UNSATISFIABLE` when an input cannot be satisfied with what is held.
 */
export function signTransaction({
  tx,
  spent,
  genesisHash,
  sign,
  preimages,
}: SignTransactionParameters): Transaction {
  const base: Transaction = { ...tx, witnesses: [] }
  const ctx = createSighashContext({ tx: base, spent, genesisHash })
  const witnesses: Witness[] = tx.inputs.map((input, i) => {
    const { policy } = spent[i]!
    const sighash = computeSighash(ctx, i)
    const satisfaction = satisfyPolicy({
      policy,
      context: { txLocktime: tx.locktime, sequence: input.sequence },
      sign: (key) => sign(key, sighash),
      ...(preimages ? { preimages } : {}),
    })
    return { policy, satisfaction }
  })
  return { ...base, witnesses }
}
