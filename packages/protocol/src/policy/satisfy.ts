import { equalBytes, toHex } from '../bytes.js'
import { blake3 } from '../hash/blake3.js'
import { afterFailure, assertLockContext, olderFailure } from './check.js'
import { PolicyError } from './errors.js'
import { assertPolicy } from './rules.js'
import { SCHEME_SIZES } from './schemes.js'
import {
  type KeyRef,
  POLICY_LIMITS,
  type Policy,
  type PolicyContext,
  type Satisfaction,
} from './types.js'

/** Preimages by the lowercase hex of their BLAKE3 hash, or a lookup by hash. */
export type PreimageSource =
  | ReadonlyMap<string, Uint8Array>
  | ((hash: Uint8Array) => Uint8Array | undefined)

export type SatisfyPolicyParameters = {
  policy: Policy
  /** The spending transaction's locktime and the input's sequence. */
  context: Pick<PolicyContext, 'txLocktime' | 'sequence'>
  /**
   * Returns a signature by `key` over the input's sighash (which the caller knows), or
   * `undefined` when the wallet does not hold that key. May be called for keys that end up unused.
   */
  sign: (key: KeyRef) => Uint8Array | undefined
  preimages?: PreimageSource
}
export type SatisfyPolicyReturnType = Satisfaction
export type SatisfyPolicyErrorType = PolicyError | RangeError

/**
 * Build a satisfaction of `policy` from the signatures and preimages at hand: `or` takes the
 * first satisfiable branch, `thresh` the first `threshold` satisfiable children, multisig the
 * first `threshold` keys `sign` signs for; `after`/`older` hold iff the context satisfies them.
 * Every subtree is satisfiable independently of the others, so this finds a satisfaction
 * whenever one exists from these secrets. The result passes `checkPolicy` (given valid
 * signatures).
 * @throws {PolicyError} `UNSATISFIABLE`; `INVALID_POLICY` for an invalid policy.
 * @throws {RangeError} when `sign` returns a signature of the wrong length for the key's scheme,
 * or the context's locktime or sequence is not a u32.
 * @example
 * const satisfaction = satisfyPolicy({ policy, context: { txLocktime: 0, sequence: 0 },
 *   sign: (key) => (equalBytes(key.publicKey, myPublicKey) ? signature : undefined) })
 */
export function satisfyPolicy({
  policy,
  context,
  sign,
  preimages,
}: SatisfyPolicyParameters): SatisfyPolicyReturnType {
  assertPolicy(policy)
  assertLockContext(context, 'satisfyPolicy')
  const lookup = toLookup(preimages)
  const s = attempt(policy, { ...context, sign, lookup })
  if (s === undefined) {
    throw new PolicyError({
      code: 'UNSATISFIABLE',
      message: 'policy cannot be satisfied with the given keys, preimages and context',
    })
  }
  return s
}

type Env = Pick<PolicyContext, 'txLocktime' | 'sequence'> & {
  sign: (key: KeyRef) => Uint8Array | undefined
  lookup: (hash: Uint8Array) => Uint8Array | undefined
}

function toLookup(
  source: PreimageSource | undefined,
): (hash: Uint8Array) => Uint8Array | undefined {
  if (source === undefined) return () => undefined
  if (typeof source === 'function') return source
  return (hash) => source.get(toHex(hash))
}

function signWith(env: Env, key: KeyRef): Uint8Array | undefined {
  const signature = env.sign(key)
  if (signature === undefined) return undefined
  const want = SCHEME_SIZES[key.scheme].signature
  if (!(signature instanceof Uint8Array) || signature.length !== want) {
    throw new RangeError(
      `satisfyPolicy: sign returned a ${key.scheme} signature of the wrong length (want ${want})`,
    )
  }
  return signature
}

function attempt(p: Policy, env: Env): Satisfaction | undefined {
  switch (p.type) {
    case 'key': {
      const signature = signWith(env, p.key)
      return signature && { type: 'signature', signature }
    }
    case 'multisig': {
      const signatures: { index: number; signature: Uint8Array }[] = []
      for (let index = 0; index < p.keys.length && signatures.length < p.threshold; index++) {
        const signature = signWith(env, p.keys[index]!)
        if (signature) signatures.push({ index, signature })
      }
      return signatures.length === p.threshold ? { type: 'multisig', signatures } : undefined
    }
    case 'hashlock': {
      const preimage = env.lookup(p.hash)
      // A wrong or oversize preimage from the source would only make the spend fail later.
      if (!(preimage instanceof Uint8Array) || preimage.length > POLICY_LIMITS.maxPreimageBytes)
        return undefined
      return equalBytes(blake3(preimage), p.hash) ? { type: 'preimage', preimage } : undefined
    }
    case 'after':
      return afterFailure(p.locktime, env.txLocktime, env.sequence) ? undefined : { type: 'none' }
    case 'older':
      return olderFailure(p.blocks, env.sequence) ? undefined : { type: 'none' }
    case 'and': {
      const satisfactions: Satisfaction[] = []
      for (const c of p.policies) {
        const s = attempt(c, env)
        if (s === undefined) return undefined
        satisfactions.push(s)
      }
      return { type: 'and', satisfactions }
    }
    case 'or': {
      for (let index = 0; index < p.policies.length; index++) {
        const s = attempt(p.policies[index]!, env)
        if (s) return { type: 'or', index, satisfaction: s }
      }
      return undefined
    }
    case 'thresh': {
      const satisfactions: (Satisfaction | null)[] = p.policies.map(() => null)
      let present = 0
      for (let i = 0; i < p.policies.length && present < p.threshold; i++) {
        const s = attempt(p.policies[i]!, env)
        if (s) {
          satisfactions[i] = s
          present++
        }
      }
      return present === p.threshold ? { type: 'thresh', satisfactions } : undefined
    }
  }
}
