import type { UnverifiedClaim } from '@supernova/light-client'
import { Notice, VerificationBadge } from '@supernova/ui'
import { shortPeerId } from '../../lib/mempool'

/**
 * The mark on every mempool figure: unverified, reported by the named node, and why the browser
 * cannot check it.
 */
export function NodeClaim({ claim }: { claim: UnverifiedClaim }) {
  return (
    <Notice
      tone="warning"
      title={
        <span className="inline-flex flex-wrap items-center gap-2">
          <VerificationBadge status="unverified" />
          <span>
            Unverified — reported by node{' '}
            <span className="font-mono" title={claim.peer}>
              {shortPeerId(claim.peer)}
            </span>
          </span>
        </span>
      }
    >
      {claim.reason} A transaction on this page is checked only when you open it: its inputs are
      then proven unspent and its signatures verified in your browser.
    </Notice>
  )
}

/** A short badge for a card's corner: "Unverified · node 12D3KooW…x7Yz". */
export function ClaimBadge({ claim }: { claim: UnverifiedClaim }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      <VerificationBadge status="unverified" />
      <span>
        node <span className="font-mono">{shortPeerId(claim.peer)}</span>
      </span>
    </span>
  )
}
