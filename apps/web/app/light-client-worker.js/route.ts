import { findWorkerScript, loadWorkerScript } from '../../lib/workerScript'

/**
 * GET /light-client-worker.js — the light client's SharedWorker script, served from the site's
 * origin so every page of every zone (`/`, `/explorer`, `/dashboard`) shares one client.
 * Revalidated on each load (ETag), so a rebuilt light client takes effect on the next visit.
 */
export async function GET(request: Request): Promise<Response> {
  const script = await loadWorkerScript(findWorkerScript(process.env))
  const headers = {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'no-cache',
    etag: script.etag,
  }
  if (request.headers.get('if-none-match') === script.etag)
    return new Response(null, { status: 304, headers })
  return new Response(script.body, { headers })
}
