import 'fake-indexeddb/auto'
import { multiaddr } from '@multiformats/multiaddr'
import {
  COIN,
  computeTxid,
  createEd25519Noble,
  type DevnetAccount,
  decodeMempoolTxResponse,
  devnetAccount,
  encodeMempoolTxResponse,
  encodeResponseFrame,
  encodeTransaction,
  equalBytes,
  genesisHashBytes,
  PROTOCOL_NAMES,
  type ProtocolName,
  SEQUENCE_FINAL,
  signTransaction,
  type Transaction,
  TX_VERSION,
  toHex,
} from '@supernova/protocol'
import { IDBFactory } from 'fake-indexeddb'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLightClient } from '../../src/client/createLightClient.js'
import { MEMPOOL_UNVERIFIED_REASON } from '../../src/client/getMempool.js'
import type { LightClient } from '../../src/client/types.js'
import { createLightClientNetwork } from '../../src/network/createLightClientNetwork.js'
import { NetworkError } from '../../src/network/errors.js'
import { exchange } from '../../src/network/exchange.js'
import type { LightClientNetwork } from '../../src/network/network.js'
import { LightClientError } from '../../src/verify/errors.js'
import type { Evidence } from '../../src/verify/evidence.js'
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
import { type RawNode, type Script, sendPayload, startRawNode } from '../network/rawNode.js'
import { type Corrupt, startLyingProxy } from './lyingProxy.js'

const ed25519 = createEd25519Noble()
const carol = devnetAccount(2)
let clock: Clock
let full: TestNode
let paid: Transaction
let child: Transaction

/** Spends output `vout` of the pending `parent` (paid to `from`) back to `from`, paying `fee`. */
function spendPending(parent: Transaction, vout: number, from: DevnetAccount, fee: bigint) {
  const out = parent.outputs[vout]!
  return signTransaction({
    tx: {
      version: TX_VERSION,
      kind: 'transfer',
      inputs: [{ prevout: { txid: computeTxid(parent), vout }, sequence: SEQUENCE_FINAL }],
      outputs: [{ amount: out.amount - fee, lock: from.lock }],
      locktime: 0,
      payload: new Uint8Array(0),
    },
    spent: [{ amount: out.amount, lock: out.lock, policy: from.policy }],
    genesisHash: genesisHashBytes(full.node.params),
    sign: (_key, message) => ed25519.sign(message, from.secretKey),
  })
}

beforeAll(async () => {
  clock = createClock()
  full = await startFullNode({ clock })
  await mineBlocks(full, clock, 11) // genesis allocations mature after 10 blocks
}, 60_000)

afterAll(async () => {
  if (full) await stopFullNode(full)
})

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s()
})

async function startClient(
  bootstrap: string[],
): Promise<{ c: LightClient; net: LightClientNetwork }> {
  const net = createLightClientNetwork({
    network: 'devnet',
    bootstrap,
    reconnect: { minMs: 50, maxMs: 200 },
    statusIntervalMs: 200,
  })
  const c = createLightClient(
    { network: 'devnet', bootstrap, now: clock.now, indexedDB: new IDBFactory() },
    { network: net },
  )
  stops.push(() => c.stop())
  await c.start()
  await net.waitForPeers({ count: bootstrap.length, timeoutMs: 15_000 })
  await c.waitForSync()
  return { c, net }
}

async function failure(p: Promise<unknown>): Promise<LightClientError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(LightClientError)
  return e as LightClientError
}

