/** The `code` of a light-client error (LightClientError, LightClientWorkerError), if it has one. */
export function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined
  const code = (e as { code: unknown }).code
  return typeof code === 'string' ? code : undefined
}

/** True when every peer asked says it has no such item (an unconfirmed or unknown transaction). */
export const isNotFound = (e: unknown): boolean => errorCode(e) === 'NOT_FOUND'

/** True when the block is not on the verified chain (unknown hash, height above the tip). */
export const isUnknownBlock = (e: unknown): boolean => errorCode(e) === 'UNKNOWN_BLOCK'

const SENTENCES: Readonly<Record<string, string>> = {
  NO_PEER: 'No full node is connected to your browser yet.',
  ALL_PEERS_FAILED:
    'Every node asked failed to answer, or answered with something that did not verify.',
  NOT_STARTED: 'The light client is not running.',
  ABORTED: 'The request was cancelled.',
  TIMEOUT: 'The light client did not answer in time.',
  REORGED: 'The chain was reorganised while this was being checked.',
  INVALID_ADDRESS: 'The address does not decode, or belongs to another network.',
  CLOSED: 'The connection to the light client closed.',
}

/** Codes after which asking again may help (the hooks retry a few; the next head refetches). */
const TRANSIENT = new Set([
  'NO_PEER',
  'ALL_PEERS_FAILED',
  'TIMEOUT',
  'REORGED',
  'CLOSED',
  'ABORTED',
])

/**
 * What went wrong, in a sentence for the page, and whether trying again may help. Unknown errors
 * keep their own message.
 */
export function describeError(e: unknown): { text: string; transient: boolean } {
  const code = errorCode(e)
  const known = code === undefined ? undefined : SENTENCES[code]
  const message = e instanceof Error ? e.message : String(e)
  return {
    text: known ?? (message === '' ? 'Something went wrong.' : message),
    transient: code !== undefined && TRANSIENT.has(code),
  }
}
