import {
  CoinSelectionError,
  KeystoreError,
  LightClientError,
  PaymentError,
  WalletError,
} from '@supernova/light-client'
import { describe, expect, it } from 'vitest'
import {
  explainError,
  isChainRace,
  isLockedError,
  isWrongPassword,
  retryChainRace,
} from './walletErrors'

describe('explainError', () => {
  it('says a wrong password lost nothing', () => {
    const e = new KeystoreError({ code: 'WRONG_PASSWORD', message: 'bad tag' })
    expect(explainError(e)).toMatch(/^Wrong password\. Nothing was changed/)
    expect(isWrongPassword(e)).toBe(true)
    expect(isWrongPassword(new Error('WRONG_PASSWORD'))).toBe(false)
  })

  it('gives the amounts of a shortfall', () => {
    const e = new CoinSelectionError({
      code: 'INSUFFICIENT_FUNDS',
      message: '…',
      details: { available: 100_000_000n, needed: 150_000_300n },
    })
    expect(explainError(e)).toBe(
      'Not enough spendable funds: 1 NOVA available, 1.500003 NOVA needed with the fee.',
    )
  })

  it('passes on the node’s reason for a rejected broadcast', () => {
    const e = new PaymentError({
      code: 'REJECTED',
      message: 'the payment was not sent',
      details: { reason: 'DOUBLE_SPEND', message: 'input already spent in the mempool' },
    })
    expect(explainError(e)).toBe(
      'The node refused the transaction (DOUBLE_SPEND): input already spent in the mempool. Nothing was sent.',
    )
  })

  it('says the light client retries when no node answers', () => {
    expect(explainError(new PaymentError({ code: 'BROADCAST_FAILED', message: 'x' }))).toMatch(
      /not sent.*keeps reconnecting/,
    )
    expect(explainError(new LightClientError({ code: 'NO_PEER', message: 'x' }))).toMatch(
      /keeps reconnecting/,
    )
  })

  it('recognises a locked wallet', () => {
    const e = new WalletError({ code: 'WALLET_LOCKED', message: 'unlock first' })
    expect(isLockedError(e)).toBe(true)
    expect(explainError(e)).toMatch(/locked/)
  })

  it('falls back to the message without its code prefix, then to plain errors', () => {
    expect(
      explainError(new LightClientError({ code: 'UNKNOWN_BLOCK', message: 'no such block' })),
    ).toBe('no such block (UNKNOWN_BLOCK).')
    expect(explainError(new Error('plain'))).toBe('plain')
    expect(explainError('text')).toBe('text')
  })
})

describe('explainError on failing peers', () => {
  it('names what the peers answered', () => {
    const e = new LightClientError({
      code: 'ALL_PEERS_FAILED',
      message: 'x',
      details: {
        failures: [
          { peer: 'a', code: 'TIMEOUT', message: '' },
          { peer: 'b', code: 'TIMEOUT', message: '' },
          { peer: 'c', code: 'RATE_LIMITED', message: '' },
        ],
      },
    })
    expect(explainError(e)).toMatch(/valid proof \(TIMEOUT, RATE_LIMITED\)\. The light client/)
  })
})

describe('retryChainRace', () => {
  const race = () =>
    new LightClientError({
      code: 'ALL_PEERS_FAILED',
      message: 'x',
      details: { failures: [{ peer: 'a', code: 'AHEAD_OF_CHAIN', message: '' }] },
    })
  const noSleep = async () => {}

  it('asks again while the peers are one head ahead', async () => {
    let calls = 0
    const retries: number[] = []
    const r = await retryChainRace(
      async () => {
        calls++
        if (calls < 3) throw race()
        return 'ok'
      },
      { sleep: noSleep, onRetry: (n) => retries.push(n) },
    )
    expect(r).toBe('ok')
    expect(calls).toBe(3)
    expect(retries).toEqual([2, 3])
    expect(isChainRace(race())).toBe(true)
  })

  it('gives up after the attempts, and never retries other errors', async () => {
    let calls = 0
    await expect(
      retryChainRace(
        async () => {
          calls++
          throw race()
        },
        { attempts: 2, sleep: noSleep },
      ),
    ).rejects.toMatchObject({ code: 'ALL_PEERS_FAILED' })
    expect(calls).toBe(2)
    const other = new LightClientError({
      code: 'ALL_PEERS_FAILED',
      message: 'x',
      details: { failures: [{ peer: 'a', code: 'SMT_PROOF_INVALID', message: '' }] },
    })
    expect(isChainRace(other)).toBe(false)
    calls = 0
    await expect(
      retryChainRace(
        async () => {
          calls++
          throw other
        },
        { sleep: noSleep },
      ),
    ).rejects.toBe(other)
    expect(calls).toBe(1)
  })
})
