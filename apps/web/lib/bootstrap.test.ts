import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { fetchBootstrap, rpcUrlFromEnv } from './bootstrap'

let server: Server | undefined
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())))

/** A JSON-RPC endpoint answering every call with `answer` (or never, when `answer` is undefined). */
async function endpoint(answer: unknown): Promise<string> {
  server = createServer((req, res) => {
    req.resume()
    if (answer === undefined) return
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(answer))
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/rpc`
}

const peer = '12D3KooWExample'
describe('fetchBootstrap', () => {
  it('returns the browser multiaddrs, WebSockets first', async () => {
    const rpcUrl = await endpoint({
      jsonrpc: '2.0',
      id: 1,
      result: {
        network: 'devnet',
        peerId: peer,
        multiaddrs: [],
        browserMultiaddrs: [
          `/ip4/127.0.0.1/udp/7703/webrtc-direct/certhash/uEi/p2p/${peer}`,
          `/ip4/127.0.0.1/tcp/7702/ws/p2p/${peer}`,
        ],
      },
    })
    const b = await fetchBootstrap({ rpcUrl })
    expect(b.network).toBe('devnet')
    expect(b.bootstrap[0]).toContain('/ws/')
    expect(b.bootstrap).toHaveLength(2)
  })

  it('names a JSON-RPC error, a wrong shape and a silent node', async () => {
    const err = await endpoint({ jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'nope' } })
    await expect(fetchBootstrap({ rpcUrl: err })).rejects.toMatchObject({ code: 'NODE_ERROR' })
    await new Promise<void>((r) => server!.close(() => r()))
    const odd = await endpoint({ jsonrpc: '2.0', id: 1, result: { network: 1 } })
    await expect(fetchBootstrap({ rpcUrl: odd })).rejects.toMatchObject({ code: 'BAD_ANSWER' })
    await new Promise<void>((r) => server!.close(() => r()))
    const silent = await endpoint(undefined)
    await expect(fetchBootstrap({ rpcUrl: silent, timeoutMs: 200 })).rejects.toMatchObject({
      code: 'NODE_UNREACHABLE',
    })
    server!.closeAllConnections()
  })

  it('reads the node URL from SUPERNOVA_RPC_URL, defaulting to the local devnet', () => {
    expect(rpcUrlFromEnv({})).toBe('http://127.0.0.1:7700/rpc')
    expect(rpcUrlFromEnv({ SUPERNOVA_RPC_URL: 'http://node:1/rpc' })).toBe('http://node:1/rpc')
  })
})
