import { hashHeader } from '@supernova/protocol'
import { IDBFactory } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLightClient } from '../../src/client/createLightClient.js'
import { createLightClientNetwork } from '../../src/network/createLightClientNetwork.js'
import {
  type Clock,
  createClock,
  mineBlocks,
  startFullNode,
  stopFullNode,
  type TestNode,
  waitUntil,
} from '../network/fullNode.js'

/** Far longer than any test runs: only the node's push can bring a new head. */
const TEN_MINUTES = 600_000

let clock: Clock
let full: TestNode

beforeAll(async () => {
  clock = createClock()
  full = await startFullNode({ clock })
  await mineBlocks(full, clock, 3)
}, 60_000)

afterAll(async () => {
  if (full) await stopFullNode(full)
})

describe('new heads pushed by a real full node', () => {
  it('reach header sync at once, with the status poll and the sync round ten minutes apart', async () => {
    const net = createLightClientNetwork({
      network: 'devnet',
      bootstrap: [full.ws],
      statusIntervalMs: TEN_MINUTES,
    })
    const c = createLightClient(
      {
        network: 'devnet',
        bootstrap: [full.ws],
        now: clock.now,
        indexedDB: new IDBFactory(),
        sync: { pollIntervalMs: TEN_MINUTES },
      },
      { network: net },
    )
    try {
      await c.start()
      await c.waitForSync()
      expect((await c.getChainInfo()).tip.height).toBe(3)
      await waitUntil(() => full.node.network.headsSubscribers() === 1, 'the client to subscribe')

      const events: string[] = []
      net.on('status', (e) => events.push(`status ${e.status.tipHeight}`))
      c.on('heads', (e) => events.push(`heads ${e.tip.height}`))
      const reached = (height: number) =>
        new Promise<Uint8Array>((resolve) => {
          const off = c.on('heads', (e) => {
            if (e.tip.height < height) return
            off()
            resolve(e.tip.hash)
          })
        })

      const fourth = reached(4)
      const [b4] = await mineBlocks(full, clock, 1)
      expect(await fourth).toEqual(hashHeader(b4!.header))
      // The pushed status came first and made the sync fetch and verify the new header.
      expect(events).toEqual(['status 4', 'heads 4'])

      const sixth = reached(6)
      const more = await mineBlocks(full, clock, 2)
      expect(await sixth).toEqual(hashHeader(more[1]!.header))
      expect((await c.getChainInfo()).tip.height).toBe(6)
      expect(net.peers()[0]?.status?.tipHeight).toBe(6)
    } finally {
      await c.stop()
    }
    await waitUntil(() => full.node.network.headsSubscribers() === 0, 'the node to drop the stream')
  })
})
