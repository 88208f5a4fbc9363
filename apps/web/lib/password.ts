/**
 * Password rules for the wallet's keystore. The keystore is encrypted with a key derived from
 * this password (PBKDF2, 600,000 rounds), so its strength is what stands between a copied
 * browser profile and the coins. Pure: no I/O.
 */

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10
/** Longest password looked at (PBKDF2 takes any length; this bounds the work of the checks). */
export const MAX_PASSWORD_LENGTH = 1_024

/** 0 too short · 1 weak · 2 fair · 3 good · 4 strong. */
export type PasswordScore = 0 | 1 | 2 | 3 | 4

export type PasswordStrength = {
  score: PasswordScore
  /** One word for the meter: "Too short", "Weak", "Fair", "Good", "Strong". */
  label: string
  /** What would make it stronger (empty when strong). */
  hints: string[]
}

const LABELS = ['Too short', 'Weak', 'Fair', 'Good', 'Strong'] as const

/** Fragments that make a password easy to guess wherever they appear. */
const COMMON = [
  'password',
  'passwort',
  'qwerty',
  'azerty',
  '123456',
  'abcdef',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'monkey',
  'dragon',
  'supernova',
  'wallet',
  'bitcoin',
]

/** How many of lowercase, uppercase, digits and other characters `pw` uses. */
function characterClasses(pw: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((r) => r.test(pw)).length
}

/** True when one character, or a run like `abcd`/`4321`, makes up most of `pw`. */
function isRepetitive(pw: string): boolean {
  const chars = [...pw]
  if (new Set(chars).size <= Math.max(2, chars.length / 4)) return true
  let run = 1
  let longest = 1
  for (let i = 1; i < chars.length; i++) {
    const step = chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!
    run = Math.abs(step) === 1 ? run + 1 : 1
    longest = Math.max(longest, run)
  }
  return longest >= Math.max(4, chars.length / 2)
}

/**
 * A rough strength estimate with advice: length counts most, then variety; common words and
 * repetition cap it at weak. It is a hint for the person typing, not a security proof.
 * @example passwordStrength('correct horse battery staple').label // 'Strong'
 */
export function passwordStrength(password: string): PasswordStrength {
  const pw = password.slice(0, MAX_PASSWORD_LENGTH)
  const length = [...pw].length
  const hints: string[] = []
  if (length < MIN_PASSWORD_LENGTH) {
    hints.push(`Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    return { score: 0, label: LABELS[0], hints }
  }
  const lower = pw.toLowerCase()
  const common = COMMON.some((w) => lower.includes(w))
  const repetitive = isRepetitive(pw)
  const classes = characterClasses(pw)
  let score = length >= 20 ? 3 : length >= 14 ? 2 : 1
  if (classes >= 3) score += 1
  if (common) hints.push('Avoid common words and names such as “password” or “wallet”.')
  if (repetitive) hints.push('Avoid repeated characters and sequences like “abcd” or “1234”.')
  if (common || repetitive) score = 1
  if (score < 4 && length < 20)
    hints.push('A longer passphrase of several unrelated words is stronger.')
  if (score < 4 && classes < 3 && !common && !repetitive)
    hints.push('Mix in capitals, digits or symbols.')
  const clamped = Math.min(4, score) as PasswordScore
  return { score: clamped, label: LABELS[clamped], hints: clamped === 4 ? [] : hints }
}

/** Why a new password cannot be used, per field; empty when both are fine. */
export type PasswordErrors = { password?: string; confirm?: string }

/**
 * Checks a new password and its confirmation: the minimum length, the maximum, and that both match.
 * @example validateNewPassword('short', 'short').password // 'Use at least 10 characters.'
 */
export function validateNewPassword(password: string, confirm: string): PasswordErrors {
  const errors: PasswordErrors = {}
  const length = [...password].length
  if (length === 0) errors.password = 'Enter a password.'
  else if (length < MIN_PASSWORD_LENGTH)
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`
  else if (password.length > MAX_PASSWORD_LENGTH)
    errors.password = `Use at most ${MAX_PASSWORD_LENGTH} characters.`
  if (confirm === '') errors.confirm = 'Enter the password again.'
  else if (confirm !== password) errors.confirm = 'The passwords do not match.'
  return errors
}
