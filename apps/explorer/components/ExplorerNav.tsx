'use client'
import { cx, FOCUS_RING } from '@supernova/ui'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { paths } from '../lib/routes'

const ITEMS = [
  { label: 'Home', href: paths.home },
  { label: 'Mempool', href: paths.mempool },
  { label: 'Network', href: paths.network },
] as const

/** Whether `pathname` (without the basePath) is the page of `href` or below it. */
function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`)
}

/**
 * The explorer's own navigation (Home, Mempool, Network), rendered at the top of every explorer
 * page. Links inside this zone, so next/link navigates without a reload.
 */
export function ExplorerNav() {
  const pathname = usePathname() ?? '/'
  return (
    <nav aria-label="Explorer" className="-mt-2 mb-6 border-b border-zinc-200 dark:border-zinc-800">
      <ul className="flex flex-wrap gap-1">
        {ITEMS.map((item) => {
          const current = isCurrent(pathname, item.href)
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={cx(
                  '-mb-px block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium',
                  current
                    ? 'border-indigo-600 text-zinc-900 dark:border-indigo-400 dark:text-zinc-50'
                    : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-zinc-100',
                  FOCUS_RING,
                )}
              >
                {item.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
