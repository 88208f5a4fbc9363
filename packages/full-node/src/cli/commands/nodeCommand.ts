import type { CommandSpec, OptionSpecs, ParsedArgs } from '../args.js'
import { toFullNodeOptions } from '../config.js'
import type { CliIo } from '../io.js'
import { runNode } from '../runNode.js'
import { CONFIG_OPTIONS, configFor } from './shared.js'

/** Flags of `node` and `devnet`, one per config key. */
export const NODE_OPTIONS: OptionSpecs = {
  ...CONFIG_OPTIONS,
  'rpc-host': { type: 'string', value: 'HOST', description: 'API interface (default 127.0.0.1)' },
  'rpc-port': { type: 'string', value: 'PORT', description: 'API port (default 7700; 0 = any)' },
  'p2p-host': {
    type: 'string',
    value: 'HOST',
    description: 'p2p interface (default 0.0.0.0; 127.0.0.1 on devnet)',
  },
  'p2p-port': { type: 'string', value: 'PORT', description: 'p2p TCP port (default 7701)' },
  'ws-port': { type: 'string', value: 'PORT', description: 'p2p WebSocket port (default 7702)' },
  'webrtc-port': {
    type: 'string',
    value: 'PORT',
    description: 'p2p WebRTC-direct UDP port (default 7703)',
  },
  bootstrap: { type: 'string', multiple: true, value: 'MULTIADDR', description: 'peer to dial' },
  'max-connections': {
    type: 'string',
    value: 'N',
    description: 'peer connection cap (default 64)',
  },
  mine: { type: 'boolean', description: 'mine blocks (--no-mine to turn off)' },
  threads: { type: 'string', value: 'N', description: 'mining threads (default 1)' },
  'reward-address': { type: 'string', value: 'ADDR', description: 'where block rewards go' },
  'api-key': {
    type: 'string',
    value: 'KEY',
    description: 'API key for admin methods (≥ 16 chars)',
  },
  cors: { type: 'string', multiple: true, value: 'ORIGIN', description: 'browser origin allowed' },
  'log-level': {
    type: 'string',
    value: 'LEVEL',
    description: 'fatal | error | warn | info | debug | trace (default info)',
  },
  'log-pretty': { type: 'boolean', description: 'human-readable logs instead of JSON' },
  faucet: { type: 'boolean', description: 'serve the faucet method (devnet only)' },
  'faucet-max-amount': {
    type: 'string',
    value: 'NOVA',
    description: 'largest faucet payment (default 1000)',
  },
  'verify-threads': {
    type: 'string',
    value: 'N',
    description: 'signature verification threads (default CPUs, max 4)',
  },
}

const CONFIG_HELP = [
  'Settings come from, lowest precedence first: defaults, the config file (JSON with keys',
  'network, dataDir, rpcHost, rpcPort, p2pHost, p2pPort, wsPort, webrtcPort, bootstrap,',
  'maxConnections, mine, threads, rewardAddress, apiKey, cors, logLevel, logPretty, faucet,',
  'faucetMaxAmount, verifyThreads), SUPERNOVA_* environment variables (SUPERNOVA_RPC_PORT, …;',
  'lists comma-separated), then flags.',
].join('\n')

async function run(args: ParsedArgs, io: CliIo): Promise<number> {
  const { values } = configFor(args, io)
  return runNode({ options: toFullNodeOptions(values), io })
}

/** `supernova node`: run a full node. */
export const nodeCommand: CommandSpec = {
  name: 'node',
  summary: 'run a full node',
  usage: '[options]',
  description: `Runs a SuperNova full node until Ctrl-C (a second Ctrl-C forces exit).\n\n${CONFIG_HELP}`,
  options: NODE_OPTIONS,
  examples: [
    'supernova node --network testnet --bootstrap /ip4/203.0.113.5/tcp/7701/p2p/12D3KooW…',
    'supernova node --network devnet --mine --reward-address dnova1…',
  ],
  run,
}
