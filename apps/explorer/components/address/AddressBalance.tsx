'use client'
import { useBalance } from '@supernova/light-client/react'
import { Card, Notice, Stat, StatList } from '@supernova/ui'
import { ProofDetails } from '@supernova/ui/chain'
import { useChainParams } from '../../hooks/useChainParams'
import { Amount } from '../Amount'
import { QueryError } from '../QueryState'

/** Spendable, immature and total balance: sums of UTXOs each proven in a verified UTXO root. */
export function AddressBalance({ address }: { address: string }) {
  const params = useChainParams()
  const { data, error } = useBalance({ address })
  const at = data?.verification.header.height.toLocaleString('en-US')
  return (
    <Card
      title="Balance"
      description={
        at === undefined
          ? 'Proven against the UTXO root of the verified tip.'
          : `As of block ${at}.`
      }
      action={
        data !== undefined && (
          <ProofDetails
            verification={data.verification}
            proof={`Each unspent output was proven by a sparse-Merkle membership proof against the utxoRoot of block ${at}'s header, and each pays this address; the balance is their sum. Coinbase outputs count as spendable after ${params.coinbaseMaturity} blocks.`}
          />
        )
      }
    >
      {error !== null && data === undefined ? (
        <QueryError error={error} what="the balance" />
      ) : (
        <StatList>
          <Stat
            label="Spendable"
            value={data === undefined ? null : <Amount units={data.spendable} />}
          />
          <Stat
            label="Immature"
            value={data === undefined ? null : <Amount units={data.total - data.spendable} />}
            hint={`Coinbase rewards younger than ${params.coinbaseMaturity} blocks`}
          />
          <Stat
            label="Total"
            value={data === undefined ? null : <Amount units={data.total} />}
            hint={
              data === undefined
                ? undefined
                : `${data.utxoCount.toLocaleString('en-US')} unspent outputs`
            }
          />
        </StatList>
      )}
      {data !== undefined && !data.complete && (
        <Notice
          tone="warning"
          title="The node sent only part of the unspent outputs"
          className="mt-4"
        >
          Every output shown is proven, but the node had more than it sent in one answer, so the
          total may be higher. The history below is complete.
        </Notice>
      )}
    </Card>
  )
}
