/** The `verification` every light-client answer carries. */
export type Verification = {
  status: 'verified' | 'final' | 'unverified'
  header: { hash: Uint8Array; height: number }
  depth: number
}

/**
 * The verification with its depth measured against the current verified tip: an answer cached by
 * hash (a block) keeps the depth it had when it was fetched, which grows with every new block.
 * A tip below the header (a reorganisation in flight) leaves the depth as it was.
 */
export function atTip<V extends Verification>(v: V, tipHeight: number | undefined): V {
  if (tipHeight === undefined || tipHeight < v.header.height) return v
  return { ...v, depth: tipHeight - v.header.height }
}

/** Confirmations of something in the block at `height`: 1 in the tip, one more per block above. */
export function confirmations(height: number, tipHeight: number): number {
  return Math.max(0, tipHeight - height + 1)
}
