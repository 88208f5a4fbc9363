'use client'
import { useCallback, useEffect, useState } from 'react'
import { type Assumptions, defaultAssumptions, readAssumptions } from '../lib/assumptions'
import { GRID_DATA } from '../lib/grid'

/** Where the assumptions are kept between visits (this browser only). */
export const ASSUMPTIONS_STORAGE_KEY = 'supernova.dashboard.assumptions.v1'

/**
 * The user's assumptions, persisted in localStorage. The first render uses the defaults (as the
 * server did); the stored ones are read after mounting, each bad field falling back to its default.
 */
export function useAssumptions() {
  const [assumptions, setState] = useState<Assumptions>(() => defaultAssumptions(GRID_DATA))
  useEffect(() => {
    try {
      const stored = window.localStorage.getItem(ASSUMPTIONS_STORAGE_KEY)
      if (stored !== null) setState(readAssumptions(JSON.parse(stored), GRID_DATA))
    } catch {
      // Unreadable or unavailable storage: the defaults stay.
    }
  }, [])
  const setAssumptions = useCallback((next: Assumptions) => {
    setState(next)
    try {
      window.localStorage.setItem(ASSUMPTIONS_STORAGE_KEY, JSON.stringify(next))
    } catch {
      // Storage full or disabled: the choice holds for this visit only.
    }
  }, [])
  const reset = useCallback(() => {
    setState(defaultAssumptions(GRID_DATA))
    try {
      window.localStorage.removeItem(ASSUMPTIONS_STORAGE_KEY)
    } catch {
      // As above.
    }
  }, [])
  return { assumptions, setAssumptions, reset }
}
