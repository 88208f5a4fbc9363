import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'

/** Extra bytes drained after an oversize body before the socket is cut. */
const MAX_DRAIN_BYTES = 1 << 20
const DRAIN_GRACE_MS = 2000

/**
 * Reads a request body, counting bytes as they stream in: past `maxBytes` it stops buffering and
 * resolves `'too-large'` at once (nothing more is kept). Rejects if the client aborts.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        cleanup()
        chunks.length = 0
        resolve('too-large')
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve(Buffer.concat(chunks, size))
    }
    const onError = (err: Error) => {
      cleanup()
      reject(err)
    }
    const onClose = () => {
      if (req.complete) return
      cleanup()
      reject(new Error('request aborted'))
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

/**
 * After answering an oversize request: let a bounded amount of the rest of the body drain (so the
 * client reads the 413 rather than a reset), then cut the connection — it is never reused.
 */
export function discardRest(req: IncomingMessage): void {
  let drained = 0
  const cut = () => req.socket.destroy()
  const timer = setTimeout(cut, DRAIN_GRACE_MS)
  timer.unref()
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length
    if (drained > MAX_DRAIN_BYTES) cut()
  })
  req.on('end', () => clearTimeout(timer))
  req.socket.once('close', () => clearTimeout(timer))
  req.resume()
}

/** Sends a JSON text (already serialized) with `status` and extra headers. */
export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end()
    return
  }
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  })
  res.end(body)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  sendText(res, status, JSON.stringify(value), headers)
}

/** The caller's address, as the rate limiter keys it (no proxy headers are trusted). */
export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown'
}

/** CORS headers for an allowed `Origin`, none otherwise (the browser then refuses the read). */
export function corsHeaders(
  origin: string | undefined,
  allowed: ReadonlySet<string>,
): Record<string, string> {
  if (!origin || !allowed.has(origin)) return {}
  return { 'access-control-allow-origin': origin, vary: 'Origin' }
}

/** Grace for a refused raw socket to flush its answer before it is destroyed. */
const REFUSE_GRACE_MS = 1000

/**
 * Answers a raw socket (a refused upgrade or an unparseable request) with a bare status line and
 * closes it: `end` first so the client reads the answer, `destroy` after a short grace whatever
 * the client does.
 */
export function refuseSocket(socket: Duplex, statusLine: string): void {
  if (socket.writable)
    socket.end(`HTTP/1.1 ${statusLine}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  setTimeout(() => socket.destroy(), REFUSE_GRACE_MS).unref()
}
