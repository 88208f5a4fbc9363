/** What `/api/bootstrap` answers: the node's network and its browser-dialable multiaddrs. */
export type Bootstrap = { network: string; peerId: string | null; bootstrap: string[] }

/**
 * Fetches the site's bootstrap list.
 * @throws {Error} with a sentence a status panel can show: the site's server or the node is down,
 *   or the answer has no address a browser can dial.
 */
export async function fetchSiteBootstrap(url: string, signal?: AbortSignal): Promise<Bootstrap> {
  let res: Response
  try {
    res = await fetch(url, { cache: 'no-store', ...(signal ? { signal } : {}) })
  } catch (e) {
    if (signal?.aborted) throw e
    throw new Error('the site’s server does not answer')
  }
  const body = (await res.json().catch(() => undefined)) as
    | (Partial<Bootstrap> & { message?: string })
    | undefined
  if (!res.ok)
    throw new Error(
      res.status === 503
        ? 'the full node does not answer; retrying'
        : `the bootstrap list failed (${res.status}${body?.message ? `: ${body.message}` : ''})`,
    )
  if (
    typeof body?.network !== 'string' ||
    !Array.isArray(body.bootstrap) ||
    !body.bootstrap.every((a) => typeof a === 'string')
  )
    throw new Error('the bootstrap list is malformed')
  if (body.bootstrap.length === 0) throw new Error('the node offers no address a browser can dial')
  return { network: body.network, peerId: body.peerId ?? null, bootstrap: body.bootstrap }
}
