import { cx, FOCUS_RING } from '@supernova/ui'
import Form from 'next/form'

/**
 * The explorer's search box. A GET form to /search (Next adds the /explorer basePath), so it
 * works before JavaScript loads; with JavaScript it navigates without a full reload.
 */
export function SearchForm({
  defaultValue = '',
  inputId = 'explorer-search',
}: {
  defaultValue?: string
  /** Unique per page: a second search box on a page needs another id. */
  inputId?: string
}) {
  return (
    <Form action="/search" role="search" className="flex w-full max-w-3xl gap-2">
      <label htmlFor={inputId} className="sr-only">
        Block height, block hash, transaction id or address
      </label>
      <input
        id={inputId}
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder="Block height, block hash, transaction id or address"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={200}
        className={cx(
          'min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-sm text-zinc-900 placeholder:font-sans placeholder:text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400',
          FOCUS_RING,
        )}
      />
      <button
        type="submit"
        className={cx(
          'rounded-lg bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 dark:bg-indigo-600 dark:text-white dark:hover:bg-indigo-500',
          FOCUS_RING,
        )}
      >
        Search
      </button>
    </Form>
  )
}
