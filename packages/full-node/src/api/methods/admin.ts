import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { invalidParams } from '../errors.js'
import { objectSchema, S } from '../json.js'
import { defineMethod, type MethodDef } from '../method.js'
import { boolParam, intParam, optional, stringParam, withDefault } from '../params.js'

/** Longest `addPeer` dial the API waits for (the network port bounds its own dial too). */
export const ADD_PEER_TIMEOUT_MS = 30_000
export const MAX_MINING_THREADS = 256
const DAY_MS = 86_400_000

function withTimeout<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

const stop = defineMethod({
  name: 'stop',
  summary: 'Stop the node (after answering).',
  params: {},
  result: objectSchema({ stopping: { const: true } }),
  errors: ['UNAUTHORIZED'],
  admin: true,
  handler(_p, ctx) {
    ctx.requestStop()
    return { stopping: true }
  },
})

const setMining = defineMethod({
  name: 'setMining',
  summary: 'Start or stop mining, optionally with a thread count.',
  params: {
    enabled: boolParam('Mine or not'),
    threads: optional(intParam('Worker threads', 1, MAX_MINING_THREADS)),
  },
  result: objectSchema({ mining: S.BOOL, threads: S.INT }),
  errors: ['UNAUTHORIZED'],
  admin: true,
  async handler(p, { components: { miner } }) {
    try {
      await (p.threads === undefined
        ? miner.setMining(p.enabled)
        : miner.setMining(p.enabled, p.threads))
    } catch (e) {
      // The miner refuses a thread count it cannot run (MinerError INVALID_OPTION).
      if (e instanceof Error && 'code' in e && e.code === 'INVALID_OPTION')
        throw invalidParams('threads', e.message)
      throw e
    }
    return { mining: miner.isMining(), threads: miner.threads() }
  },
})

const addPeer = defineMethod({
  name: 'addPeer',
  summary: 'Dial a peer by multiaddr and keep it.',
  params: { multiaddr: stringParam('Multiaddr, e.g. /ip4/1.2.3.4/tcp/7701/p2p/12D3…', 1024) },
  result: objectSchema({ connected: S.BOOL }),
  errors: ['UNAUTHORIZED'],
  admin: true,
  async handler(p, ctx) {
    let normalized: string
    try {
      normalized = multiaddr(p.multiaddr).toString()
    } catch (e) {
      throw invalidParams('multiaddr', e instanceof Error ? e.message : 'malformed')
    }
    const work = ctx.components.network.addPeer(normalized).catch(() => false)
    return { connected: await withTimeout(work, ADD_PEER_TIMEOUT_MS, false) }
  },
})

const banPeer = defineMethod({
  name: 'banPeer',
  summary: 'Disconnect a peer and refuse it for durationMs (default one day).',
  params: {
    peerId: stringParam('libp2p peer id', 128, /^[1-9A-HJ-NP-Za-km-z]+$|^b[a-z2-7]+$/),
    durationMs: withDefault(intParam('1 ms to 365 days', 1, 365 * DAY_MS), DAY_MS),
  },
  result: objectSchema({ banned: { const: true } }),
  errors: ['UNAUTHORIZED'],
  admin: true,
  async handler(p, ctx) {
    let peerId: string
    try {
      peerId = peerIdFromString(p.peerId).toString()
    } catch {
      throw invalidParams('peerId', 'not a valid peer id')
    }
    await ctx.components.network.banPeer(peerId, p.durationMs)
    return { banned: true }
  },
})

/** Methods that need the cookie or API key. */
export const ADMIN_METHODS: readonly MethodDef[] = [stop, setMining, addPeer, banPeer]
