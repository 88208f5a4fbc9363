import 'fake-indexeddb/auto'
import { COIN, devnetAccount, type Transaction } from '@supernova/protocol'
import { IDBFactory } from 'fake-indexeddb'
import { createLightClient } from '../../src/client/createLightClient.js'
import type { LightClient } from '../../src/client/types.js'
import {
  createLightClientNetwork,
  type LightClientNetwork,
} from '../../src/network/createLightClientNetwork.js'
import { createWallet } from '../../src/wallet/createWallet.js'
import type { Wallet } from '../../src/wallet/wallet.js'
import {
  type Clock,
  createClock,
  mineBlocks,
  mineWith,
  payFrom,
  startFullNode,
  stopFullNode,
  type TestNode,
  waitUntil,
} from '../network/fullNode.js'
import { MemoryWalletStore } from './memoryWalletStore.js'

export const PASSWORD = 'payments test password'
const SENDER = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
const RECIPIENT = 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above'

/** The fee every seeding payment pays (units): enough over the floor to show in estimates. */
export const SEED_FEE = 50_000n

export type PaymentWorld = {
  clock: Clock
  a: TestNode
  b: TestNode
  net: LightClientNetwork
  client: LightClient
  sender: Wallet
  recipient: Wallet
  /** What the sender was funded with (two coins to its first receive address). */
  funding: Transaction[]
  /** Mines a block on A with `txs` and waits until the client has verified it. */
  mine(txs?: readonly Transaction[]): Promise<void>
  stop(): Promise<void>
}

/**
 * Two real devnet nodes (B syncs from A), a block of six payments A's mempool saw (so A's fee
 * estimate rests on observations), a funded sender wallet (10 and 3 coins, confirmed) and an empty
 * recipient wallet, and a light client connected to both nodes, synced.
 */
export async function startPaymentWorld(): Promise<PaymentWorld> {
  const clock = createClock()
  const a = await startFullNode({ clock })
  await mineBlocks(a, clock, 11) // genesis allocations mature after 10 blocks
  const b = await startFullNode({ clock, bootstrap: [a.tcp] })
  const seeds: Transaction[] = []
  for (let i = 3; i < 9; i++)
    seeds.push(await payFrom(a, devnetAccount(i), devnetAccount(2).lock, COIN, SEED_FEE))
  for (const tx of seeds) await a.node.mempool.add(tx)
  await mineWith(a, clock, seeds)
  const store = () => new MemoryWalletStore()
  const opts = { network: 'devnet' as const, password: PASSWORD, gapLimit: 5 }
  const { wallet: sender } = await createWallet({ ...opts, store: store(), mnemonic: SENDER })
  const { wallet: recipient } = await createWallet({ ...opts, store: store(), mnemonic: RECIPIENT })
  const to = (await sender.receiveAddress()).lock
  const funding = [
    await payFrom(a, devnetAccount(0), to, 10n * COIN),
    await payFrom(a, devnetAccount(1), to, 3n * COIN),
  ]
  await mineWith(a, clock, funding)
  await waitUntil(() => b.node.chain.tip().height === 13, 'B to sync from A')
  const bootstrap = [a.ws, b.ws]
  const net = createLightClientNetwork({
    network: 'devnet',
    bootstrap,
    reconnect: { minMs: 50, maxMs: 200 },
    statusIntervalMs: 200,
  })
  const client = createLightClient(
    { network: 'devnet', bootstrap, now: clock.now, indexedDB: new IDBFactory() },
    { network: net },
  )
  await client.start()
  await net.waitForPeers({ count: 2, timeoutMs: 15_000 })
  await client.waitForSync()
  const verifiedHeight = async () => (await client.getChainInfo()).tip.height
  return {
    clock,
    a,
    b,
    net,
    client,
    sender,
    recipient,
    funding,
    async mine(txs = []) {
      await mineWith(a, clock, txs)
      const height = a.node.chain.tip().height
      const deadline = Date.now() + 15_000
      while ((await verifiedHeight()) < height) {
        if (Date.now() > deadline) throw new Error(`the client did not verify height ${height}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    async stop() {
      await client.stop()
      for (const n of [b, a]) await stopFullNode(n)
    },
  }
}
