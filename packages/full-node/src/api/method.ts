import type { Lock, Network } from '@supernova/protocol'
import type { ApiComponents } from './backend.js'
import type { RpcErrorCode } from './errors.js'
import type { JsonSchema, ParamSpecs, ParamsOf } from './params.js'

/** What a WebSocket connection offers to `subscribe`/`unsubscribe`. */
export type SubscriptionSession = {
  subscribe(topic: SubscriptionTopic, address?: { address: string; lock: Lock }): string
  unsubscribe(id: string): boolean
}

export const SUBSCRIPTION_TOPICS = ['newHeads', 'pendingTxs', 'addressActivity'] as const
export type SubscriptionTopic = (typeof SUBSCRIPTION_TOPICS)[number]

/** Everything a method handler may touch. */
export type MethodContext = {
  components: ApiComponents
  network: Network
  /** The WebSocket connection, absent over HTTP. */
  session?: SubscriptionSession
  /** Ask the node to stop once this response has been sent. */
  requestStop(): void
}

/**
 * One row of the method table: the dispatcher validates `params` with the specs, checks `admin`
 * auth and the transport, then calls `handler`; `rpc.discover` documents the same row.
 */
export type MethodDef<P extends ParamSpecs = ParamSpecs> = {
  name: string
  summary: string
  params: P
  /** Schema summary of the result. */
  result: JsonSchema
  /** Application errors the method can answer besides -32602/-32603. */
  errors: readonly RpcErrorCode[]
  /** Needs the cookie or API key. */
  admin?: boolean
  /** Only over WebSocket (subscriptions). */
  wsOnly?: boolean
  handler(params: ParamsOf<P>, ctx: MethodContext): unknown
}

/** Defines a method with its handler's params typed from the specs. */
export function defineMethod<P extends ParamSpecs>(def: MethodDef<P>): MethodDef {
  return def as unknown as MethodDef
}
