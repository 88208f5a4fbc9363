import { equalBytes } from '../bytes.js'
import {
  compareKeys,
  createLeaf,
  joinChildren,
  keyBit,
  SMT_EMPTY,
  type SmtLeafNode,
  type SmtNode,
} from './nodes.js'

/** One change to the tree: set `key` to `valueHash`, or delete it when `valueHash` is null. */
export type SmtChange = {
  key: Uint8Array
  valueHash: Uint8Array | null
  /**
   * What the tree must hold under `key` before the change — that value hash, or `'absent'` —
   * checked on the way down at no extra traversal (see `SparseMerkleTree.updateChecked`).
   */
  expect?: Uint8Array | 'absent'
}

/** A validated change, its new leaf already built (null for a deletion). */
export type PreparedChange = {
  readonly key: Uint8Array
  readonly leaf: SmtLeafNode | null
  readonly expect: Uint8Array | 'absent' | undefined
  /** The key's first 48 bits as a number: most sort comparisons end here. */
  readonly prefix: number
}

/** Thrown inside `applyChanges` when a change's expectation does not hold; never escapes the module's callers. */
export class SmtExpectationFailed extends Error {
  override name = 'SmtExpectationFailed'
}

function assertHash32(x: unknown, what: string): asserts x is Uint8Array {
  if (!(x instanceof Uint8Array))
    throw new TypeError(`SparseMerkleTree: ${what} must be a Uint8Array`)
  if (x.length !== 32)
    throw new RangeError(`SparseMerkleTree: ${what} must be 32 bytes, got ${x.length}`)
}

/**
 * Validate, sort by key and deduplicate changes (the last change to a key wins, as if they were
 * applied one by one). With `adopt`, the tree keeps the changes' own key and value-hash arrays
 * instead of copies: the caller hands them over and never writes to them again.
 *
 * @throws {TypeError | RangeError} when a key or value hash is not 32 bytes.
 */
export function prepareChanges(changes: Iterable<SmtChange>, adopt = false): PreparedChange[] {
  const list: PreparedChange[] = []
  let expecting = false
  for (const c of changes) {
    assertHash32(c.key, 'key')
    if (c.valueHash !== null) assertHash32(c.valueHash, 'valueHash')
    if (c.expect !== undefined && c.expect !== 'absent') assertHash32(c.expect, 'expect')
    if (c.expect !== undefined) expecting = true
    // The leaf holds private copies already; only a deletion needs its own copy of the key.
    const leaf = c.valueHash === null ? null : createLeaf(c.key, c.valueHash, adopt)
    const key = leaf ? leaf.key : adopt ? c.key : c.key.slice()
    list.push({ key, leaf, expect: c.expect, prefix: keyPrefix(key) })
  }
  sortByKey(list)
  let out = 0
  for (let i = 0; i < list.length; i++) {
    const next = list[i + 1]
    if (
      next !== undefined &&
      next.prefix === list[i]!.prefix &&
      compareKeys(list[i]!.key, next.key) === 0
    ) {
      // A dropped change's expectation could not be checked: refuse rather than skip it.
      if (expecting) throw new SmtExpectationFailed('a key is changed twice')
      continue
    }
    list[out++] = list[i]!
  }
  list.length = out
  return list
}

/**
 * Sorts changes by key in place, stably (equal keys keep their order: the last one wins). Each
 * change becomes one number — as much of its 48-bit prefix as fits beside its index in a double's
 * 53 exact bits — and a typed array sorts those natively; the rare runs whose kept prefixes tie
 * are then ordered by whole key and index.
 */
