import { beforeAll, describe, expect, it } from 'vitest'
import { createCoinbase } from '../../src/block/assembleBlock.js'
import type { Block } from '../../src/block/block.js'
import { utf8 } from '../../src/bytes.js'
import { createSignatureSchemes } from '../../src/crypto/schemes.js'
import { hash } from '../../src/hash/blake3.js'
import { DEVNET } from '../../src/params/networks.js'
import { SEQUENCE_FINAL } from '../../src/policy/types.js'
import type { MemoryChain } from '../../src/state/MemoryChain.js'
import { ValidationError } from '../../src/validation/errors.js'
import { startBlockVerification, verifyBlock } from '../../src/validation/verifyBlock.js'
import { alicePays, bob, COIN, forgeBlock, mineEmpty, NOW, newChain } from './helpers.js'

let chain: MemoryChain
beforeAll(async () => {
  chain = await newChain(DEVNET)
  await mineEmpty(chain, DEVNET.coinbaseMaturity)
}, 60_000)

const junk = (label: string) => hash('utxo', utf8(label))

/** A transfer whose input spends an outpoint that never existed. */
function spendsNothing() {
  const t = alicePays(chain, bob.lock, COIN)
  return {
    ...t,
    inputs: [{ prevout: { txid: junk('nowhere'), vout: 0 }, sequence: SEQUENCE_FINAL }],
  }
}

function params(block: Block) {
  return {
    block,
    parent: { header: chain.tip.header, hash: chain.tip.hash },
    recentTimestamps: chain.recentTimestamps(),
    params: DEVNET,
    now: NOW,
    utxos: chain.utxos,
    utxoTree: chain.utxos.tree,
    schemes: createSignatureSchemes(),
  }
}

async function codeOf(block: Block): Promise<string | undefined> {
  try {
    await verifyBlock(params(block))
    return undefined
  } catch (e) {
    if (e instanceof ValidationError) return e.code
    throw e
  }
}

describe('verifyBlock reports the first rule broken, although inputs are connected early', () => {
  it('names the input first when nothing earlier is wrong (the control)', async () => {
    expect(await codeOf(forgeBlock(chain, { transactions: [spendsNothing()] }))).toBe(
      'TX_MISSING_INPUT',
    )
  })

  it('a structure rule of a later transaction wins over an earlier missing input', async () => {
    const t = alicePays(chain, bob.lock, COIN)
    const dust = { ...t, outputs: [{ amount: 1n, lock: bob.lock }, ...t.outputs.slice(1)] }
    const b = forgeBlock(chain, { transactions: [spendsNothing(), dust] })
    expect(await codeOf(b)).toBe('TX_OUTPUT_DUST')
  })

  it('a repeated transaction wins over a missing input', async () => {
    const bad = spendsNothing()
    const b = forgeBlock(chain, { transactions: [bad, bad] })
    expect(await codeOf(b)).toBe('BLOCK_DUPLICATE_TX')
  })

  it('a bad txRoot wins over a missing input', async () => {
    const b = forgeBlock(chain, { transactions: [spendsNothing()], header: { txRoot: junk('r') } })
    expect(await codeOf(b)).toBe('BLOCK_BAD_TX_ROOT')
  })

  it('a bad filter hash wins over a missing input', async () => {
    const b = forgeBlock(chain, {
      transactions: [spendsNothing()],
      header: { filterHash: junk('f') },
    })
    expect(await codeOf(b)).toBe('BLOCK_BAD_FILTER_HASH')
  })

  it('a coinbase committing to the wrong height wins over a missing input', async () => {
    const b = forgeBlock(chain, {
      coinbase: createCoinbase({ height: chain.height + 5, outputs: [] }),
      transactions: [spendsNothing()],
    })
    expect(await codeOf(b)).toBe('BLOCK_COINBASE_BAD_HEIGHT')
  })
})

describe('startBlockVerification', () => {
  it('returns the connection of a valid block at once, then its signatures resolve', async () => {
    const b = forgeBlock(chain, { transactions: [alicePays(chain, bob.lock, COIN)], fees: 0n })
    const { connection, signatures } = startBlockVerification(params(b))
    await expect(signatures).resolves.toBeUndefined()
    const full = await verifyBlock(params(b))
    expect(connection.utxoTree.root).toEqual(full.utxoTree.root)
    expect(connection.txids).toEqual(full.txids)
    expect(connection.spent).toEqual(full.spent)
  })

  it('leaves a bad signature to the returned promise, which rejects with TX_BAD_SIGNATURE', async () => {
    const t = alicePays(chain, bob.lock, COIN)
    const w = t.witnesses[0]!
    const sig = (w.satisfaction as { signature: Uint8Array }).signature.slice()
    sig[7]! ^= 1
    const bad = {
      ...t,
      witnesses: [
        { policy: w.policy, satisfaction: { type: 'signature' as const, signature: sig } },
      ],
    }
    const b = forgeBlock(chain, { transactions: [bad] })
    const { connection, signatures } = startBlockVerification(params(b))
    expect(connection.txids).toHaveLength(2)
    await expect(signatures).rejects.toMatchObject({ code: 'TX_BAD_SIGNATURE' })
  })

  it('throws the other rules synchronously, as verifyBlock rejects with them', () => {
    const b = forgeBlock(chain, { transactions: [spendsNothing()] })
    expect(() => startBlockVerification(params(b))).toThrow(ValidationError)
  })
})
