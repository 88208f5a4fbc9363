import { setTimeout as sleep } from 'node:timers/promises'
import {
  AddressError,
  decodeAddress,
  fromHex,
  getChainParams,
  type Lock,
  type Network,
  type Policy,
  SCHEME_SIZES,
  type SchemeId,
  wipe,
} from '@supernova/protocol'
import { type RpcClient, RpcError } from '../../rpc/client.js'
import {
  estimateFee,
  getBalance,
  getTransactionStatus,
  getUtxos,
  sendTransaction,
} from '../../rpc/methods.js'
import { formatNova, parseNova, parseUnits } from '../../wallet/amount.js'
import { type BuildTransferReturnType, buildTransfer } from '../../wallet/buildTransfer.js'
import { WalletError } from '../../wallet/errors.js'
import { decryptKeystore, type KeystoreFile } from '../../wallet/keystore.js'
import { signTransfer } from '../../wallet/signTransfer.js'
import { walletKeyFromSecret } from '../../wallet/walletKey.js'
import { type CommandSpec, type ParsedArgs, requireOpt, stringOpt } from '../args.js'
import { usageError } from '../errors.js'
import { type CliIo, writeLine } from '../io.js'
import { readPassphrase } from '../passphrase.js'
import { createProgress } from '../progress.js'
import {
  assertNodeNetwork,
  loadWallet,
  rpcClientFor,
  WALLET_OPTIONS,
  walletPath,
} from './walletShared.js'

/** A node-estimated fee rate above this (units/byte) is refused unless given with --fee-rate. */
export const MAX_ESTIMATED_FEE_RATE = 1000n
const POLL_INTERVAL_MS = 1000

function parseRecipient(text: string, network: Network): Lock {
  try {
    return decodeAddress({ address: text, network }).lock
  } catch (e) {
    if (e instanceof AddressError) throw usageError(`--to: ${e.message}`, 'wallet send')
    throw e
  }
}

async function feeRateFor(args: ParsedArgs, rpc: RpcClient, network: Network): Promise<bigint> {
  const minFeeRate = getChainParams(network).mempool.minFeeRate
  const given = stringOpt(args, 'fee-rate')
  if (given !== undefined) {
    const rate = parseUnitsFlag(given, '--fee-rate')
    if (rate < minFeeRate)
      throw usageError(`--fee-rate: below the relay minimum ${minFeeRate}`, 'wallet send')
    return rate
  }
  const estimated = await estimateFee(rpc)
  if (estimated > MAX_ESTIMATED_FEE_RATE)
    throw new WalletError({
      code: 'FEE_RATE_TOO_HIGH',
      message: `the node suggests ${estimated} units/byte; pass --fee-rate to pay that much`,
    })
  return estimated > minFeeRate ? estimated : minFeeRate
}

function parseUnitsFlag(text: string, flag: string): bigint {
  try {
    return parseUnits(text)
  } catch {
    throw usageError(`${flag}: expected a whole number of units per byte`, 'wallet send')
  }
}

type Plan = (policy: Policy) => BuildTransferReturnType

/** Decrypts the wallet key, builds the transfer with its policy and signs it; wipes the key. */
async function signWithWallet(io: CliIo, keystore: KeystoreFile, label: string, plan: Plan) {
  const passphrase = await readPassphrase({ io, label })
  const secretKey = await decryptKeystore(keystore, passphrase)
  try {
    const key = walletKeyFromSecret({ secretKey, network: keystore.network })
    if (key.address !== keystore.address)
      throw new WalletError({
        code: 'KEY_MISMATCH',
        message: 'the decrypted key does not match the address in the file',
      })
    const build = plan(key.policy)
    const genesisHash = fromHex(getChainParams(keystore.network).genesisHash)
    const signed = signTransfer({
      tx: build.tx,
      spent: build.spent,
      secretKey,
      publicKey: key.publicKey,
      genesisHash,
    })
    return { build, signed }
  } finally {
    wipe(secretKey)
  }
}

/**
 * The keystore holds only the address in clear, not the public key; a key policy of the same
 * scheme has the same encoded size, so planning with it before the passphrase is asked finds
 * missing funds or dust early. The real policy signs afterwards.
 */
function sizingPolicy(scheme: SchemeId): Policy {
  return { type: 'key', key: { scheme, publicKey: new Uint8Array(SCHEME_SIZES[scheme].publicKey) } }
}

