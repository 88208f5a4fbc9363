/// <reference types="node" />
import { multiaddr } from '@multiformats/multiaddr'
import { encodeResponseFrame, PROTOCOL_NAMES, type ProtocolName } from '@supernova/protocol'
import { NetworkError } from '../../src/network/errors.js'
import { exchange } from '../../src/network/exchange.js'
import { type RawNode, type Script, sendPayload, startRawNode } from '../network/rawNode.js'

/** Rewrites the OK body of one protocol's answer; `request` is the request payload. */
export type Corrupt = (
  body: Uint8Array,
  request: Uint8Array,
  ask: Ask,
) => Promise<Uint8Array> | Uint8Array
/** Asks the real node behind the proxy (for corruptions that need more of its data). */
export type Ask = (name: ProtocolName, request: Uint8Array) => Promise<Uint8Array>

/**
 * A scripted libp2p peer in front of a real full node: every request is forwarded to the node
 * over libp2p and its answer passed back — except the protocols in `corrupt`, whose OK answers
 * are rewritten first. A lying node that is otherwise indistinguishable from an honest one.
 */
export async function startLyingProxy(
  target: string,
  corrupt: Partial<Record<ProtocolName, Corrupt>>,
  /** Protocols the proxy does not speak (an older node), besides `send-tx`. */
  without: readonly ProtocolName[] = [],
): Promise<RawNode> {
  let raw: RawNode | undefined
  const ask: Ask = async (name, request) => {
    if (raw === undefined) throw new Error('proxy not started')
    const connection = await raw.libp2p.dial(multiaddr(target))
    return exchange({ network: 'devnet', connection, name, payload: request, timeoutMs: 10_000 })
  }
  const forward =
    (name: ProtocolName): Script =>
    async (stream, request) => {
      let body: Uint8Array
      try {
        body = await ask(name, request)
      } catch (e) {
        if (!(e instanceof NetworkError) || e.details.source !== 'peer') throw e
        const result = e.code as 'NOT_FOUND'
        await sendPayload(stream, encodeResponseFrame({ result, message: 'forwarded' }))
        return
      }
      const rewrite = corrupt[name]
      const out = rewrite ? await rewrite(body, request, ask) : body
      await sendPayload(stream, encodeResponseFrame({ result: 'OK', body: out }))
    }
  const scripts = Object.fromEntries(
    PROTOCOL_NAMES.filter((n) => n !== 'send-tx' && !without.includes(n)).map((n) => [
      n,
      forward(n),
    ]),
  )
  raw = await startRawNode(scripts)
  return raw
}
