import { HDKey } from '@scure/bip32'
import {
  createEd25519Noble,
  createSecp256k1Schnorr,
  decodeAddress,
  devnetAccount,
  encodeAddress,
  fromHex,
  lockForPolicy,
  toHex,
} from '@supernova/protocol'
import { describe, expect, it } from 'vitest'
import {
  coinTypeFor,
  deriveHdNode,
  deriveSigningKey,
  deriveWalletPublicKeys,
  formatHdPath,
  type HdNode,
  parseHdPath,
  SUPERNOVA_COIN_TYPE,
  walletPath,
} from '../../src/wallet/hdKeys.js'
import { keyDestination } from '../../src/wallet/walletKeys.js'
import vectors from './bip39-vectors.json' with { type: 'json' }

// SLIP-0010 test vectors for ed25519 (satoshilabs/slips slip-0010.md): path, fingerprint of the
// parent, chain code, private key, public key.
type Slip10Row = [string, string, string, string, string]
const SLIP10_ED25519: { seed: string; rows: Slip10Row[] }[] = [
  {
    seed: '000102030405060708090a0b0c0d0e0f',
    rows: [
      [
        'm',
        '00000000',
        '90046a93de5380a72b5e45010748567d5ea02bbf6522f979e05c0d8d8ca9fffb',
        '2b4be7f19ee27bbf30c667b642d5f4aa69fd169872f8fc3059c08ebae2eb19e7',
        '00a4b2856bfec510abab89753fac1ac0e1112364e7d250545963f135f2a33188ed',
      ],
      [
        "m/0'",
        'ddebc675',
        '8b59aa11380b624e81507a27fedda59fea6d0b779a778918a2fd3590e16e9c69',
        '68e0fe46dfb67e368c75379acec591dad19df3cde26e63b93a8e704f1dade7a3',
        '008c8a13df77a28f3445213a0f432fde644acaa215fc72dcdf300d5efaa85d350c',
      ],
      [
        "m/0'/1'",
        '13dab143',
        'a320425f77d1b5c2505a6b1b27382b37368ee640e3557c315416801243552f14',
        'b1d0bad404bf35da785a64ca1ac54b2617211d2777696fbffaf208f746ae84f2',
        '001932a5270f335bed617d5b935c80aedb1a35bd9fc1e31acafd5372c30f5c1187',
      ],
      [
        "m/0'/1'/2'",
        'ebe4cb29',
        '2e69929e00b5ab250f49c3fb1c12f252de4fed2c1db88387094a0f8c4c9ccd6c',
        '92a5b23c0b8a99e37d07df3fb9966917f5d06e02ddbd909c7e184371463e9fc9',
        '00ae98736566d30ed0e9d2f4486a64bc95740d89c7db33f52121f8ea8f76ff0fc1',
      ],
      [
        "m/0'/1'/2'/2'",
        '316ec1c6',
        '8f6d87f93d750e0efccda017d662a1b31a266e4a6f5993b15f5c1f07f74dd5cc',
        '30d1dc7e5fc04c31219ab25a27ae00b50f6fd66622f6e9c913253d6511d1e662',
        '008abae2d66361c879b900d204ad2cc4984fa2aa344dd7ddc46007329ac76c429c',
      ],
      [
        "m/0'/1'/2'/2'/1000000000'",
        'd6322ccd',
        '68789923a0cac2cd5a29172a475fe9e0fb14cd6adb5ad98a3fa70333e7afa230',
        '8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793',
        '003c24da049451555d51a7014a37337aa4e12d41e485abccfa46b47dfb2af54b7a',
      ],
    ],
  },
  {
    seed: 'fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b7875726f6c696663605d5a5754514e4b484542',
    rows: [
      [
        'm',
        '00000000',
        'ef70a74db9c3a5af931b5fe73ed8e1a53464133654fd55e7a66f8570b8e33c3b',
        '171cb88b1b3c1db25add599712e36245d75bc65a1a5c9e18d76f9f2b1eab4012',
        '008fe9693f8fa62a4305a140b9764c5ee01e455963744fe18204b4fb948249308a',
      ],
      [
        "m/0'",
        '31981b50',
        '0b78a3226f915c082bf118f83618a618ab6dec793752624cbeb622acb562862d',
        '1559eb2bbec5790b0c65d8693e4d0875b1747f4970ae8b650486ed7470845635',
        '0086fab68dcb57aa196c77c5f264f215a112c22a912c10d123b0d03c3c28ef1037',
      ],
      [
        "m/0'/2147483647'",
        '1e9411b1',
        '138f0b2551bcafeca6ff2aa88ba8ed0ed8de070841f0c4ef0165df8181eaad7f',
        'ea4f5bfe8694d8bb74b7b59404632fd5968b774ed545e810de9c32a4fb4192f4',
        '005ba3b9ac6e90e83effcd25ac4e58a1365a9e35a3d3ae5eb07b9e4d90bcf7506d',
      ],
      [
        "m/0'/2147483647'/1'",
        'fcadf38c',
        '73bd9fff1cfbde33a1b846c27085f711c0fe2d66fd32e139d3ebc28e5a4a6b90',
        '3757c7577170179c7868353ada796c839135b3d30554bbb74a4b1e4a5a58505c',
        '002e66aa57069c86cc18249aecf5cb5a9cebbfd6fadeab056254763874a9352b45',
      ],
      [
        "m/0'/2147483647'/1'/2147483646'",
        'aca70953',
        '0902fe8a29f9140480a00ef244bd183e8a13288e4412d8389d140aac1794825a',
        '5837736c89570de861ebc173b1086da4f505d4adb387c6a1b1342d5e4ac9ec72',
        '00e33c0f7d81d843c572275f287498e8d408654fdf0d1e065b84e2e6f157aab09b',
      ],
      [
        "m/0'/2147483647'/1'/2147483646'/2'",
        '422c654b',
        '5d70af781f3a37b829f0d060924d5e960bdc02e85423494afc0b1a41bbe196d4',
        '551d333177df541ad876a60ea71f00447931c0a9da16f227c11ea080d7391b8d',
        '0047150c75db263559a70d5778bf36abbab30fb061ad69f69ece61a72b0cfa4fc0',
      ],
    ],
  },
]

