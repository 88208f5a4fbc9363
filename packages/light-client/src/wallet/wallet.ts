import type { Lock, Network, Transaction } from '@supernova/protocol'
import type { WalletStore } from '../storage/types.js'
import type { SpendableUtxo } from './buildTransaction.js'
import { WalletError } from './errors.js'
import { type AddressChain, deriveWalletPublicKeys, type HdScheme } from './hdKeys.js'
import { decryptSecret, reencryptSecret } from './keystore.js'
import { encodeEnvelope } from './keystoreEnvelope.js'
import { entropyToMnemonic } from './mnemonic.js'
import { SecretSession, type SecretSessionOptions } from './secretSession.js'
import { AddressIndex, type WalletAddress } from './walletAddresses.js'
import {
  type AccountRecord,
  assertLabel,
  encodeWalletRecord,
  MAX_ACCOUNTS,
  MAX_KEYS_PER_CHAIN,
  newAccount,
  WALLET_STORE_KEYS,
  type WalletRecord,
} from './walletRecord.js'
import { decodeWalletSecret, type WalletSecret } from './walletSecret.js'
import { type SignWalletTransactionParameters, signWithSecret } from './walletSigning.js'

/** Public summary of an account. */
export type WalletAccount = {
  index: number
  label: string
  scheme: HdScheme
  /** Index `receiveAddress` hands out: one past the highest receive index marked used. */
  nextReceive: number
  nextChange: number
}

/**
 * An HD wallet over a `WalletStore`. Public data (addresses, labels, indices) is available while
 * locked; anything needing a secret throws `WalletError` `WALLET_LOCKED` until `unlock`.
 */
export class Wallet {
  readonly #store: WalletStore
  readonly #record: WalletRecord
  readonly #session: SecretSession
  readonly #index: AddressIndex
  #saving: Promise<void> = Promise.resolve()

