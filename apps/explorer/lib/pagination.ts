/** One page of a list: which items it holds and how many pages there are. */
export type PageWindow = {
  /** The page shown, 1-based, clamped into 1..pageCount. */
  page: number
  /** At least 1, even for an empty list (page 1 of 1, holding nothing). */
  pageCount: number
  /** Index of the first item on the page (0-based, inclusive). */
  start: number
  /** Index after the last item on the page (exclusive). */
  end: number
  total: number
  pageSize: number
}

export type PaginateParameters = { total: number; page: number; pageSize: number }

/**
 * The window of items on `page` of a list of `total` items, `pageSize` per page. A page out of
 * range (a stale link, a list that shrank) is clamped to the nearest existing one.
 * @throws {RangeError} `total` negative or not an integer, `pageSize` not a positive integer.
 * @example paginate({ total: 51, page: 3, pageSize: 25 }) // { page: 3, pageCount: 3, start: 50, end: 51, … }
 */
export function paginate({ total, page, pageSize }: PaginateParameters): PageWindow {
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError(`total must be a non-negative integer, got ${total}`)
  if (!Number.isSafeInteger(pageSize) || pageSize < 1)
    throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`)
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const wanted = Number.isFinite(page) ? Math.trunc(page) : 1
  const clamped = Math.min(pageCount, Math.max(1, wanted))
  const start = (clamped - 1) * pageSize
  return {
    page: clamped,
    pageCount,
    start,
    end: Math.min(total, start + pageSize),
    total,
    pageSize,
  }
}

/** The items of `items` on `page` (clamped), with the window describing them. */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  pageSize: number,
): { items: T[]; window: PageWindow } {
  const window = paginate({ total: items.length, page, pageSize })
  return { items: items.slice(window.start, window.end), window }
}

/** "Items 26–50 of 51", or "None" for an empty list. */
export function describeWindow(w: PageWindow): string {
  if (w.total === 0) return 'None'
  return `${(w.start + 1).toLocaleString('en-US')}–${w.end.toLocaleString('en-US')} of ${w.total.toLocaleString('en-US')}`
}
