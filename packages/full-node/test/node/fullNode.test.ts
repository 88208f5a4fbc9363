import { ed25519 } from '@noble/curves/ed25519.js'
import { COIN, devnetAccount, encodeAddress, lockForPolicy } from '@supernova/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { createFullNode, type FullNode } from '../../src/node/createFullNode.js'
import type { FullNodeOptions } from '../../src/node/options.js'
import { tempDir } from '../helpers/chain.js'
import { rpc as call, until } from '../helpers/rpc.js'

const rpc = (node: FullNode, method: string, params?: unknown) =>
  call(node.apiUrl(), method, params)

const nodes: FullNode[] = []
const dirs: (() => void)[] = []
afterEach(async () => {
  for (const n of nodes.splice(0)) await n.stop()
  for (const d of dirs.splice(0)) d()
})

function devnetOptions(
  dataDir: string,
  o: { mine?: boolean; bootstrap?: string[] } = {},
): FullNodeOptions {
  return {
    network: 'devnet',
    dataDir,
    api: { enabled: true, host: '127.0.0.1', port: 0, corsOrigins: [] },
    p2p: {
      enabled: true,
      host: '127.0.0.1',
      tcpPort: 0,
      wsPort: 0,
      webrtcPort: 0,
      bootstrap: o.bootstrap ?? [],
      maxConnections: 50,
    },
    mining: {
      enabled: o.mine ?? true,
      threads: 1,
      rewardAddress: encodeAddress({ network: 'devnet', lock: devnetAccount(9).lock }),
    },
    faucet: { enabled: true, maxAmount: 1_000n * COIN },
    verifyThreads: 1,
    log: { level: 'silent' as 'fatal', pretty: false },
  }
}

async function startNode(o: { mine?: boolean; bootstrap?: string[] } = {}): Promise<FullNode> {
  const dir = tempDir()
  dirs.push(dir.cleanup)
  const node = await createFullNode(devnetOptions(dir.path, o))
  nodes.push(node)
  await node.start()
  return node
}

describe('a devnet full node', () => {
  it('mines, serves the chain over JSON-RPC and pays from the faucet to a new address', async () => {
    const node = await startNode()
    const info = await until('11 blocks', async () => {
      const i = await rpc(node, 'getChainInfo')
      return i.height >= 11 && i
    })
    expect(info.network).toBe('devnet')
    // The bootstrap list a site serves to browsers: the node's own WebSockets and WebRTC-direct addresses.
    const self = await rpc(node, 'getNodeInfo')
    expect(self.peerId).toMatch(/^12D3Koo/)
    expect(self.multiaddrs.length).toBeGreaterThan(self.browserMultiaddrs.length)
    expect(self.browserMultiaddrs.some((a: string) => /\/ws\/p2p\//.test(a))).toBe(true)
    expect(self.browserMultiaddrs.some((a: string) => a.includes('/webrtc-direct/certhash/'))).toBe(
      true,
    )
    for (const a of self.browserMultiaddrs) expect(a.endsWith(`/p2p/${self.peerId}`)).toBe(true)
    const key = ed25519.getPublicKey(new Uint8Array(32).fill(3))
    const address = encodeAddress({
      network: 'devnet',
      lock: lockForPolicy({ type: 'key', key: { scheme: 'ed25519', publicKey: key } }),
    })
    const { txid } = await rpc(node, 'faucet', { address, amount: (25n * COIN).toString() })
    expect(txid).toMatch(/^[0-9a-f]{64}$/)
    const balance = await until('the faucet payment to confirm', async () => {
      const b = await rpc(node, 'getBalance', { address })
      return b.confirmed === (25n * COIN).toString() && b
    })
    expect(balance.utxoCount).toBe(1)
    const tx = await rpc(node, 'getTransaction', { txid })
    expect(tx.status).toBe('confirmed')
  }, 60_000)

  it('a second node started with --bootstrap converges on the same chain', async () => {
    const a = await startNode()
    await until('a few blocks on A', async () => a.chain.tip().height >= 5)
    const b = await startNode({
      mine: false,
      bootstrap: a.addresses().filter((x) => x.includes('/tcp/') && !x.includes('/ws')),
    })
    await until(
      'B to catch up with A',
      async () => b.chain.tip().height >= a.chain.tip().height - 1 && b.chain.tip().height >= 5,
      45_000,
    )
    const h = Math.min(a.chain.tip().height, b.chain.tip().height)
    expect((await b.chain.getHeaderByHeight(h))!.hash).toEqual(
      (await a.chain.getHeaderByHeight(h))!.hash,
    )
  }, 90_000)
})
