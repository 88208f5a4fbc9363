import { invalidParams, RpcError } from '../errors.js'
import { defineMethod, type MethodDef, SUBSCRIPTION_TOPICS } from '../method.js'
import { addressParam, enumParam, optional, stringParam } from '../params.js'

const subscribe = defineMethod({
  name: 'subscribe',
  summary:
    'WebSocket only: receive `subscription` notifications for newHeads, pendingTxs or addressActivity (with address).',
  params: {
    topic: enumParam('What to follow', SUBSCRIPTION_TOPICS),
    address: optional(addressParam('Required for addressActivity')),
  },
  result: { type: 'string', description: 'Subscription id' },
  errors: ['TOO_MANY_SUBSCRIPTIONS'],
  wsOnly: true,
  handler(p, { session }) {
    if (!session)
      throw new RpcError('METHOD_NOT_FOUND', 'subscribe is only available over WebSocket')
    if (p.topic === 'addressActivity' && !p.address)
      throw invalidParams('address', 'required for addressActivity')
    if (p.topic !== 'addressActivity' && p.address)
      throw invalidParams('address', 'only for addressActivity')
    return session.subscribe(p.topic, p.address)
  },
})

const unsubscribe = defineMethod({
  name: 'unsubscribe',
  summary: 'WebSocket only: stop a subscription of this connection.',
  params: { subscription: stringParam('Subscription id', 64) },
  result: { type: 'boolean', const: true },
  errors: ['NOT_FOUND'],
  wsOnly: true,
  handler(p, { session }) {
    if (!session)
      throw new RpcError('METHOD_NOT_FOUND', 'unsubscribe is only available over WebSocket')
    if (!session.unsubscribe(p.subscription))
      throw new RpcError('NOT_FOUND', 'no such subscription on this connection')
    return true
  },
})

/** Subscription management (WebSocket). */
export const SUBSCRIPTION_METHODS: readonly MethodDef[] = [subscribe, unsubscribe]
