import { Writable } from 'node:stream'
import type { CliIo } from '../../../src/cli/io.js'
import { main } from '../../../src/cli/main.js'

export type Captured = { code: number; stdout: string; stderr: string }

class Capture extends Writable {
  text = ''
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString()
    cb()
  }
}

/** Runs `main` with captured output and the given environment (no TTY, no prompts). */
export async function run(
  argv: readonly string[],
  {
    env = {},
    cwd = process.cwd(),
    homeDir = cwd,
    prompt,
  }: {
    env?: Record<string, string>
    cwd?: string
    homeDir?: string
    prompt?: (message: string) => Promise<string>
  } = {},
): Promise<Captured> {
  const stdout = new Capture()
  const stderr = new Capture()
  const io: CliIo = {
    stdout,
    stderr,
    stdin: { isTTY: prompt !== undefined },
    env,
    cwd,
    homeDir,
    promptSecret: prompt ?? (() => Promise.reject(new Error('no prompt in tests'))),
    onSignal: () => () => undefined,
    exit: (code) => {
      throw new Error(`exit ${code}`)
    },
  }
  const code = await main(argv, io)
  return { code, stdout: stdout.text, stderr: stderr.text }
}
