'use client'
import { Card, formatAmount, Notice, Stat, StatList } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import { explainError } from '../../lib/walletErrors'
import type { TrackedPayment } from './Payments'
import type { WalletActivity } from './useWalletActivity'

/**
 * The wallet's verified balance: total and spendable summed over its addresses, each proven by
 * UTXO membership proofs against a verified header, with the proof panel. Payments still
 * unconfirmed are listed apart (the chain has not spent their coins yet).
 */
export function BalanceCard({
  activity,
  pending,
}: {
  activity: WalletActivity
  pending: readonly TrackedPayment[]
}) {
  const { balance, error, watched } = activity
  const outgoing = pending.reduce((s, p) => s + p.amount + p.fee, 0n)
  return (
    <Card
      title="Balance"
      description={`Summed over the ${watched.length} address${watched.length === 1 ? '' : 'es'} of this wallet in use, each proven in your browser.`}
    >
      <StatList>
        <Stat
          label="Total"
          value={
            balance ? <span data-testid="balance-total">{formatAmount(balance.total)}</span> : null
          }
          hint={
            balance
              ? `${balance.utxoCount} coin${balance.utxoCount === 1 ? '' : 's'}`
              : 'Verifying…'
          }
        />
        <Stat
          label="Spendable"
          value={
            balance ? (
              <span data-testid="balance-spendable">{formatAmount(balance.spendable)}</span>
            ) : null
          }
          hint={
            balance && balance.total !== balance.spendable
              ? 'Mined coins become spendable after the maturity period.'
              : 'Usable in the next block.'
          }
        />
        <Stat
          label="Outgoing, pending"
          value={outgoing === 0n ? formatAmount(0n) : `−${formatAmount(outgoing)}`}
          hint={
            outgoing === 0n
              ? 'No payment waiting for a block.'
              : 'Sent from this tab, not yet in the verified balance above (which still counts its coins).'
          }
        />
      </StatList>
      <div className="mt-4 min-h-7">
        {balance ? (
          <ProofDetails
            verification={balance.verification}
            proof={`Each coin of the ${balance.addresses} addresses was proven unspent by a sparse-Merkle membership proof against the UTXO root of a verified header; the balance is their sum, all as of this one header${balance.complete ? '' : ' (a node held back some coins of an address: the sum may be low)'}.`}
          />
        ) : (
          !error && (
            <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
              Your browser is verifying the balance of {watched.length} address
              {watched.length === 1 ? '' : 'es'}…
            </p>
          )
        )}
      </div>
      {error && (
        <Notice tone="warning" title="The balance cannot be verified right now" className="mt-4">
          {explainError(error)} Figures shown are the last verified ones.
        </Notice>
      )}
    </Card>
  )
}