function sortByKey(list: PreparedChange[]): void {
  const n = list.length
  if (n < 2) return
  const indexBits = Math.ceil(Math.log2(n))
  const scale = 2 ** indexBits
  const drop = 2 ** Math.max(0, 48 - (53 - indexBits))
  const packed = new Float64Array(n)
  for (let i = 0; i < n; i++) packed[i] = Math.floor(list[i]!.prefix / drop) * scale + i
  packed.sort()
  const index = new Array<number>(n)
  for (let i = 0; i < n; i++) index[i] = packed[i]! % scale
  for (let i = 0; i < n; ) {
    const kept = Math.floor(packed[i]! / scale)
    let j = i + 1
    while (j < n && Math.floor(packed[j]! / scale) === kept) j++
    if (j - i > 1) {
      const run = index.slice(i, j)
      run.sort((a, b) => compareKeys(list[a]!.key, list[b]!.key) || a - b)
      for (let k = i; k < j; k++) index[k] = run[k - i]!
    }
    i = j
  }
  const sorted = index.map((i) => list[i]!)
  for (let i = 0; i < n; i++) list[i] = sorted[i]!
}

/** The first six bytes of a key, big-endian, as an exact number (< 2^48). */
function keyPrefix(k: Uint8Array): number {
  return (
    (k[0]! * 0x10000 + ((k[1]! << 8) | k[2]!)) * 0x1000000 + ((k[3]! << 16) | (k[4]! << 8) | k[5]!)
  )
}

/** First index in `[lo, hi)` whose key has bit `depth` set (keys sorted, sharing `depth` bits). */
function splitIndex(
  items: readonly { readonly key: Uint8Array }[],
  lo: number,
  hi: number,
  depth: number,
): number {
  let a = lo
  let b = hi
  while (a < b) {
    const m = (a + b) >> 1
    if (keyBit(items[m]!.key, depth) === 0) a = m + 1
    else b = m
  }
  return a
}

/**
 * Apply sorted, unique `changes[lo, hi)` — all on the path below `node` at `depth` — and return
 * the new node. Untouched subtrees are shared; each touched node is rebuilt and hashed once, so
 * a batch of c changes in a tree of n leaves costs O(c · log n) hashes.
 */
export function applyChanges(
  node: SmtNode,
  changes: readonly PreparedChange[],
  lo: number,
  hi: number,
  depth: number,
): SmtNode {
  if (lo >= hi) return node
  if (node.kind === 'branch') {
    const mid = splitIndex(changes, lo, hi, depth)
    const left = applyChanges(node.left, changes, lo, mid, depth + 1)
    const right = applyChanges(node.right, changes, mid, hi, depth + 1)
    return joinChildren(left, right, node)
  }
  // An empty subtree or a lone leaf: merge the existing leaf (if it survives) with the new ones.
  const leaves: SmtLeafNode[] = []
  let existing = node.kind === 'leaf' ? node : undefined
  for (let i = lo; i < hi; i++) {
    const c = changes[i]!
    const found = existing !== undefined && compareKeys(existing.key, c.key) === 0
    if (c.expect !== undefined) {
      const held = found ? existing!.valueHash : undefined
      if (
        c.expect === 'absent'
          ? held !== undefined
          : held === undefined || !equalBytes(held, c.expect)
      )
        throw new SmtExpectationFailed('an expected value does not hold')
    }
    if (existing !== undefined) {
      const d = compareKeys(existing.key, c.key)
      if (d < 0) {
        leaves.push(existing)
        existing = undefined
      } else if (d === 0) {
        const unchanged = c.leaf !== null && equalBytes(c.leaf.valueHash, existing.valueHash)
        if (unchanged) leaves.push(existing)
        existing = undefined
        if (unchanged) continue
      }
    }
    if (c.leaf !== null) leaves.push(c.leaf)
  }
  if (existing !== undefined) leaves.push(existing)
  return buildSubtree(leaves, 0, leaves.length, depth)
}

/** The subtree at `depth` holding exactly the sorted leaves `[lo, hi)`. */
function buildSubtree(
  leaves: readonly SmtLeafNode[],
  lo: number,
  hi: number,
  depth: number,
): SmtNode {
  if (hi === lo) return SMT_EMPTY
  if (hi - lo === 1) return leaves[lo]!
  // Distinct keys differ in some bit < 256, so the recursion ends before keyBit runs off the key.
  const mid = splitIndex(leaves, lo, hi, depth)
  return joinChildren(
    buildSubtree(leaves, lo, mid, depth + 1),
    buildSubtree(leaves, mid, hi, depth + 1),
  )
}
