import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { BAN_SCORE, PeerBook } from '../../src/network/peerBook.js'
import { devnetStatus } from './rawNode.js'

function setup(random = 0) {
  let now = 1_000_000
  const book = new PeerBook({
    minMs: 1_000,
    maxMs: 8_000,
    stableMs: 60_000,
    banMs: 3_600_000,
    now: () => now,
    random: () => random,
  })
  const add = (id: string) =>
    book.addBootstrap({
      id,
      addresses: [
        { multiaddr: multiaddr(`/ip4/127.0.0.1/tcp/1/ws/p2p/${id}`), transport: 'websockets' },
      ],
    })
  const connect = (id: string) =>
    book.connectedTo(id, { address: `/x/${id}`, transport: 'websockets', connectedAt: now })
  return { book, add, connect, advance: (ms: number) => (now += ms), now: () => now }
}

const A = '12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf'
const B = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'

describe('PeerBook scores', () => {
  it('penalties lower the score, decay 2 points a minute, ban at −100', () => {
    const { book, advance } = setup()
    expect(book.score(A)).toBe(0)
    expect(book.penalize(A, 30)).toBe(false)
    expect(book.score(A)).toBe(-30)
    advance(5 * 60_000)
    expect(book.score(A)).toBe(-20)
    advance(60 * 60_000)
    expect(book.score(A)).toBe(0)
    expect(book.penalize(A, 99)).toBe(false)
    expect(book.isBanned(A)).toBe(false)
    expect(book.penalize(A, 1)).toBe(true)
    expect(book.score(A)).toBe(BAN_SCORE)
    expect(book.isBanned(A)).toBe(true)
    expect(book.penalize(A, 50)).toBe(false) // already banned: reported once
    advance(3_600_000)
    expect(book.isBanned(A)).toBe(false)
  })

  it('best: highest score, then a known status, then lowest latency; never a banned peer', () => {
    const { book, add, connect } = setup()
    add(A)
    add(B)
    expect(book.best()).toBeUndefined()
    connect(A)
    connect(B)
    book.setStatus(B, devnetStatus(), 50)
    expect(book.best()?.id).toBe(B)
    book.setStatus(A, devnetStatus(), 10)
    expect(book.best()?.id).toBe(A)
    book.penalize(A, 1)
    expect(book.best()?.id).toBe(B)
    book.ban(B, 1_000)
    expect(book.best()?.id).toBe(A)
  })
})

describe('PeerBook dialing', () => {
  it('failed dials back off exponentially with jitter; bans push the next dial out', () => {
    const { book, add, advance } = setup(0.5)
    add(A)
    expect(book.dialCandidates().map((p) => p.id)).toEqual([A])
    book.setDialing(A, true)
    expect(book.dialCandidates()).toEqual([])
    expect(book.dialFailed(A)).toBe(750) // 1000 − half of it × 0.5
    expect(book.dialCandidates()).toEqual([])
    advance(750)
    expect(book.dialCandidates().map((p) => p.id)).toEqual([A])
    expect([
      book.dialFailed(A),
      book.dialFailed(A),
      book.dialFailed(A),
      book.dialFailed(A),
    ]).toEqual([1_500, 3_000, 6_000, 6_000])
    const before = book.nextDialAt() ?? 0
    book.ban(A, 3_600_000)
    expect(book.nextDialAt()).toBeGreaterThan(before + 3_000_000)
    advance(10_000)
    expect(book.dialCandidates()).toEqual([])
  })

  it('a connection that held resets the back-off; a short one counts as a failure', () => {
    const { book, add, connect, advance } = setup(0)
    add(A)
    book.dialFailed(A)
    book.dialFailed(A)
    connect(A)
    expect(book.dialCandidates()).toEqual([])
    advance(1_000)
    expect(book.disconnected(A)).toBe(4_000) // third failure in a row
    connect(A)
    advance(60_000)
    expect(book.disconnected(A)).toBe(1_000) // held a minute: back to the first delay
    expect(book.peer(A)).toBeUndefined()
  })

  it('a peer connected and stopped keeps its score and is dialable at the next start', () => {
    const { book, add, connect } = setup()
    add(A)
    connect(A)
    book.setStatus(A, devnetStatus(), 5)
    book.penalize(A, 10)
    expect(book.connected().map((p) => [p.id, p.score, p.latencyMs])).toEqual([[A, -10, 5]])
    book.stopped(A)
    expect(book.connected()).toEqual([])
    expect(book.score(A)).toBe(-10)
    expect(book.dialCandidates().map((p) => p.id)).toEqual([A])
  })
})

describe('PeerBook statuses, polled and pushed', () => {
  const work = (cumulativeWork: bigint) => devnetStatus({ cumulativeWork })

  it('a pushed status keeps the last latency; a poll overtaken by a push keeps only its latency', () => {
    const { book, add, connect, advance } = setup()
    add(A)
    connect(A)
    expect(book.setStatus(A, work(10n), 40)).toBe(true)
    advance(1_000)
    expect(book.setStatus(A, work(20n), undefined)).toBe(true)
    expect(book.peer(A)).toMatchObject({ latencyMs: 40, status: { cumulativeWork: 20n } })
    advance(30)
    // Asked 50 ms ago, before the push 30 ms ago: its answer with less work is older news.
    expect(book.setStatus(A, work(10n), 50)).toBe(false)
    expect(book.peer(A)).toMatchObject({ latencyMs: 50, status: { cumulativeWork: 20n } })
    // Asked after the push: taken, whatever its work.
    expect(book.setStatus(A, work(15n), 10)).toBe(true)
    expect(book.peer(A)?.status?.cumulativeWork).toBe(15n)
    // Asked before the push but with as much work or more: taken.
    expect(book.setStatus(A, work(20n), undefined)).toBe(true)
    expect(book.setStatus(A, work(25n), 5)).toBe(true)
  })

  it('a disconnect forgets the push', () => {
    const { book, add, connect } = setup()
    add(A)
    connect(A)
    book.setStatus(A, work(20n), undefined)
    book.disconnected(A)
    connect(A)
    expect(book.setStatus(A, work(1n), 1)).toBe(true)
  })
})
