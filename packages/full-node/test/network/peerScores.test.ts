import { describe, expect, it } from 'vitest'
import { DEFAULT_PEER_SCORES_OPTIONS, PeerScores } from '../../src/network/peerScores.js'

function setup(overrides: Partial<typeof DEFAULT_PEER_SCORES_OPTIONS> = {}) {
  let now = 1_000_000
  const scores = new PeerScores({ ...DEFAULT_PEER_SCORES_OPTIONS, ...overrides }, () => now)
  return { scores, advance: (ms: number) => (now += ms) }
}

describe('PeerScores', () => {
  it('bans at the threshold for the ban duration, then forgets', () => {
    const { scores, advance } = setup()
    expect(scores.penalize('p', 60)).toBeUndefined()
    expect(scores.score('p')).toBe(60)
    expect(scores.penalize('p', 40)).toBe(DEFAULT_PEER_SCORES_OPTIONS.banDurationMs)
    expect(scores.isBanned('p')).toBe(true)
    expect(scores.score('p')).toBe(0)
    advance(DEFAULT_PEER_SCORES_OPTIONS.banDurationMs - 1)
    expect(scores.isBanned('p')).toBe(true)
    advance(1)
    expect(scores.isBanned('p')).toBe(false)
    expect(scores.banned().size).toBe(0)
  })

  it('scores decay with good behaviour', () => {
    const { scores, advance } = setup({ decayPerMinute: 2 })
    scores.penalize('p', 50)
    advance(10 * 60_000)
    expect(scores.score('p')).toBe(30)
    advance(60 * 60_000)
    expect(scores.score('p')).toBe(0)
    expect(scores.penalize('p', 99)).toBeUndefined()
  })

  it('a longer ban is never shortened by a shorter one', () => {
    const { scores, advance } = setup()
    scores.ban('p', 10_000)
    scores.ban('p', 1_000)
    advance(5_000)
    expect(scores.isBanned('p')).toBe(true)
    scores.unban('p')
    expect(scores.isBanned('p')).toBe(false)
  })

  it('rate limit: a burst, then the sustained rate', () => {
    const { scores, advance } = setup({ rateBurst: 3, ratePerSecond: 2 })
    expect([1, 2, 3, 4].map(() => scores.allowRequest('p'))).toEqual([true, true, true, false])
    advance(500)
    expect(scores.allowRequest('p')).toBe(true)
    expect(scores.allowRequest('p')).toBe(false)
    expect(scores.allowRequest('q')).toBe(true)
    scores.forget('p')
    expect(scores.allowRequest('p')).toBe(true)
  })

  it('tables stay bounded', () => {
    const { scores } = setup({ maxTracked: 10 })
    for (let i = 0; i < 100; i++) {
      scores.penalize(`p${i}`, 1)
      scores.ban(`b${i}`, 60_000)
      scores.allowRequest(`r${i}`)
    }
    expect(scores.banned().size).toBe(10)
    expect(scores.score('p0')).toBe(0)
    expect(scores.score('p99')).toBe(1)
  })
})
