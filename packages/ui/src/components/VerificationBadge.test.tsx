import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import {
  VERIFICATION_LABELS,
  VerificationBadge,
  type VerificationStatus,
} from './VerificationBadge'

const STATUSES: VerificationStatus[] = ['verified', 'final', 'unverified', 'pending']

describe('VerificationBadge', () => {
  it.each(STATUSES)(
    'renders visible text, an explanation for screen readers and an icon: %s',
    (status) => {
      const html = renderToStaticMarkup(<VerificationBadge status={status} />)
      const { text, description } = VERIFICATION_LABELS[status]
      expect(html).toContain(`>${text}</span>`)
      expect(html).toContain(`<span class="sr-only">${description}</span>`)
      expect(html).toContain(`title="${description}"`)
      expect(html).toMatch(/<svg[^>]*aria-hidden="true"/)
      expect(html).toContain(`data-status="${status}"`)
    },
  )

  it('gives every status a distinct text and description', () => {
    const texts = new Set(STATUSES.map((s) => VERIFICATION_LABELS[s].text))
    const descriptions = new Set(STATUSES.map((s) => VERIFICATION_LABELS[s].description))
    expect(texts.size).toBe(4)
    expect(descriptions.size).toBe(4)
  })

  it('warns clearly when data is unverified, in words and in warning colours', () => {
    const html = renderToStaticMarkup(<VerificationBadge status="unverified" />)
    expect(VERIFICATION_LABELS.unverified.description).toMatch(
      /^Warning: not verified by your browser/,
    )
    expect(html).toContain('Do not rely on this value')
    expect(html).toContain('bg-amber-50')
  })

  it('says "verified in your browser" only for checked data', () => {
    expect(VERIFICATION_LABELS.verified.description).toMatch(/in your browser/)
    expect(VERIFICATION_LABELS.final.description).toMatch(
      /finality certificate your browser checked/,
    )
    expect(VERIFICATION_LABELS.pending.description).not.toMatch(/verified in/i)
  })
})
