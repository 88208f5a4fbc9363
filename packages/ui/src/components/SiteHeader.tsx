import { cx, FOCUS_RING } from './cx'
import { NovaMark } from './icons'
import { ThemeToggle } from './ThemeToggle'

/** The three zones of the site. */
export type SiteSection = 'wallet' | 'explorer' | 'dashboard'

/**
 * Top-level navigation. Plain hrefs on purpose: each entry is a different Next.js zone, and
 * moving between zones must be a full page load (a client-side `<Link>` would 404).
 */
export const SITE_NAV: readonly { section: SiteSection; label: string; href: string }[] = [
  { section: 'wallet', label: 'Wallet', href: '/wallet' },
  { section: 'explorer', label: 'Explorer', href: '/explorer' },
  { section: 'dashboard', label: 'Dashboard', href: '/dashboard' },
]

export type SiteHeaderProps = {
  /** The zone rendering the header; its link gets `aria-current="page"` styling. */
  current?: SiteSection
}

/** Site-wide header: skip link, brand, cross-zone navigation and the theme switch. */
export function SiteHeader({ current }: SiteHeaderProps) {
  return (
    <header className="border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <a
        href="#main"
        className={cx(
          'sr-only rounded-md bg-indigo-700 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-50',
          FOCUS_RING,
        )}
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <a
          href="/"
          className={cx(
            'flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-50',
            FOCUS_RING,
          )}
        >
          <span className="text-indigo-600 dark:text-indigo-400">
            <NovaMark />
          </span>
          SuperNova
        </a>
        <nav aria-label="Site" className="order-last w-full sm:order-none sm:w-auto">
          <ul className="flex gap-1">
            {SITE_NAV.map((item) => {
              const active = item.section === current
              return (
                <li key={item.section}>
                  <a
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                    className={cx(
                      'block rounded-md px-3 py-1.5 text-sm font-medium',
                      active
                        ? 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50'
                        : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100',
                      FOCUS_RING,
                    )}
                  >
                    {item.label}
                  </a>
                </li>
              )
            })}
          </ul>
        </nav>
        <ThemeToggle className="ml-auto" />
      </div>
    </header>
  )
}
