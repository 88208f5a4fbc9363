import { homedir } from 'node:os'

/** A stream the CLI writes to; `isTTY` decides prompts, colours and progress bars. */
export type CliStream = NodeJS.WritableStream & { isTTY?: boolean }

/**
 * Everything the CLI touches outside its arguments, injected so that `main` runs in tests with
 * captured output, a fixed environment and no real signals or prompts.
 */
export type CliIo = {
  stdout: CliStream
  stderr: CliStream
  stdin: { isTTY?: boolean }
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  homeDir: string
  /** Asks for a secret on the terminal without echo. */
  promptSecret: (message: string) => Promise<string>
  /** Registers a SIGINT/SIGTERM handler; returns a function that removes it. */
  onSignal: (handler: (signal: 'SIGINT' | 'SIGTERM') => void) => () => void
  /** Leaves the process immediately (a second Ctrl-C). */
  exit: (code: number) => void
}

async function promptWithInquirer(message: string): Promise<string> {
  const { default: password } = await import('@inquirer/password')
  // The prompt goes to stderr so stdout stays clean for scripts.
  return password({ message, mask: '*' }, { input: process.stdin, output: process.stderr })
}

/** The real process: stdio, environment, signals. */
export function createProcessIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    homeDir: homedir(),
    promptSecret: promptWithInquirer,
    onSignal: (handler) => {
      const on = (signal: NodeJS.Signals) => handler(signal as 'SIGINT' | 'SIGTERM')
      process.on('SIGINT', on)
      process.on('SIGTERM', on)
      return () => {
        process.off('SIGINT', on)
        process.off('SIGTERM', on)
      }
    },
    exit: (code) => process.exit(code),
  }
}

/** Writes one line to a stream. */
export function writeLine(stream: CliStream, line = ''): void {
  stream.write(`${line}\n`)
}
