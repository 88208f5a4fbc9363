import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEVNET } from '@supernova/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRpcClient, RpcError, rpcEndpoint } from '../../src/rpc/client.js'
import { run } from './helpers/io.js'
import {
  ADMIN_TOKEN,
  closedPortUrl,
  type MemoryNode,
  startMemoryNode,
} from './helpers/memoryNode.js'

const dir = mkdtempSync(join(tmpdir(), 'sn-rpc-'))
let node: MemoryNode
beforeAll(async () => {
  node = await startMemoryNode()
})
afterAll(async () => {
  await node.close()
  rmSync(dir, { recursive: true, force: true })
})

async function rpcError(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(RpcError)
    return e as RpcError
  }
  throw new Error('expected an RpcError')
}

describe('JSON-RPC client', () => {
  it('calls methods and returns results', async () => {
    const rpc = createRpcClient({ url: node.url })
    expect(rpc.endpoint).toBe(`${node.url}/rpc`)
    const info = await rpc.call<{ genesisHash: string }>('getChainInfo')
    expect(info.genesisHash).toBe(DEVNET.genesisHash)
  })

  it('turns JSON-RPC errors into RpcError with code, message and data', async () => {
    const e = await rpcError(createRpcClient({ url: node.url }).call('noSuchMethod'))
    expect(e.code).toBe('RPC_ERROR')
    expect(e.rpcCode).toBe(-32601)
    expect(e.rpcMessage).toBe('method not found')
    const rejected = await rpcError(
      createRpcClient({ url: node.url }).call('sendTransaction', { hex: '00' }),
    )
    expect(rejected.rpcCode).toBe(-32603)
  })

  it('says clearly when no node listens, and times out a silent one', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as AddressInfo).port
    await new Promise((r) => closed.close(r))
    const refused = await rpcError(createRpcClient({ url: `http://127.0.0.1:${port}` }).call('x'))
    expect(refused.code).toBe('NODE_UNREACHABLE')
    expect(refused.message).toContain('is it running?')

    const silent = createServer(() => undefined) // accepts and never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
    const timeout = await rpcError(createRpcClient({ url, timeoutMs: 200 }).call('x'))
    expect(timeout.code).toBe('TIMEOUT')
    silent.closeAllConnections()
    await new Promise((r) => silent.close(r))
  })

  it('caps the response size and rejects non-JSON-RPC answers', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/big/rpc')
        res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: 'x'.repeat(5000) }))
      else if (req.url === '/html/rpc') res.writeHead(404).end('<html>not found</html>')
      else res.end(JSON.stringify({ jsonrpc: '2.0', id: 999, result: 1 }))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const big = await rpcError(
      createRpcClient({ url: `${base}/big/rpc`, maxResponseBytes: 1000 }).call('x'),
    )
    expect(big.code).toBe('INVALID_RESPONSE')
    expect((await rpcError(createRpcClient({ url: `${base}/html/rpc` }).call('x'))).code).toBe(
      'HTTP_ERROR',
    )
    expect((await rpcError(createRpcClient({ url: base }).call('x'))).message).toMatch(
      /another request/,
    )
    await new Promise((r) => server.close(r))
  })

  it('validates node URLs', () => {
    expect(rpcEndpoint('http://127.0.0.1:7700')).toBe('http://127.0.0.1:7700/rpc')
    expect(rpcEndpoint('https://node.example/custom/rpc')).toBe('https://node.example/custom/rpc')
    expect(() => rpcEndpoint('ftp://x')).toThrow(/only http/)
    expect(() => rpcEndpoint('not a url')).toThrow(/not a URL/)
  })
})

describe('supernova rpc', () => {
  it('prints the result as pretty JSON', async () => {
    const r = await run(['rpc', 'getChainInfo', '--rpc', node.url])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).network).toBe('devnet')
    expect(r.stdout).toContain('\n  "network": "devnet"')
    const params = await run(['rpc', 'getBalance', '{"address":"dnova1x"}', '--rpc', node.url])
    expect(params.code).toBe(1)
    expect(params.stderr).toMatch(/JSON-RPC -32603/)
  })

  it('prints errors to stderr with the JSON-RPC code and data', async () => {
    const r = await run(['rpc', 'nope', '--rpc', node.url])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('supernova: RPC_ERROR: method not found (JSON-RPC -32601)\n')
  })

  it('sends the cookie from <data-dir>/.cookie for admin methods only', async () => {
    const dataDir = join(dir, 'data')
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(dataDir, '.cookie'), `${ADMIN_TOKEN}\n`, { mode: 0o600 })
    const stop = await run(['rpc', 'stop', '--rpc', node.url, '--data-dir', dataDir])
    expect(stop.stderr).toBe('')
    expect(JSON.parse(stop.stdout)).toEqual({ stopping: true })
    expect(node.auth.get('stop')).toBe(`Bearer ${ADMIN_TOKEN}`)
    await run(['rpc', 'getChainInfo', '--rpc', node.url, '--data-dir', dataDir])
    expect(node.auth.get('getChainInfo')).toBeUndefined()
    // Without a cookie the node refuses, and the error says so.
    const denied = await run(['rpc', 'stop', '--rpc', node.url, '--data-dir', join(dir, 'empty')])
    expect(denied.stderr).toMatch(/unauthorized \(JSON-RPC -32001\)/)
    // --cookie FILE and --api-key take precedence.
    writeFileSync(join(dir, 'other-cookie'), 'wrong-secret')
    const viaFile = await run([
      'rpc',
      'stop',
      '--rpc',
      node.url,
      '--cookie',
      join(dir, 'other-cookie'),
    ])
    expect(viaFile.stderr).toMatch(/-32001/)
    const viaKey = await run(['rpc', 'stop', '--rpc', node.url, '--api-key', ADMIN_TOKEN])
    expect(viaKey.code).toBe(0)
    const viaEnv = await run(['rpc', 'stop', '--rpc', node.url, '--data-dir', join(dir, 'empty')], {
      env: { SUPERNOVA_API_KEY: ADMIN_TOKEN },
    })
    expect(viaEnv.code).toBe(0)
    const missing = await run(['rpc', 'stop', '--rpc', node.url, '--cookie', join(dir, 'nope')])
    expect(missing.stderr).toMatch(/no cookie file at/)
  })

  it("finds the cookie in the default data dir of the node's network", async () => {
    const home = join(dir, 'home')
    mkdirSync(join(home, '.supernova', 'devnet'), { recursive: true })
    writeFileSync(join(home, '.supernova', 'devnet', '.cookie'), ADMIN_TOKEN, { mode: 0o600 })
    const r = await run(['rpc', 'stop', '--rpc', node.url], { homeDir: home, cwd: home })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual({ stopping: true })
    // An explicit network points elsewhere: no cookie there, so the node refuses.
    const other = await run(['rpc', 'stop', '--rpc', node.url, '--network', 'testnet'], {
      homeDir: home,
      cwd: home,
    })
    expect(other.stderr).toMatch(/-32001/)
  })

  it('reports a missing node in one line', async () => {
    const r = await run(['rpc', 'getChainInfo', '--rpc', await closedPortUrl()])
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/NODE_UNREACHABLE: no node at .* — is it running\?/)
  })
})
