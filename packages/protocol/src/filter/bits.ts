/** MSB-first bit writer over a growable byte buffer (the Golomb-Rice stream of BIP158). */
export class BitWriter {
  private buf: Uint8Array
  private bitPos = 0

  constructor(capacityBytes = 64) {
    this.buf = new Uint8Array(Math.max(1, capacityBytes))
  }

  private ensure(bits: number): void {
    const need = (this.bitPos + bits + 7) >> 3
    if (need <= this.buf.length) return
    const next = new Uint8Array(Math.max(need, this.buf.length * 2))
    next.set(this.buf)
    this.buf = next
  }

  /** `count` one-bits followed by a zero-bit. */
  unary(count: number): void {
    this.ensure(count + 1)
    for (let i = 0; i < count; i++) this.bit(1)
    this.bit(0)
  }

  /** The low `bits` bits of `value` (< 2^bits ≤ 2^31), most significant first. */
  fixed(value: number, bits: number): void {
    this.ensure(bits)
    for (let i = bits - 1; i >= 0; i--) this.bit((value >>> i) & 1)
  }

  private bit(b: number): void {
    if (b) this.buf[this.bitPos >> 3]! |= 0x80 >> (this.bitPos & 7)
    this.bitPos++
  }

  /** The bytes written; the last byte is padded with zero bits. */
  finish(): Uint8Array {
    return this.buf.slice(0, (this.bitPos + 7) >> 3)
  }
}

/** MSB-first bit reader; reading past the end returns undefined instead of throwing. */
export class BitReader {
  private bitPos = 0
  private readonly totalBits: number

  constructor(private readonly buf: Uint8Array) {
    this.totalBits = buf.length * 8
  }

  get position(): number {
    return this.bitPos
  }

  /** The number of one-bits before the next zero-bit (consumed too), or -1 at end of input. */
  unary(): number {
    let n = 0
    while (this.bitPos < this.totalBits) {
      const b = (this.buf[this.bitPos >> 3]! >> (7 - (this.bitPos & 7))) & 1
      this.bitPos++
      if (b === 0) return n
      n++
    }
    return -1
  }

  /** `bits` bits (≤ 31) as an unsigned number, or -1 at end of input. */
  fixed(bits: number): number {
    if (this.bitPos + bits > this.totalBits) return -1
    let v = 0
    for (let i = 0; i < bits; i++) {
      v = (v << 1) | ((this.buf[this.bitPos >> 3]! >> (7 - (this.bitPos & 7))) & 1)
      this.bitPos++
    }
    return v >>> 0
  }

  /** True when everything from the current position to the end is zero padding within one byte. */
  atCleanEnd(): boolean {
    if (this.totalBits - this.bitPos >= 8) return false
    for (let p = this.bitPos; p < this.totalBits; p++) {
      if ((this.buf[p >> 3]! >> (7 - (p & 7))) & 1) return false
    }
    return true
  }
}
