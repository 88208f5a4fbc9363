import { type Lock, type Network, toHex } from '@supernova/protocol'
import type { AddressChain, HdScheme } from './hdKeys.js'
import { formatHdPath, walletPath } from './hdKeys.js'
import { type KeyDestination, keyDestination } from './walletKeys.js'
import type { AccountRecord } from './walletRecord.js'

/** One derived wallet address with where it sits in the key tree. */
export type WalletAddress = KeyDestination & {
  account: number
  chain: AddressChain
  index: number
  /** Derivation path, e.g. `m/44'/1'/0'/0'/7'`. */
  path: string
}

/** Lookup of every derived address by address string and by lock. */
export class AddressIndex {
  readonly #byAddress = new Map<string, WalletAddress>()
  readonly #byLock = new Map<string, WalletAddress>()
  readonly #byPosition = new Map<string, WalletAddress>()

  constructor(readonly network: Network) {}

  /** Adds key `index` of an account chain. */
  add(account: AccountRecord, chain: AddressChain, index: number): WalletAddress {
    const publicKey = account[chain].keys[index]!
    const path = walletPath({
      scheme: account.scheme,
      network: this.network,
      account: account.index,
      chain,
      index,
    })
    const a: WalletAddress = {
      ...keyDestination({ scheme: account.scheme, publicKey, network: this.network }),
      account: account.index,
      chain,
      index,
      path: formatHdPath(path),
    }
    this.#byAddress.set(a.address, a)
    this.#byLock.set(lockKey(a.lock), a)
    this.#byPosition.set(`${a.account}/${chain}/${index}`, a)
    return a
  }

  /** Adds every key of an account. */
  addAccount(account: AccountRecord): void {
    for (const chain of ['receive', 'change'] as const)
      for (let i = 0; i < account[chain].keys.length; i++) this.add(account, chain, i)
  }

  byAddress(address: string): WalletAddress | undefined {
    return this.#byAddress.get(address.toLowerCase())
  }

  /** The address at `index` of an account chain, if derived. */
  at(account: number, chain: AddressChain, index: number): WalletAddress | undefined {
    return this.#byPosition.get(`${account}/${chain}/${index}`)
  }

  byLock(lock: Lock): WalletAddress | undefined {
    return this.#byLock.get(lockKey(lock))
  }

  /** The entry whose key is `publicKey` under `scheme`, if derived. */
  byKey(scheme: HdScheme, publicKey: Uint8Array): WalletAddress | undefined {
    return this.byLock(keyDestination({ scheme, publicKey, network: this.network }).lock)
  }

  all(): WalletAddress[] {
    return [...this.#byAddress.values()]
  }
}

function lockKey(lock: Lock): string {
  return `${lock.type}:${toHex(lock.policyHash)}`
}
