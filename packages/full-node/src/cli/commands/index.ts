import type { CommandSpec } from '../args.js'
import { devnetCommand } from './devnetCommand.js'
import { nodeCommand } from './nodeCommand.js'
import { rpcCommand } from './rpcCommand.js'
import {
  walletAddressCommand,
  walletBalanceCommand,
  walletCreateCommand,
  walletImportCommand,
} from './wallet.js'
import { walletSendCommand } from './walletSend.js'

/** Top-level commands other than `wallet` and `help`. */
export const COMMANDS: readonly CommandSpec[] = [nodeCommand, devnetCommand, rpcCommand]

/** `wallet` subcommands, by the word after `wallet`. */
export const WALLET_COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(
  [
    walletCreateCommand,
    walletImportCommand,
    walletAddressCommand,
    walletBalanceCommand,
    walletSendCommand,
  ].map((c) => [c.name.slice('wallet '.length), c]),
)
