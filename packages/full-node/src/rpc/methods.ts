import { fromHex } from '@supernova/protocol'
import { parseSignedUnits, parseUnits } from '../wallet/amount.js'
import { type RpcClient, RpcError } from './client.js'

/** The fields of `getChainInfo` the CLI relies on. */
export type ChainInfo = { network: string; genesisHash: string; height: number; tipHash: string }
export type Balance = {
  confirmed: bigint
  unconfirmedDelta: bigint
  utxoCount: number
  height: number
}
export type UtxoInfo = {
  txid: Uint8Array
  vout: number
  amount: bigint
  height: number
  coinbase: boolean
  mature: boolean
}
export type TxStatus = { status: 'mempool' | 'confirmed'; confirmations: number; height?: number }

function invalid(method: string, field: string): never {
  throw new RpcError({ code: 'INVALID_RESPONSE', message: `${method}: malformed field '${field}'` })
}

function obj(method: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) invalid(method, 'result')
  return v as Record<string, unknown>
}

function int(method: string, o: Record<string, unknown>, key: string): number {
  const v = o[key]
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) invalid(method, key)
  return v
}

function str(method: string, o: Record<string, unknown>, key: string): string {
  const v = o[key]
  if (typeof v !== 'string') invalid(method, key)
  return v
}

function hash32(method: string, o: Record<string, unknown>, key: string): string {
  const v = str(method, o, key)
  if (!/^[0-9a-f]{64}$/.test(v)) invalid(method, key)
  return v
}

function units(method: string, o: Record<string, unknown>, key: string, signed = false): bigint {
  try {
    return signed ? parseSignedUnits(str(method, o, key)) : parseUnits(str(method, o, key))
  } catch {
    invalid(method, key)
  }
}

/** `getChainInfo`, checked. @throws {RpcError} */
export async function getChainInfo(rpc: RpcClient): Promise<ChainInfo> {
  const o = obj('getChainInfo', await rpc.call('getChainInfo'))
  return {
    network: str('getChainInfo', o, 'network'),
    genesisHash: hash32('getChainInfo', o, 'genesisHash'),
    height: int('getChainInfo', o, 'height'),
    tipHash: hash32('getChainInfo', o, 'tipHash'),
  }
}

/** `getBalance` with amounts as bigint. @throws {RpcError} */
export async function getBalance(rpc: RpcClient, address: string): Promise<Balance> {
  const o = obj('getBalance', await rpc.call('getBalance', { address }))
  return {
    confirmed: units('getBalance', o, 'confirmed'),
    unconfirmedDelta: units('getBalance', o, 'unconfirmedDelta', true),
    utxoCount: int('getBalance', o, 'utxoCount'),
    height: int('getBalance', o, 'height'),
  }
}

/** `getUtxos` (at most `limit` ≤ 1000 coins) with txids as bytes. @throws {RpcError} */
export async function getUtxos(rpc: RpcClient, address: string, limit = 1000): Promise<UtxoInfo[]> {
  const result = await rpc.call('getUtxos', { address, limit })
  if (!Array.isArray(result) || result.length > limit) invalid('getUtxos', 'result')
  return result.map((item) => {
    const o = obj('getUtxos', item)
    return {
      txid: fromHex(hash32('getUtxos', o, 'txid')),
      vout: int('getUtxos', o, 'vout'),
      amount: units('getUtxos', o, 'amount'),
      height: int('getUtxos', o, 'height'),
      coinbase: o.coinbase === true,
      mature: o.mature === true,
    }
  })
}

/** `estimateFee`: fee rate in units per byte. @throws {RpcError} */
export async function estimateFee(rpc: RpcClient, targetBlocks = 2): Promise<bigint> {
  const o = obj('estimateFee', await rpc.call('estimateFee', { targetBlocks }))
  return units('estimateFee', o, 'feeRate')
}

/** `sendTransaction`: broadcasts a hex-encoded transaction, returns its txid. @throws {RpcError} */
export async function sendTransaction(rpc: RpcClient, hex: string): Promise<string> {
  const o = obj('sendTransaction', await rpc.call('sendTransaction', { hex }))
  return hash32('sendTransaction', o, 'txid')
}

/** Status of a transaction (`getTransaction`). @throws {RpcError} `RPC_ERROR` -32003 when unknown. */
export async function getTransactionStatus(rpc: RpcClient, txid: string): Promise<TxStatus> {
  const o = obj('getTransaction', await rpc.call('getTransaction', { txid }))
  const status = o.status
  if (status !== 'mempool' && status !== 'confirmed') invalid('getTransaction', 'status')
  const confirmations = int('getTransaction', o, 'confirmations')
  return typeof o.height === 'number'
    ? { status, confirmations, height: int('getTransaction', o, 'height') }
    : { status, confirmations }
}
