import { cx, FOCUS_RING } from '@supernova/ui'
import { describeWindow, type PageWindow } from '../lib/pagination'

const BUTTON = cx(
  'rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-transparent dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800',
  FOCUS_RING,
)

export type PaginationProps = {
  window: PageWindow
  onPage: (page: number) => void
  /** Names the list: "Transactions" → the navigation "Transactions pages". */
  label: string
}

/** Previous / next buttons with the page and the items shown; nothing when one page holds all. */
export function Pagination({ window: w, onPage, label }: PaginationProps) {
  if (w.pageCount <= 1) return null
  return (
    <nav
      aria-label={`${label} pages`}
      className="mt-4 flex flex-wrap items-center justify-between gap-3"
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        Page {w.page} of {w.pageCount} · {describeWindow(w)}
      </p>
      <div className="flex gap-2">
        <button type="button" className={BUTTON} disabled={w.page <= 1} onClick={() => onPage(1)}>
          First
        </button>
        <button
          type="button"
          className={BUTTON}
          disabled={w.page <= 1}
          onClick={() => onPage(w.page - 1)}
        >
          Previous
        </button>
        <button
          type="button"
          className={BUTTON}
          disabled={w.page >= w.pageCount}
          onClick={() => onPage(w.page + 1)}
        >
          Next
        </button>
      </div>
    </nav>
  )
}
