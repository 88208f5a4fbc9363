import type { ReactNode } from 'react'

export type LoadingProps = {
  /** What is being fetched and verified, in a sentence (announced politely). */
  children: ReactNode
  /** Placeholder bars of roughly the final content's height. Default 3. */
  lines?: number
}

/** A placeholder of roughly the final height while something is fetched and verified. */
export function Loading({ children, lines = 3 }: LoadingProps) {
  return (
    <div role="status" className="space-y-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
      {Array.from({ length: lines }, (_, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to key on.
          key={i}
          aria-hidden="true"
          className="h-5 animate-pulse rounded bg-zinc-100 motion-reduce:animate-none dark:bg-zinc-800"
        />
      ))}
    </div>
  )
}