describe('the mempool through the light client, against a real full node', () => {
  it('getMempool: the node’s summary, marked unverified and naming the node', async () => {
    const { c } = await startClient([full.ws])
    const empty = await c.getMempool()
    expect(empty).toMatchObject({ txCount: 0, totalBytes: 0, tipHeight: 11, recent: [] })
    expect(empty.verification).toEqual({
      status: 'unverified',
      peer: full.node.network.peerId(),
      reason: MEMPOOL_UNVERIFIED_REASON,
    })
    paid = await payFrom(full, carol, devnetAccount(3).lock, COIN, 10_000n)
    await full.node.mempool.add(paid)
    child = spendPending(paid, 1, carol, 7_000n)
    await full.node.mempool.add(child)
    const s = await c.getMempool()
    const sizes = [paid, child].map((tx) => encodeTransaction(tx).length)
    expect(s.txCount).toBe(2)
    expect(s.totalBytes).toBe(sizes[0]! + sizes[1]!)
    expect(s.recent.map((e) => toHex(e.txid)).sort()).toEqual(
      [paid, child].map((tx) => toHex(computeTxid(tx))).sort(),
    )
    expect(s.projected).toMatchObject({ txCount: 2, fees: 17_000n })
    expect(s.histogram.reduce((n, b) => n + b.count, 0)).toBe(2)
  })

  it('getPendingTransaction: inputs proven unspent at the tip, signatures checked, the fee', async () => {
    const { c } = await startClient([full.ws])
    const p = await c.getPendingTransaction({ txid: computeTxid(paid) })
    const size = encodeTransaction(paid).length
    expect(p).toMatchObject({
      state: 'pending',
      size,
      fee: 10_000n,
      peer: full.node.network.peerId(),
    })
    expect(p.feeRate).toBeCloseTo(10_000 / size)
    expect(p.tx).toEqual(paid)
    expect(p.inputs).toHaveLength(1)
    expect(p.inputs[0]).toMatchObject({ source: 'utxo', entry: { lock: carol.lock } })
    expect(p.ancestors).toEqual([])
    expect(p.verification).toMatchObject({ status: 'verified', depth: 0, header: { height: 11 } })
    expect(p.verification.header.hash).toEqual(full.node.chain.tip().hash)
    expect(p.firstSeen).toBe(full.node.mempool.get(computeTxid(paid))!.time)
    // Its child spends its pending change: verified with its parent.
    const k = await c.getPendingTransaction({ txid: toHex(computeTxid(child)) })
    expect(k.fee).toBe(7_000n)
    expect(k.inputs[0]).toMatchObject({
      source: 'pending',
      entry: { amount: paid.outputs[1]!.amount },
    })
    expect(k.ancestors).toEqual([computeTxid(paid)])
    expect(c.evidence()).toEqual([])
  })

  it('NOT_FOUND for a txid no node holds, and once the transaction is mined', async () => {
    const { c } = await startClient([full.ws])
    expect(
      (await failure(c.getPendingTransaction({ txid: new Uint8Array(32).fill(9) }))).code,
    ).toBe('NOT_FOUND')
    await mineWith(full, clock, [paid, child])
    await waitUntil(() => full.node.mempool.size === 0, 'the mempool to drop the mined txs')
    expect((await failure(c.getPendingTransaction({ txid: computeTxid(paid) }))).code).toBe(
      'NOT_FOUND',
    )
    expect((await c.getTransaction({ txid: computeTxid(paid) })).height).toBe(12)
  })
})

/** A node that forwards everything to `target` but answers `mempool-tx` itself. */
async function startMempoolLiar(target: string, mempoolTx: Script): Promise<RawNode> {
  let raw: RawNode | undefined
  const forward =
    (name: ProtocolName): Script =>
    async (stream, request) => {
      const connection = await raw!.libp2p.dial(multiaddr(target))
      try {
        const body = await exchange({
          network: 'devnet',
          connection,
          name,
          payload: request,
          timeoutMs: 10_000,
        })
        await sendPayload(stream, encodeResponseFrame({ result: 'OK', body }))
      } catch (e) {
        if (!(e instanceof NetworkError) || e.details.source !== 'peer') throw e
        await sendPayload(
          stream,
          encodeResponseFrame({ result: e.code as 'NOT_FOUND', message: 'forwarded' }),
        )
      }
    }
  const scripts = Object.fromEntries(PROTOCOL_NAMES.map((n) => [n, forward(n)]))
  raw = await startRawNode({ ...scripts, 'mempool-tx': mempoolTx })
  return raw
}

