import { CliError } from './errors.js'
import type { CliIo } from './io.js'

/** The environment variable a passphrase is read from before any prompt. */
export const PASSPHRASE_ENV = 'SUPERNOVA_PASSPHRASE'

export type ReadPassphraseParameters = {
  io: CliIo
  /** Ask twice and require both to match (new keystores). */
  confirm?: boolean
  /** Shown in the prompt, e.g. the wallet file. */
  label: string
}

/**
 * The wallet passphrase: `SUPERNOVA_PASSPHRASE` if set, else a masked prompt on the terminal
 * (twice for a new keystore). Never prompts without a TTY on stdin.
 * @throws {CliError} `PASSPHRASE` (no terminal and no variable, empty, or the two entries differ)
 *   or `CANCELLED` (Ctrl-C at the prompt).
 */
export async function readPassphrase({
  io,
  confirm = false,
  label,
}: ReadPassphraseParameters): Promise<string> {
  const fromEnv = io.env[PASSPHRASE_ENV]
  if (fromEnv !== undefined) {
    if (fromEnv === '')
      throw new CliError({ code: 'PASSPHRASE', message: `${PASSPHRASE_ENV} is empty` })
    return fromEnv
  }
  if (!io.stdin.isTTY)
    throw new CliError({
      code: 'PASSPHRASE',
      message: `no passphrase: set ${PASSPHRASE_ENV} or run in a terminal to be prompted`,
    })
  const first = await prompt(
    io,
    confirm ? `New passphrase for ${label}:` : `Passphrase for ${label}:`,
  )
  if (first === '') throw new CliError({ code: 'PASSPHRASE', message: 'empty passphrase' })
  if (!confirm) return first
  const second = await prompt(io, 'Repeat the passphrase:')
  if (first !== second)
    throw new CliError({ code: 'PASSPHRASE', message: 'the passphrases differ' })
  return first
}

async function prompt(io: CliIo, message: string): Promise<string> {
  try {
    return await io.promptSecret(message)
  } catch (e) {
    // @inquirer throws ExitPromptError on Ctrl-C.
    if ((e as { name?: string }).name === 'ExitPromptError')
      throw new CliError({ code: 'CANCELLED', message: 'cancelled' })
    throw e
  }
}
