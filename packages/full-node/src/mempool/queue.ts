/**
 * Runs async tasks one at a time, in submission order: every pool mutation (adds, block events,
 * expiry) goes through it, so a validation that awaits UTXO lookups never interleaves with
 * another change. Bounded for submissions from outside (`tryRun`); internal work (`run`) always
 * queues, since dropping a chain event would corrupt the pool.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private waiting = 0
  private external = 0

  constructor(private readonly maxExternal: number) {}

  /** Tasks queued or running. */
  get length(): number {
    return this.waiting
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting++
    const result = this.tail.then(task)
    const done = () => {
      this.waiting--
    }
    this.tail = result.then(done, done)
    return result
  }

  /** Like `run`, or undefined when `maxExternal` outside submissions are already waiting. */
  tryRun<T>(task: () => Promise<T>): Promise<T> | undefined {
    if (this.external >= this.maxExternal) return undefined
    this.external++
    const release = () => {
      this.external--
    }
    const result = this.run(task)
    result.then(release, release)
    return result
  }

  /** Resolves when the queue is empty, including tasks queued by tasks while waiting. */
  async idle(): Promise<void> {
    while (this.waiting > 0) await this.tail
  }
}
