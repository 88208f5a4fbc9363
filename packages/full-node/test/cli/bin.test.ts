import { execFile } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

const exec = promisify(execFile)
const pkgDir = fileURLToPath(new URL('../..', import.meta.url))
const built = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url))
const bin = fileURLToPath(new URL('../../bin/supernova.js', import.meta.url))

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' },
      timeout: 30_000,
    })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

describe('the built supernova bin', () => {
  beforeAll(async () => {
    // Build the package (tsc emits even while other parts of the tree are mid-edit).
    await exec(process.execPath, [require_tsc(), '-p', 'tsconfig.build.json'], {
      cwd: pkgDir,
    }).catch(() => undefined)
    expect(existsSync(built)).toBe(true)
  }, 180_000)

  it('is declared in package.json as a committed, executable file with a shebang', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    // Committed rather than built: npm links a bin at install time only if the file exists then.
    expect(pkg.bin).toEqual({ supernova: 'bin/supernova.js' })
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    expect(statSync(bin).mode & 0o111).not.toBe(0)
    expect(readFileSync(built, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('says how to build it when dist/ is missing, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sn-bin-'))
    try {
      mkdirSync(join(dir, 'bin'))
      copyFileSync(bin, join(dir, 'bin', 'supernova.js'))
      const r = await exec(process.execPath, [join(dir, 'bin', 'supernova.js'), '--help']).catch(
        (e: { code: number; stderr: string }) => e,
      )
      expect(r).toMatchObject({ code: 1 })
      expect((r as { stderr: string }).stderr).toMatch(
        /^supernova: the CLI is not built yet: run 'npm run build'/,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('prints help and exits 0', async () => {
    const r = await cli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Usage: supernova <command>/)
    const w = await cli(['wallet', 'send', '--help'])
    expect(w.stdout).toMatch(/^Usage: supernova wallet send/)
  })

  it('exits 2 with one line on a bad argument, 1 on a failure', async () => {
    const bad = await cli(['node', '--bogus'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe("supernova: unknown option '--bogus' (see 'supernova node --help')\n")
    const fail = await cli(['wallet', 'address', '--wallet', '/nonexistent/w.json'])
    expect(fail.code).toBe(1)
    expect(fail.stderr).toMatch(/^supernova: KEYSTORE_NOT_FOUND/)
  })
})

function require_tsc(): string {
  return fileURLToPath(new URL('../../../../node_modules/typescript/bin/tsc', import.meta.url))
}
