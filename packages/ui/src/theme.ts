/** A visitor's colour-theme choice; `system` follows `prefers-color-scheme`. */
export type ThemePreference = 'light' | 'dark' | 'system'

/** The theme actually applied to the page. */
export type ResolvedTheme = 'light' | 'dark'

/** localStorage key, shared by all three zones because they are served from one origin. */
export const THEME_STORAGE_KEY = 'supernova-theme'

/** Window event the toggle fires after changing the stored preference. */
export const THEME_CHANGE_EVENT = 'supernova-theme-change'

export const THEME_PREFERENCES: readonly ThemePreference[] = ['light', 'dark', 'system']

/** Whether `value` is one of the three stored preferences (anything else means `system`). */
export function isThemePreference(value: unknown): value is ThemePreference {
  return value === 'light' || value === 'dark' || value === 'system'
}

/** The theme to apply for a preference, given whether the OS asks for dark. */
export function resolveTheme(
  preference: ThemePreference,
  systemPrefersDark: boolean,
): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light'
  return preference
}

/** Minimal view of `<html>` that {@link applyTheme} touches (lets tests pass a stub). */
export type ThemeRoot = {
  classList: { toggle(token: string, force?: boolean): boolean }
  style: { colorScheme: string }
}

/** Applies a resolved theme: the `dark` class drives Tailwind's `dark:` variant. */
export function applyTheme(root: ThemeRoot, theme: ResolvedTheme): void {
  root.classList.toggle('dark', theme === 'dark')
  root.style.colorScheme = theme
}

/**
 * Runs in `<head>` before first paint so a stored dark preference never flashes light. It must
 * agree with {@link resolveTheme} + {@link applyTheme}; the test evaluates it against both.
 */
export const THEME_INIT_SCRIPT = `(function(){try{var p=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=p==='dark'||(p!=='light'&&window.matchMedia('(prefers-color-scheme: dark)').matches);var r=document.documentElement;r.classList.toggle('dark',d);r.style.colorScheme=d?'dark':'light'}catch(e){}})()`
