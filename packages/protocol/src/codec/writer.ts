/**
 * Canonical binary writer. Integers are little-endian fixed width (u8, u16, u32, u64) or unsigned
 * LEB128 varints (minimal form) for lengths and counts. Byte strings are either fixed-length
 * (no prefix) or varint-length-prefixed.
 */
export class Writer {
  private buf: Uint8Array
  private pos = 0

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(initialCapacity)
  }

  get length(): number {
    return this.pos
  }

  private ensure(extra: number): void {
    const need = this.pos + extra
    if (need <= this.buf.length) return
    let cap = this.buf.length * 2
    while (cap < need) cap *= 2
    const next = new Uint8Array(cap)
    next.set(this.buf.subarray(0, this.pos))
    this.buf = next
  }

  u8(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xff)
      throw new RangeError(`u8 out of range: ${value}`)
    this.ensure(1)
    this.buf[this.pos++] = value
    return this
  }

  u16(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff)
      throw new RangeError(`u16 out of range: ${value}`)
    this.ensure(2)
    this.buf[this.pos++] = value & 0xff
    this.buf[this.pos++] = value >>> 8
    return this
  }

  u32(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new RangeError(`u32 out of range: ${value}`)
    }
    this.ensure(4)
    this.put32(value)
    return this
  }

  /** A u64 given as a safe integer (timestamps, nonces). */
  u64n(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`u64 out of range: ${value}`)
    return this.u64(BigInt(value))
  }

  u64(value: bigint): this {
    if (typeof value !== 'bigint' || value < 0n || value > 0xffffffffffffffffn) {
      throw new RangeError(`u64 out of range: ${value}`)
    }
    this.ensure(8)
    this.put32(Number(value & 0xffffffffn))
    this.put32(Number(value >> 32n))
    return this
  }

  /** Little-endian u32 at the cursor; the caller ensured the room. */
  private put32(value: number): void {
    const b = this.buf
    b[this.pos++] = value & 0xff
    b[this.pos++] = (value >>> 8) & 0xff
    b[this.pos++] = (value >>> 16) & 0xff
    b[this.pos++] = value >>> 24
  }

  /** Unsigned LEB128, minimal encoding, values up to 2^53 - 1. */
  varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`varint out of range: ${value}`)
    this.ensure(8)
    let v = value
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80
      v = Math.floor(v / 0x80)
    }
    this.buf[this.pos++] = v
    return this
  }

  /** Bytes with no length prefix; the decoder knows the length. */
  fixed(bytes: Uint8Array, length: number): this {
    if (bytes.length !== length)
      throw new RangeError(`expected ${length} bytes, got ${bytes.length}`)
    return this.raw(bytes)
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length)
    this.buf.set(bytes, this.pos)
    this.pos += bytes.length
    return this
  }

  /** Varint length prefix, then the bytes. */
  bytes(bytes: Uint8Array): this {
    return this.varint(bytes.length).raw(bytes)
  }

  bool(value: boolean): this {
    return this.u8(value ? 1 : 0)
  }

  /**
   * Empties the writer for reuse, keeping its buffer unless it grew past `maxKeep` bytes (then a
   * fresh one of the initial size replaces it, so one huge encoding does not pin memory).
   */
  reset(maxKeep = 65_536): this {
    this.pos = 0
    if (this.buf.length > maxKeep) this.buf = new Uint8Array(256)
    return this
  }

  /**
   * The backing buffer itself, with what was written in `[0, length)`: for hashing a range of a
   * scratch writer without even a view. Valid until the next write.
   */
  scratch(): Uint8Array {
    return this.buf
  }

  /** What was written so far, without copying: valid until the next write. */
  written(): Uint8Array {
    return this.buf.subarray(0, this.pos)
  }

  /** A copy of what was written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos)
  }
}

/** The number of bytes `varint(value)` writes. */
export function varintLength(value: number): number {
  let n = 1
  let v = value
  while (v >= 0x80) {
    n++
    v = Math.floor(v / 0x80)
  }
  return n
}
