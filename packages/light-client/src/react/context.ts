import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import {
  createContext,
  createElement,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react'
import type { LightClient } from '../client/types.js'

export type LightClientProviderProps = {
  /** The client, or a factory called once (that client is stopped on unmount). */
  client: LightClient | (() => LightClient)
  /** Default: a QueryClient the provider owns. */
  queryClient?: QueryClient
  /** Start the client on mount (queries wait for it). Default true. */
  start?: boolean
  children?: ReactNode
}

/** What the hooks read from the provider. */
export type LightClientContextValue = {
  client: LightClient
  /** Resolves once the client is started (at once with `start: false`). */
  started: () => Promise<void>
}

type Lifecycle = LightClientContextValue & { stop: () => void }

const LightClientContext = createContext<LightClientContextValue | undefined>(undefined)

/**
 * Makes a LightClient (in the page, or a worker's `createBrowserLightClient`) available to the
 * hooks, with a React Query client for their cache. Starts the client on mount unless
 * `start: false`; stops it on unmount only when it built it from a factory.
 * @example
 * <LightClientProvider client={() => createLightClient({ network: 'devnet', bootstrap })}>
 *   <Balance address="dnova1…" />
 * </LightClientProvider>
 */
export function LightClientProvider(props: LightClientProviderProps): ReactNode {
  const { client, queryClient, start = true, children } = props
  const [built] = useState(() => (typeof client === 'function' ? client() : undefined))
  const instance = typeof client === 'function' ? (built as LightClient) : client
  const owned = built !== undefined && instance === built
  const [ownQueryClient] = useState(() => queryClient ?? new QueryClient())
  const value = useMemo((): Lifecycle => {
    let starting: Promise<void> | undefined
    let stopping: Promise<void> = Promise.resolve()
    return {
      client: instance,
      started: () => {
        if (!start) return Promise.resolve()
        // After an unmount (React's strict mode remounts at once), start again once stopped.
        starting ??= stopping.then(() => instance.start())
        return starting
      },
      stop: () => {
        starting = undefined
        stopping = instance.stop().catch(() => undefined)
      },
    }
  }, [instance, start])

  useEffect(() => {
    // A failed start is the queries' error (they await `started`); nothing to report here.
    value.started().catch(() => undefined)
    return owned ? value.stop : undefined
  }, [value, owned])

  return createElement(
    QueryClientProvider,
    { client: queryClient ?? ownQueryClient },
    createElement(LightClientContext.Provider, { value }, children),
  )
}

/**
 * The provider's client and start promise.
 * @throws {Error} outside a LightClientProvider.
 */
export function useLightClientContext(): LightClientContextValue {
  const value = useContext(LightClientContext)
  if (value === undefined) throw new Error('useLightClient: no LightClientProvider above')
  return value
}

/**
 * The LightClient of the nearest LightClientProvider.
 * @throws {Error} outside a LightClientProvider.
 * @example
 * const client = useLightClient()
 */
export function useLightClient(): LightClient {
  return useLightClientContext().client
}
