import type { NextConfig } from 'next'
import { zoneRewrites, zoneUrlsFromEnv } from './lib/zones'

// The root zone of the site: serves `/` and proxies `/explorer` and `/dashboard` to the other
// two Next.js apps (multi-zones). Links between zones are plain <a>: a full page load.
const nextConfig: NextConfig = {
  transpilePackages: ['@supernova/ui', '@supernova/protocol'],
  poweredByHeader: false,
  async rewrites() {
    return zoneRewrites(zoneUrlsFromEnv(process.env))
  },
}

export default nextConfig
