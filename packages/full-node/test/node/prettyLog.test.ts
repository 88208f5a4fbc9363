import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { createPrettyDestination, formatLogLine } from '../../src/node/prettyLog.js'

describe('--log-pretty', () => {
  it('prints pino records as time, level, message and fields', () => {
    const lines: string[] = []
    const log = pino(
      { level: 'info', base: { network: 'devnet' } },
      createPrettyDestination({ write: (s: string) => lines.push(s) }),
    )
    log.info({ height: 12, tip: 'ab12' }, 'block connected')
    log.warn({ reason: 'too many blocks' }, 'side block not stored')
    log.error({ err: new Error('disk full') }, 'batch failed')
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}block connected height=12 tip=ab12\n$/)
    expect(lines[1]).toContain('WARN  side block not stored reason="too many blocks"')
    expect(lines[2]).toContain('ERROR batch failed err="Error: disk full"')
    expect(lines.join('')).not.toContain('network=')
  })

  it('passes anything that is not a pino record through unchanged', () => {
    expect(formatLogLine('plain text')).toBe('plain text')
    expect(formatLogLine('{"no":"level"}')).toBe('{"no":"level"}')
  })
})
