import { BaseError } from '@supernova/protocol'

/** Default wait for one call, connection to last byte. */
export const DEFAULT_RPC_TIMEOUT_MS = 30_000
/** Largest response body read (a full verbose block is well under this). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024

export type RpcErrorCode =
  /** The node answered with a JSON-RPC error; see `rpcCode` and `data`. */
  | 'RPC_ERROR'
  /** Nothing listens at the URL, or the host cannot be reached. */
  | 'NODE_UNREACHABLE'
  | 'TIMEOUT'
  /** A non-JSON-RPC HTTP failure (e.g. 404 from something that is not a node). */
  | 'HTTP_ERROR'
  /** The answer is not a JSON-RPC 2.0 response to this request, or is too large. */
  | 'INVALID_RESPONSE'

/** A failed call. For `RPC_ERROR`, `rpcCode`/`rpcMessage`/`data` are the node's error object. */
export class RpcError extends BaseError<RpcErrorCode> {
  override name = 'RpcError'
  readonly rpcCode: number | undefined
  readonly rpcMessage: string | undefined
  readonly data: unknown

  constructor(params: {
    code: RpcErrorCode
    message: string
    rpcCode?: number
    rpcMessage?: string
    data?: unknown
    cause?: unknown
  }) {
    super({
      code: params.code,
      message: params.message,
      ...(params.cause === undefined ? {} : { cause: params.cause }),
    })
    this.rpcCode = params.rpcCode
    this.rpcMessage = params.rpcMessage
    this.data = params.data
  }
}

export type RpcClientOptions = {
  /** Node base URL (`http://127.0.0.1:7700`) or the full endpoint (`…/rpc`). */
  url: string
  /** Cookie secret or API key, sent as `Authorization: Bearer …` (admin methods). */
  token?: string
  timeoutMs?: number
  maxResponseBytes?: number
}

export type RpcClient = {
  /** The endpoint calls are POSTed to. */
  readonly endpoint: string
  /**
   * Calls `method` with `params` (an object, or an array for single-parameter methods).
   * @throws {RpcError}
   */
  call<T = unknown>(method: string, params?: unknown): Promise<T>
}

/**
 * Resolves the JSON-RPC endpoint of a node URL: a bare origin gets `/rpc` appended.
 * @throws {TypeError} for a malformed URL or a scheme other than http/https.
 */
export function rpcEndpoint(url: string): string {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new TypeError(`'${url}' is not a URL (expected e.g. http://127.0.0.1:7700)`)
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new TypeError(`'${url}': only http:// and https:// node URLs are supported`)
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/rpc'
  return u.toString()
}

/**
 * A JSON-RPC 2.0 client over HTTP POST with a per-call timeout and a response-size cap.
 * @example
 * const rpc = createRpcClient({ url: 'http://127.0.0.1:7700' })
 * const info = await rpc.call('getChainInfo')
 */
export function createRpcClient(options: RpcClientOptions): RpcClient {
  const endpoint = rpcEndpoint(options.url)
  const timeoutMs = options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  let nextId = 1

  async function call<T>(method: string, params?: unknown): Promise<T> {
    const id = nextId++
    const body = JSON.stringify({ jsonrpc: '2.0', id, method, params: params ?? {} })
    const signal = AbortSignal.timeout(timeoutMs)
    let text: string
    let status: number
    try {
      const res = await fetch(endpoint, { method: 'POST', headers, body, signal })
      status = res.status
      text = await readCapped(res, maxBytes)
    } catch (e) {
      throw transportError(e, endpoint, timeoutMs)
    }
    return parseResponse<T>(text, status, id, endpoint)
  }

  return { endpoint, call }
}

async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? 0)
  if (declared > maxBytes) throw tooLarge(maxBytes)
  if (!res.body) return ''
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = res.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function tooLarge(maxBytes: number): RpcError {
  return new RpcError({
    code: 'INVALID_RESPONSE',
    message: `response larger than ${maxBytes} bytes`,
  })
}

function transportError(e: unknown, endpoint: string, timeoutMs: number): RpcError {
  if (e instanceof RpcError) return e
  const name = (e as { name?: string }).name
  if (name === 'TimeoutError' || name === 'AbortError')
    return new RpcError({
      code: 'TIMEOUT',
      message: `no answer from ${endpoint} within ${timeoutMs} ms`,
      cause: e,
    })
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause
  const errno = typeof cause?.code === 'string' ? cause.code : ''
  const reason = errno || (typeof cause?.message === 'string' ? cause.message : '')
  if (errno === 'ECONNREFUSED')
    return new RpcError({
      code: 'NODE_UNREACHABLE',
      message: `no node at ${endpoint} — is it running?`,
      cause: e,
    })
  return new RpcError({
    code: 'NODE_UNREACHABLE',
    message: `cannot reach ${endpoint}${reason ? ` (${reason})` : ''}`,
    cause: e,
  })
}

function parseResponse<T>(text: string, status: number, id: number, endpoint: string): T {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw new RpcError({
      code: status >= 200 && status < 300 ? 'INVALID_RESPONSE' : 'HTTP_ERROR',
      message: `${endpoint} answered HTTP ${status} without a JSON-RPC body`,
    })
  }
  if (typeof doc !== 'object' || doc === null || (doc as { jsonrpc?: unknown }).jsonrpc !== '2.0')
    throw new RpcError({
      code: 'INVALID_RESPONSE',
      message: `${endpoint} did not answer JSON-RPC 2.0`,
    })
  const r = doc as { id?: unknown; result?: unknown; error?: unknown }
  if (r.error !== undefined) throw rpcErrorFrom(r.error)
  if (r.id !== id || !('result' in r))
    throw new RpcError({
      code: 'INVALID_RESPONSE',
      message: `${endpoint} answered another request`,
    })
  return r.result as T
}

function rpcErrorFrom(error: unknown): RpcError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>
  const rpcCode = typeof e.code === 'number' ? e.code : undefined
  const rpcMessage = typeof e.message === 'string' ? e.message.slice(0, 500) : 'unknown error'
  const data = e.data
  const detail = data === undefined ? '' : ` ${JSON.stringify(data).slice(0, 500)}`
  return new RpcError({
    code: 'RPC_ERROR',
    message: `${rpcMessage} (JSON-RPC ${rpcCode ?? '?'})${detail}`,
    ...(rpcCode === undefined ? {} : { rpcCode }),
    rpcMessage,
    data,
  })
}
