import { type Network, toHex } from '@supernova/protocol'
import type { AddressLike } from '../client/resolve.js'
import type { AddressUpdate, CreateLightClientParameters } from '../client/types.js'
import type { TransportName } from '../network/types.js'
import type { Evidence } from '../verify/evidence.js'
import type { SerializedError } from './errors.js'

/** Bumped on any incompatible change of the messages below; both sides must agree. */
export const WORKER_PROTOCOL_VERSION = 2

/**
 * What a page hands the worker to build its client: `CreateLightClientParameters` without the
 * parts that cannot cross a MessagePort (a storage object, an IDBFactory, a clock, a logger,
 * `p2p.random`). The worker opens IndexedDB itself (`storageName`).
 */
export type LightClientInit = Omit<
  CreateLightClientParameters,
  'storage' | 'indexedDB' | 'now' | 'logger' | 'p2p'
> & { p2p?: Omit<NonNullable<CreateLightClientParameters['p2p']>, 'random'> }

/** The client's methods a page calls over the port (`hostInfo` is the host's own). */
export const CALL_METHODS = [
  'start',
  'stop',
  'waitForSync',
  'getChainInfo',
  'getBlock',
  'getHeaders',
  'getTransaction',
  'getMempool',
  'estimateFees',
  'getPendingTransaction',
  'getBalance',
  'getUtxos',
  'getOutpoint',
  'getAddressHistory',
  'sendTransaction',
  'hostInfo',
] as const
export type CallMethod = (typeof CALL_METHODS)[number]

/** Client events a page subscribes to (`evidence` is pushed to every session without asking). */
export const EVENT_NAMES = ['heads', 'progress', 'reorg', 'restore', 'state'] as const
export type EventName = (typeof EVENT_NAMES)[number]

/** Where the client runs: a SharedWorker (a port per tab), a dedicated worker, behind a port, or in the page. */
export type HostMode = 'shared-worker' | 'worker' | 'port' | 'in-page'

/** The host as a session sees it: proof that tabs share one client (`clientInstances` stays 1). */
export type HostInfo = {
  mode: HostMode
  /** Clients the host has built in its life (1 once the first tab said hello). */
  clientInstances: number
  /** Sessions (tabs, ports) connected now. */
  sessions: number
  /** This session's number in the host. */
  session: number
  /** The transports the worker's client dials. */
  transports: TransportName[]
}

export type SubscribeMessage =
  | { t: 'sub'; id: number; kind: 'event'; event: EventName }
  /** `watchHeads`: the current verified tip first, then every new one. */
  | { t: 'sub'; id: number; kind: 'heads' }
  | { t: 'sub'; id: number; kind: 'address'; address: AddressLike; fromHeight: number }

/** Page → worker. */
export type PageMessage =
  | { t: 'hello'; v: number; init: LightClientInit; lock?: string }
  | { t: 'call'; id: number; method: CallMethod; params: unknown; progress?: boolean }
  | { t: 'abort'; id: number }
  | SubscribeMessage
  | { t: 'unsub'; id: number }
  | { t: 'ping' }
  | { t: 'bye' }

/** Worker → page. */
export type WorkerMessage =
  | { t: 'welcome'; v: number; network: Network; evidence: Evidence[]; info: HostInfo }
  | { t: 'result'; id: number; value: unknown }
  | { t: 'error'; id: number; error: SerializedError }
  | { t: 'progress'; id: number; value: { height: number; toHeight: number } }
  | { t: 'event'; id: number; value: unknown }
  | { t: 'sub-error'; id: number; error: SerializedError }
  | { t: 'evidence'; value: Evidence }
  | { t: 'pong' }
  | { t: 'fatal'; error: SerializedError }

/** What an address subscription delivers: an update, or a failed check (the watch goes on). */
export type AddressWatchValue =
  | { type: 'update'; update: AddressUpdate }
  | { type: 'error'; error: SerializedError }

/** A port either side talks through: a MessagePort, a Worker, or a dedicated worker's scope. */
export type PortLike = {
  postMessage(message: unknown): void
  addEventListener(type: 'message' | 'close', listener: (e: MessageEvent) => void): void
  removeEventListener(type: 'message' | 'close', listener: (e: MessageEvent) => void): void
  start?(): void
  close?(): void
}

const isId = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

/** The message if it is a well-formed page message, else undefined (the host answers BAD_MESSAGE). */
export function parsePageMessage(data: unknown): PageMessage | undefined {
  if (!isRecord(data) || typeof data.t !== 'string') return undefined
  switch (data.t) {
    case 'hello':
      return typeof data.v === 'number' &&
        isRecord(data.init) &&
        (data.lock === undefined || typeof data.lock === 'string')
        ? (data as PageMessage)
        : undefined
    case 'call':
      return isId(data.id) && (CALL_METHODS as readonly unknown[]).includes(data.method)
        ? (data as PageMessage)
        : undefined
    case 'sub':
      return isId(data.id) &&
        (data.kind === 'heads' ||
          (data.kind === 'event' && (EVENT_NAMES as readonly unknown[]).includes(data.event)) ||
          (data.kind === 'address' &&
            (typeof data.address === 'string' || isRecord(data.address)) &&
            isId(data.fromHeight)))
        ? (data as PageMessage)
        : undefined
    case 'abort':
    case 'unsub':
      return isId(data.id) ? (data as PageMessage) : undefined
    case 'ping':
    case 'bye':
      return data as PageMessage
    default:
      return undefined
  }
}

/** A stable text key for an address (a string as given, a lock as `type:hex`). */
export function addressKey(address: AddressLike): string {
  if (typeof address === 'string') return address
  // A malformed lock gets a key of its own; the client refuses it with a TypeError.
  if (!(address?.policyHash instanceof Uint8Array)) return '?'
  return `${String(address.type)}:${toHex(address.policyHash)}`
}

/** Slack added to a `waitForSync` call's own `timeoutMs` before the connection gives up on it. */
const WAIT_SLACK_MS = 5_000

/** How long a call may take over the port: `base`, or longer for a `waitForSync` told to wait longer. */
export function callTimeoutMs(method: CallMethod, params: unknown, base: number): number {
  if (method !== 'waitForSync') return base
  const asked = (params as { timeoutMs?: unknown } | undefined)?.timeoutMs
  const wait = typeof asked === 'number' && Number.isFinite(asked) ? asked : 30_000
  return Math.max(base, wait + WAIT_SLACK_MS)
}
