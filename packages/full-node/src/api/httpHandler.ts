import type { IncomingMessage, ServerResponse } from 'node:http'
import { bearerToken } from './auth.js'
import type { ApiComponents } from './backend.js'
import type { CallContext, Dispatcher } from './dispatch.js'
import { RpcError } from './errors.js'
import { clientIp, corsHeaders, discardRest, readBody, sendJson, sendText } from './http.js'
import type { RateDecision } from './rateLimit.js'
import type { RestResult } from './rest.js'
import type { UpgradeVerdict } from './ws.js'

type Headers = Record<string, string>

export type HttpHandlerParameters = {
  components: ApiComponents
  dispatcher: Dispatcher
  rest: (path: string, query: URLSearchParams, call: CallContext) => Promise<RestResult>
  openRpcDocument: unknown
  corsOrigins: ReadonlySet<string>
  maxBodyBytes: number
  rateLimit: (ip: string, cost: number) => RateDecision
  /** The current token check (it changes with the cookie at each start). */
  isAuthed: (token: string | undefined) => boolean
  /** A `stop` call was answered and sent. */
  onStop: () => void
}

const BASE = 'http://api.invalid'

function retryAfter(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)))
}

function rpcError(res: ServerResponse, status: number, e: RpcError, headers: Headers): void {
  sendJson(res, status, { jsonrpc: '2.0', id: null, error: e.toJSON() }, headers)
}

/**
 * Routing of plain HTTP requests and the checks of WebSocket upgrades: CORS for the configured
 * origins only, auth from `Authorization: Bearer`, the per-IP rate limit before any body is read,
 * the body cap while streaming.
 */
export function createHttpHandler(p: HttpHandlerParameters): {
  onRequest(req: IncomingMessage, res: ServerResponse): Promise<void>
  verdict(req: IncomingMessage): UpgradeVerdict
} {
  const { components, dispatcher, maxBodyBytes } = p

  async function rpc(
    req: IncomingMessage,
    res: ServerResponse,
    call: CallContext,
    headers: Headers,
  ) {
    const declared = Number(req.headers['content-length'] ?? 0)
    let body: Buffer | 'too-large'
    try {
      body = declared > maxBodyBytes ? 'too-large' : await readBody(req, maxBodyBytes)
    } catch {
      // The client went away mid-body: nobody to answer.
      res.destroy()
      return
    }
    if (body === 'too-large') {
      const e = new RpcError('REQUEST_TOO_LARGE', `body over ${maxBodyBytes} bytes`, {
        maxBytes: maxBodyBytes,
      })
      rpcError(res, 413, e, { ...headers, connection: 'close' })
      discardRest(req)
      return
    }
    const result = await dispatcher.handle(body.toString('utf8'), call)
    if (result.body === undefined) res.writeHead(204, headers).end()
    else if (result.retryAfterMs !== undefined)
      sendText(res, 429, result.body, {
        ...headers,
        'retry-after': retryAfter(result.retryAfterMs),
      })
    else sendText(res, 200, result.body, headers)
    if (result.stopRequested) res.once('finish', p.onStop)
  }

  async function get(url: URL, res: ServerResponse, call: CallContext, headers: Headers) {
    const path = url.pathname
    if (path === '/health') {
      const peers = await components.network.getPeers()
      const status = components.network.isSyncing?.() ? 'syncing' : 'ok'
      const height = components.chain.tip().height
      return sendJson(res, 200, { status, height, peers: peers.length }, headers)
    }
    if (path === '/metrics') {
      const text = await components.metrics.render()
      res.writeHead(200, { ...headers, 'content-type': components.metrics.contentType })
      return void res.end(text)
    }
    if (path === '/openrpc.json') return sendJson(res, 200, p.openRpcDocument, headers)
    if (path.startsWith('/api/v1/')) {
      const r = await p.rest(path.slice('/api/v1'.length), url.searchParams, call)
      return sendJson(res, r.status, r.body, headers)
    }
    sendJson(res, 404, { error: { code: -32601, message: 'not found' } }, headers)
  }

  function preflight(res: ServerResponse, headers: Headers): void {
    if (!headers['access-control-allow-origin']) return void res.writeHead(403).end()
    res.writeHead(204, {
      ...headers,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'Content-Type, Authorization',
      'access-control-max-age': '600',
    })
    res.end()
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = corsHeaders(req.headers.origin, p.corsOrigins)
    let url: URL
    try {
      url = new URL(req.url ?? '/', BASE)
    } catch {
      return sendJson(res, 400, { error: { code: -32600, message: 'malformed URL' } }, headers)
    }
    if (req.method === 'OPTIONS') return preflight(res, headers)
    const isRpc = url.pathname === '/rpc'
    const authed = p.isAuthed(bearerToken(req.headers.authorization))
    const ip = clientIp(req)
    if (!authed) {
      const decision = p.rateLimit(ip, 1)
      if (!decision.ok) {
        const e = new RpcError('RATE_LIMITED', 'rate limited; retry later', {
          retryAfterMs: decision.retryAfterMs,
        })
        const close: Headers = isRpc ? { connection: 'close' } : {}
        rpcError(res, 429, e, {
          ...headers,
          ...close,
          'retry-after': retryAfter(decision.retryAfterMs),
        })
        if (isRpc) discardRest(req)
        return
      }
    }
    // The first call was charged above; a batch pays for the rest once its size is known.
    const admit = (cost: number): RateDecision =>
      authed ? { ok: true } : p.rateLimit(ip, cost - 1)
    const call: CallContext = { authed, admit }
    const allowed = isRpc ? 'POST' : 'GET'
    if (req.method !== allowed && !(allowed === 'GET' && req.method === 'HEAD')) {
      const e = { error: { code: -32600, message: `use ${allowed}` } }
      return sendJson(res, 405, e, { ...headers, allow: allowed })
    }
    return isRpc ? rpc(req, res, call, headers) : get(url, res, call, headers)
  }

  function verdict(req: IncomingMessage): UpgradeVerdict {
    let url: URL
    try {
      url = new URL(req.url ?? '/', BASE)
    } catch {
      return { ok: false, status: 404 }
    }
    const origin = req.headers.origin
    const ip = clientIp(req)
    const authed = p.isAuthed(
      url.searchParams.get('token') ?? bearerToken(req.headers.authorization),
    )
    if (url.pathname !== '/ws') return { ok: false, status: 404 }
    if (origin !== undefined && !p.corsOrigins.has(origin)) return { ok: false, status: 403 }
    if (!authed && !p.rateLimit(ip, 1).ok) return { ok: false, status: 429 }
    return { ok: true, ip, authed }
  }

  return { onRequest, verdict }
}
