import cliProgress from 'cli-progress'
import { type CliIo, writeLine } from './io.js'

/** Progress of some long work: a bar on a terminal, a line per change otherwise. */
export type Progress = { update(value: number, detail?: string): void; stop(): void }

/**
 * A progress reporter for `total` steps of `label`. On a TTY stdout it draws a cli-progress bar;
 * elsewhere (pipes, logs, tests) it writes one plain line whenever the value changes.
 */
export function createProgress(
  io: CliIo,
  { label, total }: { label: string; total: number },
): Progress {
  if (io.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: io.stdout,
        format: `${label} [{bar}] {value}/{total} {detail}`,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    )
    bar.start(total, 0, { detail: '' })
    return {
      update: (value, detail = '') => bar.update(value, { detail }),
      stop: () => bar.stop(),
    }
  }
  let last = -1
  return {
    update: (value, detail) => {
      if (value === last) return
      last = value
      writeLine(io.stdout, `${label}: ${value}/${total}${detail ? ` ${detail}` : ''}`)
    },
    stop: () => undefined,
  }
}
