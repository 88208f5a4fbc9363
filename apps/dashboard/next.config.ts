import type { NextConfig } from 'next'

// The dashboard zone: served under /dashboard of the site, proxied there by apps/web. basePath
// also prefixes this app's /_next assets, so no separate assetPrefix is needed.
const nextConfig: NextConfig = {
  basePath: '/dashboard',
  transpilePackages: ['@supernova/ui', '@supernova/protocol'],
  poweredByHeader: false,
}

export default nextConfig
