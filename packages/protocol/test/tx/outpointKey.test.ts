import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { outpointKey } from '../../src/validation/verifyTransaction.js'

const txid = fc.uint8Array({ minLength: 32, maxLength: 32 })
const vout = fc.integer({ min: 0, max: 0xffffffff })

describe('outpointKey', () => {
  it('is one to one on well-formed outpoints, always 18 code units', () => {
    fc.assert(
      fc.property(txid, vout, txid, vout, (t1, v1, t2, v2) => {
        const a = outpointKey({ txid: t1, vout: v1 })
        const b = outpointKey({ txid: t2, vout: v2 })
        expect(a).toHaveLength(18)
        const same = v1 === v2 && t1.every((x, i) => x === t2[i])
        expect(a === b).toBe(same)
        expect(outpointKey({ txid: t1.slice(), vout: v1 })).toBe(a)
      }),
      { numRuns: 2000 },
    )
  })

  it('tells apart outpoints differing in one txid byte or the high half of vout', () => {
    const t = new Uint8Array(32)
    const u = t.slice()
    u[31] = 1
    expect(outpointKey({ txid: t, vout: 0 })).not.toBe(outpointKey({ txid: u, vout: 0 }))
    expect(outpointKey({ txid: t, vout: 1 })).not.toBe(outpointKey({ txid: t, vout: 0x10001 }))
  })

  it('gives malformed outpoints keys of another length, so they never collide', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }).filter((b) => b.length !== 32),
        fc.oneof(vout, fc.integer({ min: -5, max: -1 }), fc.constant(1.5)),
        (t, v) => {
          expect(outpointKey({ txid: t, vout: v })).not.toHaveLength(18)
        },
      ),
    )
    expect(outpointKey({ txid: new Uint8Array(32), vout: -1 })).not.toHaveLength(18)
  })
})
