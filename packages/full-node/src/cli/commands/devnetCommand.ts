import {
  DEVNET,
  DEVNET_ACCOUNT_COUNT,
  devnetAccount,
  encodeAddress,
  equalLocks,
} from '@supernova/protocol'
import { FAUCET_ACCOUNT } from '../../node/faucet.js'
import { formatNova } from '../../wallet/amount.js'
import type { CommandSpec, ParsedArgs } from '../args.js'
import { toFullNodeOptions } from '../config.js'
import { usageError } from '../errors.js'
import type { CliIo } from '../io.js'
import { runNode } from '../runNode.js'
import { NODE_OPTIONS } from './nodeCommand.js'
import { configFor } from './shared.js'

/** The prefunded account whose address receives devnet block rewards by default. */
export const DEVNET_REWARD_ACCOUNT = 9

/** Address of well-known devnet account `index`. */
export function devnetAddress(index: number): string {
  return encodeAddress({ network: 'devnet', lock: devnetAccount(index).lock })
}

const ROLES: Readonly<Record<number, string>> = {
  [FAUCET_ACCOUNT]: 'pays the faucet',
  [DEVNET_REWARD_ACCOUNT]: 'receives block rewards by default',
}

/** One line per prefunded account: index, address, genesis balance and role. */
export function devnetAccountLines(): string[] {
  return Array.from({ length: DEVNET_ACCOUNT_COUNT }, (_, i) => {
    const { lock } = devnetAccount(i)
    const alloc = DEVNET.genesis.allocations.find((a) => equalLocks(a.lock, lock))
    const funds = alloc ? `${formatNova(alloc.amount)} NOVA` : ''
    const role = ROLES[i] ? `  (${ROLES[i]})` : ''
    return `  ${String(i).padStart(2)}  ${devnetAddress(i)}  ${funds}${role}`.trimEnd()
  })
}

async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const network = args.values.network
  if (network !== undefined && network !== 'devnet')
    throw usageError(`devnet always runs network devnet (got --network ${network})`, 'devnet')
  const { values } = configFor(args, io, {
    network: 'devnet',
    presets: { mine: true, faucet: true, rewardAddress: devnetAddress(DEVNET_REWARD_ACCOUNT) },
  })
  const options = toFullNodeOptions(values)
  return runNode({
    options,
    io,
    banner: (node) => [
      '',
      'Prefunded accounts (well-known keys — devnet only):',
      ...devnetAccountLines(),
      '',
      'Use them:',
      '  supernova wallet import --devnet-account 0 --wallet ./alice.json',
      `  supernova wallet balance --wallet ./alice.json --rpc ${node.apiUrl()}`,
      `  supernova rpc faucet '{"address":"dnova1…","amount":"100000000"}' --rpc ${node.apiUrl()}`,
      options.faucet.enabled
        ? `  (faucet on: at most ${formatNova(options.faucet.maxAmount)} NOVA per call; amounts in units, 1 NOVA = 100000000)`
        : '  (faucet off)',
      '',
    ],
  })
}

/** `supernova devnet`: a local mining devnet with the faucet on. */
export const devnetCommand: CommandSpec = {
  name: 'devnet',
  summary: 'run a local mining devnet with prefunded accounts and the faucet',
  usage: '[options]',
  description: [
    'Runs a devnet node that mines (1 s target blocks) with the faucet on. Block rewards go to',
    `devnet account ${DEVNET_REWARD_ACCOUNT} unless --reward-address is given; --no-mine and`,
    '--no-faucet turn them off. Data stays in --data-dir (default ~/.supernova/devnet) and the',
    'chain resumes on the next start. Takes the same options as `supernova node`.',
  ].join('\n'),
  options: NODE_OPTIONS,
  examples: ['supernova devnet --data-dir ./.data --rpc-port 7700 --threads 2'],
  run,
}
