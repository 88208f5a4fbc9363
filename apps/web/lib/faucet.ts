/**
 * The devnet faucet behind `POST /api/faucet`: checks the request (size cap, JSON shape, a devnet
 * address, an amount within the cap), limits each client, asks the node whether it runs devnet,
 * then forwards `{ address, amount }` to its JSON-RPC `faucet` method. The answer is what the
 * node claims (a txid); the wallet sees the coins only once its light client verifies them.
 */
import { AddressError, COIN, decodeAddress } from '@supernova/protocol'
import type { RateLimiter } from './rateLimit'

/** Largest body read, in bytes (a request is ~150). */
export const FAUCET_MAX_BODY_BYTES = 1_024
/** Largest amount asked for, in base units: 1,000 NOVA (the devnet node's default cap). */
export const FAUCET_MAX_UNITS = 1_000n * COIN

export type FaucetErrorCode =
  | 'BODY_TOO_LARGE'
  | 'BAD_REQUEST'
  | 'INVALID_ADDRESS'
  | 'INVALID_AMOUNT'
  | 'RATE_LIMITED'
  | 'NOT_DEVNET'
  | 'NODE_UNREACHABLE'
  | 'FAUCET_REFUSED'
  | 'BAD_ANSWER'

const STATUS: Readonly<Record<FaucetErrorCode, number>> = {
  BODY_TOO_LARGE: 413,
  BAD_REQUEST: 400,
  INVALID_ADDRESS: 400,
  INVALID_AMOUNT: 400,
  RATE_LIMITED: 429,
  NOT_DEVNET: 403,
  NODE_UNREACHABLE: 503,
  FAUCET_REFUSED: 422,
  BAD_ANSWER: 502,
}

/** A faucet request that failed, with the HTTP status it is answered with. */
export class FaucetError extends Error {
  override name = 'FaucetError'
  readonly status: number
  constructor(
    readonly code: FaucetErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message)
    this.status = STATUS[code]
  }
}

export type FaucetRequest = { address: string; amount: bigint }

/**
 * Reads a body of at most `maxBytes`, refusing a longer one before reading it all.
 * @throws {FaucetError} BODY_TOO_LARGE.
 */
export async function readCappedBody(
  req: Request,
  maxBytes = FAUCET_MAX_BODY_BYTES,
): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw tooLarge(maxBytes)
  if (req.body === null) return ''
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  const all = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    all.set(c, at)
    at += c.byteLength
  }
  return new TextDecoder().decode(all)
}

const tooLarge = (max: number) =>
  new FaucetError('BODY_TOO_LARGE', `the request body is over ${max} bytes`)

/**
 * Parses `{ "address": "dnova1…", "amount": "<base units>" }`.
 * @throws {FaucetError} BAD_REQUEST, INVALID_ADDRESS, INVALID_AMOUNT.
 */
export function parseFaucetRequest(text: string): FaucetRequest {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new FaucetError('BAD_REQUEST', 'the body is not JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new FaucetError('BAD_REQUEST', 'expected a JSON object { address, amount }')
  const { address, amount } = body as Record<string, unknown>
  if (typeof address !== 'string' || address.length === 0)
    throw new FaucetError('INVALID_ADDRESS', 'address: expected a devnet address string')
  try {
    decodeAddress({ address, network: 'devnet' })
  } catch (e) {
    if (!(e instanceof AddressError)) throw e
    throw new FaucetError('INVALID_ADDRESS', `address: ${e.message.replace(/^[A-Z_]+: /, '')}`)
  }
  if (typeof amount !== 'string' || !/^[1-9][0-9]{0,19}$/.test(amount))
    throw new FaucetError(
      'INVALID_AMOUNT',
      'amount: expected a positive decimal string of base units',
    )
  const units = BigInt(amount)
  if (units > FAUCET_MAX_UNITS)
    throw new FaucetError(
      'INVALID_AMOUNT',
      `amount: at most ${FAUCET_MAX_UNITS} units (1,000 NOVA)`,
    )
  return { address: address.toLowerCase(), amount: units }
}

type RpcAnswer = { result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } }

/**
 * One JSON-RPC call with a timeout.
 * @throws {FaucetError} NODE_UNREACHABLE (no answer, or not JSON), BAD_ANSWER.
 */
async function rpc(
  rpcUrl: string,
  method: string,
  params: object,
  timeoutMs: number,
): Promise<RpcAnswer> {
  let body: unknown
  try {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    })
    body = await res.json()
  } catch {
    throw new FaucetError(
      'NODE_UNREACHABLE',
      'the full node does not answer; try again once it is back',
    )
  }
  if (typeof body !== 'object' || body === null)
    throw new FaucetError('BAD_ANSWER', `the node answered ${method} in an unexpected shape`)
  return body as RpcAnswer
}

/** Node error codes (JSON-RPC) the faucet can answer with. */
const RPC_RATE_LIMITED = -32002
const RPC_NOT_AVAILABLE = -32005

