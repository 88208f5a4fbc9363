// Crash-test child: imports a block sequence into a LevelDB chain as fast as it can, until the
// parent SIGKILLs it. Plain JS over the built package (dist) so it starts quickly.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSignatureSchemes, decodeBlock, initHashing } from '@supernova/protocol'
import pino from 'pino'
import { Chain } from '../../dist/chain/Chain.js'
import { openLevelStore } from '../../dist/storage/levelStore.js'

const [dataDir, blocksFile] = process.argv.slice(2)
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
for (const b of blocks) await chain.processBlock(b)
process.stdout.write('done\n')
await store.close()
