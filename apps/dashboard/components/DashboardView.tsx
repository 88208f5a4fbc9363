'use client'
import { useLightClient } from '@supernova/light-client/react'
import { genesisHashBytes, getChainParams } from '@supernova/protocol'
import { Card, Notice } from '@supernova/ui'
import { ProofDetails, useSiteClientStatus } from '@supernova/ui/chain'
import Link from 'next/link'
import { useMemo } from 'react'
import { CHART_BUCKETS, describeChainInput, supplyAt, toWindowHeaders } from '../lib/chainWindow'
import { GRID_DATA } from '../lib/grid'
import { HARDWARE_TABLE } from '../lib/hardware'
import { measureHashrate } from '../lib/hashrate'
import { computeIndicators } from '../lib/indicators'
import { buildMicaReport } from '../lib/mica'
import { buildSeries } from '../lib/series'
import { AssumptionsPanel } from './AssumptionsPanel'
import { Charts } from './Charts'
import { GridCard, HardwareCard } from './DataSets'
import { EstimateCard } from './EstimateCard'
import { HoldingCard } from './HoldingCard'
import { InputsCard } from './InputsCard'
import { MicaCard } from './MicaCard'
import { GreenMinersCard, TreasuryCard } from './OnChainPrograms'
import { Loading, QueryError } from './QueryState'
import { useAssumptions } from './useAssumptions'
import { type DashboardData, useDashboardData } from './useDashboardData'

/** Who verified the chain inputs of this page's figures and exports. */
export const BROWSER_VERIFICATION = 'verified by your browser’s light client'

function useFigures(
  data: DashboardData,
  assumptions: ReturnType<typeof useAssumptions>['assumptions'],
) {
  const network = useLightClient().network
  const { headers, window, countsQuery } = data
  return useMemo(() => {
    // The counted window when there is one (its counts belong to exactly these headers).
    const measured = countsQuery.data?.headers ?? window
    if (headers === undefined || measured.length < 2) return undefined
    const params = getChainParams(network)
    const first = measured[0]!
    const last = measured[measured.length - 1]!
    const hw = measureHashrate(toWindowHeaders(measured))
    const counts = countsQuery.data?.counts
    const transactions = counts?.transactions ?? null
    const model = { assumptions, hardware: HARDWARE_TABLE, grid: GRID_DATA }
    const indicators = computeIndicators({ window: hw, transactions, ...model })
    const chain = describeChainInput({
      network,
      genesisHash: genesisHashBytes(params),
      first,
      last,
      window: hw,
      transactions,
      verification: BROWSER_VERIFICATION,
    })
    return {
      network,
      hw,
      counts,
      indicators,
      verification: last.verification,
      chartVerification: headers[headers.length - 1]!.verification,
      chartHeaders: headers.length,
      supply: supplyAt(params, last.height),
      series: buildSeries({ headers: toWindowHeaders(headers), buckets: CHART_BUCKETS, ...model }),
      report: buildMicaReport({
        indicators,
        chain,
        ...model,
        generatedAt: new Date(),
        methodology: `${globalThis.location?.origin ?? ''}/dashboard/methodology`,
      }),
    }
  }, [network, headers, window, countsQuery.data, assumptions])
}

function Waiting({ data }: { data: DashboardData }) {
  const status = useSiteClientStatus()
  if (data.headersQuery.error !== null)
    return <QueryError error={data.headersQuery.error} what="the newest headers" />
  if (status.phase === 'failed')
    return (
      <QueryError
        error={new Error(status.error)}
        what="the chain (the light client could not start)"
      />
    )
  if (data.headers !== undefined)
    return (
      <Notice title="Not enough verified blocks yet">
        A hashrate needs at least two verified headers; the figures appear with the next block.
      </Notice>
    )
  // The estimate card's title and about its height, so nothing jumps when the figures arrive.
  return (
    <Card title="Network power, energy and emissions" className="min-h-[32rem]">
      <Loading lines={8}>
        {status.phase === 'ready'
          ? 'Verifying the newest headers…'
          : 'Connecting the light client to a full node…'}
      </Loading>
    </Card>
  )
}

/** The dashboard: every figure derived from the chain the browser verified, with its bounds and proof. */
export function DashboardView() {
  const data = useDashboardData()
  const { assumptions, setAssumptions, reset } = useAssumptions()
  const f = useFigures(data, assumptions)
  const assumptionsPanel = (
    <AssumptionsPanel assumptions={assumptions} onChange={setAssumptions} onReset={reset} />
  )
  if (f === undefined)
    return (
      <div className="space-y-6">
        <Waiting data={data} />
        {assumptionsPanel}
      </div>
    )
  const from = f.hw.fromHeight + 1
  const range = { from, to: f.hw.toHeight }
  const txNote =
    f.counts === undefined
      ? `counting the transactions of blocks ${from}–${f.hw.toHeight}…`
      : `no user transaction in blocks ${from}–${f.hw.toHeight}, so nothing to divide by.`
  const proof = `${(f.hw.toHeight + 1).toLocaleString('en-US')} headers verified from genesis; work from their bits: blocks ${from}–${f.hw.toHeight}, ${f.hw.work} expected hashes in ${f.hw.spanMs / 1000} s.`
  return (
    <div className="space-y-8">
      {data.countsQuery.error !== null && (
        <QueryError error={data.countsQuery.error} what="the blocks of the measured window" />
      )}
      {f.network === 'devnet' && (
        <Notice title="A local devnet: tiny figures by design">
          One CPU mines this chain at the easiest difficulty the protocol allows, so its power is
          nanowatts to microwatts — the computer running it draws far more, mostly idle power no
          difficulty reveals. The method carries over to a public network; the numbers do not.{' '}
          <Link href="/methodology#limitations" className="underline underline-offset-2">
            Limitations
          </Link>
        </Notice>
      )}
      <EstimateCard
        indicators={f.indicators}
        verification={f.verification}
        proof={proof}
        perTransactionNote={txNote}
      />
      {assumptionsPanel}
      <InputsCard
        window={f.hw}
        indicators={f.indicators}
        transactions={f.counts?.transactions}
        progress={data.progress}
        supply={f.supply}
        verification={f.verification}
      />
      <Charts
        points={f.series}
        proof={
          <ProofDetails
            className="mt-3"
            verification={f.chartVerification}
            proof={`The newest ${f.chartHeaders.toLocaleString('en-US')} of ${(f.hw.toHeight + 1).toLocaleString('en-US')} headers verified from genesis; each window’s work from its blocks’ bits.`}
          />
        }
      />
      <MicaCard report={f.report} />
      <div className="grid gap-6 lg:grid-cols-2">
        <HoldingCard indicators={f.indicators} supply={f.supply} supplyHeight={f.hw.toHeight} />
        <GreenMinersCard counts={f.counts} range={range} verification={f.verification} />
      </div>
      <TreasuryCard
        network={f.network}
        counts={f.counts}
        range={range}
        verification={f.verification}
      />
      <section aria-labelledby="data-heading" className="space-y-4">
        <h2 id="data-heading" className="text-xl font-semibold tracking-tight">
          Data in use
        </h2>
        <HardwareCard headingLevel={3} />
        <GridCard headingLevel={3} />
      </section>
    </div>
  )
}
