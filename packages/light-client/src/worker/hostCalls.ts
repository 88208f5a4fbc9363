import type { LightClient } from '../client/types.js'
import type { CallMethod } from './protocol.js'

/** What a call runs with in the host: the client, its own signal and the host's lifecycle. */
export type HostCallContext = {
  client: LightClient
  signal: AbortSignal
  /** Set when the page asked for `getAddressHistory` progress. */
  onProgress: ((p: { height: number; toHeight: number }) => void) | undefined
  /** This session starts (or stops) its use of the shared client. */
  start(): Promise<void>
  stop(): Promise<void>
  hostInfo(): unknown
}

const asParams = (params: unknown): Record<string, unknown> => {
  if (params === undefined) return {}
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new TypeError('call parameters must be an object')
  return params as Record<string, unknown>
}

/**
 * Runs one call the page made on the client, with the host's signal in place of the page's (an
 * AbortSignal cannot cross a port; the page's abort arrives as an `abort` message).
 * @throws whatever the client throws; {TypeError} parameters that are not an object.
 */
export function runHostCall(
  method: CallMethod,
  params: unknown,
  c: HostCallContext,
): Promise<unknown> {
  const { client, signal } = c
  const q = asParams(params)
  switch (method) {
    case 'start':
      return c.start()
    case 'stop':
      return c.stop()
    case 'hostInfo':
      return Promise.resolve(c.hostInfo())
    case 'getChainInfo':
      return client.getChainInfo()
    case 'waitForSync':
      return client.waitForSync({ ...q, signal })
    case 'getBlock':
      return client.getBlock({ ...(q as Parameters<LightClient['getBlock']>[0]), signal })
    case 'getHeaders':
      return client.getHeaders({ ...(q as Parameters<LightClient['getHeaders']>[0]), signal })
    case 'getTransaction':
      return client.getTransaction({
        ...(q as Parameters<LightClient['getTransaction']>[0]),
        signal,
      })
    case 'getMempool':
      return client.getMempool({ signal })
    case 'estimateFees':
      return client.estimateFees({
        ...(q as NonNullable<Parameters<LightClient['estimateFees']>[0]>),
        signal,
      })
    case 'getPendingTransaction':
      return client.getPendingTransaction({
        ...(q as Parameters<LightClient['getPendingTransaction']>[0]),
        signal,
      })
    case 'getBalance':
      return client.getBalance({ ...(q as Parameters<LightClient['getBalance']>[0]), signal })
    case 'getUtxos':
      return client.getUtxos({ ...(q as Parameters<LightClient['getUtxos']>[0]), signal })
    case 'getOutpoint':
      return client.getOutpoint({ ...(q as Parameters<LightClient['getOutpoint']>[0]), signal })
    case 'sendTransaction':
      return client.sendTransaction({
        ...(q as Parameters<LightClient['sendTransaction']>[0]),
        signal,
      })
    case 'getAddressHistory': {
      const { onProgress: _, ...rest } = q as Parameters<LightClient['getAddressHistory']>[0]
      return client.getAddressHistory({
        ...rest,
        signal,
        ...(c.onProgress === undefined ? {} : { onProgress: c.onProgress }),
      })
    }
  }
}
