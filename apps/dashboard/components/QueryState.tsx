import { isTransientLightClientError } from '@supernova/light-client/react'
import { Notice } from '@supernova/ui'

// The zones' pages import their query states from here; the placeholder itself is shared.
export { Loading } from '@supernova/ui'

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
