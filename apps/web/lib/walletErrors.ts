import { formatAmount } from '@supernova/ui'

/** The shape every SuperNova error shares (BaseError): a class name, a code and details. */
type Coded = { name: string; code: string; message: string; details?: Record<string, unknown> }

function isCoded(e: unknown): e is Coded {
  return (
    e instanceof Error &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof e.name === 'string'
  )
}

const bigintOr = (v: unknown): bigint | undefined => (typeof v === 'bigint' ? v : undefined)

/** The message without BaseError's `CODE: ` prefix. */
function bare(e: Coded): string {
  const prefix = `${e.code}: `
  return e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message
}

/** The distinct codes of `details.failures` (what each peer asked answered), e.g. "TIMEOUT". */
function failureCodes(e: Coded): string {
  const failures = e.details?.failures
  if (!Array.isArray(failures)) return ''
  const codes = failures
    .map((f) => (f as { code?: unknown })?.code)
    .filter((c) => typeof c === 'string')
  return [...new Set(codes)].join(', ')
}

const RETRYING = 'The light client keeps reconnecting on its own; try again in a moment.'

const BY_CODE: Readonly<Record<string, (e: Coded) => string>> = {
  'KeystoreError/WRONG_PASSWORD': () =>
    'Wrong password. Nothing was changed: the wallet is still here, locked. Try again.',
  'KeystoreError/TAMPERED_ENVELOPE': () =>
    'The stored keystore does not authenticate: it was damaged. Import the wallet again from its recovery phrase.',
  'WalletError/WALLET_LOCKED': () =>
    'The wallet is locked (it locks itself after a while without use). Unlock it and try again.',
  'WalletError/WALLET_EXISTS': () => 'This browser already holds a wallet for this network.',
  'WalletError/CORRUPT_WALLET': (e) => `The stored wallet is damaged: ${bare(e)}.`,
  'WalletError/WRONG_NETWORK': (e) => `Network mismatch: ${bare(e)}.`,
  'CoinSelectionError/INSUFFICIENT_FUNDS': (e) => {
    const available = bigintOr(e.details?.available)
    const needed = bigintOr(e.details?.needed)
    return available !== undefined && needed !== undefined
      ? `Not enough spendable funds: ${formatAmount(available)} available, ${formatAmount(needed)} needed with the fee.`
      : 'Not enough spendable funds for this amount and its fee.'
  },
  'CoinSelectionError/TOO_MANY_INPUTS': () =>
    'This amount would need too many coins in one transaction. Send a smaller amount.',
  'TransactionBuildError/AMOUNT_BELOW_DUST': () =>
    'The amount is below the smallest output the network relays.',
  'TransactionBuildError/INVALID_ADDRESS': (e) =>
    `The recipient address is not usable: ${bare(e)}.`,
  'TransactionBuildError/INVALID_FEE_RATE': () =>
    'The fee rate is below the network’s relay floor. Pick another fee.',
  'TransactionBuildError/TX_TOO_LARGE': () =>
    'The transaction would be too large. Send a smaller amount.',
  'PaymentError/REJECTED': (e) => {
    const reason = e.details?.reason
    const message = e.details?.message
    return `The node refused the transaction${typeof reason === 'string' ? ` (${reason})` : ''}${
      typeof message === 'string' && message !== '' ? `: ${message}` : ''
    }. Nothing was sent.`
  },
  'PaymentError/BROADCAST_FAILED': () =>
    `No full node could be reached to broadcast the payment, so it was not sent. ${RETRYING}`,
  'PaymentError/NO_FEE_ESTIMATE': () => `No full node answered a fee estimate. ${RETRYING}`,
  'PaymentError/FEE_RATE_TOO_HIGH': () => 'That fee rate is above the wallet’s safety cap.',
  'PaymentError/NOT_AS_PREPARED': () =>
    'The signed transaction differs from the one reviewed, so it was not sent. Prepare it again.',
  'LightClientError/NO_PEER': () => `No full node is connected yet. ${RETRYING}`,
  'LightClientError/ALL_PEERS_FAILED': (e) => {
    const codes = failureCodes(e)
    return `Every full node asked failed to answer with a valid proof${codes ? ` (${codes})` : ''}. ${RETRYING}`
  },
  'LightClientError/REJECTED': (e) => `A node refused the transaction: ${bare(e)}.`,
  'LightClientError/REORGED': () => 'The chain reorganised during the check. Try again.',
  'LightClientWorkerError/TIMEOUT': () => `The light client did not answer in time. ${RETRYING}`,
  'LightClientWorkerError/CLOSED': () =>
    'The connection to the light client closed. Reload the page to reconnect.',
  'NetworkError/NO_PEER': () => `No full node could be reached. ${RETRYING}`,
}

/**
 * A sentence for a person about a wallet failure: what happened and what to do, with a node's
 * reason when it gave one. Never includes secrets (none of the errors carry any).
 * @example explainError(new KeystoreError({ code: 'WRONG_PASSWORD', message: '…' }))
 */
export function explainError(e: unknown): string {
  if (isCoded(e)) {
    const explain = BY_CODE[`${e.name}/${e.code}`]
    if (explain) return explain(e)
    return `${bare(e)} (${e.code}).`
  }
  if (e instanceof Error && e.name === 'AbortError') return 'Cancelled.'
  if (e instanceof Error) return e.message
  return String(e)
}

/** True for the wrong-password error of `unlock` (any code path that names it). */
export function isWrongPassword(e: unknown): boolean {
  return isCoded(e) && e.name === 'KeystoreError' && e.code === 'WRONG_PASSWORD'
}

/** True when the wallet must be unlocked first. */
export function isLockedError(e: unknown): boolean {
  return isCoded(e) && e.name === 'WalletError' && e.code === 'WALLET_LOCKED'
}

/** Failures that are a race with a fast chain, not a fault: the peer answered at a newer head. */
const RACE_CODES: ReadonlySet<string> = new Set(['AHEAD_OF_CHAIN', 'CHAIN_CHANGED'])

/**
 * True when every peer asked answered about a block the light client had not verified yet (it
 * was one head behind): asking again once it has caught up succeeds.
 */
export function isChainRace(e: unknown): boolean {
  if (!isCoded(e) || e.name !== 'LightClientError' || e.code !== 'ALL_PEERS_FAILED') return false
  const failures = e.details?.failures
  return (
    Array.isArray(failures) &&
    failures.length > 0 &&
    failures.every((f) => RACE_CODES.has(String((f as { code?: unknown })?.code)))
  )
}

/**
 * Runs `fn`, again after `delayMs` (up to `attempts` times in all) while it fails with a
 * {@link isChainRace} error; any other error is thrown at once.
 */
export async function retryChainRace<T>(
  fn: () => Promise<T>,
  {
    attempts = 4,
    delayMs = 750,
    sleep = defaultSleep,
    onRetry,
  }: {
    attempts?: number
    delayMs?: number
    /** Waits before the next attempt (e.g. for the next verified head, at most `ms`). */
    sleep?: (ms: number) => Promise<void>
    /** Told before each new attempt (2, 3, …). */
    onRetry?: (attempt: number) => void
  } = {},
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn()
    } catch (e) {
      if (i >= attempts || !isChainRace(e)) throw e
      await sleep(delayMs)
      onRetry?.(i + 1)
    }
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
