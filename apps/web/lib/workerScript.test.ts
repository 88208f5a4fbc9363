import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { findWorkerScript, loadWorkerScript } from './workerScript'

let dir: string | undefined
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = undefined
})

describe('the light-client worker script', () => {
  it('is found in the workspace (built by the light client) and starts the worker host', async () => {
    const file = findWorkerScript({})
    expect(file).toMatch(/light-client-worker\.js$/)
    const { body, etag } = await loadWorkerScript(file)
    expect(body.length).toBeGreaterThan(10_000)
    expect(etag).toMatch(/^"[\w-]{27}"$/)
  })

  it('honours LIGHT_CLIENT_WORKER_FILE and says how to build it when missing', async () => {
    expect(findWorkerScript({ LIGHT_CLIENT_WORKER_FILE: '/x/w.js' })).toBe('/x/w.js')
    dir = await mkdtemp(join(tmpdir(), 'worker-script-'))
    expect(() => findWorkerScript({}, dir)).toThrow(/npm run build/)
  })

  it('re-reads a changed file: a new ETag for new content', async () => {
    dir = await mkdtemp(join(tmpdir(), 'worker-script-'))
    const file = join(dir, 'w.js')
    await writeFile(file, 'one')
    const first = await loadWorkerScript(file)
    expect(await loadWorkerScript(file)).toBe(first)
    await writeFile(file, 'two')
    await utimes(file, new Date(), new Date(Date.now() + 5_000))
    const second = await loadWorkerScript(file)
    expect(second.body).toBe('two')
    expect(second.etag).not.toBe(first.etag)
  })
})
