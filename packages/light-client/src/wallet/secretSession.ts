import { WalletError } from './errors.js'
import { type WalletSecret, wipeWalletSecret } from './walletSecret.js'

/** Timer functions the auto-lock uses; tests inject a manual one. */
export type WalletTimer = {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
}

/** The platform's `setTimeout`/`clearTimeout`. */
export const systemTimer: WalletTimer = {
  set: (callback, ms) => globalThis.setTimeout(callback, ms),
  clear: (handle) => globalThis.clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
}

export type SecretSessionOptions = {
  /** Lock after this many ms without a secret being used; undefined = never. */
  autoLockMs?: number
  timer?: WalletTimer
}

/**
 * Holds an unlocked wallet's secret. `use` hands it to synchronous code only (so `lock` can never
 * wipe it in the middle of an operation) and restarts the auto-lock countdown; `close` wipes it.
 */
export class SecretSession {
  #secret: WalletSecret | undefined
  #handle: { value: unknown } | undefined
  readonly #autoLockMs: number | undefined
  readonly #timer: WalletTimer

  constructor({ autoLockMs, timer = systemTimer }: SecretSessionOptions) {
    if (autoLockMs !== undefined && (!Number.isSafeInteger(autoLockMs) || autoLockMs <= 0))
      throw new RangeError('autoLockMs must be a positive integer')
    this.#autoLockMs = autoLockMs
    this.#timer = timer
  }

  get locked(): boolean {
    return this.#secret === undefined
  }

  /** Takes ownership of `secret` (wiping any previous one) and starts the countdown. */
  open(secret: WalletSecret): void {
    this.close()
    this.#secret = secret
    this.#arm()
  }

  /** Wipes the secret and stops the countdown. Idempotent. */
  close(): void {
    if (this.#secret) wipeWalletSecret(this.#secret)
    this.#secret = undefined
    if (this.#handle) this.#timer.clear(this.#handle.value)
    this.#handle = undefined
  }

  /**
   * Runs `fn` with the secret. `fn` must not keep it or hand it on asynchronously.
   * @throws {WalletError} `WALLET_LOCKED`.
   */
  use<T>(fn: (secret: WalletSecret) => T): T {
    const secret = this.#secret
    if (!secret)
      throw new WalletError({ code: 'WALLET_LOCKED', message: 'unlock the wallet first' })
    this.#arm()
    return fn(secret)
  }

  /**
   * Throws unless unlocked; counts as activity for the auto-lock.
   * @throws {WalletError} `WALLET_LOCKED`.
   */
  assertOpen(): void {
    this.use(() => undefined)
  }

  #arm(): void {
    if (this.#autoLockMs === undefined) return
    if (this.#handle) this.#timer.clear(this.#handle.value)
    this.#handle = { value: this.#timer.set(() => this.close(), this.#autoLockMs) }
  }
}
