import type { NextConfig } from 'next'

// The explorer zone: served under /explorer of the site, proxied there by apps/web. basePath
// also prefixes this app's /_next assets, so no separate assetPrefix is needed.
const nextConfig: NextConfig = {
  basePath: '/explorer',
  transpilePackages: ['@supernova/ui', '@supernova/protocol'],
  poweredByHeader: false,
  // The light client's WebRTC transport has a Node build with a native addon (node-datachannel);
  // server rendering loads it from node_modules instead of bundling it. Browsers get the browser build.
  serverExternalPackages: ['@libp2p/webrtc', 'node-datachannel'],
}

export default nextConfig
