import { describe, expect, it } from 'vitest'
import { decodeBlock, encodeBlock } from '../../src/block/block.js'
import { createGenesis } from '../../src/block/genesis.js'
import { toHex } from '../../src/bytes.js'
import { genesisAllocationTotal } from '../../src/economics/supply.js'
import { NETWORKS } from '../../src/params/network.js'
import { CHAIN_PARAMS } from '../../src/params/networks.js'
import { COIN } from '../../src/params/types.js'

describe('genesis blocks', () => {
  for (const network of NETWORKS) {
    it(`${network}: the block built from params hashes to the pinned genesis hash`, () => {
      const params = CHAIN_PARAMS[network]
      const g = createGenesis(params)
      expect(toHex(g.hash)).toBe(params.genesisHash)
      expect(decodeBlock(encodeBlock(g.block))).toEqual(g.block)
      expect(g.block.header.height).toBe(0)
      expect(g.utxoTree.size).toBe(params.genesis.allocations.length)
    })
  }

  it('the three networks have distinct genesis hashes', () => {
    expect(new Set(NETWORKS.map((n) => CHAIN_PARAMS[n].genesisHash)).size).toBe(3)
  })

  it('devnet prefunds ten well-known accounts with 1,000,000 NOVA each; mainnet and testnet nothing', () => {
    expect(genesisAllocationTotal(CHAIN_PARAMS.devnet)).toBe(10_000_000n * COIN)
    expect(genesisAllocationTotal(CHAIN_PARAMS.mainnet)).toBe(0n)
    expect(genesisAllocationTotal(CHAIN_PARAMS.testnet)).toBe(0n)
  })
})
