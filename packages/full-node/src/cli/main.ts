#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { BaseError } from '@supernova/protocol'
import { type CommandSpec, parseCommandArgs, renderHelp } from './args.js'
import { COMMANDS, WALLET_COMMANDS } from './commands/index.js'
import { ConfigError } from './configKeys.js'
import { CliError, usageError } from './errors.js'
import { type CliIo, createProcessIo, writeLine } from './io.js'

/** Exit codes: 0 success, 1 failure, 2 bad command line or configuration, 130 cancelled. */
export const EXIT = { ok: 0, error: 1, usage: 2, cancelled: 130 } as const
const MIN_NODE_MAJOR = 24

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    return String(pkg.version)
  } catch {
    return 'unknown'
  }
}

function topHelp(): string {
  const rows = [
    ...COMMANDS.map((c) => [c.name, c.summary]),
    ['wallet', 'keys and payments: create, import, address, balance, send'],
    ['help', 'help for a command: supernova help wallet send'],
  ]
  return [
    'Usage: supernova <command> [options]',
    '',
    'The SuperNova full node and command-line wallet.',
    '',
    'Commands:',
    ...rows.map(([n, s]) => `  ${n!.padEnd(10)}${s}`),
    '',
    'Every command takes --help. Global: --version, --debug (stack traces on errors).',
    '',
  ].join('\n')
}

function walletHelp(): string {
  return [
    'Usage: supernova wallet <subcommand> --wallet FILE [options]',
    '',
    'An encrypted single-key wallet file and payments through a node.',
    '',
    'Subcommands:',
    ...[...WALLET_COMMANDS].map(([n, c]) => `  ${n.padEnd(9)}${c.summary}`),
    '',
    'Passphrases come from SUPERNOVA_PASSPHRASE or a prompt. See supernova wallet <subcommand> --help.',
    '',
  ].join('\n')
}

/** Finds the command `words` name: [spec, remaining argv] or a help page to print. */
function route(argv: readonly string[]): { spec: CommandSpec; rest: string[] } | { help: string } {
  const [first, second, ...more] = argv
  if (first === undefined || first === '--help' || first === '-h') return { help: topHelp() }
  if (first === 'help') return second === undefined ? { help: topHelp() } : helpFor(argv.slice(1))
  if (first === 'wallet') {
    if (second === undefined || second === '--help' || second === '-h')
      return { help: walletHelp() }
    const spec = WALLET_COMMANDS.get(second)
    if (!spec)
      throw usageError(
        `unknown wallet subcommand '${second}' (${[...WALLET_COMMANDS.keys()].join(', ')})`,
        'wallet',
      )
    return { spec, rest: more }
  }
  const spec = COMMANDS.find((c) => c.name === first)
  if (!spec) throw usageError(`unknown command '${first}'`)
  return { spec, rest: argv.slice(1) }
}

function helpFor(words: readonly string[]): { help: string } {
  const [first, second] = words
  if (first === 'wallet') {
    if (second === undefined) return { help: walletHelp() }
    const spec = WALLET_COMMANDS.get(second)
    if (!spec) throw usageError(`unknown wallet subcommand '${second}'`, 'wallet')
    return { help: renderHelp(spec) }
  }
  const spec = COMMANDS.find((c) => c.name === first)
  if (!spec) throw usageError(`no help for unknown command '${first}'`)
  return { help: renderHelp(spec) }
}

/** Everything before `--` counts for the global `--debug`. */
function hasDebugFlag(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).includes('--debug')
}

/**
 * Runs the `supernova` command line with `argv` (without `node` and the script) against `io`, and
 * returns the exit code. Never throws: errors are printed as one line on stderr (with the stack
 * and causes under `--debug`).
 */
export async function main(
  argv: readonly string[],
  io: CliIo = createProcessIo(),
): Promise<number> {
  const debug = hasDebugFlag(argv)
  try {
    const major = Number(process.versions.node.split('.')[0])
    if (major < MIN_NODE_MAJOR)
      throw new CliError({
        code: 'USAGE',
        message: `needs Node.js ${MIN_NODE_MAJOR} or newer (this is ${process.version})`,
      })
    if (argv[0] === '--version' || argv[0] === '-v') {
      writeLine(io.stdout, version())
      return EXIT.ok
    }
    const routed = route(argv)
    if ('help' in routed) {
      io.stdout.write(routed.help)
      return EXIT.ok
    }
    const args = parseCommandArgs(routed.spec, routed.rest)
    if (args.values.help) {
      io.stdout.write(renderHelp(routed.spec))
      return EXIT.ok
    }
    return await routed.spec.run(args, io)
  } catch (e) {
    writeLine(io.stderr, formatError(e, debug))
    return exitCodeOf(e)
  }
}

function exitCodeOf(e: unknown): number {
  if ((e instanceof CliError && e.code === 'USAGE') || e instanceof ConfigError) return EXIT.usage
  if (e instanceof CliError && e.code === 'CANCELLED') return EXIT.cancelled
  return EXIT.error
}

/** One line for the user; the stack and cause chain under --debug. */
export function formatError(e: unknown, debug: boolean): string {
  let line: string
  if (e instanceof CliError && e.code === 'USAGE') {
    const help = e.command ? `supernova ${e.command} --help` : 'supernova --help'
    line = `supernova: ${e.message.replace(/^USAGE: /, '')} (see '${help}')`
  } else if (e instanceof BaseError) {
    line = `supernova: ${e.message}${systemCause(e)}`
  } else if (e instanceof Error) {
    line = `supernova: error: ${e.message}${debug ? '' : ' (run with --debug for details)'}`
  } else {
    line = `supernova: error: ${String(e)}`
  }
  if (!debug) return line.replace(/\s*\n\s*/g, ' ')
  const stacks: string[] = []
  for (let c: unknown = e; c instanceof Error && stacks.length < 8; c = c.cause)
    stacks.push(c.stack ?? String(c))
  return [line, ...stacks.map((s, i) => (i === 0 ? s : `caused by: ${s}`))].join('\n')
}

const ERRNO_HINTS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is taken: is another node running? pick another port',
  EACCES: 'permission denied',
  ENOSPC: 'the disk is full',
}

/** The operating-system reason under a typed error, e.g. " (EADDRINUSE: the port is taken…)". */
function systemCause(e: Error): string {
  for (let c: unknown = e.cause, depth = 0; c instanceof Error && depth < 8; c = c.cause, depth++) {
    const code = (c as NodeJS.ErrnoException).code
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
      return ` (${code}${ERRNO_HINTS[code] ? `: ${ERRNO_HINTS[code]}` : ''})`
  }
  return ''
}

function isEntryPoint(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

/** Runs `main` as the process: its code becomes the exit code. */
export async function runAsProcess(argv: readonly string[]): Promise<void> {
  const code = await main(argv)
  process.exitCode = code
  // Everything was stopped; if a stray handle still holds the loop, do not hang forever.
  setTimeout(() => process.exit(code), 5000).unref()
}

if (isEntryPoint()) void runAsProcess(process.argv.slice(2))
