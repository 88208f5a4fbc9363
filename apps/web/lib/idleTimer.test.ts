import { describe, expect, it } from 'vitest'
import { createIdleTimer, type IdleClock } from './idleTimer'

/** A manual clock: `advance` fires what is due. */
function manualClock() {
  let now = 0
  let next = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  const clock: IdleClock = {
    set(fn, ms) {
      timers.set(++next, { at: now + ms, fn })
      return next
    },
    clear: (h) => void timers.delete(h as number),
  }
  const advance = (ms: number) => {
    now += ms
    for (const [h, t] of [...timers]) {
      if (t.at > now) continue
      timers.delete(h)
      t.fn()
    }
  }
  return { clock, advance, pending: () => timers.size }
}

describe('createIdleTimer', () => {
  it('fires once after the timeout without activity', () => {
    const c = manualClock()
    let idle = 0
    createIdleTimer({ timeoutMs: 1_000, onIdle: () => idle++, clock: c.clock })
    c.advance(999)
    expect(idle).toBe(0)
    c.advance(1)
    expect(idle).toBe(1)
    c.advance(5_000)
    expect(idle).toBe(1)
  })

  it('restarts on activity and never fires once stopped', () => {
    const c = manualClock()
    let idle = 0
    const t = createIdleTimer({ timeoutMs: 1_000, onIdle: () => idle++, clock: c.clock })
    c.advance(900)
    t.touch()
    c.advance(900)
    expect(idle).toBe(0)
    expect(c.pending()).toBe(1)
    t.stop()
    expect(c.pending()).toBe(0)
    t.touch()
    c.advance(5_000)
    expect(idle).toBe(0)
  })

  it('refuses a bad timeout', () => {
    expect(() => createIdleTimer({ timeoutMs: 0, onIdle: () => {} })).toThrow(RangeError)
  })
})
