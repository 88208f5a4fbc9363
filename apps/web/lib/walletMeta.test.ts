import { createMemoryStorage, createWallet, openWallet } from '@supernova/light-client'
import { getChainParams } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import {
  BIRTH_HEIGHT_KEY,
  readBirthHeight,
  removeWalletRecords,
  writeBirthHeight,
} from './walletMeta'

const store = () => createMemoryStorage({ params: getChainParams('devnet') }).wallet

describe('birth height', () => {
  it('round-trips and defaults to 0', async () => {
    const s = store()
    expect(await readBirthHeight(s)).toBe(0)
    await writeBirthHeight(s, 12_345)
    expect(await readBirthHeight(s)).toBe(12_345)
  })

  it('reads garbage as 0 and refuses to write nonsense', async () => {
    const s = store()
    await s.put(BIRTH_HEIGHT_KEY, new TextEncoder().encode('-5'))
    expect(await readBirthHeight(s)).toBe(0)
    await s.put(BIRTH_HEIGHT_KEY, new Uint8Array(100))
    expect(await readBirthHeight(s)).toBe(0)
    await expect(writeBirthHeight(s, 1.5)).rejects.toThrow(RangeError)
    await expect(writeBirthHeight(s, -1)).rejects.toThrow(RangeError)
  })
})

describe('removeWalletRecords', () => {
  it('deletes the wallet so that a new one can be created, keeping other keys', async () => {
    const s = store()
    await createWallet({ store: s, network: 'devnet', password: 'correct horse battery' })
    await writeBirthHeight(s, 7)
    await s.put('other/thing', new Uint8Array([1]))
    const removed = await removeWalletRecords(s)
    expect(removed).toEqual(
      expect.arrayContaining([BIRTH_HEIGHT_KEY, 'wallet/keystore', 'wallet/record']),
    )
    expect(await s.keys()).toEqual(['other/thing'])
    await expect(openWallet({ store: s })).rejects.toMatchObject({ code: 'WALLET_NOT_FOUND' })
  }, 30_000)
})
