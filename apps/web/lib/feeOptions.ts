import type { FeeEstimate, FeeSpeed } from '@supernova/light-client'
import { getChainParams, type Network } from '@supernova/protocol'

/** A fee the send form offers: one of the estimate's choices, or the relay floor without one. */
export type FeeOption = {
  id: FeeSpeed | 'floor'
  label: string
  feeRate: bigint
  /** Expected wait (target blocks × block interval), when the choice has one. */
  expectedWaitMs?: number
  targetBlocks?: number
}

const LABELS: Record<FeeSpeed, string> = { fast: 'Fast', normal: 'Normal', slow: 'Slow' }

/** The options to show: the estimate's three, or only the relay floor when there is none. */
export function feeOptions(
  network: Network,
  fees: Pick<FeeEstimate, FeeSpeed> | undefined,
): FeeOption[] {
  if (fees === undefined)
    return [
      {
        id: 'floor',
        label: 'Network minimum',
        feeRate: getChainParams(network).mempool.minFeeRate,
      },
    ]
  return (['fast', 'normal', 'slow'] as const).map((speed) => ({
    id: speed,
    label: LABELS[speed],
    feeRate: fees[speed].feeRate,
    expectedWaitMs: fees[speed].expectedWaitMs,
    targetBlocks: fees[speed].targetBlocks,
  }))
}

/** The option with `id`; else the normal one; else the first (the floor while there is no advice). */
export function selectFee(options: readonly FeeOption[], id: FeeOption['id']): FeeOption {
  const found = options.find((o) => o.id === id) ?? options.find((o) => o.id === 'normal')
  const chosen = found ?? options[0]
  if (chosen === undefined) throw new RangeError('no fee option to choose from')
  return chosen
}

/** A node's libp2p peer id, shortened for a sentence: its first 6 and last 4 characters. */
export function shortPeerId(id: string): string {
  return id.length <= 12 ? id : `${id.slice(0, 6)}…${id.slice(-4)}`
}

/** The sentence under the fee choices: whose advice it is, that no proof backs it, the clamp. */
export function describeFeeAdvice(
  fees: Pick<FeeEstimate, 'verification' | 'minFeeRate' | 'maxFeeRate'>,
): string {
  const peers = fees.verification.peers
  const named = peers.map(shortPeerId).join(', ')
  const who = `${peers.length} node${peers.length === 1 ? '' : 's'}${named ? ` (${named})` : ''}`
  return `Advice from ${who}: an estimate of their mempools, which no proof can check. Clamped between ${fees.minFeeRate} and ${fees.maxFeeRate} units/byte.`
}
