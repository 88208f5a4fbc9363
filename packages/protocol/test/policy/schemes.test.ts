import { describe, expect, it } from 'vitest'
import { createNobleSignatureSchemes } from '../../src/crypto/schemes.js'
import { SCHEME_CODES, SCHEME_IDS } from '../../src/crypto/types.js'
import { SCHEME_SIZES, schemeFromCode } from '../../src/policy/schemes.js'

describe('policy wire sizes', () => {
  it('agree with the signature scheme implementations', () => {
    const schemes = createNobleSignatureSchemes()
    for (const id of SCHEME_IDS) {
      expect(SCHEME_SIZES[id]).toEqual({
        publicKey: schemes[id].publicKeyLength,
        signature: schemes[id].signatureLength,
      })
      expect(schemeFromCode(schemes[id].code)).toBe(id)
    }
  })

  it('map every scheme code and nothing else', () => {
    for (const id of SCHEME_IDS) expect(schemeFromCode(SCHEME_CODES[id])).toBe(id)
    expect(schemeFromCode(3)).toBeUndefined()
    expect(schemeFromCode(255)).toBeUndefined()
  })
})
