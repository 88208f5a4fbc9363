import { Card, cx, FOCUS_RING, VerificationBadge, type VerificationStatus } from '@supernova/ui'
import { LightClientStatus } from '@supernova/ui/chain'

const PARTS = [
  {
    name: 'Wallet',
    href: '/wallet',
    text: 'Hold and send NOVA. Keys are created and encrypted in your browser; balances are shown only once your browser has proved them against the chain.',
  },
  {
    name: 'Explorer',
    href: '/explorer',
    text: 'Browse blocks, transactions and addresses. Each item says whether your browser verified it, and how.',
  },
  {
    name: 'Dashboard',
    href: '/dashboard',
    text: "The network's power, energy and emissions, estimated from verified difficulty with lower, best and upper bounds.",
  },
] as const

const CHECKS = [
  {
    title: 'Proof of work',
    text: 'Every block header is checked against the difficulty rules: its hash, its target and its timestamp.',
  },
  {
    title: 'Finality',
    text: 'Checkpoints count as final only with signatures from validators holding more than two thirds of the bonded stake.',
  },
  {
    title: 'Proofs',
    text: 'Transactions and balances come with Merkle proofs against the roots in a verified header.',
  },
] as const

const STATUSES: VerificationStatus[] = ['final', 'verified', 'pending', 'unverified']

export default function HomePage() {
  return (
    <div className="space-y-14">
      <section aria-labelledby="intro-title" className="max-w-3xl">
        <p className="text-sm font-semibold uppercase tracking-wide text-indigo-700 dark:text-indigo-300">
          A browser-first blockchain
        </p>
        <h1 id="intro-title" className="mt-3 text-4xl font-semibold tracking-tight sm:text-5xl">
          Every number on screen, verified in your browser.
        </h1>
        <p className="mt-5 text-lg leading-relaxed text-zinc-700 dark:text-zinc-300">
          SuperNova is a proof-of-work blockchain with fast BFT finality. Its pages do not ask you
          to trust a server: a light client running in this tab checks proof of work, finality
          signatures and Merkle proofs before anything is displayed.
        </p>
      </section>

      <LightClientStatus />

      <section aria-labelledby="parts-title">
        <h2 id="parts-title" className="text-xl font-semibold tracking-tight">
          Three parts, one site
        </h2>
        <ul className="mt-5 grid gap-4 sm:grid-cols-3">
          {PARTS.map((part) => (
            <li key={part.name}>
              <a
                href={part.href}
                className={cx(
                  'group block h-full rounded-xl border border-zinc-200 bg-white p-5 shadow-sm transition-colors hover:border-indigo-400 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-500',
                  FOCUS_RING,
                )}
              >
                <span className="flex items-center justify-between font-semibold text-zinc-900 dark:text-zinc-50">
                  {part.name}
                  <span
                    aria-hidden="true"
                    className="text-zinc-400 transition-transform group-hover:translate-x-0.5 dark:text-zinc-500"
                  >
                    →
                  </span>
                </span>
                <span className="mt-2 block text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
                  {part.text}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="checks-title">
        <h2 id="checks-title" className="text-xl font-semibold tracking-tight">
          What your browser checks
        </h2>
        <ol className="mt-5 grid gap-4 sm:grid-cols-3">
          {CHECKS.map((check, index) => (
            <li
              key={check.title}
              className="rounded-xl border border-zinc-200 p-5 dark:border-zinc-800"
            >
              <span className="font-mono text-sm text-indigo-700 dark:text-indigo-300">
                0{index + 1}
              </span>
              <h3 className="mt-1 font-semibold">{check.title}</h3>
              <p className="mt-2 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
                {check.text}
              </p>
            </li>
          ))}
        </ol>
        <div className="mt-6">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Each value on the site carries one of these marks:
          </p>
          <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-3">
            {STATUSES.map((status) => (
              <li key={status}>
                <VerificationBadge status={status} />
              </li>
            ))}
          </ul>
        </div>
      </section>

      <Card
        id="wallet"
        title="Wallet"
        description="Send and receive NOVA from this site, with keys that never leave your browser."
      >
        <p className="max-w-prose text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
          Create a wallet or import one from its recovery phrase. Keys are generated and encrypted
          here, under your password; balances and history appear once your browser has verified them
          against the chain.
        </p>
        <a
          href="/wallet"
          className={cx(
            'mt-4 inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700',
            FOCUS_RING,
          )}
        >
          Open the wallet
          <span aria-hidden="true">→</span>
        </a>
      </Card>
    </div>
  )
}
