import type { ReactNode } from 'react'
import { SiteFooter } from './SiteFooter'
import { SiteHeader, type SiteSection } from './SiteHeader'
import { ThemeScript } from './ThemeScript'

export type SiteDocumentProps = {
  /** The zone rendering the page: its header link is marked current. */
  current: SiteSection
  children: ReactNode
}

/**
 * The whole HTML document every zone of the site shares: theme script before hydration, header,
 * main landmark and footer. Each app's root layout renders it with its own section and metadata.
 */
export function SiteDocument({ current, children }: SiteDocumentProps) {
  return (
    // The theme script changes <html>'s class before hydration; React must accept that.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="flex min-h-screen flex-col bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <SiteHeader current={current} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  )
}
