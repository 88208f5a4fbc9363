import { parseArgs } from 'node:util'
import { usageError } from './errors.js'
import type { CliIo } from './io.js'

/** One command-line option: its parseArgs shape plus what `--help` says about it. */
export type OptionSpec = {
  type: 'string' | 'boolean'
  multiple?: boolean
  short?: string
  /** Placeholder shown in help, e.g. `DIR`. */
  value?: string
  description: string
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>

/** A command (or `wallet` subcommand): help text, options and what it runs. */
export type CommandSpec = {
  /** As typed after `supernova`, e.g. `wallet send`. */
  name: string
  summary: string
  /** Text after `supernova <name>` in the usage line. */
  usage: string
  description: string
  options: OptionSpecs
  /** Positional arguments accepted: [min, max]. Default none. */
  positionals?: readonly [number, number]
  examples?: readonly string[]
  run: (args: ParsedArgs, io: CliIo) => Promise<number>
}

export type ParsedArgs = {
  values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>
  positionals: readonly string[]
}

/** Options every command has. */
export const COMMON_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  debug: { type: 'boolean', description: 'print stack traces on errors' },
}

/**
 * Parses `argv` against a command's options (strict: unknown options and missing values are
 * usage errors naming the option).
 * @throws {CliError} `USAGE`.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, ...COMMON_OPTIONS }).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.multiple ? { multiple: true } : {}),
        ...(o.short ? { short: o.short } : {}),
      },
    ]),
  )
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: true,
      allowNegative: true,
    })
  } catch (e) {
    throw usageError(describeParseError(e), spec.name)
  }
  if (parsed.values.help) return { values: parsed.values, positionals: parsed.positionals }
  const [min, max] = spec.positionals ?? [0, 0]
  if (parsed.positionals.length > max)
    throw usageError(`unexpected argument '${parsed.positionals[max]}'`, spec.name)
  if (parsed.positionals.length < min) throw usageError('missing argument', spec.name)
  return { values: parsed.values, positionals: parsed.positionals }
}

function describeParseError(e: unknown): string {
  const code = (e as { code?: string }).code
  const message = e instanceof Error ? e.message : String(e)
  const option = /'(-[^' ]+)/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}'`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing|ambiguous/.test(message)
      ? `option '${option}' needs a value`
      : `option '${option}' does not take a value`
  }
  return message.split('. ')[0] ?? message
}

/** The `--help` page of a command. */
export function renderHelp(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, ...COMMON_OPTIONS }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`
    return [flag, `${o.description}${o.multiple ? ' (repeatable)' : ''}`] as const
  })
  const width = Math.min(34, Math.max(...rows.map(([f]) => f.length)) + 2)
  const lines = [
    `Usage: supernova ${spec.name} ${spec.usage}`.trimEnd(),
    '',
    spec.description,
    '',
    'Options:',
    ...rows.map(([f, d]) =>
      f.length >= width ? `  ${f}\n  ${' '.repeat(width)}${d}` : `  ${f.padEnd(width)}${d}`,
    ),
  ]
  if (spec.examples?.length) lines.push('', 'Examples:', ...spec.examples.map((x) => `  ${x}`))
  return `${lines.join('\n')}\n`
}

/** A string option's value, or undefined. */
export function stringOpt(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name]
  return typeof v === 'string' ? v : undefined
}

/** A repeatable string option's values, or undefined when absent. */
export function listOpt(args: ParsedArgs, name: string): string[] | undefined {
  const v = args.values[name]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined
}

/** A required string option. @throws {CliError} `USAGE` naming the option. */
export function requireOpt(args: ParsedArgs, name: string, command: string): string {
  const v = stringOpt(args, name)
  if (v === undefined || v === '') throw usageError(`missing --${name}`, command)
  return v
}
