/**
 * Deterministic benchmark chains, built once and cached under the OS temp dir: blocks of signed
 * one-input transfers between devnet-style keys. Generation signs with node:crypto and assembles
 * blocks with the protocol's own `assembleBlock` (no re-verification), so it is fast enough to
 * produce ≥ 200,000 transactions.
 */
import { createPrivateKey, sign as nodeSign } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  applyUtxoDiff,
  assembleBlock,
  type Block,
  computeSighash,
  computeTransactionIds,
  computeTxid,
  connectTransactions,
  createGenesis,
  createSighashContext,
  DEVNET,
  devnetAccount,
  encodeBlock,
  genesisHashBytes,
  hashHeader,
  initHashing,
  medianTimePast,
  mineHeader,
  type OutPoint,
  outpointKey,
  SEQUENCE_FINAL,
  type SparseMerkleTree,
  signTransaction,
  type Transaction,
  TX_VERSION,
  toHex,
  type UtxoEntry,
} from '../../packages/protocol/src/index.ts'

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

function nodeSigner(secret: Uint8Array) {
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, secret]),
    format: 'der',
    type: 'pkcs8',
  })
  return (message: Uint8Array) => new Uint8Array(nodeSign(null, message, key))
}

export type BenchChain = { blocks: Uint8Array[]; txCount: number }

/**
 * The sighash of a fixed transaction on devnet: it changes whenever what signatures sign or the
 * devnet genesis changes, so a chain cached under an older protocol is never read back.
 */
function consensusFingerprint(): string {
  const lock = devnetAccount(0).lock
  const tx: Transaction = {
    version: TX_VERSION,
    kind: 'transfer',
    inputs: [{ prevout: { txid: new Uint8Array(32), vout: 0 }, sequence: SEQUENCE_FINAL }],
    outputs: [{ amount: 1n, lock }],
    locktime: 0,
    payload: new Uint8Array(0),
    witnesses: [],
  }
  const ctx = createSighashContext({
    tx,
    spent: [{ amount: 2n, lock }],
    genesisHash: genesisHashBytes(DEVNET),
  })
  return toHex(computeSighash(ctx, 0)).slice(0, 12)
}

/** `blocks` blocks after the split, each with `txsPerBlock` transfers; cached by shape. */
export async function benchChain(blocks: number, txsPerBlock: number): Promise<BenchChain> {
  const dir = join(tmpdir(), 'supernova-bench')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `chain-${consensusFingerprint()}-${blocks}x${txsPerBlock}.bin`)
  if (existsSync(file)) return decodeFile(readFileSync(file))
  await initHashing()
  const params = DEVNET
  const owner = devnetAccount(0)
  const signer = nodeSigner(owner.secretKey)
  const genesisHash = genesisHashBytes(params)
  const g = createGenesis(params)
  const utxos = new Map<string, { outpoint: OutPoint; entry: UtxoEntry }>(
    g.created.map((c) => [outpointKey(c.outpoint), c]),
  )
  let tree: SparseMerkleTree = g.utxoTree
  const headers = [{ header: g.block.header, hash: g.hash }]
  const out: Uint8Array[] = []
  const lookup = { get: (o: OutPoint) => utxos.get(outpointKey(o))?.entry }
  const addBlock = (txs: Transaction[]) => {
    const parent = headers[headers.length - 1]!
    const recent = headers.slice(-11).map((h) => h.header.timestamp)
    const { block } = assembleBlock({
      params,
      parent,
      recentTimestamps: recent,
      timestamp: Math.max(parent.header.timestamp + 1000, medianTimePast(recent) + 1),
      transactions: txs,
      rewardLock: devnetAccount(9).lock,
      utxos: lookup,
      utxoTree: tree,
    })
    const mined = mineHeader({ header: block.header, maxAttempts: 1_000_000 })!
    const b: Block = { header: mined.header, transactions: block.transactions }
    const ids = b.transactions.map(computeTransactionIds)
    const diff = connectTransactions({
      transactions: b.transactions,
      txids: ids.map((i) => i.txid),
      height: b.header.height,
      medianTimePast: medianTimePast(recent),
      params,
      genesisHash,
      utxos: lookup,
    })
    tree = applyUtxoDiff(tree, diff)
    for (const s of diff.spent) utxos.delete(outpointKey(s.outpoint))
    for (const c of diff.created) utxos.set(outpointKey(c.outpoint), c)
    headers.push({ header: b.header, hash: hashHeader(b.header) })
    out.push(encodeBlock(b))
  }
  const transfer = (
    coin: { outpoint: OutPoint; entry: UtxoEntry },
    outputs: number,
  ): Transaction => {
    const fee = 1_000n
    const each = (coin.entry.amount - fee) / BigInt(outputs)
    return signTransaction({
      tx: {
        version: TX_VERSION,
        kind: 'transfer',
        inputs: [{ prevout: coin.outpoint, sequence: SEQUENCE_FINAL }],
        outputs: Array.from({ length: outputs }, () => ({ amount: each, lock: owner.lock })),
        locktime: 0,
        payload: new Uint8Array(0),
      },
      spent: [{ amount: coin.entry.amount, lock: coin.entry.lock, policy: owner.policy }],
      genesisHash,
      sign: (_k, m) => signer(m),
    })
  }
  // Mature the genesis coin, then split it into one coin per transfer of the first block,
  // and keep every transfer paying one output forward (a chain of coins per lane).
  for (let i = 0; i < params.coinbaseMaturity; i++) addBlock([])
  const genesisCoin = [...utxos.values()].find((u) =>
    u.entry.lock.policyHash.every((b, i) => b === owner.lock.policyHash[i]),
  )!
  const split = transfer(genesisCoin, txsPerBlock)
  addBlock([split])
  const splitId = computeTxid(split)
  let lanes = Array.from({ length: txsPerBlock }, (_, vout) => ({ txid: splitId, vout }))
  for (let b = 0; b < blocks; b++) {
    const txs = lanes.map((o) => transfer(utxos.get(outpointKey(o))!, 1))
    addBlock(txs)
    lanes = txs.map((t) => ({ txid: computeTxid(t), vout: 0 }))
  }
  const chain = { blocks: out, txCount: blocks * txsPerBlock }
  writeFileSync(file, encodeFile(chain))
  return chain
}

function encodeFile(c: BenchChain): Buffer {
  const parts: Buffer[] = []
  for (const b of c.blocks) {
    const len = Buffer.alloc(4)
    len.writeUInt32LE(b.length)
    parts.push(len, Buffer.from(b))
  }
  const head = Buffer.alloc(4)
  head.writeUInt32LE(c.txCount)
  return Buffer.concat([head, ...parts])
}

function decodeFile(buf: Buffer): BenchChain {
  const txCount = buf.readUInt32LE(0)
  const blocks: Uint8Array[] = []
  for (let off = 4; off < buf.length; ) {
    const len = buf.readUInt32LE(off)
    blocks.push(new Uint8Array(buf.subarray(off + 4, off + 4 + len)))
    off += 4 + len
  }
  return { blocks, txCount }
}
