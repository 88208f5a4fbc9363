'use client'
import { Card, Notice } from '@supernova/ui'
import { useState } from 'react'
import { CreateWallet } from './CreateWallet'
import { BUTTON_PRIMARY, BUTTON_SECONDARY } from './Field'
import { ImportWallet } from './ImportWallet'
import { StepHeading } from './StepHeading'
import { useWalletSession } from './WalletSession'

type Mode = 'choose' | 'create' | 'import'

/** No wallet in this browser yet: create a new one or import one from its recovery phrase. */
export function Onboarding() {
  const { storageKind } = useWalletSession()
  const [mode, setMode] = useState<Mode>('choose')
  const [returned, setReturned] = useState(false)
  const back = () => {
    setReturned(true)
    setMode('choose')
  }
  return (
    <Card className="max-w-3xl">
      {storageKind === 'memory' && (
        <Notice tone="warning" title="This browser keeps nothing" className="mb-5">
          It offers no IndexedDB (a private window?), so a wallet made here is lost when the tab
          closes. Keep the recovery phrase to import it again.
        </Notice>
      )}
      {mode === 'create' && <CreateWallet onCancel={back} />}
      {mode === 'import' && <ImportWallet onCancel={back} />}
      {mode === 'choose' && (
        <div className="space-y-5">
          <StepHeading focus={returned}>Set up a wallet in this browser</StepHeading>
          <p className="max-w-prose text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
            Your keys are made and encrypted here, with a password only you know; they never leave
            this browser. Balances and history appear once your browser has verified them against
            the chain.
          </p>
          <div className="flex flex-wrap gap-3">
            <button type="button" className={BUTTON_PRIMARY} onClick={() => setMode('create')}>
              Create a new wallet
            </button>
            <button type="button" className={BUTTON_SECONDARY} onClick={() => setMode('import')}>
              Import a recovery phrase
            </button>
          </div>
        </div>
      )}
    </Card>
  )
}
