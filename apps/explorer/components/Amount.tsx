import { cx, formatAmount } from '@supernova/ui'

/** An exact amount of base units in NOVA, tabular, with the base units in the tooltip. */
export function Amount({ units, className }: { units: bigint; className?: string }) {
  return (
    <span
      className={cx('whitespace-nowrap tabular-nums', className)}
      title={`${units.toString()} base units`}
    >
      {formatAmount(units)}
    </span>
  )
}
