import { describe, expect, it } from 'vitest'
import { VerificationError } from '../../src/verify/errors.js'
import { createEvidenceLog, SEVERITY_POINTS } from '../../src/verify/evidence.js'
import { createFakeNetwork } from './fakeNetwork.js'
import { TestChain } from './testChain.js'

const refuse = (peer: string, code: VerificationError['code'], n = 0) =>
  new VerificationError({
    code,
    message: `answer ${n}`,
    peer,
    request: { protocol: 'filter', n },
    answer: { n },
  })

describe('evidence log', () => {
  it('a lie bans, a conflict penalizes, a fault of nobody records nothing', async () => {
    const chain = await TestChain.create()
    const fake = createFakeNetwork()
    fake.add('liar', chain)
    fake.add('stale', chain)
    fake.add('ahead', chain)
    const seen: unknown[] = []
    const log = createEvidenceLog({
      network: fake.network,
      now: () => 42,
      onEvidence: (e) => seen.push(e),
    })
    expect(log.report(refuse('liar', 'SMT_PROOF_INVALID'))).toMatchObject({
      id: 1,
      at: 42,
      severity: 'lie',
      outcome: 'disconnected',
      request: { protocol: 'filter', n: 0 },
      answer: { n: 0 },
      reason: 'SMT_PROOF_INVALID: answer 0',
    })
    expect(fake.banned.has('liar')).toBe(true)
    expect(log.report(refuse('stale', 'NOT_ON_CHAIN'))?.outcome).toBe('penalized')
    expect(fake.peer('stale')?.score).toBe(-SEVERITY_POINTS.conflict)
    expect(log.report(refuse('ahead', 'AHEAD_OF_CHAIN'))).toBeUndefined()
    expect(fake.peer('ahead')?.score).toBe(0)
    expect(log.list()).toHaveLength(2)
    expect(seen).toEqual(log.list())
  })

  it('keeps at most `capacity` records, oldest dropped first', () => {
    const fake = createFakeNetwork()
    const log = createEvidenceLog({ network: fake.network, now: () => 0, capacity: 3 })
    for (let n = 0; n < 5; n++) log.report(refuse('gone', 'TXID_MISMATCH', n))
    expect(log.list().map((e) => e.id)).toEqual([3, 4, 5])
    expect(() => createEvidenceLog({ network: fake.network, now: () => 0, capacity: 0 })).toThrow(
      RangeError,
    )
  })
})
