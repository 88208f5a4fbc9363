import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { HEADER_BYTES, HEADER_LAYOUT } from '../src/block/header.js'
import { HASH_DOMAINS } from '../src/hash/domains.js'
import { renderChainParamsTable } from '../src/params/paramsTable.js'
import { VALIDATION_ERROR_CODES } from '../src/validation/errors.js'

const doc = readFileSync(
  fileURLToPath(new URL('../../../docs/protocol.md', import.meta.url)),
  'utf8',
)

describe('docs/protocol.md matches the code', () => {
  it('embeds the parameter table generated from chain params', () => {
    const m = doc.match(/<!-- params:begin -->\n([\s\S]*?)\n<!-- params:end -->/)
    expect(m?.[1], 'regenerate with renderChainParamsTable()').toBe(renderChainParamsTable())
  })

  it('documents every validation error code', () => {
    for (const code of VALIDATION_ERROR_CODES) expect(doc, code).toContain(`\`${code}\``)
  })

  it('documents every hash domain', () => {
    for (const d of HASH_DOMAINS) expect(doc, d).toContain(`\`${d}\``)
  })

  it('documents the header layout offsets', () => {
    expect(doc).toContain(`fixed ${HEADER_BYTES} bytes`)
    for (const [field, offset] of Object.entries(HEADER_LAYOUT))
      expect(doc, field).toMatch(new RegExp(`\\| ${offset} \\| ${field} \\|`))
  })
})
