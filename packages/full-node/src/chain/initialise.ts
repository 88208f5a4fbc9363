import {
  type ChainParams,
  computeBlockFilter,
  computeTxid,
  createGenesis,
  encodeBlock,
  toHex,
  workForBits,
} from '@supernova/protocol'
import { keys, SCHEMA_VERSION, u32be } from '../storage/layout.js'
import type { KeyValueStore } from '../storage/store.js'
import { blockEffects } from './effects.js'
import { ChainError } from './errors.js'
import { STATUS } from './records.js'
import { connectOps } from './writes.js'

/** Writes the genesis block, its state and the schema into an empty store. */
export async function initialise(params: ChainParams, store: KeyValueStore): Promise<void> {
  const g = createGenesis(params)
  const hash = g.hash
  if (toHex(hash) !== params.genesisHash)
    throw new ChainError({
      code: 'CORRUPT_STATE',
      message: 'the genesis block does not match the pinned hash',
    })
  const txids = [computeTxid(g.block.transactions[0]!)]
  const effects = blockEffects(g.block, txids, 0, [])
  const record = {
    header: g.block.header,
    height: 0,
    cumulativeWork: workForBits(g.block.header.bits),
    status: STATUS.HAS_BLOCK | STATUS.VALID,
  }
  await store.batch([
    ...connectOps({
      hash,
      height: 0,
      txids,
      effects,
      record,
      filter: computeBlockFilter({
        prevHash: g.block.header.prevHash,
        transactions: g.block.transactions,
      }),
    }),
    { type: 'put', key: keys.block(hash), value: encodeBlock(g.block) },
    { type: 'put', key: keys.meta('schema'), value: u32be(SCHEMA_VERSION) },
    { type: 'put', key: keys.meta('genesis'), value: hash },
  ])
}
