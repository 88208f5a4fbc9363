import {
  createSignatureSchemes,
  DEVNET,
  genesisHashBytes,
  type OutPoint,
  outpointKey,
  SEQUENCE_FINAL,
  type Transaction,
  TX_VERSION,
  toHex,
  type UtxoEntry,
  utf8,
  verifySignatures,
  verifyTransactionInputs,
} from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import { createWallet, openWallet } from '../../src/wallet/createWallet.js'
import { KeystoreError, WalletError } from '../../src/wallet/errors.js'
import { deriveSigningKey, parseHdPath, walletPath } from '../../src/wallet/hdKeys.js'
import { mnemonicToSeed } from '../../src/wallet/mnemonic.js'
import type { Wallet } from '../../src/wallet/wallet.js'
import { keyDestination } from '../../src/wallet/walletKeys.js'
import { WALLET_STORE_KEYS } from '../../src/wallet/walletRecord.js'
import { MemoryWalletStore } from './memoryWalletStore.js'
import { scanForSecrets } from './scanSecrets.js'
import { counterRandom, ManualTimer } from './walletFixtures.js'

const PASSWORD = 'wallet password 1'
const IMPORTED = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
const PASSPHRASE = 'TREZOR'

async function codeOf(fn: () => Promise<unknown> | unknown): Promise<string | undefined> {
  try {
    await fn()
  } catch (e) {
    return e instanceof WalletError || e instanceof KeystoreError ? e.code : String(e)
  }
  return undefined
}

/** A transfer spending one output per given address entry, paying 1,000 units back to the first. */
function spendingTx(wallet: Wallet, owners: ReturnType<Wallet['addresses']>) {
  const utxos = new Map<string, UtxoEntry>()
  const inputs = owners.map((o, i) => {
    const prevout: OutPoint = { txid: new Uint8Array(32).fill(i + 1), vout: i }
    utxos.set(outpointKey(prevout), { amount: 5_000n, lock: o.lock, height: 1, coinbase: false })
    return { prevout, sequence: SEQUENCE_FINAL }
  })
  const tx: Transaction = {
    version: TX_VERSION,
    kind: 'transfer',
    inputs,
    outputs: [{ amount: 1_000n, lock: owners[0]!.lock }],
    locktime: 0,
    payload: new Uint8Array(0),
    witnesses: [],
  }
  const spent = owners.map((o) => ({ amount: 5_000n, lock: o.lock, policy: o.policy }))
  return { tx, spent, lookup: { get: (o: OutPoint) => utxos.get(outpointKey(o)) }, wallet }
}

async function assertVerifies({
  tx,
  lookup,
}: {
  tx: Transaction
  lookup: { get(o: OutPoint): UtxoEntry | undefined }
}) {
  const { signatures } = verifyTransactionInputs({
    tx,
    utxos: lookup,
    height: 10,
    medianTimePast: DEVNET.genesis.timestamp,
    params: DEVNET,
    genesisHash: genesisHashBytes(DEVNET),
  })
  await verifySignatures(createSignatureSchemes(), signatures)
}

