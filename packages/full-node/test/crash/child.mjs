// Crash-test child: imports a block sequence into a LevelDB chain as fast as it can, until the
// parent SIGKILLs it — block by block or in pipelined runs (argv[4]). Plain JS over the built package (dist) so it starts quickly.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSignatureSchemes, decodeBlock, initHashing } from '@supernova/protocol'
import pino from 'pino'
import { Chain } from '../../dist/chain/Chain.js'
import { openLevelStore } from '../../dist/storage/levelStore.js'

const [dataDir, blocksFile, mode = 'single'] = process.argv.slice(2)
await initHashing()
const blocks = readFileSync(blocksFile, 'utf8')
  .trim()
  .split('\n')
  .map((hex) => decodeBlock(Uint8Array.from(Buffer.from(hex, 'hex'))))
const store = await openLevelStore(join(dataDir, 'db'))
const chain = await Chain.open(
  { params: (await import('@supernova/protocol')).DEVNET },
  { store, schemes: createSignatureSchemes(), logger: pino({ level: 'silent' }), now: Date.now },
)
process.stdout.write('ready\n')
// 'single': one processBlock per block (gossip, the miner); 'runs': pipelined processBlocks in runs
// of 8, as sync and bulk import do.
if (mode === 'runs')
  for (let i = 0; i < blocks.length; i += 8) await chain.processBlocks(blocks.slice(i, i + 8))
else for (const b of blocks) await chain.processBlock(b)
process.stdout.write('done\n')
await store.close()
