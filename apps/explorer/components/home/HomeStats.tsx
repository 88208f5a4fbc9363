'use client'
import type { ChainHeader } from '@supernova/light-client'
import { workForBits } from '@supernova/protocol'
import { Card, formatDuration, formatHashrate, Stat, StatList } from '@supernova/ui'
import { formatWork, ProofDetails, type VerificationInfo } from '@supernova/ui/chain'
import { useChainParams } from '../../hooks/useChainParams'
import { averageIntervalMs, difficultyOf, estimateHashrate } from '../../lib/chainStats'

type VerifiedHeader = ChainHeader & { verification: VerificationInfo }

/** The headline figures, derived from the newest verified headers (oldest first). */
export function HomeStats({ headers }: { headers: readonly VerifiedHeader[] | undefined }) {
  const params = useChainParams()
  const newest = headers?.at(-1)
  const oldest = headers?.[0]
  const stats = headers?.map((h) => ({
    height: h.height,
    timestamp: h.header.timestamp,
    bits: h.header.bits,
  }))
  const interval = stats === undefined ? undefined : averageIntervalMs(stats)
  const hashrate = stats === undefined ? undefined : estimateHashrate(stats)
  const blocks = headers === undefined ? 0 : headers.length - 1
  return (
    <Card
      title="Network at a glance"
      description={
        oldest !== undefined && newest !== undefined && blocks > 0
          ? `From the ${blocks} newest verified blocks (heights ${oldest.height.toLocaleString('en-US')}–${newest.height.toLocaleString('en-US')}).`
          : 'From the newest verified headers, once your browser has them.'
      }
      action={
        newest !== undefined && (
          <ProofDetails
            verification={newest.verification}
            proof="Every header from the pinned genesis to this tip was checked in your browser: proof of work, the difficulty retarget, timestamps and the link to its parent. The interval, difficulty and hashrate are computed from those headers' timestamps and targets."
          />
        )
      }
    >
      <StatList className="sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Verified height"
          value={newest === undefined ? null : newest.height.toLocaleString('en-US')}
          hint="The tip of the heaviest chain your browser verified"
        />
        <Stat
          label="Average block interval"
          value={interval === undefined ? null : formatDuration(Math.max(0, interval))}
          hint={`Over ${blocks > 0 ? blocks : 'the newest'} blocks; target ${formatDuration(params.targetBlockTimeMs)}`}
        />
        <Stat
          label="Difficulty"
          value={
            newest === undefined
              ? null
              : difficultyOf(newest.header.bits, params.powLimitBits).toLocaleString('en-US', {
                  maximumSignificantDigits: 4,
                })
          }
          hint={
            newest === undefined
              ? 'Relative to the easiest allowed target'
              : `${formatWork(workForBits(newest.header.bits))} expected hashes per block`
          }
        />
        <Stat
          label="Hashrate (estimate)"
          value={hashrate === undefined ? null : formatHashrate(hashrate)}
          hint="Work per block ÷ average interval"
        />
      </StatList>
    </Card>
  )
}
