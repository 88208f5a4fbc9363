import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import type { TransportName } from './types.js'

/** Most distinct nodes the bootstrap list may name (the rest are refused, not silently kept). */
export const MAX_BOOTSTRAP_PEERS = 64

/** A node from the bootstrap list with its dialable addresses, most preferred first. */
export type BootstrapPeer = {
  id: string
  addresses: { multiaddr: Multiaddr; transport: TransportName }[]
}

/** `websockets` for `/ws` and `/wss` (also `/tls/ws`), `webrtc-direct`, or undefined (TCP, QUIC…). */
export function transportOf(address: Multiaddr): TransportName | undefined {
  const names = address.getComponents().map((c) => c.name)
  if (names.includes('webrtc-direct')) return 'webrtc-direct'
  if (names.includes('ws') || names.includes('wss')) return 'websockets'
  return undefined
}

/** The peer id an address ends with (`/p2p/<id>`), if any. */
export function peerIdOf(address: Multiaddr): string | undefined {
  return address.getComponents().findLast((c) => c.name === 'p2p')?.value
}

/**
 * Groups the bootstrap multiaddrs by node and keeps those of the wanted transports, ordered by
 * `transports`. Addresses of other transports (TCP, which browsers cannot dial) are skipped.
 * @throws {TypeError} an address that does not parse or lacks `/p2p/<peer id>`.
 * @throws {RangeError} more than 64 distinct nodes.
 */
export function parseBootstrap(
  bootstrap: readonly string[],
  transports: readonly TransportName[],
): BootstrapPeer[] {
  const peers = new Map<string, BootstrapPeer>()
  for (const text of bootstrap) {
    let address: Multiaddr
    try {
      address = multiaddr(text)
    } catch (err) {
      throw new TypeError(`bootstrap address ${JSON.stringify(text)} does not parse`, {
        cause: err,
      })
    }
    const id = peerIdOf(address)
    if (id === undefined) throw new TypeError(`bootstrap address ${text} lacks /p2p/<peer id>`)
    const transport = transportOf(address)
    if (transport === undefined || !transports.includes(transport)) continue
    let peer = peers.get(id)
    if (peer === undefined) {
      if (peers.size >= MAX_BOOTSTRAP_PEERS)
        throw new RangeError(`more than ${MAX_BOOTSTRAP_PEERS} bootstrap nodes`)
      peer = { id, addresses: [] }
      peers.set(id, peer)
    }
    if (!peer.addresses.some((a) => a.multiaddr.equals(address)))
      peer.addresses.push({ multiaddr: address, transport })
  }
  for (const p of peers.values())
    p.addresses.sort((a, b) => transports.indexOf(a.transport) - transports.indexOf(b.transport))
  return [...peers.values()]
}
