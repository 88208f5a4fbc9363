import { randomBytes } from 'node:crypto'
import {
  type Block,
  type BlockConnection,
  type Lock,
  outpointKey,
  toHex,
} from '@supernova/protocol'
import type { Logger } from 'pino'
import type { ApiChain, ApiMempool, ApiMempoolEntry } from './backend.js'
import { RpcError } from './errors.js'
import { formatHeader } from './json.js'
import type { SubscriptionSession, SubscriptionTopic } from './method.js'

/** Where a connection's notifications go (the WebSocket layer handles backpressure). */
export type NotificationSink = { notify(text: string): void }

export type HubSession = SubscriptionSession & {
  /** Drops every subscription of this connection. */
  close(): void
  readonly count: number
}

export type SubscriptionHub = {
  /** Starts following the chain and mempool. */
  start(): void
  stop(): void
  /** A session for one connection, holding at most `maxSubscriptions`. */
  open(sink: NotificationSink, maxSubscriptions: number): HubSession
}

type Sub = {
  id: string
  sink: NotificationSink
  topic: SubscriptionTopic
  address?: string
  key?: string
}

const lockKey = (lock: Lock): string => `${lock.type}:${toHex(lock.policyHash)}`

function message(id: string, resultJson: string): string {
  // Subscription ids are hex, so plain concatenation is valid JSON.
  return `{"jsonrpc":"2.0","method":"subscription","params":{"subscription":"${id}","result":${resultJson}}}`
}

/**
 * Fans chain and mempool events out to WebSocket subscriptions: `newHeads` on every tip change
 * (the new tip's header; after a reorg only the final tip), `pendingTxs` on every mempool
 * admission, `addressActivity` for each confirmed or pending transaction paying or spending the
 * subscribed address. Work is done only for topics somebody follows.
 */
export function createSubscriptionHub(p: {
  chain: ApiChain
  mempool: ApiMempool
  logger: Logger
}): SubscriptionHub {
  const { chain, mempool, logger } = p
  const heads = new Set<Sub>()
  const pending = new Set<Sub>()
  const byLock = new Map<string, Set<Sub>>()
  let detach: (() => void)[] = []

  function send(subs: Iterable<Sub>, result: (s: Sub) => string): void {
    for (const s of subs) s.sink.notify(message(s.id, result(s)))
  }

  function activity(keys: Set<string>, txid: string, height: number | null): void {
    for (const k of keys) {
      const subs = byLock.get(k)
      if (subs) send(subs, (s) => JSON.stringify({ address: s.address, txid, height }))
    }
  }

  function onConnect(e: { block: Block; height: number; connection: BlockConnection }): void {
    if (byLock.size === 0) return
    const spentLocks = new Map(
      e.connection.spent.map((s) => [outpointKey(s.outpoint), s.entry.lock]),
    )
    e.block.transactions.forEach((tx, i) => {
      const keys = new Set(tx.outputs.map((o) => lockKey(o.lock)))
      for (const input of tx.inputs) {
        const lock = spentLocks.get(outpointKey(input.prevout))
        if (lock) keys.add(lockKey(lock))
      }
      const txid = e.connection.txids[i]
      if (txid) activity(keys, toHex(txid), e.height)
    })
  }

  function onPending(entry: ApiMempoolEntry): void {
    const keys = new Set(entry.tx.outputs.map((o) => lockKey(o.lock)))
    for (const spent of entry.spent) keys.add(lockKey(spent.lock))
    activity(keys, toHex(entry.txid), null)
  }

  /** A listener must never throw into the chain or mempool that emits the event. */
  function guarded<E>(what: string, fn: (e: E) => void): (e: E) => void {
    return (e) => {
      try {
        fn(e)
      } catch (err) {
        logger.error({ err }, `api: ${what} notification failed`)
      }
    }
  }

  function start(): void {
    detach = [
      chain.on(
        'tip',
        guarded('newHeads', ({ tip }) => {
          if (heads.size === 0) return
          const header = JSON.stringify(formatHeader(tip, tip.height))
          send(heads, () => header)
        }),
      ),
      chain.on('connect', guarded('addressActivity', onConnect)),
      mempool.on(
        'added',
        guarded('pendingTxs', ({ entry }) => {
          if (pending.size > 0) {
            const result = JSON.stringify({ txid: toHex(entry.txid) })
            send(pending, () => result)
          }
          if (byLock.size > 0) onPending(entry)
        }),
      ),
    ]
  }

  function remove(s: Sub): void {
    if (s.topic === 'newHeads') heads.delete(s)
    else if (s.topic === 'pendingTxs') pending.delete(s)
    else if (s.key) {
      const set = byLock.get(s.key)
      set?.delete(s)
      if (set?.size === 0) byLock.delete(s.key)
    }
  }

  function open(sink: NotificationSink, maxSubscriptions: number): HubSession {
    const mine = new Map<string, Sub>()
    return {
      subscribe(topic, address) {
        if (mine.size >= maxSubscriptions)
          throw new RpcError(
            'TOO_MANY_SUBSCRIPTIONS',
            `at most ${maxSubscriptions} per connection`,
            {
              max: maxSubscriptions,
            },
          )
        const id = randomBytes(8).toString('hex')
        const s: Sub = { id, sink, topic }
        if (topic === 'newHeads') heads.add(s)
        else if (topic === 'pendingTxs') pending.add(s)
        else if (address) {
          s.address = address.address
          s.key = lockKey(address.lock)
          const set = byLock.get(s.key) ?? new Set<Sub>()
          byLock.set(s.key, set)
          set.add(s)
        }
        mine.set(id, s)
        return id
      },
      unsubscribe(id) {
        const s = mine.get(id)
        if (!s) return false
        mine.delete(id)
        remove(s)
        return true
      },
      close() {
        for (const s of mine.values()) remove(s)
        mine.clear()
      },
      get count() {
        return mine.size
      },
    }
  }

  return {
    start,
    stop() {
      for (const d of detach) d()
      detach = []
    },
    open,
  }
}
