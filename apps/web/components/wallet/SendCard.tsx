'use client'
import {
  CoinSelectionError,
  type PreparedPayment,
  preparePayment,
  sendPayment,
  type Wallet,
} from '@supernova/light-client'
import { useLightClient } from '@supernova/light-client/react'
import { getChainParams } from '@supernova/protocol'
import { Card } from '@supernova/ui'
import { useState } from 'react'
import { checkRecipient, findMaxAmount, type MaxAttempt } from '../../lib/sendForm'
import { explainError, isWrongPassword, retryChainRace } from '../../lib/walletErrors'
import { PaymentProgress } from './PaymentProgress'
import { isUnsettled, type TrackedPayment, usePayments } from './Payments'
import { SendForm, type SendValues } from './SendForm'
import { SendReview } from './SendReview'
import { type FeeOption, useFeeChoices } from './useFeeChoices'
import { useWalletSession } from './WalletSession'

type Stage =
  | { step: 'form' }
  | { step: 'review'; prepared: PreparedPayment; fee: FeeOption; recipient: string }
  | { step: 'sent'; txid: string }

const EMPTY: SendValues = { recipient: '', amountText: '', feeId: 'normal', max: false }

/**
 * Send: the form (checked as typed), a review of the exact transaction built from verified coins,
 * signing in the browser and broadcast, then the payment followed on the verified chain.
 */
export function SendCard({
  wallet,
  spendable,
  outstanding,
}: {
  wallet: Wallet
  spendable: bigint | undefined
  /** Payments the verified balance does not reflect yet (their coins are still counted in it). */
  outstanding: readonly TrackedPayment[]
}) {
  const { network, unlock, refresh } = useWalletSession()
  const client = useLightClient()
  const { payments, track } = usePayments()
  const fees = useFeeChoices()
  const [values, setValues] = useState<SendValues>(EMPTY)
  const [stage, setStage] = useState<Stage>({ step: 'form' })
  const [busy, setBusy] = useState<'review' | 'max' | 'catching-up' | 'send'>()
  const [formFailure, setFormFailure] = useState<string>()
  const [sendFailure, setSendFailure] = useState<{ message: string; passwordWrong: boolean }>()

  // Coins of payments not yet reflected in the verified balance are still counted in it; those
  // not yet in a verified block are still in the UTXO set too: keep them out of new payments.
  const unsettled = payments.filter(isUnsettled)
  const held = outstanding.reduce((s, p) => s + p.held, 0n)
  const available = spendable === undefined ? undefined : spendable > held ? spendable - held : 0n

  // A node may answer at a head the light client has not verified yet (blocks come every second
  // on devnet): asked again once the light client has a new head.
  const prepare = (address: string, amount: bigint, feeRate: bigint) =>
    retryChainRace(
      () =>
        preparePayment({
          client,
          wallet,
          outputs: [{ address, amount }],
          feeRate,
          excludeOutpoints: unsettled.flatMap((p) => p.spent),
        }),
      { attempts: 6, delayMs: 5_000, sleep: nextHead, onRetry: () => setBusy('catching-up') },
    )

  /** Resolves at the light client's next verified head, or after `ms`. */
  const nextHead = (ms: number) =>
    new Promise<void>((resolve) => {
      let off: (() => void) | undefined
      let settled = false
      const done = () => {
        settled = true
        clearTimeout(timer)
        off?.()
        resolve()
      }
      const timer = setTimeout(done, ms)
      off = client.watchHeads({ onHead: done })
      if (settled) off()
    })

  const tryMax = async (
    address: string,
    amount: bigint,
    feeRate: bigint,
  ): Promise<MaxAttempt<PreparedPayment>> => {
    try {
      return { prepared: await prepare(address, amount, feeRate) }
    } catch (e) {
      if (e instanceof CoinSelectionError && e.code === 'INSUFFICIENT_FUNDS')
        return { available: e.details.available as bigint, needed: e.details.needed as bigint }
      throw e
    }
  }

  const review = async (fee: FeeOption, amount: bigint | 'max') => {
    const recipient = checkRecipient(values.recipient, network)
    if (!recipient.ok) return
    setBusy(amount === 'max' ? 'max' : 'review')
    setFormFailure(undefined)
    try {
      const address = recipient.value.address
      const prepared =
        amount === 'max'
          ? (await findMaxAmount(available ?? 0n, (a) => tryMax(address, a, fee.feeRate))).prepared
          : await prepare(address, amount, fee.feeRate)
      setSendFailure(undefined)
      setStage({ step: 'review', prepared, fee, recipient: address })
    } catch (e) {
      setFormFailure(
        e instanceof RangeError ? 'Nothing is left to send once the fee is paid.' : explainError(e),
      )
    } finally {
      setBusy(undefined)
    }
  }

  const send = async (password: string | undefined) => {
    if (stage.step !== 'review') return
    setBusy('send')
    setSendFailure(undefined)
    try {
      if (wallet.isLocked()) await unlock(password ?? '')
      const sent = await sendPayment({ client, wallet, prepared: stage.prepared })
      track(sent, stage.prepared, stage.recipient)
      // sendPayment marked the change address used: watch the next one too.
      refresh()
      setStage({ step: 'sent', txid: sent.tracked.txid })
      setValues(EMPTY)
    } catch (e) {
      setSendFailure({ message: explainError(e), passwordWrong: isWrongPassword(e) })
    } finally {
      setBusy(undefined)
    }
  }

  const sent = stage.step === 'sent' ? payments.find((p) => p.txid === stage.txid) : undefined
  return (
    <Card
      title="Send"
      description="Pay a NOVA address. You review the exact transaction before it is signed."
    >
      {stage.step === 'form' && (
        <SendForm
          network={network}
          values={values}
          onChange={setValues}
          spendable={available}
          dust={getChainParams(network).dustThreshold}
          fees={{
            data: fees.data,
            error: fees.error,
            isFetching: fees.isFetching,
            refetch: () => void fees.refetch(),
          }}
          busy={busy === 'send' ? undefined : busy}
          failure={formFailure}
          onReview={review}
        />
      )}
      {stage.step === 'review' && (
        <SendReview
          prepared={stage.prepared}
          fee={stage.fee}
          locked={wallet.isLocked()}
          busy={busy === 'send'}
          failure={sendFailure}
          onSend={send}
          onBack={() => setStage({ step: 'form' })}
        />
      )}
      {sent && <PaymentProgress payment={sent} onDone={() => setStage({ step: 'form' })} />}
    </Card>
  )
}
