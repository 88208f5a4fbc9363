/**
 * Hash domains. Every consensus hash is BLAKE3 in keyed mode with a 32-byte key derived from the
 * domain's context string (BLAKE3 `derive_key`), so hashes of different object kinds can never
 * collide by construction and domain separation costs nothing per call.
 */
export const HASH_DOMAINS = [
  'header',
  'txid',
  'wtxid',
  'sighash',
  'merkle',
  'smtKey',
  'smtLeaf',
  'smtNode',
  'utxo',
  'policy',
  'filterKey',
  'filter',
  'validatorSet',
  'randomness',
  'devnetKey',
] as const

export type HashDomain = (typeof HASH_DOMAINS)[number]

/** The `derive_key` context string of a domain. Part of consensus: never change one. */
export function domainContext(domain: HashDomain): string {
  return `SuperNova v1 ${domain}`
}
