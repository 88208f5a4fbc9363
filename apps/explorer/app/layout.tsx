import { SiteDocument } from '@supernova/ui'
import { SiteLightClient, siteNetwork } from '@supernova/ui/chain'
import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Explorer · SuperNova', template: '%s · SuperNova Explorer' },
  description:
    'Blocks, transactions and addresses of the SuperNova chain, verified in your browser.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <SiteDocument current="explorer">
      <SiteLightClient network={siteNetwork()}>{children}</SiteLightClient>
    </SiteDocument>
  )
}
