'use client'
import { Card, HashText, Notice } from '@supernova/ui'

/**
 * A transaction that is not in a verified block: shown once the light client has checked it
 * against the verified tip (inputs proven unspent, signatures verified), or an honest not-found.
 */
export function PendingTransaction({ txid }: { txid: string }) {
  return (
    <Card title="Pending transaction" description="Not in any block your browser has verified.">
      <HashText value={txid} label="transaction id" />
      <Notice title="Not checked yet" className="mt-4">
        This transaction is not in a verified block. Checking it in the mempool is being added.
      </Notice>
    </Card>
  )
}
