import { SiteFooter, SiteHeader, ThemeScript } from '@supernova/ui'
import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Dashboard · SuperNova', template: '%s · SuperNova Dashboard' },
  description:
    'Power, energy and emissions of the SuperNova network, estimated with bounds from difficulty verified in your browser.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script changes <html>'s class before hydration; React must accept that.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="flex min-h-screen flex-col bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <SiteHeader current="dashboard" />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  )
}
