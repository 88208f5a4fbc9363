'use client'

import { type ReactNode, useLayoutEffect, useSyncExternalStore } from 'react'
import {
  applyTheme,
  isThemePreference,
  resolveTheme,
  THEME_CHANGE_EVENT,
  THEME_STORAGE_KEY,
  type ThemePreference,
} from '../theme'
import { cx, FOCUS_RING } from './cx'
import { MonitorIcon, MoonIcon, SunIcon } from './icons'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange)
  window.addEventListener(THEME_CHANGE_EVENT, onChange)
  return () => {
    window.removeEventListener('storage', onChange)
    window.removeEventListener(THEME_CHANGE_EVENT, onChange)
  }
}

function readPreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY)
    return isThemePreference(stored) ? stored : 'system'
  } catch {
    return 'system'
  }
}

function storePreference(preference: ThemePreference): void {
  try {
    if (preference === 'system') localStorage.removeItem(THEME_STORAGE_KEY)
    else localStorage.setItem(THEME_STORAGE_KEY, preference)
  } catch {
    // Storage blocked (private mode, policy): the theme still changes for this page view.
    applyTheme(document.documentElement, resolveTheme(preference, prefersDark().matches))
  }
  window.dispatchEvent(new Event(THEME_CHANGE_EVENT))
}

function prefersDark(): MediaQueryList {
  return window.matchMedia('(prefers-color-scheme: dark)')
}

const OPTIONS: readonly { value: ThemePreference; label: string; icon: ReactNode }[] = [
  { value: 'light', label: 'Light', icon: <SunIcon /> },
  { value: 'dark', label: 'Dark', icon: <MoonIcon /> },
  { value: 'system', label: 'System', icon: <MonitorIcon /> },
]

/**
 * Light / dark / system switch. The choice is stored in localStorage (shared by all zones) and
 * applied by `ThemeScript` before paint on the next load; here it is applied immediately.
 */
export function ThemeToggle({ className }: { className?: string }) {
  // The server cannot know the stored choice: it renders "system", and React swaps in the
  // client value right after hydration without a mismatch error.
  const preference = useSyncExternalStore(subscribe, readPreference, () => 'system' as const)

  // Keep <html> in step with the choice, and with the OS while on "system". Also re-applies
  // after React's development remount, which resets <html> attributes.
  useLayoutEffect(() => {
    const query = prefersDark()
    const apply = () =>
      applyTheme(document.documentElement, resolveTheme(preference, query.matches))
    apply()
    if (preference !== 'system') return
    query.addEventListener('change', apply)
    return () => query.removeEventListener('change', apply)
  }, [preference])

  return (
    <fieldset
      className={cx(
        'inline-flex items-center gap-0.5 rounded-lg border border-zinc-200 p-0.5 dark:border-zinc-700',
        className,
      )}
    >
      <legend className="sr-only">Colour theme</legend>
      {OPTIONS.map((option) => {
        const active = option.value === preference
        return (
          <button
            key={option.value}
            type="button"
            aria-pressed={active}
            title={`${option.label} theme`}
            onClick={() => storePreference(option.value)}
            className={cx(
              'inline-flex size-8 items-center justify-center rounded-md',
              active
                ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900'
                : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100',
              FOCUS_RING,
            )}
          >
            {option.icon}
            <span className="sr-only">{option.label} theme</span>
          </button>
        )
      })}
    </fieldset>
  )
}
