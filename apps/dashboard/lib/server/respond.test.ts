import { describe, expect, it } from 'vitest'
import { EnergyInputError } from '../energy'
import { BadQueryError } from './apiQuery'
import { NodeUnavailableError } from './nodeBootstrap'
import { errorResponse, json, preflight } from './respond'

describe('API responses', () => {
  it('open CORS for GET on every answer', async () => {
    for (const r of [json({ a: 1 }), preflight(), errorResponse(new Error('x'))]) {
      expect(r.headers.get('access-control-allow-origin')).toBe('*')
      expect(r.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS')
    }
    expect(preflight().status).toBe(204)
    const ok = json({ a: 1 }, { cache: 'public, max-age=5' })
    expect(ok.headers.get('cache-control')).toBe('public, max-age=5')
    expect(await ok.json()).toEqual({ a: 1 })
  })

  it('answer 400 for a bad parameter, naming it', async () => {
    const r = errorResponse(new BadQueryError('pue', 'must be a number from 1 to 2'))
    expect(r.status).toBe(400)
    expect(await r.json()).toEqual({
      error: 'BAD_QUERY',
      parameter: 'pue',
      message: 'pue: must be a number from 1 to 2',
    })
  })

  it('answer 503 with Retry-After while no verified chain is available', async () => {
    const r = errorResponse(new NodeUnavailableError('NODE_UNREACHABLE', 'the node did not answer'))
    expect(r.status).toBe(503)
    expect(r.headers.get('retry-after')).toBe('5')
    expect(await r.json()).toMatchObject({
      error: 'NODE_UNREACHABLE',
      message: 'the node did not answer',
    })
    const short = errorResponse(new EnergyInputError('SHORT_WINDOW', 'x'))
    expect(short.status).toBe(503)
    expect(await short.json()).toMatchObject({ error: 'NOT_ENOUGH_BLOCKS' })
  })

  it('answer 500 without details for anything else', async () => {
    const r = errorResponse(new TypeError('secret internals'))
    expect(r.status).toBe(500)
    expect(JSON.stringify(await r.json())).not.toContain('secret')
  })
})
