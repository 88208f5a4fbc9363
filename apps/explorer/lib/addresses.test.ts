import { DEVNET, devnetAccount, encodeAddress, type Lock } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { lockKind, nameLock } from './addresses'

describe('nameLock', () => {
  it('encodes the address for the network', () => {
    const lock = devnetAccount(2).lock
    expect(nameLock(lock, DEVNET)).toEqual({ address: encodeAddress({ network: 'devnet', lock }) })
  })

  it('labels the treasury', () => {
    const named = nameLock(DEVNET.treasuryLock, DEVNET)
    expect(named.label).toBe('Environmental treasury')
    expect(named.address.startsWith('dnova1')).toBe(true)
  })

  it('tells locks apart by type as well as hash', () => {
    const other: Lock = {
      ...DEVNET.treasuryLock,
      type: DEVNET.treasuryLock.type === 'policy' ? 'ed25519' : 'policy',
    }
    expect(nameLock(other, DEVNET).label).toBeUndefined()
  })
})

describe('lockKind', () => {
  it('names every lock type', () => {
    expect(lockKind({ type: 'ed25519', policyHash: new Uint8Array(32) })).toBe('Ed25519 key')
    expect(lockKind({ type: 'policy', policyHash: new Uint8Array(32) })).toMatch(/policy/)
    expect(lockKind({ type: 'mldsa65', policyHash: new Uint8Array(32) })).toMatch(/post-quantum/)
    expect(lockKind({ type: 'secp256k1', policyHash: new Uint8Array(32) })).toBe('secp256k1 key')
  })
})
