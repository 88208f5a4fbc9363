import { resolve } from 'node:path'
import { getChainParams, type Network } from '@supernova/protocol'
import { createRpcClient, type RpcClient } from '../../rpc/client.js'
import { getChainInfo } from '../../rpc/methods.js'
import { WalletError } from '../../wallet/errors.js'
import { type KeystoreFile, readKeystore } from '../../wallet/keystore.js'
import { type OptionSpecs, type ParsedArgs, stringOpt } from '../args.js'
import { localRpcUrl } from '../config.js'
import { usageError } from '../errors.js'
import type { CliIo } from '../io.js'
import { CLIENT_OPTIONS, configFor } from './shared.js'

/** `--wallet` and the client options every wallet subcommand takes. */
export const WALLET_OPTIONS: OptionSpecs = {
  wallet: {
    type: 'string',
    value: 'FILE',
    description: 'encrypted keystore file (SUPERNOVA_WALLET)',
  },
  ...CLIENT_OPTIONS,
}

/** The keystore path from `--wallet` or `SUPERNOVA_WALLET`. @throws {CliError} `USAGE`. */
export function walletPath(args: ParsedArgs, io: CliIo, command: string): string {
  const path = stringOpt(args, 'wallet') ?? io.env.SUPERNOVA_WALLET
  if (!path) throw usageError('missing --wallet FILE', command)
  return resolve(io.cwd, path)
}

/**
 * Reads the wallet file, checking `--network` (if given) matches it.
 * @throws {KeystoreError} @throws {WalletError} `WRONG_NETWORK`.
 */
export async function loadWallet(
  args: ParsedArgs,
  io: CliIo,
  command: string,
): Promise<KeystoreFile> {
  const keystore = await readKeystore(walletPath(args, io, command))
  const network = stringOpt(args, 'network')
  if (network !== undefined && network !== keystore.network)
    throw new WalletError({
      code: 'WRONG_NETWORK',
      message: `the wallet is for ${keystore.network}, not ${network}`,
    })
  return keystore
}

/** An API client for the node: `--rpc`, else `SUPERNOVA_RPC_URL`, else the configured local API. */
export function rpcClientFor(
  args: ParsedArgs,
  io: CliIo,
  network: Network,
  token?: string,
): RpcClient {
  const explicit = stringOpt(args, 'rpc') ?? io.env.SUPERNOVA_RPC_URL
  const url = explicit ?? localRpcUrl(configFor(args, io, { network }).values)
  try {
    return createRpcClient({ url, ...(token === undefined ? {} : { token }) })
  } catch (e) {
    throw usageError(`--rpc: ${(e as Error).message}`)
  }
}

/**
 * Checks the node serves `network` with its pinned genesis, so nothing is signed for another chain.
 * @throws {WalletError} `WRONG_NETWORK`. @throws {RpcError}
 */
export async function assertNodeNetwork(rpc: RpcClient, network: Network): Promise<void> {
  const info = await getChainInfo(rpc)
  if (info.network !== network || info.genesisHash !== getChainParams(network).genesisHash)
    throw new WalletError({
      code: 'WRONG_NETWORK',
      message: `the node at ${rpc.endpoint} serves ${info.network} (genesis ${info.genesisHash.slice(0, 16)}…), the wallet is for ${network}`,
    })
}
