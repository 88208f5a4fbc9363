/** A Web Lock this tab holds for as long as it lives: its release tells the worker the tab is gone. */
export type TabLock = {
  /** Resolves with the lock's name once it is held; with undefined without Web Locks or if taking it failed. */
  held: Promise<string | undefined>
  release(): void
}

/**
 * Takes a fresh, randomly named exclusive lock and keeps it until `release()` or the tab's end —
 * the browser releases a closed tab's locks, which grants the worker's request for the same name.
 */
export function holdTabLock(locks: Pick<LockManager, 'request'> | null | undefined): TabLock {
  if (locks == null) return { held: Promise.resolve(undefined), release: () => {} }
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  let name = 'supernova-light-client-tab-'
  for (const b of bytes) name += b.toString(16).padStart(2, '0')
  let release: () => void = () => {}
  let acquired: (name: string | undefined) => void = () => {}
  const held = new Promise<string | undefined>((resolve) => {
    acquired = resolve
  })
  const kept = new Promise<void>((resolve) => {
    release = resolve
  })
  locks
    .request(name, () => {
      acquired(name)
      return kept
    })
    // Without the lock the worker still has the port's close event and the idle timeout.
    .catch(() => acquired(undefined))
  return { held, release: () => release() }
}
