import { Card } from '@supernova/ui'
import type { ReactNode } from 'react'
import { ScrollTable } from '../ScrollTable'
import { LINK } from './Prose'

type Row = { name: string; what: ReactNode }

const ENDPOINTS: Row[] = [
  {
    name: 'GET /dashboard/api/v1/indicators',
    what: 'The indicators with lower / best / upper bounds, computed from the newest 100 blocks the server’s light client verified: chain range and hashes, hashrate, power, energy, cost, emissions, per transaction, supply, treasury payments, green-miner declarations, the MiCA indicators, the assumptions and data versions used.',
  },
  {
    name: 'GET /dashboard/api/v1/hardware',
    what: 'The hardware-efficiency table, with J/hash per row and the bounds.',
  },
  {
    name: 'GET /dashboard/api/v1/grid',
    what: 'The grid-intensity dataset: regions, values, sources, year.',
  },
  { name: 'GET /dashboard/api/v1', what: 'The list of endpoints.' },
]

const PARAMS: Row[] = [
  { name: 'pue', what: 'Power usage effectiveness, 1 to 2. Default 1.1.' },
  { name: 'price', what: 'Electricity price in USD per kWh, 0 to 1. Default 0.1.' },
  {
    name: 'mix',
    what: (
      <>
        Region weights, <code>region:weight</code> separated by commas (e.g.{' '}
        <code>mix=china:60,germany:40</code>); region ids from <code>/grid</code>. Default{' '}
        <code>world:100</code>.
      </>
    ),
  },
  {
    name: 'holding',
    what: 'An amount of NOVA (up to 8 decimals) to allocate energy and emissions to.',
  },
]

const ERRORS: Row[] = [
  {
    name: '400 BAD_QUERY',
    what: 'A parameter cannot be used; `parameter` names it. Nothing is computed with a default instead.',
  },
  {
    name: '503 NODE_UNREACHABLE, NODE_ERROR, BAD_ANSWER, NO_WS_ADDRESS, SYNC_TIMEOUT, NO_PEER, NOT_ENOUGH_BLOCKS',
    what: 'No verified chain is available right now (the full node does not answer, or was lost). Retry-After says when to ask again; the server reconnects by itself.',
  },
]

function Table({ caption, first, rows }: { caption: string; first: string; rows: Row[] }) {
  return (
    <ScrollTable<Row>
      caption={caption}
      columns={[
        { id: 'name', header: first, cell: (r) => <code className="break-all">{r.name}</code> },
        { id: 'what', header: 'What', cell: (r) => r.what },
      ]}
      rows={rows}
      rowKey={(r) => r.name}
    />
  )
}

/** The JSON API for third parties. */
export function ApiDocs() {
  return (
    <Card id="api" title="JSON API">
      <div className="space-y-4 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
        <p>
          The same figures for other applications, as JSON. The server runs its own light client (in
          Node, bootstrapped from the local full node), which verifies every header from genesis and
          every block it counts, exactly as your browser does; each answer says{' '}
          <code>"verification": "verified by the server’s light client"</code> and names the header
          range (heights and hashes) it was computed from, so anyone can check it against their own
          node. The data tables are served as shipped. CORS is open for GET; answers may be cached
          for 5 seconds (indicators) or an hour (tables).
        </p>
        <Table caption="Endpoints" first="Endpoint" rows={ENDPOINTS} />
        <Table
          caption="Query parameters of /indicators (all optional)"
          first="Parameter"
          rows={PARAMS}
        />
        <Table caption="Errors" first="Status and code" rows={ERRORS} />
        <p>
          Example:{' '}
          <a
            className={LINK}
            href="/dashboard/api/v1/indicators?mix=world:50,france:50&holding=1000"
          >
            /dashboard/api/v1/indicators?mix=world:50,france:50&amp;holding=1000
          </a>
          . Amounts are strings of base units with their NOVA value; energies are in kWh, power in
          W, emissions in tCO2e (per transaction: kgCO2e).
        </p>
      </div>
    </Card>
  )
}
