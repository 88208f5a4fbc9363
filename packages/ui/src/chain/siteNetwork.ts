import { NETWORKS, type Network } from '@supernova/protocol'

/**
 * The network the site serves: `SUPERNOVA_NETWORK` (mainnet, testnet or devnet), default devnet.
 * @throws {TypeError} for any other value (a typo should stop the server, not show a wrong chain).
 */
export function siteNetwork(env: Record<string, string | undefined> = process.env): Network {
  const value = env.SUPERNOVA_NETWORK || 'devnet'
  if (!(NETWORKS as readonly string[]).includes(value))
    throw new TypeError(`SUPERNOVA_NETWORK must be one of ${NETWORKS.join(', ')}, got "${value}"`)
  return value as Network
}
