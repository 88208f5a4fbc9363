import { SiteDocument } from '@supernova/ui'
import { SiteLightClient, siteNetwork } from '@supernova/ui/chain'
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
    <SiteDocument current="dashboard">
      <SiteLightClient network={siteNetwork()}>{children}</SiteLightClient>
    </SiteDocument>
  )
}
