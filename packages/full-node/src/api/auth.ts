import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmod, open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiServerError } from './serverErrors.js'

/** The cookie file's name inside the data directory. */
export const COOKIE_FILE = '.cookie'
const COOKIE_MODE = 0o600

/**
 * Writes `<dataDir>/.cookie` with a fresh 32-byte secret (hex) readable by the owner only: a new
 * file (mode 0600) is written beside it and renamed over any old one, so the secret never sits in
 * a file with wider permissions, and the mode is checked afterwards.
 * @throws {ApiServerError} COOKIE_WRITE_FAILED, COOKIE_MODE.
 */
export async function writeCookie(dataDir: string): Promise<{ path: string; secret: string }> {
  const path = join(dataDir, COOKIE_FILE)
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  const secret = randomBytes(32).toString('hex')
  try {
    const file = await open(tmp, 'wx', COOKIE_MODE)
    try {
      await file.writeFile(secret)
      await file.sync()
    } finally {
      await file.close()
    }
    // open()'s mode is filtered by the umask, which can only remove bits; chmod makes it exact.
    await chmod(tmp, COOKIE_MODE)
    await rename(tmp, path)
  } catch (cause) {
    await rm(tmp, { force: true })
    throw new ApiServerError({
      code: 'COOKIE_WRITE_FAILED',
      message: `cannot write the auth cookie ${path}`,
      cause,
    })
  }
  if (process.platform !== 'win32') {
    const mode = (await stat(path)).mode & 0o777
    if (mode !== COOKIE_MODE) {
      await rm(path, { force: true })
      throw new ApiServerError({
        code: 'COOKIE_MODE',
        message: `the auth cookie ${path} has mode ${mode.toString(8)}, expected 600`,
      })
    }
  }
  return { path, secret }
}

/** Deletes the cookie file (missing is fine). */
export async function removeCookie(path: string): Promise<void> {
  await rm(path, { force: true })
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest()
}

/**
 * A constant-time check of a presented token against the accepted secrets: every secret is
 * compared (no early exit) on SHA-256 digests, so neither content nor length leaks through timing.
 */
export function createTokenCheck(
  secrets: readonly string[],
): (token: string | undefined) => boolean {
  const digests = secrets.map(digest)
  return (token) => {
    if (token === undefined || token.length === 0 || token.length > 1024) return false
    const presented = digest(token)
    let ok = false
    for (const d of digests) ok = timingSafeEqual(presented, d) || ok
    return ok
  }
}

/** The token of `Authorization: Bearer <token>`, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined
  const m = /^Bearer +(\S+) *$/i.exec(header)
  return m?.[1]
}
