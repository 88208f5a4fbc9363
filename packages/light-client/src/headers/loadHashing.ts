import { initHashing } from '@supernova/protocol'

/**
 * Loads the protocol's WASM BLAKE3 (`initHashing`): headers are above the pure-JS fast path's
 * input size, so verifying and restoring them is several times faster with it. Never rejects:
 * where WebAssembly cannot load (a Content-Security-Policy without 'wasm-unsafe-eval', an old
 * engine) hashing stays on the pure-JS path — the same hashes, only slower — and this resolves
 * to false.
 * @example
 * if (!(await loadHashing())) logger.warn({}, 'WASM hashing unavailable: verifying with pure JS')
 */
export function loadHashing(): Promise<boolean> {
  return initHashing().then(
    () => true,
    () => false,
  )
}