// BIP32 test vectors 1–3 (bitcoin/bips bip-0032.mediawiki): path, ext pub, ext prv.
const BIP32: { seed: string; rows: [string, string, string][] }[] = [
  {
    seed: '000102030405060708090a0b0c0d0e0f',
    rows: [
      [
        'm',
        'xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8',
        'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi',
      ],
      [
        "m/0'",
        'xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw',
        'xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7',
      ],
      [
        "m/0'/1",
        'xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ',
        'xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU4pWcQDnRnrVA1xe8fs',
      ],
      [
        "m/0'/1/2'",
        'xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5',
        'xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANTtpgP4mLTj34bhnZX7UiM',
      ],
      [
        "m/0'/1/2'/2",
        'xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV',
        'xprvA2JDeKCSNNZky6uBCviVfJSKyQ1mDYahRjijr5idH2WwLsEd4Hsb2Tyh8RfQMuPh7f7RtyzTtdrbdqqsunu5Mm3wDvUAKRHSC34sJ7in334',
      ],
      [
        "m/0'/1/2'/2/1000000000",
        'xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy',
        'xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76',
      ],
    ],
  },
  {
    seed: 'fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b7875726f6c696663605d5a5754514e4b484542',
    rows: [
      [
        'm',
        'xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB',
        'xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3LqFtT2emdEXVYsCzC2U',
      ],
      [
        'm/0',
        'xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH',
        'xprv9vHkqa6EV4sPZHYqZznhT2NPtPCjKuDKGY38FBWLvgaDx45zo9WQRUT3dKYnjwih2yJD9mkrocEZXo1ex8G81dwSM1fwqWpWkeS3v86pgKt',
      ],
      [
        "m/0/2147483647'",
        'xpub6ASAVgeehLbnwdqV6UKMHVzgqAG8Gr6riv3Fxxpj8ksbH9ebxaEyBLZ85ySDhKiLDBrQSARLq1uNRts8RuJiHjaDMBU4Zn9h8LZNnBC5y4a',
        'xprv9wSp6B7kry3Vj9m1zSnLvN3xH8RdsPP1Mh7fAaR7aRLcQMKTR2vidYEeEg2mUCTAwCd6vnxVrcjfy2kRgVsFawNzmjuHc2YmYRmagcEPdU9',
      ],
      [
        "m/0/2147483647'/1",
        'xpub6DF8uhdarytz3FWdA8TvFSvvAh8dP3283MY7p2V4SeE2wyWmG5mg5EwVvmdMVCQcoNJxGoWaU9DCWh89LojfZ537wTfunKau47EL2dhHKon',
        'xprv9zFnWC6h2cLgpmSA46vutJzBcfJ8yaJGg8cX1e5StJh45BBciYTRXSd25UEPVuesF9yog62tGAQtHjXajPPdbRCHuWS6T8XA2ECKADdw4Ef',
      ],
      [
        "m/0/2147483647'/1/2147483646'",
        'xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL',
        'xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFsTjSyQbLYnMpCqE2VbFWc',
      ],
      [
        "m/0/2147483647'/1/2147483646'/2",
        'xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9rXpVGyy3bdW6EEgAtqt',
        'xprvA2nrNbFZABcdryreWet9Ea4LvTJcGsqrMzxHx98MMrotbir7yrKCEXw7nadnHM8Dq38EGfSh6dqA9QWTyefMLEcBYJUuekgW4BYPJcr9E7j',
      ],
    ],
  },
  {
    seed: '4b381541583be4423346c643850da4b320e46a87ae3d2a4e6da11eba819cd4acba45d239319ac14f863b8d5ab5a0d0c64d2e8a1e7d1457df2e5a3c51c73235be',
    rows: [
      [
        'm',
        'xpub661MyMwAqRbcEZVB4dScxMAdx6d4nFc9nvyvH3v4gJL378CSRZiYmhRoP7mBy6gSPSCYk6SzXPTf3ND1cZAceL7SfJ1Z3GC8vBgp2epUt13',
        'xprv9s21ZrQH143K25QhxbucbDDuQ4naNntJRi4KUfWT7xo4EKsHt2QJDu7KXp1A3u7Bi1j8ph3EGsZ9Xvz9dGuVrtHHs7pXeTzjuxBrCmmhgC6',
      ],
      [
        "m/0'",
        'xpub68NZiKmJWnxxS6aaHmn81bvJeTESw724CRDs6HbuccFQN9Ku14VQrADWgqbhhTHBaohPX4CjNLf9fq9MYo6oDaPPLPxSb7gwQN3ih19Zm4Y',
        'xprv9uPDJpEQgRQfDcW7BkF7eTya6RPxXeJCqCJGHuCJ4GiRVLzkTXBAJMu2qaMWPrS7AANYqdq6vcBcBUdJCVVFceUvJFjaPdGZ2y9WACViL4L',
      ],
    ],
  },
]

