import { objectSchema, S } from '../json.js'
import { defineMethod, type MethodDef } from '../method.js'
import { buildOpenRpcDocument } from '../openrpc.js'
import { ADDRESS_METHODS } from './address.js'
import { ADMIN_METHODS } from './admin.js'
import { CHAIN_METHODS } from './chain.js'
import { POOL_METHODS } from './mempool.js'
import { SUBSCRIPTION_METHODS } from './subscriptions.js'

/** The API version reported in the OpenRPC document. */
export const API_VERSION = '0.1.0'

export type MethodTable = {
  /** By name; the dispatcher looks methods up here and nowhere else. */
  readonly byName: ReadonlyMap<string, MethodDef>
  /** The OpenRPC document generated from the same rows. */
  readonly document: Record<string, unknown>
}

/** Builds the method table of a node on `network`, `rpc.discover` included. */
export function createMethodTable(network: string): MethodTable {
  const rows: MethodDef[] = [
    ...CHAIN_METHODS,
    ...ADDRESS_METHODS,
    ...POOL_METHODS,
    ...ADMIN_METHODS,
    ...SUBSCRIPTION_METHODS,
  ]
  let document: Record<string, unknown> = {}
  rows.push(
    defineMethod({
      name: 'rpc.discover',
      summary: 'This OpenRPC document (also GET /openrpc.json).',
      params: {},
      result: objectSchema({
        openrpc: S.STR,
        info: { type: 'object' },
        methods: { type: 'array' },
      }),
      errors: [],
      handler: () => document,
    }),
  )
  document = buildOpenRpcDocument(rows, { version: API_VERSION, network })
  const byName = new Map(rows.map((m) => [m.name, m]))
  if (byName.size !== rows.length) throw new Error('createMethodTable: duplicate method name')
  return { byName, document }
}
