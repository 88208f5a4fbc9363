import { describe, expect, it } from 'vitest'
import { MIN_PASSWORD_LENGTH, passwordStrength, validateNewPassword } from './password'

describe('passwordStrength', () => {
  it('calls anything under the minimum too short', () => {
    expect(passwordStrength('')).toMatchObject({ score: 0, label: 'Too short' })
    expect(passwordStrength('Ab3$xY9!q')).toMatchObject({ score: 0 })
    expect(passwordStrength('Ab3$xY9!q').hints[0]).toContain(String(MIN_PASSWORD_LENGTH))
  })

  it('caps common words and repetition at weak, with a hint', () => {
    const common = passwordStrength('MyPassword2024!!')
    expect(common.score).toBe(1)
    expect(common.hints.join(' ')).toMatch(/common words/)
    expect(passwordStrength('aaaaaaaaaaaaaaaa').score).toBe(1)
    expect(passwordStrength('abcdefghijklmnop').hints.join(' ')).toMatch(/sequences/)
    expect(passwordStrength('1234567890123').score).toBe(1)
  })

  it('rewards length first, then variety', () => {
    expect(passwordStrength('plumtreeriver').score).toBe(1)
    expect(passwordStrength('plum tree river!').score).toBe(2)
    expect(passwordStrength('Plum tree river 9').score).toBe(3)
    const strong = passwordStrength('Correct horse battery staple 7')
    expect(strong).toMatchObject({ score: 4, label: 'Strong', hints: [] })
  })

  it('looks at a bounded prefix of huge input', () => {
    expect(passwordStrength('x'.repeat(100_000)).score).toBe(1)
  })
})

describe('validateNewPassword', () => {
  it('asks for a long enough password and a matching confirmation', () => {
    expect(validateNewPassword('', '')).toEqual({
      password: 'Enter a password.',
      confirm: 'Enter the password again.',
    })
    expect(validateNewPassword('short', 'short').password).toMatch(/at least 10/)
    expect(validateNewPassword('long enough pw', 'long enough pX')).toEqual({
      confirm: 'The passwords do not match.',
    })
    expect(validateNewPassword('long enough pw', 'long enough pw')).toEqual({})
    expect(validateNewPassword('x'.repeat(1025), 'x'.repeat(1025)).password).toMatch(/at most/)
  })

  it('counts characters, not UTF-16 units', () => {
    expect(validateNewPassword('🔑'.repeat(9), '🔑'.repeat(9)).password).toMatch(/at least/)
    expect(validateNewPassword('🔑'.repeat(10), '🔑'.repeat(10))).toEqual({})
  })
})
