'use client'
import { useHeaders } from '@supernova/light-client/react'
import { toHex, workForBits } from '@supernova/protocol'
import type { ReactNode } from 'react'
import { cx, FOCUS_RING } from '../components/cx'
import { HashText } from '../components/HashText'
import { VerificationBadge } from '../components/VerificationBadge'

/** The `verification` every light-client answer carries. */
export type VerificationInfo = {
  status: 'verified' | 'final' | 'unverified'
  header: { hash: Uint8Array; height: number }
  depth: number
}

/** Where block pages live (all zones link to the explorer's). */
export const BLOCK_PATH = '/explorer/block'

/** Work as a short number: 1.23e+9 style above a million, plain below. */
export function formatWork(work: bigint): string {
  return work < 1_000_000n ? work.toString() : Number(work).toExponential(2)
}

export type ProofDetailsProps = {
  verification: VerificationInfo
  /** What was checked, in a sentence: "Merkle proof of the txid against the header's txRoot". */
  proof: ReactNode
  className?: string
}

/**
 * A figure's badge and a "Show proof" disclosure: the header the browser checked the value
 * against (hash, height, its work and time, read from the verified chain), the depth below the
 * verified tip, and which proof was checked.
 */
export function ProofDetails({ verification, proof, className }: ProofDetailsProps) {
  const { header, depth, status } = verification
  return (
    <details className={cx('group text-sm', className)} data-proof-status={status}>
      <summary
        className={cx(
          'inline-flex cursor-pointer list-none items-center gap-2 rounded-md text-zinc-700 dark:text-zinc-300',
          FOCUS_RING,
        )}
      >
        <VerificationBadge status={status} />
        <span className="underline decoration-dotted underline-offset-4 group-open:no-underline">
          <span className="group-open:hidden">Show proof</span>
          <span className="hidden group-open:inline">Hide proof</span>
        </span>
      </summary>
      <div className="mt-2 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
        <p className="text-zinc-700 dark:text-zinc-300">{proof}</p>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-zinc-500 dark:text-zinc-400">Header</dt>
          <dd>
            <HashText
              value={toHex(header.hash)}
              href={`${BLOCK_PATH}/${header.height}`}
              label="header hash"
            />
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Height</dt>
          <dd className="font-mono">{header.height}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Depth</dt>
          <dd>
            {depth === 0
              ? 'the verified tip'
              : `${depth} block${depth === 1 ? '' : 's'} below the verified tip`}
          </dd>
          <HeaderWork height={header.height} />
        </dl>
      </div>
    </details>
  )
}

/** The checked header's own work and time, from the verified chain in the browser. */
function HeaderWork({ height }: { height: number }) {
  const { data } = useHeaders({ fromHeight: height, count: 1 })
  const h = data?.headers[0]
  if (h === undefined) return null
  return (
    <>
      <dt className="text-zinc-500 dark:text-zinc-400">Work</dt>
      <dd className="font-mono">{formatWork(workForBits(h.header.bits))}</dd>
      <dt className="text-zinc-500 dark:text-zinc-400">Time</dt>
      <dd>
        <time dateTime={new Date(h.header.timestamp).toISOString()}>
          {new Date(h.header.timestamp).toLocaleString()}
        </time>
      </dd>
    </>
  )
}