/** The fields an extended key string carries, as the reference parser reads them. */
function fieldsOf(node: HdNode | HDKey) {
  return {
    depth: node.depth,
    index: node.index,
    parentFingerprint: node.parentFingerprint,
    chainCode: toHex(node.chainCode!),
    publicKey: toHex(node.publicKey!),
  }
}

describe('SLIP-0010 ed25519 official vectors', () => {
  for (const [v, { seed, rows }] of SLIP10_ED25519.entries()) {
    it.each(rows)(`vector ${v + 1}: %s`, (path, parentFp, chainCode, privateKey, publicKey) => {
      const node = deriveHdNode({ seed: fromHex(seed), scheme: 'ed25519', path: parseHdPath(path) })
      expect(toHex(node.chainCode)).toBe(chainCode)
      expect(toHex(node.privateKey)).toBe(privateKey)
      expect(toHex(node.publicKey)).toBe(publicKey)
      expect(node.parentFingerprint.toString(16).padStart(8, '0')).toBe(parentFp)
    })
  }

  it('refuses non-hardened ed25519 levels', () => {
    expect(() =>
      deriveHdNode({ seed: fromHex(SLIP10_ED25519[0]!.seed), scheme: 'ed25519', path: [0] }),
    ).toThrow(RangeError)
  })
})

describe('BIP32 official vectors 1–3 (secp256k1)', () => {
  for (const [v, { seed, rows }] of BIP32.entries()) {
    it.each(rows)(`vector ${v + 1}: %s`, (path, xpub, xprv) => {
      const node = deriveHdNode({
        seed: fromHex(seed),
        scheme: 'secp256k1',
        path: parseHdPath(path),
      })
      const prv = HDKey.fromExtendedKey(xprv)
      expect(fieldsOf(node)).toEqual(fieldsOf(prv))
      expect(toHex(node.privateKey)).toBe(toHex(prv.privateKey!))
      expect(fieldsOf(node)).toEqual(fieldsOf(HDKey.fromExtendedKey(xpub)))
    })
  }

  it.each(vectors.english as string[][])(
    'BIP39 seed → BIP32 master key (%s)',
    (_e, _m, seed, xprv) => {
      const node = deriveHdNode({ seed: fromHex(seed!), scheme: 'secp256k1', path: [] })
      const prv = HDKey.fromExtendedKey(xprv!)
      expect(toHex(node.privateKey)).toBe(toHex(prv.privateKey!))
      expect(toHex(node.chainCode)).toBe(toHex(prv.chainCode!))
    },
  )
})

