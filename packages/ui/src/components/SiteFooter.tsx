import type { ReactNode } from 'react'

/** Site-wide footer with the project's promise. */
export function SiteFooter({ children }: { children?: ReactNode }) {
  return (
    <footer className="mt-16 border-t border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 text-sm text-zinc-600 sm:flex-row sm:items-center sm:justify-between sm:px-6 dark:text-zinc-400">
        <p>SuperNova — every number on screen is verified in your browser.</p>
        {children}
      </div>
    </footer>
  )
}