/** Starts a client on the liar and the honest node, the liar asked first. */
async function liarFirst(liar: RawNode) {
  stops.push(async () => {
    await liar.libp2p.stop()
  })
  const { c, net } = await startClient([liar.address, full.ws])
  const honest = net.peers().find((p) => p.id !== liar.id)!.id
  net.penalize({ peer: honest, points: 1, reason: 'test: ask the liar first' })
  const events: Evidence[] = []
  c.on('evidence', (e) => events.push(e))
  return { c, net, events }
}

describe('lying nodes and the pending check', () => {
  it('altered transaction bytes: refused with evidence, the liar dropped, the honest answer verified', async () => {
    const tx = await payFrom(full, devnetAccount(4), carol.lock, COIN, 12_000n)
    await full.node.mempool.add(tx)
    const alter: Corrupt = (body) => {
      const m = decodeMempoolTxResponse(body)
      const outputs = m.tx.outputs.map((o, i) => (i === 0 ? { ...o, amount: o.amount + 1n } : o))
      return encodeMempoolTxResponse({ tx: { ...m.tx, outputs }, firstSeen: m.firstSeen })
    }
    const proxy = await startLyingProxy(full.ws, { 'mempool-tx': alter })
    const { c, net, events } = await liarFirst(proxy)
    const p = await c.getPendingTransaction({ txid: computeTxid(tx) })
    expect(p.fee).toBe(12_000n)
    expect(p.peer).toBe(full.node.network.peerId())
    expect(events.map((e) => [e.code, e.peer, e.severity])).toEqual([
      ['TXID_MISMATCH', proxy.id, 'lie'],
    ])
    expect((events[0]!.answer as { bytes: Uint8Array }).bytes).toBeInstanceOf(Uint8Array)
    await waitUntil(
      () => !net.peers().some((x) => x.id === proxy.id),
      'the liar to be dropped',
      5_000,
    )
  })

  it('a forged signature under the right txid: TX_INVALID evidence, the honest answer verified', async () => {
    const tx = await payFrom(full, devnetAccount(5), carol.lock, COIN, 13_000n)
    await full.node.mempool.add(tx)
    const forge: Corrupt = (body) => {
      const m = decodeMempoolTxResponse(body)
      const w = m.tx.witnesses[0]!
      const sat = structuredClone(w.satisfaction) as { signature?: Uint8Array }
      if (sat.signature) sat.signature[0]! ^= 1
      const witnesses = [{ ...w, satisfaction: sat as typeof w.satisfaction }]
      return encodeMempoolTxResponse({ tx: { ...m.tx, witnesses }, firstSeen: m.firstSeen })
    }
    const proxy = await startLyingProxy(full.ws, { 'mempool-tx': forge })
    const { c, events } = await liarFirst(proxy)
    const p = await c.getPendingTransaction({ txid: computeTxid(tx) })
    expect(p.fee).toBe(13_000n)
    expect(events.map((e) => [e.code, e.peer])).toEqual([['TX_INVALID', proxy.id]])
  })

  it('a mined transaction served as pending: INVALID_AT_TIP (input spent), no evidence', async () => {
    const liar = await startMempoolLiar(full.ws, async (stream, request) => {
      const frame = equalBytes(request, computeTxid(paid))
        ? { result: 'OK' as const, body: encodeMempoolTxResponse({ tx: paid, firstSeen: 1 }) }
        : { result: 'NOT_FOUND' as const, message: 'not in the pool' }
      await sendPayload(stream, encodeResponseFrame(frame))
    })
    const { c, events } = await liarFirst(liar)
    const e = await failure(c.getPendingTransaction({ txid: computeTxid(paid) }))
    expect(e.code).toBe('INVALID_AT_TIP')
    expect(e.details).toMatchObject({ reason: 'INPUT_SPENT', input: 0 })
    expect(events).toEqual([])
  })
})
