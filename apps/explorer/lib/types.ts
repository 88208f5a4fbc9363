import type { LightClient } from '@supernova/light-client'

/** A Merkle-proven transaction as `getTransaction` returns it (the package exports no name for it). */
export type ProvenTransaction = Awaited<ReturnType<LightClient['getTransaction']>>
/** An outpoint proven unspent (with its entry) or absent, as `getOutpoint` returns it. */
export type ProvenOutpoint = Awaited<ReturnType<LightClient['getOutpoint']>>
/** An address's proven UTXOs, as `getUtxos` returns them. */
export type ProvenUtxos = Awaited<ReturnType<LightClient['getUtxos']>>
