import { afterEach, describe, expect, it } from 'vitest'
import { createLightClientNetwork } from '../../src/network/createLightClientNetwork.js'
import type { DisconnectReason, NetworkPeer } from '../../src/network/types.js'
import {
  createClock,
  mineBlocks,
  startFullNode,
  stopFullNode,
  type TestNode,
  waitUntil,
} from './fullNode.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function fullNode(
  o: Parameters<typeof startFullNode>[0],
  keepDir = false,
): Promise<TestNode> {
  const t = await startFullNode(o)
  cleanups.push(() => stopFullNode(t, { keepDir }).catch(() => undefined))
  return t
}

describe('against real full nodes', () => {
  it('reconnects on its own after the node restarts (same identity and WebSockets port)', async () => {
    const clock = createClock()
    const first = await fullNode({ clock }, true)
    await mineBlocks(first, clock, 2)
    const net = createLightClientNetwork({
      network: 'devnet',
      bootstrap: [first.ws],
      reconnect: { minMs: 100, maxMs: 400 },
    })
    cleanups.push(() => net.stop())
    const connects: NetworkPeer[] = []
    const disconnects: { peer: string; reason: DisconnectReason }[] = []
    net.on('peer:connect', (e) => connects.push(e.peer))
    net.on('peer:disconnect', (e) => disconnects.push(e))
    await net.start()
    const [before] = await net.waitForPeers({ timeoutMs: 10_000 })
    expect(before?.status?.tipHeight).toBe(2)

    await first.node.stop()
    await waitUntil(() => disconnects.length === 1, 'the disconnect', 10_000)
    expect(disconnects[0]).toEqual({ peer: before!.id, reason: 'closed' })
    expect(net.peers()).toEqual([])

    // The restarted node keeps its peer id; its chain (in memory) starts over. In one process the
    // stopped node's WebRTC UDP socket is not released at once, so only WebSockets keeps its port.
    const again = await fullNode({
      clock,
      dataDir: first.dataDir,
      ports: { ...first.ports, webrtc: 0 },
    })
    expect(again.ws).toBe(first.ws)
    await waitUntil(() => connects.length === 2, 'the reconnect', 20_000)
    const [after] = await net.waitForPeers({ timeoutMs: 10_000 })
    expect(after?.id).toBe(before?.id)
    expect(after?.status?.tipHeight).toBe(0)
    const { headers } = await net.getHeaders({ fromHeight: 0, count: 5 })
    expect(headers).toEqual(await again.node.chain.getHeaders(0, 5))
  }, 60_000)

  it('keeps several nodes connected and asks each for its own chain', async () => {
    const clock = createClock()
    const nodes: TestNode[] = []
    for (let i = 0; i < 3; i++) {
      const t = await fullNode({ clock })
      await mineBlocks(t, clock, i + 1)
      nodes.push(t)
    }
    const net = createLightClientNetwork({
      network: 'devnet',
      bootstrap: nodes.flatMap((t) => [t.webrtc, t.ws]),
    })
    cleanups.push(() => net.stop())
    await net.start()
    const peers = await net.waitForPeers({ count: 3, timeoutMs: 15_000 })
    expect(peers).toHaveLength(3)
    for (const t of nodes) {
      const id = t.ws.split('/p2p/')[1]!
      const { status } = await net.getStatus({ peer: id })
      expect(status.tipHash).toEqual(t.node.chain.tip().hash)
      expect(net.peers().find((p) => p.id === id)?.transport).toBe('websockets')
    }
  }, 60_000)
})
