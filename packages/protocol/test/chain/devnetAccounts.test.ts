import { beforeEach, describe, expect, it, vi } from 'vitest'

/** Counts ed25519 public-key derivations: the cost the devnet accounts must not pay at import. */
const derivations = vi.hoisted(() => ({ count: 0 }))
vi.mock('@noble/curves/ed25519.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('@noble/curves/ed25519.js')>()
  const getPublicKey = (secretKey: Uint8Array) => {
    derivations.count++
    return real.ed25519.getPublicKey(secretKey)
  }
  return { ...real, ed25519: { ...real.ed25519, getPublicKey } }
})

describe('devnet accounts: derived on first use, once', () => {
  beforeEach(() => {
    vi.resetModules()
    derivations.count = 0
  })

  it('loading the package derives no key; the genesis allocations derive each account once', async () => {
    const protocol = await import('../../src/index.js')
    expect(derivations.count).toBe(0)
    const { DEVNET } = protocol
    const allocations = DEVNET.genesis.allocations
    expect(derivations.count).toBe(protocol.DEVNET_ACCOUNT_COUNT)
    expect(DEVNET.genesis.allocations).toBe(allocations)
    expect(allocations.map((a) => a.lock)).toEqual(
      Array.from(
        { length: protocol.DEVNET_ACCOUNT_COUNT },
        (_, i) => protocol.devnetAccount(i).lock,
      ),
    )
    expect(derivations.count).toBe(protocol.DEVNET_ACCOUNT_COUNT)
    expect(protocol.toHex(protocol.createGenesis(DEVNET).hash)).toBe(DEVNET.genesisHash)
  })

  it('hands out fresh arrays: wiping one account’s keys leaves the next call intact', async () => {
    const { devnetAccount } = await import('../../src/index.js')
    const a = devnetAccount(31)
    const expected = { secretKey: a.secretKey.slice(), publicKey: a.publicKey.slice() }
    a.secretKey.fill(0)
    a.publicKey.fill(0)
    const b = devnetAccount(31)
    expect(b.secretKey).toEqual(expected.secretKey)
    expect(b.publicKey).toEqual(expected.publicKey)
    expect(derivations.count).toBe(1)
    expect(() => devnetAccount(-1)).toThrow(RangeError)
  })
})
