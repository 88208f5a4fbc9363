import type { LockName } from '../../lib/addresses'
import { paths } from '../../lib/routes'
import { HashLink } from '../HashLink'

/** An output's owner: its address (linked, copyable) and a label for well-known locks. */
export function OwnerCell({ name }: { name: LockName }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2">
      <HashLink
        value={name.address}
        href={paths.address(name.address)}
        label="address"
        head={12}
        tail={8}
      />
      {name.label !== undefined && (
        <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
          {name.label}
        </span>
      )}
    </span>
  )
}
