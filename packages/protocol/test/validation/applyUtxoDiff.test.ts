import { beforeAll, describe, expect, it } from 'vitest'
import { toHex } from '../../src/bytes.js'
import { initHashing } from '../../src/hash/blake3.js'
import { DEVNET } from '../../src/params/networks.js'
import { createSparseMerkleTree } from '../../src/smt/SparseMerkleTree.js'
import { utxoKey, utxoValueHash } from '../../src/tx/hashes.js'
import {
  applyUtxoDiff,
  UtxoCommitmentError,
  type UtxoDiffEntry,
} from '../../src/validation/connectTransactions.js'

beforeAll(() => initHashing())

const lock = DEVNET.genesis.allocations[0]!.lock
const output = (n: number): UtxoDiffEntry => ({
  outpoint: { txid: Uint8Array.from({ length: 32 }, (_, i) => (n * 13 + i) & 0xff), vout: n % 3 },
  entry: { amount: BigInt(1_000 + n), lock, height: 7, coinbase: false },
})

describe('applyUtxoDiff commitments', () => {
  it('hands back each created output’s commitment; spending with it gives the tree recomputing gives', () => {
    const created = Array.from({ length: 40 }, (_, n) => output(n))
    const tree = applyUtxoDiff(createSparseMerkleTree(), { created, spent: [] })
    for (const c of created) {
      expect(toHex(c.commitment!.key)).toBe(toHex(utxoKey(c.outpoint)))
      expect(toHex(c.commitment!.valueHash)).toBe(toHex(utxoValueHash(c.entry)))
    }
    const spend = created.slice(0, 25)
    const more = Array.from({ length: 10 }, (_, n) => output(100 + n))
    const remembered = applyUtxoDiff(tree, {
      created: more.map((m) => ({ ...m })),
      spent: spend.map((s) => ({ outpoint: s.outpoint, entry: s.entry, commitment: s.commitment })),
    })
    const recomputed = applyUtxoDiff(tree, {
      created: more.map((m) => ({ ...m })),
      spent: spend.map((s) => ({ outpoint: s.outpoint, entry: s.entry })),
    })
    expect(toHex(remembered.root)).toBe(toHex(recomputed.root))
    // The commitment is what is checked: one that does not match the tree is refused.
    const wrong = { key: spend[1]!.commitment!.key, valueHash: spend[0]!.commitment!.valueHash }
    expect(() =>
      applyUtxoDiff(tree, {
        created: [],
        spent: [{ outpoint: spend[1]!.outpoint, entry: spend[1]!.entry, commitment: wrong }],
      }),
    ).toThrow(UtxoCommitmentError)
  })
})
