import {
  CHAIN_PARAMS,
  type ChainParams,
  decodeHeader,
  fromHex,
  type Header,
  hashHeaderBytes,
  type Network,
  toHex,
} from '@supernova/protocol'

/**
 * The canonical encoding of each network's genesis header, exactly as `createGenesis` builds it
 * from the network's params (test/headerChain.test.ts rebuilds and compares all three). Shipping
 * them spares a cold start building the genesis block — the allocations' ed25519 keys, the
 * coinbase, the UTXO tree and the filter — only to hash it: the light client trusts the genesis
 * by its pinned hash, and these bytes must hash to it before they are used.
 */
const GENESIS_HEADERS: Readonly<Record<Network, string>> = {
  mainnet:
    '0100000000000000000000000000000000000000000000000000000000000000000000000000000000b0e62ea20100000000101d0000000000000000ab71e1bd892198f456cac41ae90f4366e1eb5eeb8810e7993b0f9e334782255000000000000000000000000000000000000000000000000000000000000000002628003abda9331f19a46aa36162f797e3ca85c06c81e5b36d087df288fda0a1f944a1164fd3f7754be16fcce43acf946d4d13320448307b8b2c5fa69f5b4ac7a63fa0462ecaa8d008d08087248a6b5480f8d2ce43179679eb004de87309338a',
  testnet:
    '0100000000000000000000000000000000000000000000000000000000000000000000000000000000e86794a10100000000101e00000000000000000889b3699f58f71b322680b5f03ed5bd1800bccce4caa7c985725f0df6271cc400000000000000000000000000000000000000000000000000000000000000002628003abda9331f19a46aa36162f797e3ca85c06c81e5b36d087df288fda0a1f944a1164fd3f7754be16fcce43acf946d4d13320448307b8b2c5fa69f5b4ac7698fca6974ed39cb85835cf6892b9940c4ea779047d32d44b30068edf55534d9',
  devnet:
    '01000000000000000000000000000000000000000000000000000000000000000000000000000000001867fba1010000ffff7f200000000000000000b02f88d8e85d84f6c9c574e018879326a61de770b4e184c2e94192bbd62a42fc1983692960ef8c602b97d127a7e7de26076fd9ec1ed1a063ddd1a9f586c55ff1020be669b852cb784b8c1610fadc53e5c7d8363293d0548b8443a0e3e8aae841f944a1164fd3f7754be16fcce43acf946d4d13320448307b8b2c5fa69f5b4ac766dd052fdcd45154e04b6ce72ffc0cff93aa7f8a30cf668f1b18d2e602d49182',
}

/**
 * The genesis header of `params` and its hash without building the genesis block — only for a
 * network's own params object (`CHAIN_PARAMS[network]`) and only when the shipped encoding hashes
 * to the pinned `genesisHash`. Anything else (custom or modified params) is undefined: the
 * caller builds the block from the params and checks that instead.
 */
export function pinnedGenesisHeader(
  params: ChainParams,
): { header: Header; hash: Uint8Array } | undefined {
  const canonical = (CHAIN_PARAMS as Readonly<Record<string, ChainParams | undefined>>)[
    params.network
  ]
  const encoded = GENESIS_HEADERS[params.network]
  if (params !== canonical || encoded === undefined) return undefined
  const bytes = fromHex(encoded)
  const hash = hashHeaderBytes(bytes)
  if (toHex(hash) !== params.genesisHash) return undefined
  return { header: decodeHeader(bytes), hash }
}
