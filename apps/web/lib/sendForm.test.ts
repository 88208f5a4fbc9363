import { devnetAccount, encodeAddress } from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { amountFieldText, checkAmount, checkRecipient, findMaxAmount } from './sendForm'

const lock = devnetAccount(2).lock
const DEVNET = encodeAddress({ network: 'devnet', lock })
const MAINNET = encodeAddress({ network: 'mainnet', lock })

describe('checkRecipient', () => {
  it('accepts an address of the network, trimmed, in either case', () => {
    const r = checkRecipient(`  ${DEVNET.toUpperCase()} `, 'devnet')
    expect(r).toMatchObject({ ok: true, value: { address: DEVNET } })
    expect(r.ok && r.value.lock.policyHash).toEqual(lock.policyHash)
  })

  it('names the network of a foreign address', () => {
    expect(checkRecipient(MAINNET, 'devnet')).toMatchObject({
      ok: false,
      code: 'WRONG_NETWORK',
      message: 'This is a mainnet address; this wallet sends on devnet.',
    })
  })

  it('explains a mistyped character (checksum), mixed case and garbage', () => {
    const typo = `${DEVNET.slice(0, -1)}${DEVNET.endsWith('q') ? 'p' : 'q'}`
    expect(checkRecipient(typo, 'devnet')).toMatchObject({ code: 'INVALID_CHECKSUM' })
    expect(checkRecipient(typo, 'devnet')).toMatchObject({
      message: expect.stringMatching(/checksum/),
    })
    const mixed = `${DEVNET.slice(0, 10).toUpperCase()}${DEVNET.slice(10)}`
    expect(checkRecipient(mixed, 'devnet')).toMatchObject({ code: 'MIXED_CASE' })
    expect(checkRecipient('hello', 'devnet')).toMatchObject({ code: 'MISSING_SEPARATOR' })
    expect(checkRecipient('btc1qqqqqqqqqqqqqq', 'devnet')).toMatchObject({ ok: false })
    expect(checkRecipient('', 'devnet')).toMatchObject({ code: 'EMPTY' })
    expect(checkRecipient('x'.repeat(300), 'devnet')).toMatchObject({ code: 'TOO_LONG' })
  })
})

describe('checkAmount', () => {
  const limits = { spendable: 10n * 10n ** 8n, dust: 546n }
  it('parses NOVA into base units', () => {
    expect(checkAmount('1.5', limits)).toEqual({ ok: true, value: 150_000_000n })
    expect(checkAmount('10', limits)).toEqual({ ok: true, value: 10n * 10n ** 8n })
  })

  it('refuses above the spendable balance, naming it', () => {
    expect(checkAmount('10.00000001', limits)).toMatchObject({
      ok: false,
      code: 'ABOVE_BALANCE',
      message: 'That is more than your spendable balance of 10 NOVA.',
    })
  })

  it('refuses zero, dust and malformed text with a sentence', () => {
    expect(checkAmount('0', limits)).toMatchObject({ code: 'ZERO' })
    expect(checkAmount('0.00000545', limits)).toMatchObject({ code: 'BELOW_DUST' })
    expect(checkAmount('0.00000546', limits)).toMatchObject({ ok: true })
    expect(checkAmount('', limits)).toMatchObject({ code: 'EMPTY', message: 'Enter an amount.' })
    expect(checkAmount('-1', limits)).toMatchObject({ code: 'NEGATIVE' })
    expect(checkAmount('1.123456789', limits)).toMatchObject({ code: 'TOO_MANY_DECIMALS' })
    expect(checkAmount('1,5', limits)).toMatchObject({ code: 'INVALID_FORMAT' })
    expect(checkAmount('99999999999999999999999', limits)).toMatchObject({ code: 'OVERFLOW' })
  })
})

describe('amountFieldText', () => {
  it('prints plain decimal NOVA', () => {
    expect(amountFieldText(123_456_789_000n)).toBe('1234.56789')
    expect(amountFieldText(1n)).toBe('0.00000001')
  })
})

describe('findMaxAmount', () => {
  it('asks again for everything minus the fee coin selection reports', async () => {
    const asked: bigint[] = []
    const fee = 300n
    const r = await findMaxAmount(10_000n, async (amount) => {
      asked.push(amount)
      return amount + fee <= 10_000n
        ? { prepared: `tx for ${amount}` }
        : { available: 10_000n, needed: amount + fee }
    })
    expect(r).toEqual({ amount: 9_700n, prepared: 'tx for 9700' })
    expect(asked).toEqual([10_000n, 9_700n])
  })

  it('gives up when nothing is left after the fee', async () => {
    await expect(
      findMaxAmount(100n, async (amount) => ({ available: 100n, needed: amount + 500n })),
    ).rejects.toThrow(RangeError)
  })

  it('always makes progress, even on an odd answer', async () => {
    const asked: bigint[] = []
    await expect(
      findMaxAmount(1_000n, async (amount) => {
        asked.push(amount)
        return { available: 5_000n, needed: amount }
      }),
    ).rejects.toThrow(RangeError)
    expect(asked).toEqual([1_000n, 999n, 998n])
  })
})
