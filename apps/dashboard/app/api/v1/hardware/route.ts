import { HARDWARE_TABLE, hardwareBounds, joulesPerHash } from '../../../../lib/hardware'
import { json, preflight } from '../../../../lib/server/respond'

/** GET /dashboard/api/v1/hardware — the versioned hardware-efficiency table, with J/hash and bounds. */
export function GET(): Response {
  const { lowerRow, upperRow, ...bounds } = hardwareBounds(HARDWARE_TABLE)
  return json(
    {
      ...HARDWARE_TABLE,
      rows: HARDWARE_TABLE.rows.map((r) => ({ ...r, joulesPerHash: joulesPerHash(r) })),
      bounds: { joulesPerHash: bounds, lowerRow: lowerRow.id, upperRow: upperRow.id },
    },
    { cache: 'public, max-age=3600' },
  )
}

export const OPTIONS = preflight
