import type { Key, ReactNode } from 'react'
import { cx, FOCUS_RING } from './cx'

export type DataTableColumn<Row> = {
  /** Stable column id (React key). */
  id: string
  header: ReactNode
  cell: (row: Row) => ReactNode
  align?: 'start' | 'end'
  /** Monospace + tabular figures (hashes, heights, amounts). */
  mono?: boolean
}

export type DataTableProps<Row> = {
  /** Describes the table for screen readers; shown above it unless `captionHidden`. */
  caption: ReactNode
  captionHidden?: boolean
  columns: readonly DataTableColumn<Row>[]
  rows: readonly Row[]
  rowKey: (row: Row) => Key
  /** Shown in a single full-width row when `rows` is empty. */
  empty?: ReactNode
  className?: string
}

/**
 * An accessible table: `<caption>`, column headers with `scope="col"`, and a full-width empty
 * row instead of a blank body. Scrolls horizontally on narrow screens, in a focusable region.
 */
export function DataTable<Row>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  empty = 'Nothing to show.',
  className,
}: DataTableProps<Row>) {
  return (
    // The scroll box is a focusable, labelled region so keyboard users can scroll a wide table
    // (WCAG 2.1.1; axe: scrollable-region-focusable).
    <section
      className={cx('relative overflow-x-auto rounded-md', FOCUS_RING, className)}
      aria-label={typeof caption === 'string' ? caption : 'Table (scrolls sideways)'}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
      tabIndex={0}
    >
      <table className="w-full border-collapse text-left text-sm">
        <caption
          className={cx(
            captionHidden
              ? 'sr-only'
              : 'mb-2 text-left text-sm font-medium text-zinc-700 dark:text-zinc-300',
          )}
        >
          {caption}
        </caption>
        <thead>
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            {columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                className={cx(
                  'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400',
                  column.align === 'end' && 'text-right',
                )}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td
                colSpan={columns.length}
                className="px-3 py-8 text-center text-zinc-600 dark:text-zinc-400"
              >
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr
                key={rowKey(row)}
                className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/70"
              >
                {columns.map((column) => (
                  <td
                    key={column.id}
                    className={cx(
                      'px-3 py-2 text-zinc-900 dark:text-zinc-100',
                      column.align === 'end' && 'text-right',
                      column.mono && 'font-mono tabular-nums',
                    )}
                  >
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  )
}
