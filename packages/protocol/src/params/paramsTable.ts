import { genesisAllocationTotal } from '../economics/supply.js'
import { NETWORKS } from './network.js'
import { CHAIN_PARAMS } from './networks.js'
import { type ChainParams, COIN } from './types.js'

function nova(units: bigint): string {
  const whole = units / COIN
  const frac = units % COIN
  const w = whole.toLocaleString('en-US')
  return frac === 0n
    ? `${w} NOVA`
    : `${w}.${frac.toString().padStart(8, '0').replace(/0+$/, '')} NOVA`
}

const ROWS: [string, (p: ChainParams) => string][] = [
  ['genesis hash', (p) => `\`${p.genesisHash.slice(0, 16)}…\``],
  ['genesis time', (p) => new Date(p.genesis.timestamp).toISOString()],
  [
    'genesis allocations',
    (p) =>
      p.genesis.allocations.length === 0
        ? 'none'
        : `${p.genesis.allocations.length} × ${nova(p.genesis.allocations[0]!.amount)} (${nova(genesisAllocationTotal(p))})`,
  ],
  ['target block time', (p) => `${p.targetBlockTimeMs / 1000} s`],
  ['ASERT half-life', (p) => `${p.asertHalfLifeMs / 1000} s`],
  ['PoW limit (bits)', (p) => `\`0x${p.powLimitBits.toString(16)}\``],
  ['genesis target (bits, ASERT anchor)', (p) => `\`0x${p.genesisBits.toString(16)}\``],
  ['median-time-past span', (p) => `${p.medianTimeSpan} blocks`],
  ['max future drift', (p) => `${p.maxFutureDriftMs / 1000} s`],
  ['max block size', (p) => `${p.maxBlockBytes.toLocaleString('en-US')} bytes`],
  ['max transaction size', (p) => `${p.maxTxBytes.toLocaleString('en-US')} bytes`],
  ['dust threshold', (p) => `${p.dustThreshold} units`],
  ['coinbase maturity', (p) => `${p.coinbaseMaturity} blocks`],
  ['hard supply cap', (p) => nova(p.maxSupply)],
  ['initial subsidy', (p) => nova(p.initialSubsidy)],
  ['halving interval', (p) => `${p.halvingInterval.toLocaleString('en-US')} blocks`],
  ['treasury share of fees', (p) => `${p.treasuryFeeShareBps / 100}%`],
  ['validator share (once validators exist)', (p) => `${p.validatorRewardShareBps / 100}%`],
  [
    'signature checks per tx / block',
    (p) =>
      `${p.maxTxSigChecks.toLocaleString('en-US')} / ${p.maxBlockSigChecks.toLocaleString('en-US')}`,
  ],
  ['max reorg depth', (p) => `${p.maxReorgDepth.toLocaleString('en-US')} blocks`],
  ['epoch length', (p) => `${p.epochLength} blocks`],
  [
    'mempool caps',
    (p) =>
      `${p.mempool.maxTransactions.toLocaleString('en-US')} txs, ${p.mempool.maxBytes.toLocaleString('en-US')} bytes, ≥ ${p.mempool.minFeeRate} unit/byte`,
  ],
]

/** A Markdown table of every network's consensus parameters, as docs/protocol.md embeds it. */
export function renderChainParamsTable(): string {
  const header = `| parameter | ${NETWORKS.join(' | ')} |`
  const rule = `|---|${NETWORKS.map(() => '---').join('|')}|`
  const body = ROWS.map(
    ([name, f]) => `| ${name} | ${NETWORKS.map((n) => f(CHAIN_PARAMS[n])).join(' | ')} |`,
  )
  return [header, rule, ...body].join('\n')
}