function refused(error: NonNullable<RpcAnswer['error']>): FaucetError {
  const data = error.data as { reason?: unknown } | undefined
  const message = typeof error.message === 'string' ? error.message : 'refused'
  const reason = typeof data?.reason === 'string' ? data.reason : message
  if (error.code === RPC_NOT_AVAILABLE)
    return new FaucetError('NOT_DEVNET', `the node refused: ${message}`)
  if (error.code === RPC_RATE_LIMITED)
    return new FaucetError('RATE_LIMITED', 'the node is rate limiting requests; try again shortly')
  return new FaucetError('FAUCET_REFUSED', `the faucet refused: ${reason}`)
}

export type RequestFaucetParameters = FaucetRequest & { rpcUrl: string; timeoutMs?: number }

/**
 * Asks the node whether it runs devnet, then for the payment.
 * @throws {FaucetError} NOT_DEVNET, NODE_UNREACHABLE, FAUCET_REFUSED, RATE_LIMITED, BAD_ANSWER.
 */
export async function requestFaucet(p: RequestFaucetParameters): Promise<{ txid: string }> {
  const timeoutMs = p.timeoutMs ?? 5_000
  const info = await rpc(p.rpcUrl, 'getNodeInfo', {}, timeoutMs)
  const network = (info.result as { network?: unknown } | undefined)?.network
  if (typeof network !== 'string')
    throw new FaucetError('BAD_ANSWER', 'the node did not say which network it runs')
  if (network !== 'devnet')
    throw new FaucetError(
      'NOT_DEVNET',
      `the node runs ${network}; the faucet exists only on devnet`,
    )
  const answer = await rpc(
    p.rpcUrl,
    'faucet',
    { address: p.address, amount: p.amount.toString() },
    timeoutMs,
  )
  if (answer.error) throw refused(answer.error)
  const txid = (answer.result as { txid?: unknown } | undefined)?.txid
  if (typeof txid !== 'string' || !/^[0-9a-f]{64}$/.test(txid))
    throw new FaucetError('BAD_ANSWER', 'the node answered the faucet call without a txid')
  return { txid }
}

/**
 * The client a request is counted against. Each of the `trustedProxies` reverse proxies in front
 * of the site appends the address it saw to `x-forwarded-for`, so the entry that many places from
 * the end is what the outermost trusted proxy saw: the client. Everything before it is whatever
 * the client chose to send, and Next.js only fills the header in when the client sent none, so with
 * no trusted proxy (the default: the site serves browsers directly) no header identifies a client
 * and every request shares one bucket. A header with fewer entries than trusted proxies (a request
 * that did not come through them) shares a bucket of its own.
 * @throws {RangeError} trustedProxies not an integer in 0..16.
 */
export function clientKey(headers: Headers, trustedProxies = 0): string {
  if (!Number.isInteger(trustedProxies) || trustedProxies < 0 || trustedProxies > 16)
    throw new RangeError(`trustedProxies ${trustedProxies} outside 0..16`)
  if (trustedProxies === 0) return 'all'
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((h) => h.trim())
  const seen = hops.length >= trustedProxies ? hops[hops.length - trustedProxies] : undefined
  return seen ? `ip:${seen.slice(0, 64)}` : 'unproxied'
}

/**
 * `SUPERNOVA_TRUSTED_PROXIES`: how many reverse proxies in front of the site append to
 * `x-forwarded-for` (default 0).
 * @throws {RangeError} not an integer in 0..16.
 */
export function trustedProxiesFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.SUPERNOVA_TRUSTED_PROXIES?.trim()
  if (raw === undefined || raw === '') return 0
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n > 16)
    throw new RangeError(`SUPERNOVA_TRUSTED_PROXIES must be an integer in 0..16, not ${raw}`)
  return n
}

const json = (body: object, status: number, extra: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store', ...extra } })

/**
 * The route handler: 200 `{ txid, address, amount }`, or the error's status with
 * `{ error: code, message, retryAfterMs? }`.
 */
export function createFaucetHandler(deps: {
  rpcUrl: string
  limiter: RateLimiter
  timeoutMs?: number
  /** Reverse proxies in front of the site that append to x-forwarded-for (`clientKey`). Default 0. */
  trustedProxies?: number
}): (req: Request) => Promise<Response> {
  const proxies = deps.trustedProxies ?? 0
  clientKey(new Headers(), proxies) // a bad count fails here, at start-up
  return async (req) => {
    try {
      const request = parseFaucetRequest(await readCappedBody(req))
      const allowed = deps.limiter.take(clientKey(req.headers, proxies))
      if (!allowed.ok)
        throw new FaucetError(
          'RATE_LIMITED',
          `too many faucet requests${proxies === 0 ? ' (all visitors share the limit)' : ' from your address'}; try again in ${Math.ceil(allowed.retryAfterMs / 1000)} s`,
          allowed.retryAfterMs,
        )
      const { txid } = await requestFaucet({
        ...request,
        rpcUrl: deps.rpcUrl,
        ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
      })
      return json({ txid, address: request.address, amount: request.amount.toString() }, 200)
    } catch (e) {
      if (!(e instanceof FaucetError)) throw e
      const retry = e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }
      const headers: Record<string, string> =
        e.retryAfterMs === undefined
          ? {}
          : { 'retry-after': String(Math.ceil(e.retryAfterMs / 1000)) }
      return json({ error: e.code, message: e.message, ...retry }, e.status, headers)
    }
  }
}
