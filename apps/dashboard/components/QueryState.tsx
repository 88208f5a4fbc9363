import { isTransientLightClientError } from '@supernova/light-client/react'
import { Notice } from '@supernova/ui'
import type { ReactNode } from 'react'

/** A placeholder of roughly the final height while the chain is fetched and verified. */
export function Loading({ children, lines = 3 }: { children: ReactNode; lines?: number }) {
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

/** A light-client error: what happened, and that the client keeps trying. */
export function QueryError({ error, what }: { error: unknown; what: string }) {
  const text = error instanceof Error ? error.message : String(error)
  return (
    <Notice tone="error" title={`Could not verify ${what}`}>
      <p>{text}</p>
      <p className="mt-1">
        {isTransientLightClientError(error)
          ? 'Your browser asks again by itself, and on every new verified block.'
          : 'Nothing unverified is shown instead. Your browser asks again on every new verified block.'}
      </p>
    </Notice>
  )
}
