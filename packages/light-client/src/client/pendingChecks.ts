import {
  type ChainParams,
  equalBytes,
  genesisHashBytes,
  medianTimePast,
  type OutPoint,
  type OutpointMessage,
  outpointKey,
  type SignatureSchemes,
  STATE_INDEPENDENT_TX_CODES,
  type Transaction,
  toHex,
  type UtxoEntry,
  ValidationError,
  verifySignatures,
  verifyTransactionInputs,
  verifyTransactionStructure,
} from '@supernova/protocol'
import { askPeers, requestOptions, type VerifyContext } from '../verify/askPeers.js'
import { LightClientError, VerificationError } from '../verify/errors.js'
import { isValidOutpointAnswer } from '../verify/getOutpoint.js'
import { requireOnChain } from '../verify/onChain.js'
import type { ChainHeader } from '../verify/types.js'

/** A pool transaction a node served, its txid checked. */
export type FetchedPending = {
  tx: Transaction
  txid: Uint8Array
  wtxid: Uint8Array
  bytes: Uint8Array
  firstSeen: number
  /** The node that served it. */
  peer: string
}

/** An input of a pending transaction with the output it spends. */
export type PendingInput = {
  outpoint: OutPoint
  /**
   * The spent output: its amount and lock, with the height and coinbase flag the UTXO set has
   * (an output of a pending parent: the next block's height, not a coinbase).
   */
  entry: UtxoEntry
  /**
   * `utxo`: proven unspent at the verification header (sparse-Merkle membership proof against its
   * utxoRoot); `pending`: an output of a pending parent, verified with it.
   */
  source: 'utxo' | 'pending'
}

/** Outpoints proven at one header of the verified chain: each entry, or undefined (spent). */
export type ProvenOutpoints = { at: ChainHeader; entries: Map<string, UtxoEntry | undefined> }

/** Outpoint requests in flight at once to one node (its burst allows 40). */
const PROOF_CONCURRENCY = 4

/** The typed end of a pending check: the transaction cannot go in the next block. */
export function invalidAtTip(
  reason: string,
  message: string,
  details: Record<string, unknown> = {},
): LightClientError {
  return new LightClientError({
    code: 'INVALID_AT_TIP',
    message: `getPendingTransaction: ${message}`,
    details: { reason, ...details },
  })
}

/**
 * Why a checked transaction fails: a rule its witnesses or its own fields break is the serving
 * node's lie (no honest pool holds it: TX_INVALID, evidence); a rule of chain state is the end
 * of the question (INVALID_AT_TIP). Anything else is rethrown as is.
 */
export function failureOf(e: unknown, t: FetchedPending): unknown {
  if (!(e instanceof ValidationError)) return e
  if ((STATE_INDEPENDENT_TX_CODES as ReadonlySet<string>).has(e.code))
    return new VerificationError({
      code: 'TX_INVALID',
      message: `the pool transaction ${toHex(t.txid)} breaks ${e.code}: ${e.message}`,
      peer: t.peer,
      request: { protocol: 'mempool-tx', txid: t.txid },
      answer: { bytes: t.bytes, firstSeen: t.firstSeen },
      cause: e,
    })
  return invalidAtTip(e.code, e.message, { txid: toHex(t.txid) })
}

/** @throws what `failureOf` makes of a context-free rule the transaction breaks. */
export function checkStructure(t: FetchedPending, params: ChainParams): void {
  try {
    verifyTransactionStructure({ tx: t.tx, size: t.bytes.length, params })
  } catch (e) {
    throw failureOf(e, t)
  }
}

/**
 * Every outpoint proven (present with its entry, or absent) at ONE header: the verified tip when
 * the node answered. A node whose proofs are below our tip, or at several tips, is passed over.
 * @throws {LightClientError} NO_PEER, ALL_PEERS_FAILED, ABORTED
 */
