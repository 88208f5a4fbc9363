'use client'
import { COIN } from '@supernova/protocol'
import { Card, formatAmount, HashText, Notice, VerificationBadge } from '@supernova/ui'
import { useState } from 'react'
import type { WalletHistoryRow } from '../../lib/walletActivity'
import { BUTTON_PRIMARY } from './Field'

/** What one faucet press asks for. */
const FAUCET_AMOUNT = 100n * COIN

type Result =
  | { kind: 'idle' }
  | { kind: 'asking' }
  | { kind: 'sent'; txid: string }
  | { kind: 'failed'; message: string }

/** Asks the site's `/api/faucet` (which forwards to the devnet node) to pay `address`. */
async function askFaucet(address: string): Promise<Result> {
  let res: Response
  try {
    res = await fetch('/api/faucet', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address, amount: FAUCET_AMOUNT.toString() }),
    })
  } catch {
    return { kind: 'failed', message: 'The site’s server does not answer. Try again in a moment.' }
  }
  const body = (await res.json().catch(() => ({}))) as { txid?: string; message?: string }
  if (res.ok && typeof body.txid === 'string') return { kind: 'sent', txid: body.txid }
  const reason = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`
  return { kind: 'failed', message: `The faucet did not pay: ${reason}.` }
}

/**
 * Devnet only: free test coins to the current receive address. The node's answer (a txid) is a
 * claim; the coins count once the light client finds the transaction in a verified block.
 */
export function FaucetCard({
  address,
  history,
}: {
  address: string | undefined
  history: readonly WalletHistoryRow[]
}) {
  const [result, setResult] = useState<Result>({ kind: 'idle' })
  const arrived = result.kind === 'sent' ? history.find((r) => r.txid === result.txid) : undefined

  const ask = async () => {
    if (!address || result.kind === 'asking') return
    setResult({ kind: 'asking' })
    setResult(await askFaucet(address))
  }

  return (
    <Card
      title="Devnet faucet"
      description="Test coins for this development network. They have no value."
    >
      <button
        type="button"
        className={BUTTON_PRIMARY}
        onClick={ask}
        aria-disabled={!address || result.kind === 'asking' || undefined}
      >
        {`Get ${formatAmount(FAUCET_AMOUNT)} from the faucet`}
      </button>
      <div aria-live="polite" className="mt-4 min-h-6 text-sm">
        {result.kind === 'asking' && (
          <p className="text-zinc-600 dark:text-zinc-400">Asking the devnet node…</p>
        )}
        {result.kind === 'sent' && (
          <div className="space-y-2">
            <p className="text-zinc-800 dark:text-zinc-200">
              The node says it sent {formatAmount(FAUCET_AMOUNT)} in transaction{' '}
              <HashText
                value={result.txid}
                href={`/explorer/tx/${result.txid}`}
                label="faucet txid"
              />
            </p>
            {arrived ? (
              <p className="flex flex-wrap items-center gap-2 text-zinc-800 dark:text-zinc-200">
                <VerificationBadge status={arrived.verification.status} />
                Received in block {arrived.height}: your balance includes it.
              </p>
            ) : (
              <p className="flex flex-wrap items-center gap-2 text-zinc-700 dark:text-zinc-300">
                <VerificationBadge status="pending" />
                Waiting for a block that your browser can verify it in…
              </p>
            )}
          </div>
        )}
      </div>
      {result.kind === 'failed' && (
        <Notice tone="error" title="No test coins this time">
          {result.message}
        </Notice>
      )}
    </Card>
  )
}
