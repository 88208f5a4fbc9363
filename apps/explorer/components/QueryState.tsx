import { Notice } from '@supernova/ui'
import { describeError } from '../lib/errors'

// The zones' pages import their query states from here; the placeholder itself is shared.
export { Loading } from '@supernova/ui'

/** An error of a light-client query: what happened, and that the client keeps trying. */
export function QueryError({ error, what }: { error: unknown; what: string }) {
  const { text, transient } = describeError(error)
  return (
    <Notice tone="error" title={`Could not verify ${what}`}>
      <p>{text}</p>
      <p className="mt-1">
        {transient
          ? 'Your browser asks again by itself, and on every new verified block.'
          : 'Nothing unverified is shown instead. Your browser asks again on every new verified block.'}
      </p>
    </Notice>
  )
}
