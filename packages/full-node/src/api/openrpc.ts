import { RPC_ERROR_CODES, RPC_ERROR_MESSAGES, type RpcErrorCode } from './errors.js'
import type { MethodDef } from './method.js'

export const OPENRPC_VERSION = '1.2.6'

/** Errors any method can answer. */
const COMMON_ERRORS: readonly RpcErrorCode[] = ['INVALID_PARAMS', 'INTERNAL_ERROR', 'RATE_LIMITED']

function errorObject(code: RpcErrorCode): { code: number; message: string } {
  return { code: RPC_ERROR_CODES[code], message: RPC_ERROR_MESSAGES[code] }
}

/**
 * The OpenRPC document of `methods` — the very table the dispatcher uses, so the two never
 * disagree. Admin methods carry `x-admin: true`, WebSocket-only ones `x-transport: "websocket"`.
 */
export function buildOpenRpcDocument(
  methods: readonly MethodDef[],
  info: { version: string; network: string },
): Record<string, unknown> {
  return {
    openrpc: OPENRPC_VERSION,
    info: {
      title: 'SuperNova node API',
      version: info.version,
      description: `JSON-RPC 2.0 over POST /rpc and WebSocket /ws (${info.network}). Hashes and bytes are lowercase hex, amounts decimal strings of base units.`,
    },
    servers: [
      { name: 'http', url: '/rpc' },
      { name: 'websocket', url: '/ws' },
    ],
    methods: methods.map((m) => ({
      name: m.name,
      summary: m.summary,
      paramStructure: Object.keys(m.params).length <= 1 ? 'either' : 'by-name',
      params: Object.entries(m.params).map(([name, p]) => ({
        name,
        description: p.description,
        required: p.required,
        schema: p.schema,
      })),
      result: { name: 'result', schema: m.result },
      errors: [...new Set([...m.errors, ...COMMON_ERRORS])].map(errorObject),
      ...(m.admin ? { 'x-admin': true } : {}),
      ...(m.wsOnly ? { 'x-transport': 'websocket' } : {}),
    })),
  }
}
