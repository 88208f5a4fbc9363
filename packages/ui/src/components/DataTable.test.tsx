import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { DataTable, type DataTableColumn } from './DataTable'

type Row = { height: number; txs: number }

const COLUMNS: DataTableColumn<Row>[] = [
  { id: 'height', header: 'Height', cell: (r) => r.height, mono: true },
  { id: 'txs', header: 'Transactions', cell: (r) => r.txs, align: 'end' },
]

function cells(html: string, tag: 'th' | 'td'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>(.*?)</${tag}>`, 'g'))].map(
    (m) => m[1] ?? '',
  )
}

describe('DataTable', () => {
  it('renders the caption first and column headers with scope="col"', () => {
    const html = renderToStaticMarkup(
      <DataTable caption="Latest blocks" columns={COLUMNS} rows={[]} rowKey={(r) => r.height} />,
    )
    expect(html).toMatch(/^<section[^>]*><table[^>]*><caption[^>]*>Latest blocks<\/caption>/)
    // The scroll box can take keyboard focus and is named after the caption.
    expect(html).toMatch(/^<section[^>]*aria-label="Latest blocks"[^>]*tabindex="0"/)
    expect(cells(html, 'th')).toEqual(['Height', 'Transactions'])
    expect(html.match(/scope="col"/g)).toHaveLength(2)
  })

  it('renders one row per item, in order, with a cell per column', () => {
    const rows: Row[] = [
      { height: 12, txs: 3 },
      { height: 11, txs: 0 },
    ]
    const html = renderToStaticMarkup(
      <DataTable caption="Blocks" columns={COLUMNS} rows={rows} rowKey={(r) => r.height} />,
    )
    expect(cells(html, 'td')).toEqual(['12', '3', '11', '0'])
    expect(html).toContain('font-mono')
    expect(html).toContain('text-right')
  })

  it('shows the empty message in one full-width cell when there are no rows', () => {
    const html = renderToStaticMarkup(
      <DataTable
        caption="Blocks"
        columns={COLUMNS}
        rows={[]}
        rowKey={(r) => r.height}
        empty="No blocks yet"
      />,
    )
    expect(html).toContain('<td colSpan="2"')
    expect(cells(html, 'td')).toEqual(['No blocks yet'])
  })

  it('can hide the caption visually while keeping it for screen readers', () => {
    const html = renderToStaticMarkup(
      <DataTable
        caption="Blocks"
        captionHidden
        columns={COLUMNS}
        rows={[]}
        rowKey={(r) => r.height}
      />,
    )
    expect(html).toContain('<caption class="sr-only">Blocks</caption>')
  })
})
