import { BaseError } from '@supernova/protocol'

export type CliErrorCode =
  /** Bad command line: unknown command or option, missing or malformed argument. Exit 2. */
  | 'USAGE'
  /** No passphrase available (no SUPERNOVA_PASSPHRASE and no terminal), or mismatch. */
  | 'PASSPHRASE'
  /** The user cancelled a prompt. */
  | 'CANCELLED'
  /** Reading or writing a file the CLI needs failed. */
  | 'FILE'

/** An error of the command line itself; `command` names the help page to point at. */
export class CliError extends BaseError<CliErrorCode> {
  override name = 'CliError'
  readonly command: string | undefined

  constructor(params: { code: CliErrorCode; message: string; command?: string; cause?: unknown }) {
    super({
      code: params.code,
      message: params.message,
      ...(params.cause === undefined ? {} : { cause: params.cause }),
    })
    this.command = params.command
  }
}

/** A usage error pointing at `supernova <command> --help`. */
export function usageError(message: string, command?: string): CliError {
  return new CliError({ code: 'USAGE', message, ...(command ? { command } : {}) })
}
