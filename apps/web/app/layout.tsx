import { SiteDocument } from '@supernova/ui'
import { SiteLightClient, siteNetwork } from '@supernova/ui/chain'
import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'SuperNova', template: '%s · SuperNova' },
  description:
    'SuperNova is a browser-first blockchain: a light client in your browser verifies every number before the page shows it.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <SiteDocument current="wallet">
      <SiteLightClient network={siteNetwork()}>{children}</SiteLightClient>
    </SiteDocument>
  )
}