export async function proveOutpoints(
  ctx: VerifyContext,
  outpoints: readonly OutPoint[],
  signal: AbortSignal | undefined,
): Promise<ProvenOutpoints> {
  return askPeers({
    ctx,
    what: 'getPendingTransaction',
    signal,
    minHeight: ctx.chain.tip().height,
    attempt: async (peer) => {
      const answers: OutpointMessage[] = []
      for (let i = 0; i < outpoints.length; i += PROOF_CONCURRENCY) {
        const batch = outpoints.slice(i, i + PROOF_CONCURRENCY)
        const opts = requestOptions(ctx, peer, signal)
        answers.push(
          ...(await Promise.all(
            batch.map((o) => ctx.network.getOutpoint({ outpoint: o, ...opts })),
          )),
        )
      }
      const first = answers[0]!
      const request = { protocol: 'outpoint' as const, outpoints }
      const changed = (message: string) =>
        new VerificationError({ code: 'CHAIN_CHANGED', message, peer, request, answer: answers })
      if (answers.some((a) => !equalBytes(a.tipHash, first.tipHash)))
        throw changed('the node’s tip moved between its answers')
      const at = await requireOnChain({ ctx, peer, request, answer: first, hash: first.tipHash })
      if (at.height < ctx.chain.tip().height)
        throw changed(`proofs at ${at.height}, below the verified tip ${ctx.chain.tip().height}`)
      const entries = new Map<string, UtxoEntry | undefined>()
      for (const [i, o] of outpoints.entries()) {
        const a = answers[i]!
        if (!isValidOutpointAnswer(o, a, at.header.utxoRoot))
          throw new VerificationError({
            code: 'SMT_PROOF_INVALID',
            message: 'an outpoint proof does not lead to the header’s utxoRoot',
            peer,
            request: { protocol: 'outpoint', outpoint: o },
            answer: a,
          })
        entries.set(outpointKey(o), a.entry)
      }
      return { at, entries }
    },
  })
}

export type CheckedPending = { fee: bigint; inputs: PendingInput[] }

export type ValidatePendingParameters = {
  ctx: VerifyContext
  /** Parents before children; the last is the transaction asked about. */
  ordered: readonly FetchedPending[]
  proven: ProvenOutpoints
  schemes: SignatureSchemes
}

/**
 * Validates the pending transactions as the next block on `proven.at` would: each input spends
 * a proven unspent output or an output of a parent checked before it (never one spent twice),
 * and the protocol's input rules, spend policies and signatures hold.
 * @throws {LightClientError} INVALID_AT_TIP; {VerificationError} TX_INVALID (the node's lie).
 */
export async function validatePending(
  p: ValidatePendingParameters,
): Promise<Map<string, CheckedPending>> {
  const { ctx, proven } = p
  const params = ctx.chain.params
  const height = proven.at.height + 1
  const mtp = await medianTimePastAt(ctx, proven.at, params.medianTimeSpan)
  const genesisHash = genesisHashBytes(params)
  const created = new Map<string, UtxoEntry>()
  const spent = new Set<string>()
  const out = new Map<string, CheckedPending>()
  for (const t of p.ordered) {
    const inputs = t.tx.inputs.map((input, i) => {
      const key = outpointKey(input.prevout)
      const where = { txid: toHex(t.txid), input: i, outpoint: outpointText(input.prevout) }
      if (spent.has(key))
        throw invalidAtTip('CONFLICT', 'two pending transactions spend one output', where)
      spent.add(key)
      if (proven.entries.has(key)) {
        const entry = proven.entries.get(key)
        if (entry === undefined)
          throw invalidAtTip(
            'INPUT_SPENT',
            `input ${i} is spent at block ${proven.at.height}`,
            where,
          )
        return { outpoint: input.prevout, entry, source: 'utxo' as const }
      }
      const entry = created.get(key)
      if (entry === undefined)
        throw invalidAtTip(
          'TX_MISSING_INPUT',
          `input ${i} spends an output its parent lacks`,
          where,
        )
      return { outpoint: input.prevout, entry, source: 'pending' as const }
    })
    const byKey = new Map(inputs.map((x) => [outpointKey(x.outpoint), x.entry]))
    try {
      const r = verifyTransactionInputs({
        tx: t.tx,
        utxos: { get: (o) => byKey.get(outpointKey(o)) },
        height,
        medianTimePast: mtp,
        params,
        genesisHash,
        txid: t.txid,
      })
      await verifySignatures(p.schemes, r.signatures)
      out.set(toHex(t.txid), { fee: r.fee, inputs })
    } catch (e) {
      throw failureOf(e, t)
    }
    for (const [vout, o] of t.tx.outputs.entries())
      created.set(outpointKey({ txid: t.txid, vout }), {
        amount: o.amount,
        lock: o.lock,
        height,
        coinbase: false,
      })
  }
  return out
}

/** The median time past of `at` (what the next block's locks are checked against). */
async function medianTimePastAt(ctx: VerifyContext, at: ChainHeader, span: number) {
  const from = Math.max(0, at.height - span + 1)
  const headers = await ctx.chain.headersInRange(from, at.height - from + 1)
  return medianTimePast(
    headers.map((h) => h.header.timestamp),
    span,
  )
}

const outpointText = (o: OutPoint) => `${toHex(o.txid)}:${o.vout}`
