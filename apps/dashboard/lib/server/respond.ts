/**
 * HTTP answers of the dashboard's JSON API: CORS open for GET (the data is public), JSON bodies,
 * and errors mapped to statuses a third party can act on — 400 for its own mistake, 503 while no
 * verified chain is available (with Retry-After), 500 otherwise.
 */
import { EnergyInputError } from '../energy'
import { BadQueryError } from './apiQuery'
import { NodeUnavailableError } from './nodeBootstrap'

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
}

/** A JSON answer with CORS and a cache policy (default: no caching). */
export function json(body: unknown, init: { status?: number; cache?: string } = {}): Response {
  return Response.json(body, {
    status: init.status ?? 200,
    headers: { ...CORS_HEADERS, 'cache-control': init.cache ?? 'no-store' },
  })
}

/** The answer to a CORS preflight. */
export function preflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS })
}

/** The error answer for what an API handler threw. */
export function errorResponse(e: unknown): Response {
  if (e instanceof BadQueryError)
    return json({ error: 'BAD_QUERY', parameter: e.parameter, message: e.message }, { status: 400 })
  const unavailable = (error: string, message: string) =>
    Response.json(
      { error, message, retry: 'Ask again in a few seconds; the server reconnects by itself.' },
      {
        status: 503,
        headers: { ...CORS_HEADERS, 'cache-control': 'no-store', 'retry-after': '5' },
      },
    )
  if (e instanceof NodeUnavailableError) return unavailable(e.code, e.message)
  if (e instanceof EnergyInputError && e.code === 'SHORT_WINDOW')
    return unavailable('NOT_ENOUGH_BLOCKS', 'fewer than two verified blocks with time between them')
  return json(
    { error: 'INTERNAL', message: 'the indicators could not be computed' },
    { status: 500 },
  )
}
