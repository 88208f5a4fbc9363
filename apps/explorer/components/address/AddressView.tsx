'use client'
import { useLightClient } from '@supernova/light-client/react'
import { decodeAddress } from '@supernova/protocol'
import { lockKind } from '../../lib/addresses'
import { parseAddressParam } from '../../lib/routes'
import { ExplorerPage } from '../ExplorerPage'
import { HashLink } from '../HashLink'
import { NotFoundPanel } from '../NotFoundPanel'
import { AddressBalance } from './AddressBalance'
import { AddressHistory } from './AddressHistory'
import { AddressUtxos } from './AddressUtxos'

/** The address page: verified balance, proven UTXOs and the complete, filter-proven history. */
export function AddressView({ address: raw }: { address: string }) {
  const { network } = useLightClient()
  const parsed = parseAddressParam(raw, network)
  if (parsed.kind === 'invalid')
    return (
      <ExplorerPage title="Not an address">
        <NotFoundPanel title="This page names no address of this chain">
          {parsed.reason}
        </NotFoundPanel>
      </ExplorerPage>
    )
  const { address } = parsed
  const { lock } = decodeAddress({ address, network })
  return (
    <ExplorerPage
      title="Address"
      description={
        <div className="space-y-1">
          <HashLink value={address} label="address" full />
          <p className="text-sm">Spent with: {lockKind(lock)}</p>
        </div>
      }
    >
      <AddressBalance address={address} />
      <AddressUtxos address={address} />
      <AddressHistory address={address} />
    </ExplorerPage>
  )
}
