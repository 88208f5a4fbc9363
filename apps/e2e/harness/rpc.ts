/** The devnet node's JSON-RPC, for setting up chain state and reading what the pages must show. */
import { waitUntil } from './processes.js'

/** Calls one JSON-RPC method; throws with the node's message on an error answer. */
export async function rpc<T>(
  url: string,
  method: string,
  params: object = {},
  apiKey?: string,
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(10_000),
  })
  const body = (await res.json()) as { result?: T; error?: { message: string } }
  if (body.error) throw new Error(`${method} failed: ${body.error.message}`)
  return body.result as T
}

/** What `getChainInfo` answers (the fields the tests read). */
export type ChainInfo = { height: number; tipHash: string; mempoolSize: number; peers: number }

/** Turns the node's miner on or off (an admin method). */
export async function setMining(site: { rpcUrl: string; apiKey: string }, enabled: boolean) {
  await rpc(site.rpcUrl, 'setMining', { enabled }, site.apiKey)
}

/** The node's tip. */
export const chainInfo = (url: string) => rpc<ChainInfo>(url, 'getChainInfo')

/**
 * Pays from the devnet faucet. Right after genesis the faucet may have no mature coin yet
 * (FAUCET_EMPTY, "try again after the next block"): it asks again until one matures.
 */
export function faucet(rpcUrl: string, address: string, amount: bigint): Promise<{ txid: string }> {
  return waitUntil(
    `the faucet to pay ${address}`,
    async () => {
      try {
        return await rpc<{ txid: string }>(rpcUrl, 'faucet', { address, amount: amount.toString() })
      } catch (e) {
        if (/FAUCET_EMPTY/.test((e as Error).message)) return undefined
        throw e
      }
    },
    60_000,
    500,
  )
}
