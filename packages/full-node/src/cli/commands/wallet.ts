import { existsSync } from 'node:fs'
import {
  createEd25519Noble,
  DEVNET_ACCOUNT_COUNT,
  devnetAccount,
  fromHex,
  type Network,
  wipe,
} from '@supernova/protocol'
import { getBalance } from '../../rpc/methods.js'
import { formatNova } from '../../wallet/amount.js'
import { encryptKeystore, KeystoreError, writeKeystore } from '../../wallet/keystore.js'
import { walletKeyFromSecret } from '../../wallet/walletKey.js'
import { type CommandSpec, type ParsedArgs, stringOpt } from '../args.js'
import { usageError } from '../errors.js'
import { type CliIo, writeLine } from '../io.js'
import { readPassphrase } from '../passphrase.js'
import { configFor } from './shared.js'
import {
  assertNodeNetwork,
  loadWallet,
  rpcClientFor,
  WALLET_OPTIONS,
  walletPath,
} from './walletShared.js'

async function saveNewWallet(
  args: ParsedArgs,
  io: CliIo,
  { secretKey, network, command }: { secretKey: Uint8Array; network: Network; command: string },
): Promise<number> {
  try {
    const path = walletPath(args, io, command)
    // Fail before asking for a passphrase; writeKeystore still refuses atomically.
    if (existsSync(path))
      throw new KeystoreError({ code: 'KEYSTORE_EXISTS', message: `${path} already exists` })
    const key = walletKeyFromSecret({ secretKey, network })
    const passphrase = await readPassphrase({ io, confirm: true, label: path })
    const keystore = await encryptKeystore({
      secretKey,
      passphrase,
      network,
      address: key.address,
      scheme: key.scheme,
    })
    await writeKeystore({ path, keystore })
    writeLine(io.stdout, `wallet   ${path}`)
    writeLine(io.stdout, `network  ${network}`)
    writeLine(io.stdout, `address  ${key.address}`)
    return 0
  } finally {
    wipe(secretKey)
  }
}

const create: CommandSpec = {
  name: 'wallet create',
  summary: 'make a new key in an encrypted keystore file',
  usage: '--wallet FILE [--network NAME]',
  description:
    'Generates an ed25519 key and writes it encrypted (scrypt + AES-256-GCM, mode 0600) to\n' +
    'FILE, which must not exist. The passphrase comes from SUPERNOVA_PASSPHRASE or is asked\n' +
    'twice on the terminal. Back the file up and remember the passphrase: nothing else recovers it.',
  options: WALLET_OPTIONS,
  examples: ['supernova wallet create --wallet ~/alice.json --network devnet'],
  run: async (args, io) => {
    const { network } = configFor(args, io).values
    const secretKey = createEd25519Noble().generateSecretKey()
    return saveNewWallet(args, io, { secretKey, network, command: 'wallet create' })
  },
}

function importSecret(args: ParsedArgs, io: CliIo): { secretKey: Uint8Array; network: Network } {
  const hex = stringOpt(args, 'secret-hex')
  const account = stringOpt(args, 'devnet-account')
  if ((hex === undefined) === (account === undefined))
    throw usageError('give exactly one of --secret-hex or --devnet-account', 'wallet import')
  if (account !== undefined) {
    const index = /^\d{1,3}$/.test(account) ? Number(account) : -1
    if (index < 0 || index >= DEVNET_ACCOUNT_COUNT)
      throw usageError(`--devnet-account: expected 0–${DEVNET_ACCOUNT_COUNT - 1}`, 'wallet import')
    const network = stringOpt(args, 'network')
    if (network !== undefined && network !== 'devnet')
      throw usageError('devnet accounts exist on devnet only', 'wallet import')
    return { secretKey: devnetAccount(index).secretKey, network: 'devnet' }
  }
  if (!/^[0-9a-fA-F]{64}$/.test(hex!))
    throw usageError(
      '--secret-hex: expected 64 hex characters (a 32-byte ed25519 seed)',
      'wallet import',
    )
  return { secretKey: fromHex(hex!.toLowerCase()), network: configFor(args, io).values.network }
}

const importCommand: CommandSpec = {
  name: 'wallet import',
  summary: 'import an existing key into a new keystore file',
  usage: '--wallet FILE (--secret-hex HEX | --devnet-account I) [--network NAME]',
  description:
    'Encrypts an existing ed25519 seed into a new keystore file. --devnet-account I imports the\n' +
    'well-known prefunded devnet account I (0–9; devnet only, its key is public). A secret given\n' +
    'with --secret-hex is visible to other local users while the command runs.',
  options: {
    ...WALLET_OPTIONS,
    'secret-hex': { type: 'string', value: 'HEX', description: '32-byte ed25519 seed, hex' },
    'devnet-account': { type: 'string', value: 'I', description: 'prefunded devnet account 0–9' },
  },
  examples: ['supernova wallet import --devnet-account 0 --wallet ./alice.json'],
  run: async (args, io) =>
    saveNewWallet(args, io, { ...importSecret(args, io), command: 'wallet import' }),
}

const address: CommandSpec = {
  name: 'wallet address',
  summary: 'print the wallet address',
  usage: '--wallet FILE',
  description: 'Prints the bech32m address of the wallet (no passphrase needed).',
  options: WALLET_OPTIONS,
  run: async (args, io) => {
    writeLine(io.stdout, (await loadWallet(args, io, 'wallet address')).address)
    return 0
  },
}

const balance: CommandSpec = {
  name: 'wallet balance',
  summary: "ask the node for the wallet's balance",
  usage: '--wallet FILE [--rpc URL] [--json]',
  description: 'Prints the confirmed balance, the pending mempool change and the coin count.',
  options: { ...WALLET_OPTIONS, json: { type: 'boolean', description: 'print JSON' } },
  run: async (args, io) => {
    const keystore = await loadWallet(args, io, 'wallet balance')
    const rpc = rpcClientFor(args, io, keystore.network)
    await assertNodeNetwork(rpc, keystore.network)
    const b = await getBalance(rpc, keystore.address)
    if (args.values.json) {
      const json = {
        address: keystore.address,
        confirmed: b.confirmed.toString(),
        unconfirmedDelta: b.unconfirmedDelta.toString(),
        utxoCount: b.utxoCount,
        height: b.height,
      }
      writeLine(io.stdout, JSON.stringify(json, null, 2))
      return 0
    }
    const pending = b.unconfirmedDelta
    writeLine(io.stdout, `address      ${keystore.address}`)
    writeLine(io.stdout, `confirmed    ${formatNova(b.confirmed)} NOVA`)
    writeLine(io.stdout, `unconfirmed  ${pending >= 0n ? '+' : ''}${formatNova(pending)} NOVA`)
    writeLine(io.stdout, `coins        ${b.utxoCount} (at height ${b.height})`)
    return 0
  },
}

export {
  address as walletAddressCommand,
  balance as walletBalanceCommand,
  create as walletCreateCommand,
  importCommand as walletImportCommand,
}
