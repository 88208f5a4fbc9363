import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { HEADER_BYTES } from '../../src/block/header.js'
import { MAX_LENGTH_PREFIX_BYTES, PROTOCOL_LIMITS } from '../../src/wire/limits.js'
import { gossipTopics, PROTOCOL_NAMES, protocolId } from '../../src/wire/protocols.js'
import { STATUS_BYTES } from '../../src/wire/status.js'

const doc = readFileSync(
  fileURLToPath(new URL('../../../../docs/network.md', import.meta.url)),
  'utf8',
)

describe('protocol ids and limits', () => {
  it('ids and topics follow /supernova/<network>/<name>/1', () => {
    expect(protocolId('devnet', 'tx-proof')).toBe('/supernova/devnet/tx-proof/1')
    expect(protocolId('mainnet', 'status')).toBe('/supernova/mainnet/status/1')
    expect(gossipTopics('testnet')).toEqual({
      blocks: '/supernova/testnet/blocks/1',
      txs: '/supernova/testnet/txs/1',
    })
  })

  it('every cap fits a 4-byte length prefix and every exchange has a timeout', () => {
    expect(Object.keys(PROTOCOL_LIMITS).sort()).toEqual([...PROTOCOL_NAMES].sort())
    for (const name of PROTOCOL_NAMES) {
      const l = PROTOCOL_LIMITS[name]
      expect(l.timeoutMs).toBeGreaterThan(0)
      expect(l.maxResponseBytes).toBeLessThan(2 ** (7 * MAX_LENGTH_PREFIX_BYTES))
      // Requests are small questions, except send-tx: a whole transaction up, a txid back.
      if (name !== 'send-tx') expect(l.maxRequestBytes).toBeLessThan(l.maxResponseBytes)
    }
    expect(PROTOCOL_LIMITS.status.maxResponseBytes).toBe(1 + STATUS_BYTES)
    expect(PROTOCOL_LIMITS.headers.maxResponseBytes).toBe(1 + 4 + 2000 * HEADER_BYTES)
    expect(PROTOCOL_LIMITS['send-tx']).toEqual({
      maxRequestBytes: 1_000_000,
      maxResponseBytes: 1 + 4 + 256 + 4 + 64,
      timeoutMs: 10_000,
    })
    expect(protocolId('devnet', 'send-tx')).toBe('/supernova/devnet/send-tx/1')
    expect(PROTOCOL_LIMITS['fee-estimate']).toEqual({
      maxRequestBytes: 2,
      maxResponseBytes: 1 + 4 + 256,
      timeoutMs: 5_000,
    })
    expect(protocolId('devnet', 'fee-estimate')).toBe('/supernova/devnet/fee-estimate/1')
  })

  it('docs/network.md lists every protocol id pattern, cap and timeout the code enforces', () => {
    expect(doc).toContain('`/supernova/<network>/<name>/1`')
    for (const name of PROTOCOL_NAMES) {
      const l = PROTOCOL_LIMITS[name]
      const row = `| \`${name}\` | ${l.maxRequestBytes.toLocaleString('en')} | ${l.maxResponseBytes.toLocaleString('en')} | ${l.timeoutMs / 1000} s |`
      expect(doc, name).toContain(row)
    }
  })
})
