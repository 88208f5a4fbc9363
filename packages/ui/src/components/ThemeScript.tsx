import { THEME_INIT_SCRIPT } from '../theme'

/**
 * Put in the root layout's `<head>` (with `suppressHydrationWarning` on `<html>`): applies the
 * stored theme while the HTML is parsed, before first paint, so dark mode never flashes light.
 */
export function ThemeScript() {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of our own, no user input.
  return <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
}
