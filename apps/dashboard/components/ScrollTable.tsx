import { cx, DataTable, type DataTableProps, FOCUS_RING } from '@supernova/ui'

export type ScrollTableProps<Row> = DataTableProps<Row> & {
  /** Accessible name of the scroll region. Default: the caption, when it is text. */
  label?: string
  /** Width below which the table scrolls instead of squeezing (a Tailwind min-width class). */
  minWidth?: string
}

/**
 * A DataTable that scrolls sideways inside a keyboard-focusable, labelled region on narrow
 * screens. The shared DataTable's own scroll container is not focusable (axe:
 * scrollable-region-focusable), so it is kept from scrolling by a minimum width and this region
 * scrolls instead.
 */
export function ScrollTable<Row>({
  label,
  minWidth = 'min-w-[36rem]',
  className,
  ...table
}: ScrollTableProps<Row>) {
  const name = label ?? (typeof table.caption === 'string' ? table.caption : undefined)
  return (
    <section
      aria-label={name}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take keyboard focus to be scrolled by keyboard (WCAG 2.1.1).
      tabIndex={0}
      className={cx('overflow-x-auto rounded-md', FOCUS_RING, className)}
    >
      <DataTable<Row> {...table} className={minWidth} />
    </section>
  )
}
