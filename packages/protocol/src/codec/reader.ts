import { DecodeError } from '../errors.js'

/**
 * Strict canonical reader. Every length is checked against both a caller-supplied cap and the
 * bytes actually remaining *before* anything is allocated; varints must be minimal; `finish()`
 * rejects trailing bytes. All failures are `DecodeError`s.
 */
export class Reader {
  private readonly view: DataView
  private pos = 0

  constructor(
    private readonly buf: Uint8Array,
    private readonly what = 'value',
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  }

  get offset(): number {
    return this.pos
  }

  get remaining(): number {
    return this.buf.length - this.pos
  }

  private need(n: number, field: string): void {
    if (n > this.buf.length - this.pos) {
      throw new DecodeError({
        code: 'UNEXPECTED_END',
        message: `${this.what}: ${field} needs ${n} bytes at offset ${this.pos}, ${this.remaining} left`,
        details: { field, offset: this.pos, needed: n, remaining: this.remaining },
      })
    }
  }

  u8(field = 'u8'): number {
    this.need(1, field)
    return this.buf[this.pos++]!
  }

  u16(field = 'u16'): number {
    this.need(2, field)
    const v = this.view.getUint16(this.pos, true)
    this.pos += 2
    return v
  }

  u32(field = 'u32'): number {
    this.need(4, field)
    const v = this.view.getUint32(this.pos, true)
    this.pos += 4
    return v
  }

  u64(field = 'u64'): bigint {
    this.need(8, field)
    const v = this.view.getBigUint64(this.pos, true)
    this.pos += 8
    return v
  }

  /** A u64 that must fit in a safe integer (timestamps, nonces). */
  u64n(field = 'u64'): number {
    const v = this.u64(field)
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new DecodeError({
        code: 'INVALID_VALUE',
        message: `${this.what}: ${field} exceeds 2^53-1`,
        details: { field, value: v.toString() },
      })
    }
    return Number(v)
  }

  /** Minimal unsigned LEB128 not above `max` (which is at most 2^53 - 1). */
  varint(max: number, field = 'varint'): number {
    const start = this.pos
    let result = 0
    let scale = 1
    for (let i = 0; ; i++) {
      if (i >= 8) {
        throw new DecodeError({
          code: 'VARINT_OVERFLOW',
          message: `${this.what}: ${field} varint too long`,
          details: { field, offset: start },
        })
      }
      const b = this.u8(field)
      result += (b & 0x7f) * scale
      if ((b & 0x80) === 0) {
        if (b === 0 && i > 0) {
          throw new DecodeError({
            code: 'NON_MINIMAL_VARINT',
            message: `${this.what}: ${field} varint is not minimally encoded`,
            details: { field, offset: start },
          })
        }
        break
      }
      scale *= 0x80
    }
    if (!Number.isSafeInteger(result)) {
      throw new DecodeError({
        code: 'VARINT_OVERFLOW',
        message: `${this.what}: ${field} exceeds 2^53-1`,
        details: { field, offset: start },
      })
    }
    if (result > max) {
      throw new DecodeError({
        code: 'LENGTH_TOO_LARGE',
        message: `${this.what}: ${field} = ${result} exceeds the cap ${max}`,
        details: { field, value: result, max },
      })
    }
    return result
  }

  /** Exactly `length` bytes, copied out of the input. */
  fixed(length: number, field = 'bytes'): Uint8Array {
    this.need(length, field)
    const out = this.buf.slice(this.pos, this.pos + length)
    this.pos += length
    return out
  }

  /** A varint length (≤ `max`, checked before allocating) followed by that many bytes. */
  bytes(max: number, field = 'bytes'): Uint8Array {
    const len = this.varint(max, `${field}.length`)
    return this.fixed(len, field)
  }

  /** A count (≤ `max`) whose items each take at least `minItemSize` bytes: checked before allocating. */
  count(max: number, minItemSize: number, field = 'count'): number {
    const n = this.varint(max, field)
    if (n * minItemSize > this.remaining) {
      throw new DecodeError({
        code: 'UNEXPECTED_END',
        message: `${this.what}: ${field} = ${n} items cannot fit in ${this.remaining} bytes`,
        details: { field, count: n, remaining: this.remaining },
      })
    }
    return n
  }

  bool(field = 'bool'): boolean {
    const b = this.u8(field)
    if (b > 1)
      throw new DecodeError({
        code: 'INVALID_VALUE',
        message: `${this.what}: ${field} must be 0 or 1`,
        details: { field, value: b },
      })
    return b === 1
  }

  /** Throws unless every byte was consumed. */
  finish(): void {
    if (this.pos !== this.buf.length) {
      throw new DecodeError({
        code: 'TRAILING_BYTES',
        message: `${this.what}: ${this.buf.length - this.pos} trailing bytes`,
        details: { offset: this.pos, trailing: this.buf.length - this.pos },
      })
    }
  }
}

/** Reject inputs above `max` bytes before any parsing. */
export function assertInputSize(bytes: Uint8Array, max: number, what: string): void {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${what}: expected a Uint8Array`)
  if (bytes.length > max) {
    throw new DecodeError({
      code: 'INPUT_TOO_LARGE',
      message: `${what}: ${bytes.length} bytes exceeds the cap ${max}`,
      details: { size: bytes.length, max },
    })
  }
}

/** A typed error for a tag or enum byte outside the allowed set. */
export function invalidTag(what: string, field: string, tag: number): DecodeError {
  return new DecodeError({
    code: 'INVALID_TAG',
    message: `${what}: unknown ${field} tag ${tag}`,
    details: { field, tag },
  })
}
