import { BaseError } from '@supernova/protocol'

/** JSON-RPC error codes of the API (docs: the RPC spec, "Errors"). */
export const RPC_ERROR_CODES = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  UNAUTHORIZED: -32001,
  RATE_LIMITED: -32002,
  NOT_FOUND: -32003,
  TX_REJECTED: -32004,
  NOT_AVAILABLE: -32005,
  BATCH_TOO_LARGE: -32006,
  REQUEST_TOO_LARGE: -32007,
  TOO_MANY_SUBSCRIPTIONS: -32008,
} as const

export type RpcErrorCode = keyof typeof RPC_ERROR_CODES

/** One-line meaning of each code, for the OpenRPC document. */
export const RPC_ERROR_MESSAGES: Readonly<Record<RpcErrorCode, string>> = {
  PARSE_ERROR: 'parse error',
  INVALID_REQUEST: 'invalid request',
  METHOD_NOT_FOUND: 'method not found',
  INVALID_PARAMS: 'invalid params',
  INTERNAL_ERROR: 'internal error',
  UNAUTHORIZED: 'unauthorized: admin method without a valid cookie or API key',
  RATE_LIMITED: 'rate limited',
  NOT_FOUND: 'not found',
  TX_REJECTED: 'transaction rejected',
  NOT_AVAILABLE: 'not available on this network',
  BATCH_TOO_LARGE: 'batch too large',
  REQUEST_TOO_LARGE: 'request too large',
  TOO_MANY_SUBSCRIPTIONS: 'too many subscriptions',
}

export type RpcErrorObject = { code: number; message: string; data?: unknown }

/**
 * An error the API answers with. `data` is sent to the client as is; messages never include
 * internals (an unexpected exception becomes a bare INTERNAL_ERROR and is logged instead).
 */
export class RpcError extends BaseError<RpcErrorCode> {
  override name = 'RpcError'
  readonly data: unknown

  constructor(code: RpcErrorCode, message: string, data?: unknown) {
    super({ code, message })
    this.data = data
  }

  /** The numeric JSON-RPC code. */
  get rpcCode(): number {
    return RPC_ERROR_CODES[this.code]
  }

  toJSON(): RpcErrorObject {
    const bare = this.message.slice(this.code.length + 2)
    return this.data === undefined
      ? { code: this.rpcCode, message: bare }
      : { code: this.rpcCode, message: bare, data: this.data }
  }
}

/** -32602 naming the offending parameter. */
export function invalidParams(field: string, reason: string): RpcError {
  return new RpcError('INVALID_PARAMS', `invalid ${field}: ${reason}`, { field, reason })
}

export function notFound(what: string): RpcError {
  return new RpcError('NOT_FOUND', `${what} not found`)
}
