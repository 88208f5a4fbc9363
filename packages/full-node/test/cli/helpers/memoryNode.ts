/**
 * A real JSON-RPC HTTP server (127.0.0.1, port 0) over the protocol's MemoryChain on devnet: the
 * wallet's transactions go through full block validation (signatures, amounts, maturity). It
 * speaks the subset of the node API the CLI uses, until tests can start a real node.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  computeTxid,
  createSignatureSchemes,
  DEVNET,
  decodeAddress,
  decodeTransaction,
  devnetAccount,
  equalBytes,
  fromHex,
  initHashing,
  MemoryChain,
  toHex,
  ValidationError,
} from '@supernova/protocol'

export const NOW = DEVNET.genesis.timestamp + 365 * 86_400_000

export type MemoryNode = {
  url: string
  chain: MemoryChain
  /** Authorization headers seen, by method. */
  auth: Map<string, string | undefined>
  /** What getBalance reports as the mempool effect (the in-memory node confirms at once). */
  pendingDelta: string
  /** Mines `n` empty blocks to devnet account 9. */
  mine(n: number): Promise<void>
  close(): Promise<void>
}

type Handler = (
  params: Record<string, unknown>,
  auth: string | undefined,
) => Promise<unknown> | unknown
class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message)
  }
}

export const ADMIN_TOKEN = 'test-cookie-secret-0123456789'

export async function startMemoryNode({
  feeRate = '2',
}: {
  feeRate?: string
} = {}): Promise<MemoryNode> {
  await initHashing()
  const chain = new MemoryChain(DEVNET, createSignatureSchemes())
  const confirmed = new Map<string, number>()
  const state = { pendingDelta: '0' } as MemoryNode
  const auth = new Map<string, string | undefined>()
  const minerLock = devnetAccount(9).lock
  const mine = async (n: number) => {
    for (let i = 0; i < n; i++)
      await chain.connect(chain.buildBlock({ rewardLock: minerLock }), NOW)
  }
  const coinsOf = (address: unknown) => {
    const { lock } = decodeAddress({ address: String(address), network: 'devnet' })
    return [...chain.utxos.all()].filter(
      (u) =>
        u.entry.lock.type === lock.type && equalBytes(u.entry.lock.policyHash, lock.policyHash),
    )
  }
  const handlers: Record<string, Handler> = {
    getChainInfo: () => ({
      network: 'devnet',
      genesisHash: DEVNET.genesisHash,
      height: chain.height,
      tipHash: toHex(chain.tip.hash),
    }),
    getUtxos: ({ address }) =>
      coinsOf(address).map(({ outpoint, entry }) => ({
        txid: toHex(outpoint.txid),
        vout: outpoint.vout,
        amount: entry.amount.toString(),
        height: entry.height,
        coinbase: entry.coinbase,
        mature: !entry.coinbase || chain.height + 1 - entry.height >= DEVNET.coinbaseMaturity,
      })),
    getBalance: ({ address }) => {
      const coins = coinsOf(address)
      return {
        address,
        confirmed: coins.reduce((s, c) => s + c.entry.amount, 0n).toString(),
        unconfirmedDelta: state.pendingDelta,
        utxoCount: coins.length,
        height: chain.height,
      }
    },
    estimateFee: () => ({ feeRate, targetBlocks: 2 }),
    sendTransaction: async ({ hex }) => {
      const tx = decodeTransaction(fromHex(String(hex)))
      try {
        const block = chain.buildBlock({ transactions: [tx], rewardLock: minerLock })
        await chain.connect(block, NOW)
      } catch (e) {
        if (e instanceof ValidationError)
          throw new RpcFailure(-32004, 'transaction rejected', { code: e.code, reason: e.message })
        throw e
      }
      const txid = toHex(computeTxid(tx))
      confirmed.set(txid, chain.height)
      return { txid }
    },
    getTransaction: ({ txid }) => {
      const height = confirmed.get(String(txid))
      if (height === undefined) throw new RpcFailure(-32003, 'transaction not found')
      return { txid, status: 'confirmed', height, confirmations: chain.height - height + 1 }
    },
    stop: (_params, header) => {
      if (header !== `Bearer ${ADMIN_TOKEN}`) throw new RpcFailure(-32001, 'unauthorized')
      return { stopping: true }
    },
  }
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as {
      id: number
      method: string
      params: Record<string, unknown>
    }
    auth.set(body.method, req.headers.authorization)
    let reply: unknown
    try {
      const handler = handlers[body.method]
      if (!handler) throw new RpcFailure(-32601, 'method not found')
      reply = {
        jsonrpc: '2.0',
        id: body.id,
        result: await handler(body.params, req.headers.authorization),
      }
    } catch (e) {
      const f = e instanceof RpcFailure ? e : new RpcFailure(-32603, (e as Error).message)
      reply = {
        jsonrpc: '2.0',
        id: body.id,
        error: { code: f.code, message: f.message, data: f.data },
      }
    }
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(reply))
  })
  const url = await listen(server)
  await mine(DEVNET.coinbaseMaturity) // genesis allocations become spendable
  Object.assign(state, {
    url,
    chain,
    auth,
    mine,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  })
  return state
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => {
      s += c
    })
    req.on('end', () => resolve(s))
    req.on('error', reject)
  })
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    })
  })
}

/** A loopback URL where nothing listens (a port just released). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer()
  const url = await listen(server)
  await new Promise((resolve) => server.close(resolve))
  return url
}
