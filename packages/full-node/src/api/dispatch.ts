import type { ChainParams, Network } from '@supernova/protocol'
import type { ApiComponents } from './backend.js'
import { RpcError, type RpcErrorObject } from './errors.js'
import type { MethodContext, MethodDef, SubscriptionSession } from './method.js'
import type { MethodTable } from './methods/index.js'
import { parseParams } from './params.js'
import type { RateDecision } from './rateLimit.js'

type Id = string | number | null
type Response = { jsonrpc: '2.0'; id: Id; result?: unknown; error?: RpcErrorObject }

const MAX_METHOD_CHARS = 64
const MAX_ID_CHARS = 256

/** Who is calling, over what. */
export type CallContext = {
  authed: boolean
  session?: SubscriptionSession
  /** Charges `cost` calls to the caller (skipped for authed callers by the transport). */
  admit(cost: number): RateDecision
}

/** What the transport sends back. `body` is absent when every call was a notification. */
export type DispatchResult = {
  body: string | undefined
  /** Set when the calls were refused by the rate limit (HTTP answers 429 with Retry-After). */
  retryAfterMs?: number
  /** A `stop` call succeeded: stop the node once `body` has been sent. */
  stopRequested: boolean
}

export type Dispatcher = {
  /** Handles one HTTP body or WebSocket message. Never throws. */
  handle(text: string, call: CallContext): Promise<DispatchResult>
  /** Runs one method with raw params (REST). @throws {RpcError} */
  invoke(name: string, rawParams: unknown, call: CallContext): Promise<unknown>
}

function errorResponse(id: Id, e: RpcError): Response {
  return { jsonrpc: '2.0', id, error: e.toJSON() }
}

function validId(raw: unknown): raw is Id {
  return (
    raw === null ||
    (typeof raw === 'string' && raw.length <= MAX_ID_CHARS) ||
    (typeof raw === 'number' && Number.isFinite(raw))
  )
}

/** The id to answer with, even for an invalid request (null when unusable). */
function idOf(raw: unknown): Id {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const id = (raw as Record<string, unknown>).id
  return validId(id) ? id : null
}

function isNotification(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !Object.hasOwn(raw, 'id')
}

/**
 * The JSON-RPC 2.0 engine shared by HTTP and WebSocket: parse (-32700), shape checks (-32600),
 * batch cap (-32006), rate limit (-32002), lookup (-32601), admin auth (-32001, before any param
 * is even read), params (-32602), then the handler; unexpected exceptions become a bare -32603
 * and are logged. Every call is counted in the metrics by method and status.
 */
export function createDispatcher(p: {
  table: MethodTable
  components: ApiComponents
  network: Network
  params: ChainParams
  maxBatch: number
}): Dispatcher {
  const { table, components, network, maxBatch } = p
  const { logger, metrics } = components
  const parseCtx = { network, params: p.params }

  async function run(method: MethodDef, rawParams: unknown, call: CallContext, stop: () => void) {
    if (method.wsOnly && !call.session)
      throw new RpcError('METHOD_NOT_FOUND', `${method.name} is only available over WebSocket`)
    if (method.admin && !call.authed)
      throw new RpcError('UNAUTHORIZED', `${method.name} needs the cookie or the API key`)
    const params = parseParams(method.params, rawParams, parseCtx)
    const ctx: MethodContext = {
      components,
      network,
      requestStop: stop,
      ...(call.session ? { session: call.session } : {}),
    }
    return await method.handler(params, ctx)
  }

  /** One request object → its response (undefined for a notification). */
  async function one(
    raw: unknown,
    call: CallContext,
    stop: () => void,
  ): Promise<string | undefined> {
    const started = performance.now()
    const id = idOf(raw)
    let label = 'invalid'
    let response: Response
    try {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        throw new RpcError('INVALID_REQUEST', 'a request must be an object')
      const r = raw as Record<string, unknown>
      if (r.jsonrpc !== '2.0') throw new RpcError('INVALID_REQUEST', 'jsonrpc must be "2.0"')
      if (Object.hasOwn(r, 'id') && !validId(r.id))
        throw new RpcError('INVALID_REQUEST', 'id must be a string, number or null')
      if (typeof r.method !== 'string' || r.method.length > MAX_METHOD_CHARS)
        throw new RpcError('INVALID_REQUEST', 'method must be a string')
      if (r.params !== undefined && (typeof r.params !== 'object' || r.params === null))
        throw new RpcError('INVALID_REQUEST', 'params must be an object or an array')
      const method = table.byName.get(r.method)
      if (!method) {
        label = 'unknown'
        throw new RpcError('METHOD_NOT_FOUND', `no method ${r.method}`)
      }
      label = method.name
      response = { jsonrpc: '2.0', id, result: await run(method, r.params, call, stop) }
    } catch (e) {
      response = errorResponse(id, toRpcError(e, label))
    }
    const status = response.error ? String(response.error.code) : 'ok'
    metrics.rpcRequest(label, status, (performance.now() - started) / 1000)
    if (isNotification(raw) && label !== 'invalid') return undefined
    return serialize(response, label)
  }

  function toRpcError(e: unknown, method: string): RpcError {
    if (e instanceof RpcError) return e
    logger.error({ err: e, method }, 'api: method failed')
    return new RpcError('INTERNAL_ERROR', 'internal error')
  }

  function serialize(response: Response, method: string): string {
    try {
      return JSON.stringify(response)
    } catch (err) {
      logger.error({ err, method }, 'api: result is not serializable')
      return JSON.stringify(
        errorResponse(response.id, new RpcError('INTERNAL_ERROR', 'internal error')),
      )
    }
  }

  function refused(
    items: readonly unknown[],
    retryAfterMs: number,
    batch: boolean,
  ): DispatchResult {
    const e = new RpcError('RATE_LIMITED', 'rate limited; retry later', { retryAfterMs })
    const out = items.map((raw) => JSON.stringify(errorResponse(idOf(raw), e)))
    return { body: batch ? `[${out.join(',')}]` : out[0], retryAfterMs, stopRequested: false }
  }

  return {
    async handle(text, call) {
      let stopRequested = false
      const stop = () => {
        stopRequested = true
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        const e = new RpcError('PARSE_ERROR', 'invalid JSON')
        return { body: JSON.stringify(errorResponse(null, e)), stopRequested }
      }
      const batch = Array.isArray(parsed)
      const items: unknown[] = batch ? (parsed as unknown[]) : [parsed]
      if (batch && items.length === 0) {
        const e = new RpcError('INVALID_REQUEST', 'empty batch')
        return { body: JSON.stringify(errorResponse(null, e)), stopRequested }
      }
      if (items.length > maxBatch) {
        const e = new RpcError('BATCH_TOO_LARGE', `at most ${maxBatch} calls per batch`, {
          maxBatch,
        })
        return { body: JSON.stringify(errorResponse(null, e)), stopRequested }
      }
      const decision = call.admit(items.length)
      if (!decision.ok) return refused(items, decision.retryAfterMs, batch)
      const responses = await Promise.all(items.map((raw) => one(raw, call, stop)))
      const present = responses.filter((r): r is string => r !== undefined)
      const body = present.length === 0 ? undefined : batch ? `[${present.join(',')}]` : present[0]
      return { body, stopRequested }
    },

    async invoke(name, rawParams, call) {
      const method = table.byName.get(name)
      if (!method) throw new RpcError('METHOD_NOT_FOUND', `no method ${name}`)
      return run(method, rawParams, call, () => {})
    },
  }
}
