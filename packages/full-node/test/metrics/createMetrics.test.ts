import { describe, expect, it } from 'vitest'
import { createMetrics } from '../../src/metrics/createMetrics.js'
import { parsePrometheusText, sampleValue } from './promText.js'

const FAMILIES = {
  supernova_blocks_connected_total: 'counter',
  supernova_chain_height: 'gauge',
  supernova_reorgs_total: 'counter',
  supernova_reorg_depth: 'histogram',
  supernova_block_validation_seconds: 'histogram',
  supernova_peers: 'gauge',
  supernova_mempool_transactions: 'gauge',
  supernova_mempool_bytes: 'gauge',
  supernova_utxo_set_size: 'gauge',
  supernova_database_size_bytes: 'gauge',
  supernova_txs_accepted_total: 'counter',
  supernova_txs_rejected_total: 'counter',
  supernova_rpc_requests_total: 'counter',
  supernova_rpc_request_duration_seconds: 'histogram',
} as const

describe('createMetrics', () => {
  it('exposes every family with its type, plus process defaults', async () => {
    const metrics = createMetrics()
    const parsed = parsePrometheusText(await metrics.render())
    for (const [name, type] of Object.entries(FAMILIES)) expect(parsed.types.get(name)).toBe(type)
    expect(parsed.types.has('process_cpu_user_seconds_total')).toBe(true)
    expect(metrics.contentType).toMatch(/^text\/plain/)
  })

  it('records what the helpers are told', async () => {
    let size = 1234
    const metrics = createMetrics({ defaultMetrics: false, databaseSizeBytes: () => size })
    metrics.blockConnected(5)
    metrics.blockConnected(6)
    metrics.setChainHeight(4)
    metrics.reorg(2)
    metrics.observeBlockValidation(0.02)
    metrics.setPeers(3)
    metrics.setMempool({ transactions: 7, bytes: 900 })
    metrics.setUtxoSetSize(42)
    metrics.txAccepted()
    metrics.txRejected('TX_MISSING_INPUT')
    metrics.txRejected('not a code {"}')
    metrics.rpcRequest('getChainInfo', 'ok', 0.001)
    metrics.rpcRequest('getBlock', '-32003', 0.002)
    let parsed = parsePrometheusText(await metrics.render())
    expect(sampleValue(parsed, 'supernova_blocks_connected_total')).toBe(2)
    expect(sampleValue(parsed, 'supernova_chain_height')).toBe(4)
    expect(sampleValue(parsed, 'supernova_reorgs_total')).toBe(1)
    expect(sampleValue(parsed, 'supernova_reorg_depth_count')).toBe(1)
    expect(sampleValue(parsed, 'supernova_reorg_depth_sum')).toBe(2)
    expect(sampleValue(parsed, 'supernova_block_validation_seconds_count')).toBe(1)
    expect(sampleValue(parsed, 'supernova_peers')).toBe(3)
    expect(sampleValue(parsed, 'supernova_mempool_transactions')).toBe(7)
    expect(sampleValue(parsed, 'supernova_mempool_bytes')).toBe(900)
    expect(sampleValue(parsed, 'supernova_utxo_set_size')).toBe(42)
    expect(sampleValue(parsed, 'supernova_database_size_bytes')).toBe(1234)
    expect(sampleValue(parsed, 'supernova_txs_accepted_total')).toBe(1)
    expect(sampleValue(parsed, 'supernova_txs_rejected_total', { code: 'TX_MISSING_INPUT' })).toBe(
      1,
    )
    expect(sampleValue(parsed, 'supernova_txs_rejected_total', { code: 'OTHER' })).toBe(1)
    expect(
      sampleValue(parsed, 'supernova_rpc_requests_total', { method: 'getBlock', status: '-32003' }),
    ).toBe(1)
    expect(
      sampleValue(parsed, 'supernova_rpc_request_duration_seconds_count', {
        method: 'getChainInfo',
      }),
    ).toBe(1)
    size = 5678
    parsed = parsePrometheusText(await metrics.render())
    expect(sampleValue(parsed, 'supernova_database_size_bytes')).toBe(5678)
  })

  it('keeps the last database size when the probe fails, and registries apart', async () => {
    let fail = false
    const a = createMetrics({
      defaultMetrics: false,
      databaseSizeBytes: () => {
        if (fail) throw new Error('disk gone')
        return 10
      },
    })
    const b = createMetrics({ defaultMetrics: false })
    await a.render()
    fail = true
    a.setPeers(9)
    const parsedA = parsePrometheusText(await a.render())
    expect(sampleValue(parsedA, 'supernova_database_size_bytes')).toBe(10)
    expect(sampleValue(parsePrometheusText(await b.render()), 'supernova_peers')).toBe(0)
  })
})
