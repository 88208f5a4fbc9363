import { describe, expect, it } from 'vitest'
import {
  applyTheme,
  resolveTheme,
  THEME_INIT_SCRIPT,
  THEME_STORAGE_KEY,
  type ThemeRoot,
} from './theme'

function stubRoot(): ThemeRoot & { classes: Set<string> } {
  const classes = new Set<string>()
  return {
    classes,
    classList: {
      toggle(token: string, force?: boolean) {
        const on = force ?? !classes.has(token)
        if (on) classes.add(token)
        else classes.delete(token)
        return on
      },
    },
    style: { colorScheme: '' },
  }
}

/** Evaluates the inline script the way a browser would, against stubbed globals. */
function runInitScript(stored: string | null, systemDark: boolean, storageThrows = false) {
  const root = stubRoot()
  const localStorage = {
    getItem(key: string) {
      if (storageThrows) throw new Error('SecurityError')
      return key === THEME_STORAGE_KEY ? stored : null
    },
  }
  const window = {
    matchMedia: (q: string) => ({ matches: q === '(prefers-color-scheme: dark)' && systemDark }),
  }
  const document = { documentElement: root }
  new Function('localStorage', 'window', 'document', THEME_INIT_SCRIPT)(
    localStorage,
    window,
    document,
  )
  return root
}

describe('theme', () => {
  it('resolves system preference from the OS and explicit choices as given', () => {
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('system', false)).toBe('light')
    expect(resolveTheme('dark', false)).toBe('dark')
    expect(resolveTheme('light', true)).toBe('light')
  })

  it('applies the dark class and color-scheme', () => {
    const root = stubRoot()
    applyTheme(root, 'dark')
    expect(root.classes.has('dark')).toBe(true)
    expect(root.style.colorScheme).toBe('dark')
    applyTheme(root, 'light')
    expect(root.classes.has('dark')).toBe(false)
    expect(root.style.colorScheme).toBe('light')
  })

  it('inline script agrees with resolveTheme for every stored value and OS setting', () => {
    for (const stored of ['light', 'dark', 'system', null, 'garbage']) {
      for (const systemDark of [true, false]) {
        const root = runInitScript(stored, systemDark)
        const preference = stored === 'light' || stored === 'dark' ? stored : 'system'
        const expected = resolveTheme(preference, systemDark)
        expect(root.classes.has('dark'), `${stored}/${systemDark}`).toBe(expected === 'dark')
        expect(root.style.colorScheme).toBe(expected)
      }
    }
  })

  it('inline script never throws when storage is blocked', () => {
    expect(() => runInitScript(null, true, true)).not.toThrow()
  })
})