// Full-strength keystore KDF runs in this file: about a dozen (each ~0.2–0.5 s).
describe('wallet', async () => {
  const store = new MemoryWalletStore()
  const timer = new ManualTimer()
  const created = await createWallet({
    store,
    network: 'devnet',
    password: PASSWORD,
    random: counterRandom(),
    autoLockMs: 60_000,
    timer,
    now: () => 1_700_000_000_000,
  })
  const importStore = new MemoryWalletStore()
  const imported = await createWallet({
    store: importStore,
    network: 'devnet',
    password: PASSWORD,
    mnemonic: IMPORTED,
    passphrase: PASSPHRASE,
    scheme: 'secp256k1',
    gapLimit: 5,
  })

  it('creates from a fresh mnemonic, returned once, and starts unlocked', async () => {
    expect(created.mnemonic?.split(' ')).toHaveLength(12)
    expect(created.wallet.isLocked()).toBe(false)
    expect(created.wallet.gapLimit).toBe(20)
    expect(created.wallet.addresses()).toHaveLength(40)
    expect(imported.mnemonic).toBeUndefined()
    expect(await codeOf(() => createWallet({ store, network: 'devnet', password: PASSWORD }))).toBe(
      'WALLET_EXISTS',
    )
  })

  it('imports a mnemonic with a BIP39 passphrase: addresses follow from mnemonic, passphrase and path', async () => {
    const seed = await mnemonicToSeed({ mnemonic: IMPORTED, passphrase: PASSPHRASE })
    const path = walletPath({
      scheme: 'secp256k1',
      network: 'devnet',
      account: 0,
      chain: 'receive',
      index: 0,
    })
    const key = deriveSigningKey({ seed, scheme: 'secp256k1', path })
    const expected = keyDestination({
      scheme: 'secp256k1',
      publicKey: key.publicKey,
      network: 'devnet',
    })
    const first = await imported.wallet.receiveAddress()
    expect(first.address).toBe(expected.address)
    expect(first.path).toBe("m/44'/1'/0'/0/0")
    expect(imported.wallet.addresses()).toHaveLength(10)
  })

  it('signs with derived keys of both chains; the protocol verifies the signatures', async () => {
    const w = imported.wallet
    const owners = [await w.receiveAddress(), await w.changeAddress(), w.addresses()[3]!]
    const s = spendingTx(w, owners)
    const signed = w.signTransaction({ tx: s.tx, spent: s.spent })
    await assertVerifies({ ...s, tx: signed })
    const forged = { ...signed, outputs: [{ ...signed.outputs[0]!, amount: 999n }] }
    await expect(assertVerifies({ ...s, tx: forged })).rejects.toThrow(/TX_BAD_SIGNATURE/)
  })

  it('a transaction spending a coin it does not own is unsatisfiable', async () => {
    const stranger = keyDestination({
      scheme: 'ed25519',
      publicKey: new Uint8Array(32).fill(7),
      network: 'devnet',
    })
    const s = spendingTx(imported.wallet, [
      { ...(await imported.wallet.receiveAddress()), ...stranger },
    ])
    expect(() => imported.wallet.signTransaction({ tx: s.tx, spent: s.spent })).toThrow(
      /UNSATISFIABLE/,
    )
  })

  it('receive and change addresses: next unused, mark used, gap window, persisted', async () => {
    const w = created.wallet
    const a = await w.receiveAddress()
    expect((await w.receiveAddress()).address).toBe(a.address)
    expect(a.index).toBe(0)
    await w.markUsed({ address: a.address })
    const b = await w.receiveAddress()
    expect(b.index).toBe(1)
    await w.markUsed({
      address: w.addresses().find((x) => x.chain === 'receive' && x.index === 9)!.address,
    })
    expect((await w.receiveAddress()).index).toBe(10)
    expect(w.addresses().filter((x) => x.chain === 'receive')).toHaveLength(30)
    expect((await w.changeAddress()).index).toBe(0)
    expect(await codeOf(() => w.markUsed({ address: 'dnova1notmine' }))).toBe('UNKNOWN_ADDRESS')
    const reopened = await openWallet({ store, network: 'devnet' })
    expect(reopened.accounts()[0]).toMatchObject({
      nextReceive: 10,
      nextChange: 0,
      scheme: 'ed25519',
    })
    expect(reopened.addresses()).toHaveLength(50)
    expect(reopened.findAddress({ lock: b.lock })?.path).toBe(b.path)
  })

  it('opens locked: public data readable, every secret use throws WALLET_LOCKED; unlock extends deferred windows', async () => {
    const w = await openWallet({ store })
    expect(w.isLocked()).toBe(true)
    const s = spendingTx(w, [await w.receiveAddress()])
    expect(await codeOf(() => w.signTransaction({ tx: s.tx, spent: s.spent }))).toBe(
      'WALLET_LOCKED',
    )
    expect(await codeOf(() => w.exportMnemonic({ password: PASSWORD }))).toBe('WALLET_LOCKED')
    expect(await codeOf(() => w.addAccount())).toBe('WALLET_LOCKED')
    expect(await codeOf(() => w.changePassword({ password: PASSWORD, newPassword: 'x' }))).toBe(
      'WALLET_LOCKED',
    )
    // Marking the last derived receive key used leaves no derived key to hand out while locked.
    const last = w
      .addresses()
      .filter((x) => x.chain === 'receive')
      .at(-1)!
    await w.markUsed({ address: last.address })
    expect(await codeOf(() => w.receiveAddress())).toBe('WALLET_LOCKED')
    expect(await codeOf(() => w.unlock({ password: 'wrong password' }))).toBe('WRONG_PASSWORD')
    expect(w.isLocked()).toBe(true)
    await w.unlock({ password: PASSWORD })
    expect((await w.receiveAddress()).index).toBe(last.index + 1)
    expect(w.addresses().filter((x) => x.chain === 'receive')).toHaveLength(last.index + 1 + 20)
    await assertVerifies({ ...s, tx: w.signTransaction({ tx: s.tx, spent: s.spent }) })
    w.lock()
    expect(await codeOf(() => w.signTransaction({ tx: s.tx, spent: s.spent }))).toBe(
      'WALLET_LOCKED',
    )
  })

  it('auto-locks after the idle time; secret use restarts the countdown', async () => {
    const w = created.wallet
    expect(w.isLocked()).toBe(false)
    const s = spendingTx(w, [await w.receiveAddress()])
    const before = [...timer.pending.keys()]
    w.signTransaction({ tx: s.tx, spent: s.spent })
    const after = [...timer.pending.keys()]
    expect(after).toHaveLength(1)
    expect(after[0]).not.toBe(before[0])
    expect(timer.pending.get(after[0] as number)?.ms).toBe(60_000)
    timer.fireAll()
    expect(w.isLocked()).toBe(true)
    expect(await codeOf(() => w.signTransaction({ tx: s.tx, spent: s.spent }))).toBe(
      'WALLET_LOCKED',
    )
  })

  it('exports the mnemonic only when unlocked and with the password again', async () => {
    const w = imported.wallet
    expect(await w.exportMnemonic({ password: PASSWORD })).toBe(IMPORTED)
    expect(await codeOf(() => w.exportMnemonic({ password: 'nope' }))).toBe('WRONG_PASSWORD')
  })

  it('accounts: add (any scheme), rename, labels persisted', async () => {
    const w = imported.wallet
    const acc = await w.addAccount({ label: 'Savings', scheme: 'ed25519' })
    expect(acc).toMatchObject({ index: 1, label: 'Savings', scheme: 'ed25519' })
    await w.renameAccount({ account: 0, label: 'Daily' })
    const a1 = await w.receiveAddress({ account: 1 })
    expect(a1.path).toBe("m/44'/1'/1'/0'/0'")
    const reopened = await openWallet({ store: importStore })
    expect(reopened.accounts().map((a) => a.label)).toEqual(['Daily', 'Savings'])
    expect(reopened.findAddress({ address: a1.address })?.account).toBe(1)
    expect(await codeOf(() => w.receiveAddress({ account: 5 }))).toBe('UNKNOWN_ACCOUNT')
  })

  it('changes the password: re-encrypted, the old one no longer opens', async () => {
    const w = imported.wallet
    await w.changePassword({ password: PASSWORD, newPassword: 'new password 2' })
    w.lock()
    expect(await codeOf(() => w.unlock({ password: PASSWORD }))).toBe('WRONG_PASSWORD')
    // While locked, use up the derived receive keys of both accounts: unlock extends both.
    const lastOf = (account: number) =>
      w
        .addresses({ account })
        .filter((a) => a.chain === 'receive')
        .at(-1)!
    const last = [lastOf(0), lastOf(1)]
    for (const a of last) await w.markUsed({ address: a.address })
    await w.unlock({ password: 'new password 2' })
    expect(w.isLocked()).toBe(false)
    // The watch list grew on unlock, before anything asked for an address.
    expect(lastOf(0).index).toBe(last[0]!.index + 5)
    expect(lastOf(1).index).toBe(last[1]!.index + 5)
    for (const [account, a] of last.entries())
      expect((await w.receiveAddress({ account })).index).toBe(a.index + 1)
  })

  it('store problems are typed', async () => {
    expect(await codeOf(() => openWallet({ store: new MemoryWalletStore() }))).toBe(
      'WALLET_NOT_FOUND',
    )
    expect(await codeOf(() => openWallet({ store, network: 'testnet' }))).toBe('WRONG_NETWORK')
    const broken = new MemoryWalletStore()
    await broken.put(WALLET_STORE_KEYS.record, utf8('{"version":1}'))
    expect(await codeOf(() => openWallet({ store: broken }))).toBe('CORRUPT_WALLET')
    const noKeystore = new MemoryWalletStore()
    await noKeystore.put(WALLET_STORE_KEYS.record, (await store.get(WALLET_STORE_KEYS.record))!)
    expect(await codeOf(() => openWallet({ store: noKeystore }))).toBe('CORRUPT_WALLET')
  })

  it('a keystore from another wallet does not unlock this record', async () => {
    const mixed = new MemoryWalletStore()
    await mixed.put(WALLET_STORE_KEYS.record, (await store.get(WALLET_STORE_KEYS.record))!)
    await mixed.put(
      WALLET_STORE_KEYS.keystore,
      (await importStore.get(WALLET_STORE_KEYS.keystore))!,
    )
    const w = await openWallet({ store: mixed })
    expect(await codeOf(() => w.unlock({ password: 'new password 2' }))).toBe('CORRUPT_WALLET')
    expect(w.isLocked()).toBe(true)
  })

  it('the scanner finds planted secrets in every encoding it claims to check', async () => {
    const seed = await mnemonicToSeed({ mnemonic: IMPORTED })
    const key = new Uint8Array(32).fill(0xab)
    const planted = new MemoryWalletStore()
    await planted.put('raw', Uint8Array.of(1, ...seed, 2))
    await planted.put('hex', utf8(`{"k":"${toHex(key).toUpperCase()}"}`))
    const b64 = btoa(String.fromCharCode(...seed)).replace(/=+$/, '')
    await planted.put('b64', utf8(b64))
    await planted.put('b64url', utf8(b64.replaceAll('+', '-').replaceAll('/', '_')))
    await planted.put('words', utf8(`note: ${IMPORTED.split(' ').slice(4, 7).join(' ')}`))
    const found = await scanForSecrets(planted, {
      mnemonic: IMPORTED,
      passphrase: '',
      passwords: [],
      seed,
      privateKeys: [key],
    })
    expect(found).toEqual(
      expect.arrayContaining([
        'seed as raw bytes in raw',
        'private key 0 as hex in hex',
        'words 5-7 as text in words',
      ]),
    )
    expect(found).toContain('seed as base64 in b64')
    expect(found).toContain('seed as base64 in b64url')
  })

  it('nothing stored holds the mnemonic, entropy, seed, passphrase, password or any private key', async () => {
    for (const [mnemonic, passphrase, s] of [
      [created.mnemonic!, '', store],
      [IMPORTED, PASSPHRASE, importStore],
    ] as const) {
      const wallet = await openWallet({ store: s })
      const seed = await mnemonicToSeed({ mnemonic, passphrase })
      const privateKeys = wallet.addresses().map((a) => {
        const scheme = wallet.accounts()[a.account]!.scheme
        return deriveSigningKey({ seed, scheme, path: parseHdPath(a.path) }).secretKey
      })
      expect(privateKeys.length).toBeGreaterThanOrEqual(20)
      const found = await scanForSecrets(s, {
        mnemonic,
        passphrase,
        passwords: [PASSWORD, 'new password 2'],
        seed,
        privateKeys,
      })
      expect(found).toEqual([])
    }
  })
})
