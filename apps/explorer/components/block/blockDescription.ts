/**
 * The line under every state of the block page (loading, syncing, the block, not found). It is
 * server-rendered with the heading, so the page's largest text is painted at once and stays put
 * while the browser verifies the block (Largest Contentful Paint does not wait for the data).
 */
export const BLOCK_DESCRIPTION =
  'The block’s header fields, its transactions and its work. Your browser checks the header against the chain it verified from genesis, then recomputes the transactions root and the address filter from the transactions before showing them.'
