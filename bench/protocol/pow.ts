// Header proof-of-work check vs the raw hash-wasm BLAKE3 rate on a header-sized input.
import { createBLAKE3 } from 'hash-wasm'
import { createGenesis } from '../../packages/protocol/src/block/genesis.ts'
import { encodeHeader, HEADER_BYTES } from '../../packages/protocol/src/block/header.ts'
import { initHashing } from '../../packages/protocol/src/hash/blake3.ts'
import { DEVNET } from '../../packages/protocol/src/params/networks.ts'
import { checkProofOfWork } from '../../packages/protocol/src/pow/pow.ts'
import { measurePair, report } from '../lib.ts'

await initHashing()
const headers = Array.from({ length: 256 }, (_, i) =>
  encodeHeader({ ...createGenesis(DEVNET).block.header, nonce: BigInt(i), height: i }),
)
const raw = await createBLAKE3()
const input = headers.map((h) => h.slice())
let i = 0
let sink = 0
const { value, raw: rawRate } = await measurePair(
  () => {
    const r = checkProofOfWork(headers[i++ & 255]!)
    sink ^= r.hash[0]!
  },
  () => {
    raw.init()
    raw.update(input[i++ & 255]!)
    sink ^= raw.digest('binary')[0]!
  },
)
report({
  bench: 'protocol',
  metric: 'header_pow_check',
  value,
  unit: 'headers/s',
  raw: rawRate,
  goal: 0.8,
  extra: { inputBytes: HEADER_BYTES },
})
if (sink === 0.5) console.log(sink)
