/**
 * A self-signed ECDSA P-256 X.509 certificate for the WebRTC-direct listener, built with
 * node:crypto and a minimal DER writer. Browsers pin the listener by the certificate's hash (the
 * `/certhash` in its multiaddr) and never check its dates or names, so the node keeps one
 * certificate for years and its WebRTC-direct multiaddr stays the same across restarts.
 */
import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  sign,
  X509Certificate,
} from 'node:crypto'

/** The shape @libp2p/webrtc's `webRTCDirect({ certificate })` takes. */
export type WebRtcCertificate = {
  /** PKCS#8 PEM private key. */
  privateKey: string
  /** PEM certificate. */
  pem: string
  /** Multibase base64url of the sha2-256 multihash of the DER certificate. */
  certhash: string
}

const OID_ECDSA_WITH_SHA256 = Uint8Array.of(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02)
const OID_COMMON_NAME = Uint8Array.of(0x55, 0x04, 0x03)

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** A DER TLV: definite length, short form below 128 and long form above. */
function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = concat(parts)
  const n = body.length
  let len: number[]
  if (n < 0x80) len = [n]
  else if (n < 0x100) len = [0x81, n]
  else if (n < 0x10000) len = [0x82, n >> 8, n & 0xff]
  else throw new RangeError('DER value too long for a certificate')
  return concat([Uint8Array.of(tag, ...len), body])
}

const seq = (...parts: Uint8Array[]) => der(0x30, ...parts)

/** A positive INTEGER from big-endian bytes (a leading zero keeps the sign bit clear). */
function integer(bytes: Uint8Array): Uint8Array {
  let i = 0
  while (i < bytes.length - 1 && bytes[i] === 0) i++
  const trimmed = bytes.subarray(i)
  return der(0x02, (trimmed[0] ?? 0) & 0x80 ? concat([Uint8Array.of(0), trimmed]) : trimmed)
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 §4.1.2.5). */
function time(date: Date): Uint8Array {
  const iso = date.toISOString() // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
  const year = date.getUTCFullYear()
  return year < 2050
    ? der(0x17, new TextEncoder().encode(digits.slice(2)))
    : der(0x18, new TextEncoder().encode(digits))
}

function name(commonName: string): Uint8Array {
  const cn = seq(der(0x06, OID_COMMON_NAME), der(0x0c, new TextEncoder().encode(commonName)))
  return seq(der(0x31, cn))
}

function pem(label: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64')
  const lines = b64.match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/** `u` + base64url(0x12 0x20 ‖ sha256(der)): multibase of a sha2-256 multihash. */
export function certhashOf(derCert: Uint8Array): string {
  const digest = createHash('sha256').update(derCert).digest()
  return `u${Buffer.concat([Buffer.of(0x12, 0x20), digest]).toString('base64url')}`
}

/** A new key pair and self-signed certificate valid from `now` for `lifetimeMs`. */
export function createWebRtcCertificate(now: number, lifetimeMs: number): WebRtcCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const serial = crypto.getRandomValues(new Uint8Array(16))
  serial[0] = (serial[0]! & 0x7f) | 0x01
  const algorithm = seq(der(0x06, OID_ECDSA_WITH_SHA256))
  const subject = name('supernova webrtc-direct')
  // Whole seconds: DER times carry no fractions.
  const notBefore = new Date(Math.floor(now / 1000) * 1000)
  const notAfter = new Date(Math.floor((now + lifetimeMs) / 1000) * 1000)
  const tbs = seq(
    der(0xa0, integer(Uint8Array.of(2))), // [0] EXPLICIT version v3
    integer(serial),
    algorithm,
    subject,
    seq(time(notBefore), time(notAfter)),
    subject,
    new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
  )
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' })
  const cert = seq(tbs, algorithm, der(0x03, Uint8Array.of(0), new Uint8Array(signature)))
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pem: pem('CERTIFICATE', cert),
    certhash: certhashOf(cert),
  }
}

/**
 * Recomputes the certhash of a stored certificate and checks that it parses, matches its key and
 * is valid for at least `minRemainingMs` after `now`.
 * @returns the certificate with a fresh certhash, or undefined when it must be replaced.
 */
export function checkWebRtcCertificate(
  privateKey: string,
  certPem: string,
  now: number,
  minRemainingMs: number,
): WebRtcCertificate | undefined {
  try {
    const cert = new X509Certificate(certPem)
    if (Date.parse(cert.validTo) < now + minRemainingMs) return undefined
    if (!cert.checkPrivateKey(createPrivateKey(privateKey))) return undefined
    return { privateKey, pem: certPem, certhash: certhashOf(new Uint8Array(cert.raw)) }
  } catch {
    return undefined
  }
}
