/**
 * Signature items packed into one buffer the workers share: per item three u32 lengths (public
 * key, message, signature) then the bytes. One SharedArrayBuffer instead of three cloned arrays
 * per item — posting it to every worker copies nothing, whatever the batch size. Erasable
 * TypeScript, no imports: the worker loads this file as is.
 */
export type PackedItem = { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array }

export function packItems(items: readonly PackedItem[]): SharedArrayBuffer {
  let size = 4
  for (const i of items) size += 12 + i.publicKey.length + i.message.length + i.signature.length
  const buf = new SharedArrayBuffer(size)
  const view = new DataView(buf)
  const bytes = new Uint8Array(buf)
  view.setUint32(0, items.length, true)
  let off = 4
  for (const i of items) {
    view.setUint32(off, i.publicKey.length, true)
    view.setUint32(off + 4, i.message.length, true)
    view.setUint32(off + 8, i.signature.length, true)
    off += 12
    bytes.set(i.publicKey, off)
    off += i.publicKey.length
    bytes.set(i.message, off)
    off += i.message.length
    bytes.set(i.signature, off)
    off += i.signature.length
  }
  return buf
}

/** @throws {RangeError} on a malformed buffer (never produced by `packItems`). */
export function unpackItems(buf: ArrayBufferLike): PackedItem[] {
  const view = new DataView(buf)
  const bytes = new Uint8Array(buf)
  const n = view.getUint32(0, true)
  const out: PackedItem[] = []
  let off = 4
  for (let k = 0; k < n; k++) {
    if (off + 12 > buf.byteLength) throw new RangeError('unpackItems: truncated')
    const a = view.getUint32(off, true)
    const b = view.getUint32(off + 4, true)
    const c = view.getUint32(off + 8, true)
    off += 12
    if (off + a + b + c > buf.byteLength) throw new RangeError('unpackItems: truncated')
    out.push({
      publicKey: bytes.subarray(off, off + a),
      message: bytes.subarray(off + a, off + a + b),
      signature: bytes.subarray(off + a + b, off + a + b + c),
    })
    off += a + b + c
  }
  return out
}
