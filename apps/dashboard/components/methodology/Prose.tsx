import { Card } from '@supernova/ui'
import type { ReactNode } from 'react'

/** A formula on its own line, scrolling sideways on narrow screens. */
export function Formula({ children }: { children: ReactNode }) {
  return (
    <p className="my-3 overflow-x-auto rounded-md bg-zinc-100 px-4 py-3 font-mono text-sm text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100">
      {children}
    </p>
  )
}

/** One numbered step of the method. */
export function Step({
  n,
  title,
  id,
  children,
}: {
  n: number
  title: string
  id?: string
  children: ReactNode
}) {
  return (
    <Card title={`${n}. ${title}`} {...(id === undefined ? {} : { id })}>
      <div className="space-y-3 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
        {children}
      </div>
    </Card>
  )
}

export const LINK = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300'