  /**
   * Use `createWallet` or `openWallet`. With `components.secret` (which it then owns and wipes
   * on lock) the wallet starts unlocked.
   * @throws {WalletError} `CORRUPT_WALLET` when the secret does not match the record.
   */
  constructor(
    options: SecretSessionOptions,
    components: { store: WalletStore; record: WalletRecord; secret?: WalletSecret },
  ) {
    this.#store = components.store
    this.#record = components.record
    this.#session = new SecretSession(options)
    this.#index = new AddressIndex(this.#record.network)
    for (const a of this.#record.accounts) this.#index.addAccount(a)
    if (components.secret) {
      this.#assertMatches(components.secret)
      this.#session.open(components.secret)
    }
  }

  get network(): Network {
    return this.#record.network
  }

  get gapLimit(): number {
    return this.#record.gapLimit
  }

  isLocked(): boolean {
    return this.#session.locked
  }

  /**
   * Opens the keystore with `password` and keeps the secret in memory until `lock` (or the
   * auto-lock). Address windows that could not be extended while locked are extended now.
   * @throws {KeystoreError} `WRONG_PASSWORD` and the envelope errors.
   * @throws {WalletError} `CORRUPT_WALLET` when the keystore is missing or belongs to other keys.
   */
  async unlock({ password }: { password: string }): Promise<void> {
    const secret = await this.#openKeystore(password)
    this.#assertMatches(secret)
    this.#session.open(secret)
    // Every account, not just up to the first that grew.
    const grown = this.#record.accounts.map((a) => this.#extend(a))
    if (grown.includes(true)) await this.#save()
  }

  /** Wipes the secret from memory. Idempotent. */
  lock(): void {
    this.#session.close()
  }

  accounts(): WalletAccount[] {
    return this.#record.accounts.map((a) => ({
      index: a.index,
      label: a.label,
      scheme: a.scheme,
      nextReceive: a.receive.next,
      nextChange: a.change.next,
    }))
  }

  /**
   * Adds the next account (hardened index) with its first `gapLimit` keys on each chain.
   * @throws {WalletError} `WALLET_LOCKED`.
   * @throws {RangeError} past 100 accounts or for a label over 64 characters.
   */
  async addAccount({
    label,
    scheme = 'ed25519',
  }: {
    label?: string
    scheme?: HdScheme
  } = {}): Promise<WalletAccount> {
    if (this.#record.accounts.length >= MAX_ACCOUNTS)
      throw new RangeError(`at most ${MAX_ACCOUNTS} accounts`)
    const index = this.#record.accounts.length
    const account = newAccount(index, label ?? `Account ${index + 1}`, scheme)
    this.#session.assertOpen()
    this.#extend(account)
    this.#record.accounts.push(account)
    this.#index.addAccount(account)
    await this.#save()
    return this.accounts()[index]!
  }

  /** Renames an account. @throws {WalletError} `UNKNOWN_ACCOUNT`. @throws {RangeError} label too long. */
  async renameAccount({ account, label }: { account: number; label: string }): Promise<void> {
    assertLabel(label)
    this.#account(account).label = label
    await this.#save()
  }

  /**
   * The next unused receive address of `account` (default 0): the same one until it is marked
   * used. Gap-limit aware: `gapLimit` unused keys stay derived past the last used one.
   * @throws {WalletError} `UNKNOWN_ACCOUNT`; `WALLET_LOCKED` if its key was not derived yet.
   */
  receiveAddress({ account = 0 }: { account?: number } = {}): Promise<WalletAddress> {
    return this.#nextAddress(account, 'receive')
  }

  /** The next unused change address of `account`. @throws {WalletError} as `receiveAddress`. */
  changeAddress({ account = 0 }: { account?: number } = {}): Promise<WalletAddress> {
    return this.#nextAddress(account, 'change')
  }

  /**
   * Records that `address` received funds (or was handed out for good): its chain's next index
   * moves past it and the derived window grows to keep `gapLimit` unused keys (now if unlocked,
   * else at the next unlock).
   * @throws {WalletError} `UNKNOWN_ADDRESS`.
   */
  async markUsed({ address }: { address: string }): Promise<void> {
    const a = this.#index.byAddress(address)
    if (!a)
      throw new WalletError({ code: 'UNKNOWN_ADDRESS', message: 'not an address of this wallet' })
    const account = this.#account(a.account)
    const chain = account[a.chain]
    chain.next = Math.max(chain.next, a.index + 1)
    if (!this.#session.locked) this.#extend(account)
    await this.#save()
  }

  /** Every derived address (what a history scanner watches), optionally of one account. */
  addresses({ account }: { account?: number } = {}): WalletAddress[] {
    const all = this.#index.all()
    return account === undefined ? all : all.filter((a) => a.account === account)
  }

  /** The wallet's entry for an address string or a lock, if it derived it. */
  findAddress(query: { address: string } | { lock: Lock }): WalletAddress | undefined {
    return 'address' in query
      ? this.#index.byAddress(query.address)
      : this.#index.byLock(query.lock)
  }

  /** The coins among `utxos` this wallet can spend, each with the policy its input reveals. */
  spendable({ utxos }: { utxos: readonly Omit<SpendableUtxo, 'policy'>[] }): SpendableUtxo[] {
    const out: SpendableUtxo[] = []
    for (const u of utxos) {
      const owned = this.#index.byLock(u.lock)
      if (owned)
        out.push({ outpoint: u.outpoint, amount: u.amount, lock: u.lock, policy: owned.policy })
    }
    return out
  }

  /**
   * Signs every input with the wallet's keys through the protocol's `signTransaction`. Derived
   * private keys live only for this call and are wiped before it returns.
   * @throws {WalletError} `WALLET_LOCKED`.
   * @throws {PolicyError} `UNSATISFIABLE` when an input is not spendable by this wallet.
   */
  signTransaction(params: SignWalletTransactionParameters): Transaction {
    return this.#session.use((secret) => signWithSecret(params, secret, this.#index))
  }

  /**
   * The mnemonic, for a backup screen. Needs the wallet unlocked and the password again.
   * @throws {WalletError} `WALLET_LOCKED`. @throws {KeystoreError} `WRONG_PASSWORD`.
   */
  async exportMnemonic({ password }: { password: string }): Promise<string> {
    this.#session.assertOpen()
    const secret = await this.#openKeystore(password)
    try {
      return entropyToMnemonic({ entropy: secret.entropy })
    } finally {
      secret.entropy.fill(0)
      secret.seed.fill(0)
    }
  }

  /**
   * Re-encrypts the keystore under `newPassword` (fresh salt and IVs). Needs the wallet unlocked.
   * @throws {WalletError} `WALLET_LOCKED`. @throws {KeystoreError} `WRONG_PASSWORD`.
   */
  async changePassword({
    password,
    newPassword,
  }: {
    password: string
    newPassword: string
  }): Promise<void> {
    this.#session.assertOpen()
    const envelope = await this.#keystoreBytes()
    const next = await reencryptSecret({ envelope, password, newPassword })
    await this.#store.put(WALLET_STORE_KEYS.keystore, encodeEnvelope(next))
  }

  async #nextAddress(accountIndex: number, chainName: AddressChain): Promise<WalletAddress> {
    const account = this.#account(accountIndex)
    const chain = account[chainName]
    if (chain.next >= MAX_KEYS_PER_CHAIN) throw new RangeError(`${chainName} chain exhausted`)
    if (chain.next >= chain.keys.length) {
      this.#session.assertOpen()
      this.#extend(account)
      await this.#save()
    }
    return this.#index.at(account.index, chainName, chain.next)!
  }

  /** Derives missing window keys of both chains; returns whether any were added. Needs a secret. */
  #extend(account: AccountRecord): boolean {
    let added = false
    for (const name of ['receive', 'change'] as const) {
      const chain = account[name]
      const want = Math.min(MAX_KEYS_PER_CHAIN, chain.next + this.#record.gapLimit)
      if (chain.keys.length >= want) continue
      const from = chain.keys.length
      const keys = this.#session.use((s) =>
        deriveWalletPublicKeys({
          seed: s.seed,
          scheme: account.scheme,
          network: this.network,
          account: account.index,
          chain: name,
          from,
          count: want - from,
        }),
      )
      chain.keys.push(...keys)
      if (this.#record.accounts.includes(account))
        for (let i = from; i < want; i++) this.#index.add(account, name, i)
      added = true
    }
    return added
  }

  #account(index: number): AccountRecord {
    const a = this.#record.accounts[index]
    if (!a)
      throw new WalletError({
        code: 'UNKNOWN_ACCOUNT',
        message: `no account ${index}`,
        details: { index },
      })
    return a
  }

  /** Saves are chained so the last write always carries the latest record. */
  #save(): Promise<void> {
    const run = this.#saving.then(() =>
      this.#store.put(WALLET_STORE_KEYS.record, encodeWalletRecord(this.#record)),
    )
    this.#saving = run.catch(() => undefined)
    return run
  }

  async #keystoreBytes(): Promise<Uint8Array> {
    const bytes = await this.#store.get(WALLET_STORE_KEYS.keystore)
    if (!bytes)
      throw new WalletError({ code: 'CORRUPT_WALLET', message: 'the keystore is missing' })
    return bytes
  }

  async #openKeystore(password: string): Promise<WalletSecret> {
    const plain = await decryptSecret({ envelope: await this.#keystoreBytes(), password })
    try {
      return decodeWalletSecret(plain)
    } finally {
      plain.fill(0)
    }
  }

  /** The keystore must be the one these public keys came from (first receive key of account 0). */
  #assertMatches(secret: WalletSecret): void {
    const first = this.#record.accounts[0]!
    const [key] = deriveWalletPublicKeys({
      seed: secret.seed,
      scheme: first.scheme,
      network: this.network,
      account: 0,
      chain: 'receive',
      from: 0,
      count: 1,
    })
    const stored = first.receive.keys[0]
    if (stored && key && !key.every((b, i) => b === stored[i])) {
      secret.entropy.fill(0)
      secret.seed.fill(0)
      throw new WalletError({
        code: 'CORRUPT_WALLET',
        message: 'the keystore does not match the wallet record',
      })
    }
  }
}
