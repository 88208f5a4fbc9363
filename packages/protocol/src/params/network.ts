export const NETWORKS = ['mainnet', 'testnet', 'devnet'] as const
export type Network = (typeof NETWORKS)[number]

/** bech32m human-readable prefixes of addresses on each network. */
export const ADDRESS_PREFIXES: Readonly<Record<Network, string>> = {
  mainnet: 'nova',
  testnet: 'tnova',
  devnet: 'dnova',
}
