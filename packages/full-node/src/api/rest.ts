import type { ApiComponents } from './backend.js'
import type { CallContext, Dispatcher } from './dispatch.js'
import { invalidParams, RpcError, type RpcErrorCode } from './errors.js'
import { formatBlockSummary, type Json } from './json.js'
import type { MethodContext } from './method.js'
import { loadBalance, loadHistory, MAX_HISTORY } from './methods/address.js'
import {
  addressParam,
  heightParam,
  intParam,
  optional,
  type ParseContext,
  parseParams,
  withDefault,
} from './params.js'

export const MAX_REST_BLOCKS = 100
const RESOURCES = new Set(['blocks', 'tx', 'address', 'mempool'])

const HTTP_STATUS: Partial<Record<RpcErrorCode, number>> = {
  INVALID_PARAMS: 400,
  INVALID_REQUEST: 400,
  NOT_FOUND: 404,
  METHOD_NOT_FOUND: 404,
  NOT_AVAILABLE: 404,
  RATE_LIMITED: 429,
}

export type RestResult = { status: number; body: unknown; method: string }

/** Query strings carry text; digits become numbers so the same param parsers apply. */
function queryParams(query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of query) {
    if (Object.hasOwn(out, key)) continue
    out[key] = /^\d{1,15}$/.test(value) ? Number(value) : value
  }
  return out
}

const blockListParams = {
  limit: withDefault(intParam(`At most ${MAX_REST_BLOCKS}`, 1, MAX_REST_BLOCKS), 20),
  beforeHeight: optional(heightParam('Only blocks below this height')),
}
const addressPageParams = {
  address: addressParam('bech32m address on this network'),
  limit: withDefault(intParam(`At most ${MAX_HISTORY}`, 1, MAX_HISTORY), 50),
  beforeHeight: optional(heightParam('Only history below this height')),
}

/**
 * The explorer's REST index (GET, JSON) under /api/v1/, answering with the same JSON shapes as
 * the RPC methods: blocks, blocks/:hashOrHeight, tx/:txid, address/:address, mempool.
 */
export function createRestRouter(p: {
  dispatcher: Dispatcher
  components: ApiComponents
  parseCtx: ParseContext
}): (path: string, query: URLSearchParams, call: CallContext) => Promise<RestResult> {
  const { dispatcher, components, parseCtx } = p
  const ctx: MethodContext = { components, network: parseCtx.network, requestStop: () => {} }

  async function blocks(query: URLSearchParams): Promise<Json[]> {
    const { limit, beforeHeight } = parseParams(blockListParams, queryParams(query), parseCtx)
    const { chain } = components
    const tipHeight = chain.tip().height
    const top = beforeHeight === undefined ? tipHeight : Math.min(tipHeight, beforeHeight - 1)
    const out: Json[] = []
    for (let h = top; h >= 0 && out.length < limit; h--) {
      const entry = await chain.getHeaderByHeight(h)
      const bytes = entry ? await chain.getBlockBytes(entry.hash) : undefined
      if (!entry || !bytes) break
      out.push(formatBlockSummary(entry, tipHeight, bytes))
    }
    return out
  }

  async function address(addr: string, query: URLSearchParams): Promise<Json> {
    const q = parseParams(addressPageParams, { ...queryParams(query), address: addr }, parseCtx)
    const balance = await loadBalance(ctx, q.address)
    return { ...balance, history: await loadHistory(ctx, q.address.lock, q) }
  }

  function noQuery(query: URLSearchParams): void {
    const first = query.keys().next()
    if (!first.done) throw invalidParams(first.value, 'unknown parameter')
  }

  async function route(
    parts: string[],
    query: URLSearchParams,
    call: CallContext,
  ): Promise<unknown> {
    const [resource, id, extra] = parts
    if (extra !== undefined) throw new RpcError('METHOD_NOT_FOUND', 'no such resource')
    if (resource === 'blocks' && id === undefined) return blocks(query)
    if (resource === 'address' && id !== undefined) return address(id, query)
    noQuery(query)
    if (resource === 'blocks' && id !== undefined) {
      const ref = /^\d{1,10}$/.test(id) ? { height: Number(id) } : { hash: id }
      return dispatcher.invoke('getBlock', ref, call)
    }
    if (resource === 'tx' && id !== undefined)
      return dispatcher.invoke('getTransaction', { txid: id }, call)
    if (resource === 'mempool' && id === undefined) return dispatcher.invoke('getMempool', {}, call)
    throw new RpcError('METHOD_NOT_FOUND', 'no such resource')
  }

  function restError(e: unknown, path: string): RpcError {
    if (e instanceof RpcError) return e
    if (e instanceof URIError) return new RpcError('INVALID_REQUEST', 'malformed path')
    components.logger.error({ err: e, path }, 'api: REST handler failed')
    return new RpcError('INTERNAL_ERROR', 'internal error')
  }

  return async (path, query, call) => {
    const started = performance.now()
    const resource = path.split('/').find((s) => s.length > 0) ?? ''
    const method = RESOURCES.has(resource) ? `rest.${resource}` : 'rest.unknown'
    let result: RestResult
    try {
      const parts = path
        .split('/')
        .filter((s) => s.length > 0)
        .map(decodeURIComponent)
      result = { status: 200, body: await route(parts, query, call), method }
    } catch (e) {
      const err = restError(e, path)
      result = { status: HTTP_STATUS[err.code] ?? 500, body: { error: err.toJSON() }, method }
    }
    components.metrics.rpcRequest(
      method,
      result.status === 200
        ? 'ok'
        : String((result.body as { error: { code: number } }).error.code),
      (performance.now() - started) / 1000,
    )
    return result
  }
}
