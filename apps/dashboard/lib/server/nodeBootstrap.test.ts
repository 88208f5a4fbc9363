import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchNodeBootstrap, NodeUnavailableError, rpcUrlFromEnv } from './nodeBootstrap'

const PEER = '12D3KooWN2GFg1776yc5oZZ7wWJcbsQLtGgquvDjw279V9F9tDUv'
const WS = `/ip4/127.0.0.1/tcp/7702/ws/p2p/${PEER}`
const TCP = `/ip4/127.0.0.1/tcp/7701/p2p/${PEER}`
const RTC = `/ip4/127.0.0.1/udp/7703/webrtc-direct/certhash/uEiA/p2p/${PEER}`

/** A real HTTP server answering JSON-RPC with whatever the test sets (or hanging). */
let answer: unknown = null
let hang = false
let server: Server
let url = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    if (hang) return
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      expect(JSON.parse(body)).toMatchObject({ method: 'getNodeInfo' })
      res.setHeader('content-type', 'application/json')
      res.end(typeof answer === 'string' ? answer : JSON.stringify(answer))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rpc`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(NodeUnavailableError)
    return (e as NodeUnavailableError).code
  }
  throw new Error('did not throw')
}

describe('fetchNodeBootstrap', () => {
  it('keeps the WebSockets addresses of the node’s answer', async () => {
    hang = false
    answer = {
      jsonrpc: '2.0',
      id: 1,
      result: {
        network: 'devnet',
        peerId: PEER,
        multiaddrs: [TCP, WS, RTC],
        browserMultiaddrs: [WS, RTC],
      },
    }
    expect(await fetchNodeBootstrap({ rpcUrl: url })).toEqual({
      network: 'devnet',
      peerId: PEER,
      bootstrap: [WS],
    })
  })

  it('says why no node can be used', async () => {
    hang = false
    answer = { jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'no such method' } }
    expect(await code(fetchNodeBootstrap({ rpcUrl: url }))).toBe('NODE_ERROR')
    answer = { jsonrpc: '2.0', id: 1, result: { network: 'moonnet', peerId: PEER, multiaddrs: [] } }
    expect(await code(fetchNodeBootstrap({ rpcUrl: url }))).toBe('BAD_ANSWER')
    answer = 'not json'
    expect(await code(fetchNodeBootstrap({ rpcUrl: url }))).toBe('NODE_UNREACHABLE')
    answer = {
      jsonrpc: '2.0',
      id: 1,
      result: { network: 'devnet', peerId: PEER, multiaddrs: [TCP, RTC] },
    }
    expect(await code(fetchNodeBootstrap({ rpcUrl: url }))).toBe('NO_WS_ADDRESS')
  })

  it('gives up on a node that does not answer in time, and on a closed port', async () => {
    hang = true
    expect(await code(fetchNodeBootstrap({ rpcUrl: url, timeoutMs: 100 }))).toBe('NODE_UNREACHABLE')
    hang = false
    expect(await code(fetchNodeBootstrap({ rpcUrl: 'http://127.0.0.1:1/rpc' }))).toBe(
      'NODE_UNREACHABLE',
    )
  })
})

describe('rpcUrlFromEnv', () => {
  it('reads SUPERNOVA_RPC_URL, defaulting to the devnet node', () => {
    expect(rpcUrlFromEnv({})).toBe('http://127.0.0.1:7700/rpc')
    expect(rpcUrlFromEnv({ SUPERNOVA_RPC_URL: 'http://node:1/rpc' })).toBe('http://node:1/rpc')
  })
})
