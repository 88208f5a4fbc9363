import type { NextConfig } from 'next'

// The root zone of the site: serves `/` and proxies `/explorer` and `/dashboard` to the other
// two Next.js apps (multi-zones, done at run time in proxy.ts). Links between zones are plain <a>:
// a full page load.
const nextConfig: NextConfig = {
  transpilePackages: ['@supernova/ui', '@supernova/protocol'],
  poweredByHeader: false,
  // The light client's WebRTC transport has a Node build with a native addon (node-datachannel);
  // server rendering loads it from node_modules instead of bundling it. Browsers get the browser build.
  serverExternalPackages: ['@libp2p/webrtc', 'node-datachannel'],
}

export default nextConfig
