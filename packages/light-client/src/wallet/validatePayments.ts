import {
  AddressError,
  type ChainParams,
  decodeAddress,
  type Lock,
  type TxOutput,
} from '@supernova/protocol'
import { TransactionBuildError } from './errors.js'

/** Most payments in one transaction. */
export const MAX_PAYMENTS = 1_000

/**
 * The lock of `address` on the params' network.
 * @throws {TransactionBuildError} `INVALID_ADDRESS` (`details.reason` is the `AddressError` code,
 * e.g. `WRONG_NETWORK`, `INVALID_CHECKSUM`).
 */
export function decodeRecipient(address: string, params: ChainParams, what: string): Lock {
  try {
    return decodeAddress({ address, network: params.network }).lock
  } catch (e) {
    if (!(e instanceof AddressError) && !(e instanceof TypeError)) throw e
    throw new TransactionBuildError({
      code: 'INVALID_ADDRESS',
      message: `${what}: ${e.message}`,
      details: { reason: e instanceof AddressError ? e.code : 'NOT_A_STRING' },
      cause: e,
    })
  }
}

/**
 * Checks the payments and returns them as outputs: 1 to 1,000 of them, every address on the
 * network, every amount a bigint at or above the dust threshold, the total within the supply cap.
 * @throws {TransactionBuildError} `NO_OUTPUTS`, `INVALID_ADDRESS`, `INVALID_AMOUNT`, `AMOUNT_BELOW_DUST`.
 */
export function validatePayments(
  payments: readonly { address: string; amount: bigint }[],
  params: ChainParams,
): TxOutput[] {
  if (!Array.isArray(payments) || payments.length === 0)
    throw new TransactionBuildError({ code: 'NO_OUTPUTS', message: 'nothing to pay' })
  if (payments.length > MAX_PAYMENTS)
    throw new TransactionBuildError({
      code: 'INVALID_AMOUNT',
      message: `more than ${MAX_PAYMENTS} payments`,
    })
  let total = 0n
  return payments.map(({ address, amount }, i) => {
    const lock = decodeRecipient(address, params, `output ${i}`)
    if (typeof amount !== 'bigint' || amount <= 0n)
      throw new TransactionBuildError({
        code: 'INVALID_AMOUNT',
        message: `output ${i}: the amount must be a positive bigint`,
        details: { index: i },
      })
    if (amount < params.dustThreshold)
      throw new TransactionBuildError({
        code: 'AMOUNT_BELOW_DUST',
        message: `output ${i}: ${amount} is below the dust threshold ${params.dustThreshold}`,
        details: { index: i, amount, dustThreshold: params.dustThreshold },
      })
    total += amount
    if (total > params.maxSupply)
      throw new TransactionBuildError({
        code: 'INVALID_AMOUNT',
        message: 'the outputs exceed the supply cap',
      })
    return { amount, lock }
  })
}
