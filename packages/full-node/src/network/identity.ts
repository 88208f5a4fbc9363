import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import type { Logger } from 'pino'
import {
  checkWebRtcCertificate,
  createWebRtcCertificate,
  type WebRtcCertificate,
} from './certificate.js'

/** Where the node keeps its network identity, under the data directory. */
export const P2P_DIR = 'p2p'
/** The libp2p private key (protobuf), mode 0600. */
export const PEER_KEY_FILE = 'peer.key'
/** The WebRTC-direct key and certificate (two PEM blocks), mode 0600. */
export const WEBRTC_CERT_FILE = 'webrtc-direct.pem'
/** Certificates are made for ten years: browsers pin the hash, not the dates. */
export const WEBRTC_CERT_LIFETIME_MS = 10 * 365 * 86_400_000
/** A stored certificate closer than this to expiry is replaced (and the certhash changes). */
export const WEBRTC_CERT_MIN_REMAINING_MS = 30 * 86_400_000

export type NodeIdentity = { privateKey: PrivateKey; certificate: WebRtcCertificate }

/**
 * Loads the node's peer key and WebRTC-direct certificate from `<dataDir>/p2p/`, creating (and
 * persisting, mode 0600) whichever is missing, so the peer id and every multiaddr, certhash
 * included, survive restarts. A stored file with looser permissions is tightened.
 *
 * @throws on an unreadable or corrupt peer key (a new identity is never silently made over it).
 */
export async function openNodeIdentity(
  dataDir: string,
  logger: Logger,
  now: number = Date.now(),
): Promise<NodeIdentity> {
  const dir = join(dataDir, P2P_DIR)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  return {
    privateKey: await openPeerKey(join(dir, PEER_KEY_FILE), logger),
    certificate: await openCertificate(join(dir, WEBRTC_CERT_FILE), logger, now),
  }
}

async function openPeerKey(path: string, logger: Logger): Promise<PrivateKey> {
  const stored = await readPrivateFile(path, logger)
  if (stored !== undefined) return privateKeyFromProtobuf(new Uint8Array(stored))
  const key = await generateKeyPair('Ed25519')
  await writePrivateFile(path, privateKeyToProtobuf(key))
  logger.info({ path }, 'created a new peer key')
  return key
}

async function openCertificate(
  path: string,
  logger: Logger,
  now: number,
): Promise<WebRtcCertificate> {
  const stored = await readPrivateFile(path, logger)
  if (stored !== undefined) {
    const text = stored.toString('utf8')
    const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/.exec(text)?.[0]
    const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(text)?.[0]
    const checked =
      key !== undefined && cert !== undefined
        ? checkWebRtcCertificate(key, cert, now, WEBRTC_CERT_MIN_REMAINING_MS)
        : undefined
    if (checked !== undefined) return checked
    logger.warn(
      { path },
      'WebRTC-direct certificate unusable or expiring; making a new one (the certhash changes)',
    )
  }
  const created = createWebRtcCertificate(now, WEBRTC_CERT_LIFETIME_MS)
  await writePrivateFile(
    path,
    new TextEncoder().encode(`${created.privateKey.trimEnd()}\n${created.pem}`),
  )
  logger.info({ path, certhash: created.certhash }, 'created a WebRTC-direct certificate')
  return created
}

/** The file's bytes, or undefined if it does not exist. Tightens its mode to 0600. */
async function readPrivateFile(path: string, logger: Logger): Promise<Buffer | undefined> {
  let mode: number
  try {
    mode = (await stat(path)).mode
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  if ((mode & 0o077) !== 0) {
    logger.warn(
      { path, mode: (mode & 0o777).toString(8) },
      'key file readable by others; setting mode 0600',
    )
    await chmod(path, 0o600)
  }
  return readFile(path)
}

/** Writes through a temporary file and a rename, so a crash never leaves half a key. */
async function writePrivateFile(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp`
  await writeFile(tmp, bytes, { mode: 0o600 })
  await chmod(tmp, 0o600)
  await rename(tmp, path)
}
