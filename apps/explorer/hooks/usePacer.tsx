'use client'
import { createContext, type ReactNode, useContext, useState } from 'react'
import { EXPLORER_PACE, RequestPacer } from '../lib/pacer'

const PacerContext = createContext<RequestPacer | undefined>(undefined)

/** One request budget for everything a page fetches in bulk (blocks, filters, spent transactions). */
export function PacerProvider({ children }: { children: ReactNode }) {
  const [pacer] = useState(() => new RequestPacer(EXPLORER_PACE))
  return <PacerContext.Provider value={pacer}>{children}</PacerContext.Provider>
}

/** The page's request budget (a component of its own when rendered outside a PacerProvider). */
export function usePacer(): RequestPacer {
  const shared = useContext(PacerContext)
  const [own] = useState(() => shared ?? new RequestPacer(EXPLORER_PACE))
  return shared ?? own
}
