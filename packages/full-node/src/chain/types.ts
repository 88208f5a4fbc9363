import type {
  Block,
  BlockConnection,
  ChainParams,
  DecodedBlock,
  Header,
  Lock,
  MerkleProof,
  OutPoint,
  SmtProof,
  Transaction,
  TransactionIds,
  UtxoEntry,
  ValidationError,
} from '@supernova/protocol'

/** A block handed to the chain: decoded, or as `decodeBlockWithIds` returns it (bytes and ids too). */
export type IncomingBlock = Block | DecodedBlock

/** The parts of an incoming block: what was decoded, and the bytes and ids when they came along. */
export function incomingParts(x: IncomingBlock): {
  block: Block
  bytes?: Uint8Array
  ids?: readonly TransactionIds[]
} {
  return 'header' in x ? { block: x } : x
}

/** A header the node knows, on the main chain or not. */
export type HeaderEntry = {
  header: Header
  hash: Uint8Array
  height: number
  /** Σ work from genesis to this header. */
  cumulativeWork: bigint
  /** Whether the block body is stored. */
  hasBlock: boolean
  /** Whether this block is on the current main chain. */
  inMainChain: boolean
}

export type ChainTip = HeaderEntry & { medianTimePast: number }

/** Where a confirmed transaction sits. */
export type TxLocation = { blockHash: Uint8Array; height: number; index: number }

export type AddressHistoryEntry = {
  txid: Uint8Array
  height: number
  blockHash: Uint8Array
  /** Position of the transaction in its block. */
  index: number
  /** Units the lock received in this transaction. */
  received: bigint
  /** Units the lock spent in this transaction. */
  sent: bigint
}

export type Utxo = { outpoint: OutPoint; entry: UtxoEntry }

/** What happened to a block handed to `processBlock`. */
export type ProcessBlockResult =
  | { status: 'connected'; hash: Uint8Array; height: number }
  /** It became the tip through a reorganisation of `depth` blocks. */
  | { status: 'reorg'; hash: Uint8Array; height: number; depth: number }
  /** Valid header, stored on a side branch with less work. */
  | { status: 'side'; hash: Uint8Array; height: number }
  /**
   * Valid header on a side branch the node will not keep: its fork point is deeper than
   * `maxReorgDepth`, or its parent already has the most side children allowed. Not stored, not
   * relayed, not the sender's fault.
   */
  | { status: 'refused'; hash: Uint8Array; height: number; reason: string }
  /** Parent unknown: held in the bounded orphan pool. */
  | { status: 'orphan'; hash: Uint8Array }
  | { status: 'duplicate'; hash: Uint8Array }
  | { status: 'invalid'; hash: Uint8Array; error: ValidationError }

export type ChainEvents = {
  /** A block joined the main chain (in order; during a reorg after the disconnects). */
  connect: {
    block: Block
    hash: Uint8Array
    height: number
    connection: BlockConnection
    validationMs: number
  }
  /** A block left the main chain (tip first). `transactions` are its non-coinbase txs, for the mempool. */
  disconnect: { block: Block; hash: Uint8Array; height: number }
  /** The tip changed (after all connects/disconnects of one operation). */
  tip: { tip: ChainTip; reorgDepth: number }
}

/**
 * The chain as other components use it: queries for network protocols, the API and the mempool,
 * and the entry points for new blocks. Main-chain data has been fully validated; side-branch
 * headers passed header checks and their bodies match their txRoot, nothing more until connected.
 */
export type ChainView = {
  readonly params: ChainParams
  readonly genesisHash: Uint8Array
  tip(): ChainTip
  getHeaderByHash(hash: Uint8Array): Promise<HeaderEntry | undefined>
  /** The main-chain header at `height`. */
  getHeaderByHeight(height: number): Promise<HeaderEntry | undefined>
  /** Up to `count` consecutive main-chain headers from `fromHeight`. */
  getHeaders(fromHeight: number, count: number): Promise<Header[]>
  getBlock(hash: Uint8Array): Promise<Block | undefined>
  getBlockBytes(hash: Uint8Array): Promise<Uint8Array | undefined>
  getBlockFilter(hash: Uint8Array): Promise<Uint8Array | undefined>
  getTransaction(txid: Uint8Array): Promise<{ tx: Transaction; location: TxLocation } | undefined>
  /** A confirmed transaction with its Merkle proof against its block's txRoot (leaf = wtxid). */
  getTransactionProof(
    txid: Uint8Array,
  ): Promise<
    { tx: Transaction; location: TxLocation; header: Header; proof: MerkleProof } | undefined
  >
  getUtxo(outpoint: OutPoint): Promise<UtxoEntry | undefined>
  getUtxosByLock(lock: Lock, limit?: number): Promise<Utxo[]>
  /**
   * The UTXOs of a lock at the tip, each with a membership proof against the tip's utxoRoot
   * (key = utxoKey(outpoint), value = utxoValueHash(entry)).
   */
  getUtxoProofs(
    lock: Lock,
    limit?: number,
  ): Promise<{ tipHash: Uint8Array; utxos: (Utxo & { proof: SmtProof })[] }>
  /** Membership or non-membership proof of one outpoint against the tip's utxoRoot. */
  getOutpointProof(
    outpoint: OutPoint,
  ): Promise<{ tipHash: Uint8Array; entry: UtxoEntry | undefined; proof: SmtProof }>
  /** Newest first. `before` = a height to page below. */
  getAddressHistory(
    lock: Lock,
    opts?: { limit?: number; beforeHeight?: number },
  ): Promise<AddressHistoryEntry[]>
  /** The spending transaction of an outpoint on the main chain, if spent. */
  getSpender(outpoint: OutPoint): Promise<{ txid: Uint8Array; input: number } | undefined>
  /**
   * A block template on the tip (nonce 0, every commitment filled in) paying `rewardLock`, with as
   * many of `transactions` (taken in order; parents before children) as are valid and fit the
   * block limits. What the miner grinds.
   */
  createBlockTemplate(p: {
    rewardLock: Lock
    transactions: readonly Transaction[]
    now: number
    extraData?: Uint8Array
  }): Promise<{ block: Block; fees: bigint; included: Transaction[] }>
  /**
   * Validate and store a block; connect it (reorganising if it has the most work). A block that
   * came as bytes is best handed over as `decodeBlockWithIds` returns it: its bytes are stored
   * and its transaction ids used as they are, not computed again.
   */
  processBlock(block: IncomingBlock): Promise<ProcessBlockResult>
  /**
   * `processBlock` for consecutive blocks, in order, with the same results — pipelined, so sync
   * and bulk import validate blocks while earlier ones' signatures verify, and commit a few
   * verified blocks per store batch. One difference: an orphan waiting for a block of the run is
   * taken up after the run, so where it ties with the run's own block, the run's block wins.
   */
  processBlocks(blocks: readonly IncomingBlock[]): Promise<ProcessBlockResult[]>
  on<K extends keyof ChainEvents>(event: K, listener: (e: ChainEvents[K]) => void): () => void
}