async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const keystore = await loadWallet(args, io, 'wallet send')
  const { network } = keystore
  const toText = requireOpt(args, 'to', 'wallet send')
  const to = parseRecipient(toText, network)
  const amount = parseNova(requireOpt(args, 'amount', 'wallet send'))
  if (amount === 0n) throw usageError('--amount must be more than 0', 'wallet send')
  const wait = waitOptions(args)
  const rpc = rpcClientFor(args, io, network)
  await assertNodeNetwork(rpc, network)
  await assertNoPendingSpend(rpc, keystore.address)
  const feeRate = await feeRateFor(args, rpc, network)
  const own = decodeAddress({ address: keystore.address, network }).lock
  const coins = (await getUtxos(rpc, keystore.address)).filter((u) => u.mature)
  const dustThreshold = getChainParams(network).dustThreshold
  const plan: Plan = (policy) =>
    buildTransfer({ utxos: coins, amount, to, change: own, policy, feeRate, dustThreshold })
  plan(sizingPolicy(keystore.scheme)) // fails fast (funds, dust) before asking for the passphrase
  const label = walletPath(args, io, 'wallet send')
  const { build, signed } = await signWithWallet(io, keystore, label, plan)
  const txid = await sendTransaction(rpc, signed.hex)
  if (txid !== signed.txid)
    throw new RpcError({
      code: 'INVALID_RESPONSE',
      message: `the node answered txid ${txid}, expected ${signed.txid}`,
    })
  writeLine(io.stdout, txid)
  writeLine(
    io.stderr,
    `sent ${formatNova(amount)} NOVA to ${toText}; fee ${formatNova(build.fee)} NOVA (${build.size} bytes at ${feeRate}/byte); change ${formatNova(build.changeAmount)} NOVA`,
  )
  if (wait) await waitForConfirmations(io, rpc, txid, wait)
  return 0
}

/**
 * getUtxos lists confirmed coins, some of which a mempool payment may already spend; spending
 * them again would be rejected as a double spend or, at a higher fee, replace that payment
 * (RBF). A negative mempool delta means such a payment exists, so wait for it first.
 */
async function assertNoPendingSpend(rpc: RpcClient, address: string): Promise<void> {
  const { unconfirmedDelta } = await getBalance(rpc, address)
  if (unconfirmedDelta < 0n)
    throw new WalletError({
      code: 'PENDING_SPEND',
      message: `a payment from this wallet (${formatNova(unconfirmedDelta)} NOVA) is unconfirmed; send again once it confirms (tip: --wait)`,
    })
}

type WaitOptions = { confirmations: number; timeoutMs: number }

function waitOptions(args: ParsedArgs): WaitOptions | undefined {
  if (!args.values.wait) return undefined
  const confirmations = positiveInt(
    stringOpt(args, 'confirmations') ?? '1',
    '--confirmations',
    1000,
  )
  const timeoutS = positiveInt(stringOpt(args, 'timeout') ?? '300', '--timeout', 86_400)
  return { confirmations, timeoutMs: timeoutS * 1000 }
}

function positiveInt(text: string, flag: string, max: number): number {
  const n = /^\d{1,6}$/.test(text) ? Number(text) : 0
  if (n < 1 || n > max) throw usageError(`${flag}: expected an integer 1–${max}`, 'wallet send')
  return n
}

/**
 * Polls the node until `txid` has the wanted confirmations (progress bar on a terminal).
 * @throws {WalletError} `CONFIRMATION_TIMEOUT`.
 */
async function waitForConfirmations(io: CliIo, rpc: RpcClient, txid: string, w: WaitOptions) {
  const progress = createProgress(io, { label: 'confirmations', total: w.confirmations })
  const deadline = Date.now() + w.timeoutMs
  try {
    for (;;) {
      const status = await getTransactionStatus(rpc, txid).catch((e: unknown) => {
        // Not found yet (-32003) counts as 0 confirmations; anything else is an error.
        if (e instanceof RpcError && e.rpcCode === -32003) return undefined
        throw e
      })
      const confirmations = Math.min(status?.confirmations ?? 0, w.confirmations)
      progress.update(confirmations, status?.status ?? 'unknown')
      if (confirmations >= w.confirmations) return
      if (Date.now() + POLL_INTERVAL_MS > deadline)
        throw new WalletError({
          code: 'CONFIRMATION_TIMEOUT',
          message: `${txid} has ${confirmations} of ${w.confirmations} confirmations after ${w.timeoutMs / 1000} s`,
        })
      await sleep(POLL_INTERVAL_MS)
    }
  } finally {
    progress.stop()
  }
}

/** `supernova wallet send`. */
export const walletSendCommand: CommandSpec = {
  name: 'wallet send',
  summary: 'sign and broadcast a payment',
  usage: '--wallet FILE --to ADDR --amount NOVA [--fee-rate UNITS] [--rpc URL] [--wait]',
  description:
    "Pays --amount NOVA (up to 8 decimals) to --to from the wallet's confirmed, mature coins,\n" +
    'with change back to the wallet (change below the dust threshold goes to the fee). The fee\n' +
    "rate is the node's estimateFee unless --fee-rate is given. Prints the txid on stdout.",
  options: {
    ...WALLET_OPTIONS,
    to: { type: 'string', value: 'ADDR', description: 'recipient address' },
    amount: { type: 'string', value: 'NOVA', description: 'amount in NOVA, e.g. 1.5' },
    'fee-rate': { type: 'string', value: 'UNITS', description: 'fee in units per byte' },
    wait: { type: 'boolean', description: 'wait until confirmed' },
    confirmations: { type: 'string', value: 'N', description: 'with --wait: how many (default 1)' },
    timeout: {
      type: 'string',
      value: 'SECONDS',
      description: 'with --wait: give up after (default 300)',
    },
  },
  examples: ['supernova wallet send --wallet ./alice.json --to dnova1… --amount 2.5 --wait'],
  run,
}
