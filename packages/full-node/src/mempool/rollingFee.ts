/**
 * The rolling minimum fee rate (Bitcoin Core's `GetMinFee`): each eviction raises it to the
 * evicted package's rate plus the relay increment, so the pool does not readmit, at the same
 * rate, what it just threw out; it then halves every `halfLifeMs` (twice as fast below half the
 * byte cap, four times below a quarter) and snaps to 0 under half the relay floor. Decay runs
 * continuously on the injected clock (Core waits for a block first; our blocks are seconds apart).
 */
export class RollingMinFee {
  private rate = 0
  private updated = 0

  constructor(
    private readonly halfLifeMs: number,
    private readonly floor: number,
  ) {}

  /** The current rolling rate (units per byte; 0 when inactive). `usage` = bytes / maxBytes. */
  current(now: number, usage: number): number {
    if (this.rate === 0) return 0
    const halfLife =
      usage < 0.25 ? this.halfLifeMs / 4 : usage < 0.5 ? this.halfLifeMs / 2 : this.halfLifeMs
    const elapsed = Math.max(0, now - this.updated)
    this.rate *= 0.5 ** (elapsed / halfLife)
    this.updated = now
    if (this.rate < this.floor / 2 || this.rate < 1e-9) this.rate = 0
    return this.rate
  }

  /** Raises the rate to at least `rate` (after an eviction of a package paying `rate` − floor). */
  bump(rate: number, now: number): void {
    this.current(now, 1)
    this.updated = now
    if (rate > this.rate) this.rate = rate
  }
}