describe('paths', () => {
  it('wallet paths: all hardened for ed25519, BIP44 for secp256k1', () => {
    const at = { network: 'mainnet', account: 2, chain: 'change', index: 7 } as const
    expect(formatHdPath(walletPath({ ...at, scheme: 'ed25519' }))).toBe(
      `m/44'/${SUPERNOVA_COIN_TYPE}'/2'/1'/7'`,
    )
    expect(formatHdPath(walletPath({ ...at, scheme: 'secp256k1' }))).toBe(
      `m/44'/${SUPERNOVA_COIN_TYPE}'/2'/1/7`,
    )
    expect(coinTypeFor('testnet')).toBe(1)
    expect(coinTypeFor('devnet')).toBe(1)
  })

  it('parses and formats', () => {
    expect(formatHdPath(parseHdPath("m/44h/0H/1'/2/3"))).toBe("m/44'/0'/1'/2/3")
    for (const bad of ['', 'm/', 'x/1', 'm/1/', "m/2147483648'", 'm/-1', 'm/1.5'])
      expect(() => parseHdPath(bad)).toThrow(RangeError)
    expect(() =>
      walletPath({
        scheme: 'ed25519',
        network: 'devnet',
        account: 2 ** 31,
        chain: 'receive',
        index: 0,
      }),
    ).toThrow(RangeError)
  })
})

describe('keys map to the protocol', () => {
  const seed = fromHex(BIP32[1]!.seed)

  it('derived public keys are the protocol schemes’ public keys, and their signatures verify', async () => {
    for (const scheme of ['ed25519', 'secp256k1'] as const) {
      const impl = scheme === 'ed25519' ? createEd25519Noble() : createSecp256k1Schnorr()
      const path = walletPath({
        scheme,
        network: 'testnet',
        account: 0,
        chain: 'receive',
        index: 5,
      })
      const key = deriveSigningKey({ seed, scheme, path })
      expect(toHex(key.publicKey)).toBe(toHex(impl.getPublicKey(key.secretKey)))
      const message = new Uint8Array(32).fill(9)
      const signature = impl.sign(message, key.secretKey)
      expect(await impl.verify({ publicKey: key.publicKey, message, signature })).toBe(true)
      expect(
        await impl.verify({ publicKey: key.publicKey, message: new Uint8Array(32), signature }),
      ).toBe(false)
      const [batch] = deriveWalletPublicKeys({
        seed,
        scheme,
        network: 'testnet',
        account: 0,
        chain: 'receive',
        from: 5,
        count: 1,
      })
      expect(toHex(batch!)).toBe(toHex(key.publicKey))
    }
  })

  it('a key window equals key-by-key derivation', () => {
    for (const scheme of ['ed25519', 'secp256k1'] as const) {
      const at = { seed, scheme, network: 'mainnet', account: 3, chain: 'change' } as const
      const keys = deriveWalletPublicKeys({ ...at, from: 10, count: 4 })
      keys.forEach((k, i) => {
        const path = walletPath({ ...at, index: 10 + i })
        expect(toHex(k)).toBe(toHex(deriveSigningKey({ seed, scheme, path }).publicKey))
      })
    }
  })

  it('addresses are the ones the protocol (and the node CLI) derive for the key', () => {
    const account = devnetAccount(3)
    const d = keyDestination({ scheme: 'ed25519', publicKey: account.publicKey, network: 'devnet' })
    expect(d.address).toBe(encodeAddress({ network: 'devnet', lock: account.lock }))
    expect(d.address.startsWith('dnova1')).toBe(true)
    expect(decodeAddress({ address: d.address, network: 'devnet' }).lock).toEqual(account.lock)
    const k1 = deriveSigningKey({
      seed,
      scheme: 'secp256k1',
      path: walletPath({
        scheme: 'secp256k1',
        network: 'mainnet',
        account: 0,
        chain: 'receive',
        index: 0,
      }),
    })
    const m = keyDestination({ scheme: 'secp256k1', publicKey: k1.publicKey, network: 'mainnet' })
    expect(m.lock).toEqual(
      lockForPolicy({ type: 'key', key: { scheme: 'secp256k1', publicKey: k1.publicKey } }),
    )
    expect(m.lock.type).toBe('secp256k1')
    expect(decodeAddress({ address: m.address }).network).toBe('mainnet')
  })
})
