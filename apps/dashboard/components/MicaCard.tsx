'use client'
import { Card, cx, FOCUS_RING } from '@supernova/ui'
import { formatNumber } from '../lib/format'
import { type MicaIndicator, type MicaReport, micaReportToCsv } from '../lib/mica'
import { ScrollTable } from './ScrollTable'

/** Saves text as a file through a temporary object URL (nothing leaves the browser). */
function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  URL.revokeObjectURL(url)
}

const BUTTON = cx(
  'rounded-md bg-indigo-700 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-indigo-400 dark:text-zinc-950 dark:hover:bg-indigo-300',
  FOCUS_RING,
)

/**
 * The MiCA sustainability indicators, computed from the same verified figures as the rest of the
 * page, and their export as CSV and JSON with the header range, assumptions and data versions.
 */
export function MicaCard({ report }: { report: MicaReport }) {
  // An export is complete only once the measured blocks are counted.
  const counting = report.chain.transactions === null
  const base = `supernova-mica-indicators-${report.chain.network}-${report.chain.headerRange.toHeight}`
  const value = (key: 'lower' | 'best' | 'upper') => (i: MicaIndicator) =>
    i.value === null ? '—' : <span className="whitespace-nowrap">{formatNumber(i.value[key])}</span>
  return (
    <Card
      id="mica"
      title="MiCA sustainability indicators"
      description="The indicators the EU’s Markets in Crypto-Assets Regulation asks to be disclosed for a consensus mechanism, from the figures above."
      action={
        <div className="flex flex-wrap items-center gap-2">
          {counting && (
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              Downloads open once the blocks are counted…
            </span>
          )}
          <button
            type="button"
            disabled={counting}
            className={BUTTON}
            onClick={() =>
              download(`${base}.csv`, 'text/csv;charset=utf-8', micaReportToCsv(report))
            }
          >
            Download CSV
          </button>
          <button
            type="button"
            disabled={counting}
            className={BUTTON}
            onClick={() =>
              download(`${base}.json`, 'application/json', `${JSON.stringify(report, null, 2)}\n`)
            }
          >
            Download JSON
          </button>
        </div>
      }
    >
      <ScrollTable<MicaIndicator>
        minWidth="min-w-[52rem]"
        caption="MiCA sustainability indicators with their bounds"
        captionHidden
        columns={[
          { id: 'name', header: 'Indicator', cell: (i) => i.name },
          { id: 'unit', header: 'Unit', cell: (i) => i.unit },
          { id: 'lower', header: 'Lower', cell: value('lower'), align: 'end', mono: true },
          { id: 'best', header: 'Best', cell: value('best'), align: 'end', mono: true },
          { id: 'upper', header: 'Upper', cell: value('upper'), align: 'end', mono: true },
          { id: 'note', header: 'Note', cell: (i) => <span className="text-xs">{i.note}</span> },
        ]}
        rows={report.indicators}
        rowKey={(i) => i.id}
      />
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
        Derived from blocks {report.chain.headerRange.fromHeight + 1}–
        {report.chain.headerRange.toHeight} ({report.chain.verification}), hardware table{' '}
        {report.data.hardware.version}, grid data {report.data.grid.version} (
        {report.data.grid.dataYear}). The files carry the header hashes, your assumptions and these
        versions.
      </p>
    </Card>
  )
}
