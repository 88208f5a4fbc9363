export { Card, type CardProps } from './components/Card.js'
export { cx, FOCUS_RING } from './components/cx.js'
export { DataTable, type DataTableColumn, type DataTableProps } from './components/DataTable.js'
export { EmptyState, type EmptyStateProps } from './components/EmptyState.js'
export { HashText, type HashTextProps } from './components/HashText.js'
export { Notice, type NoticeProps, type NoticeTone } from './components/Notice.js'
export { SiteFooter } from './components/SiteFooter.js'
export {
  SITE_NAV,
  SiteHeader,
  type SiteHeaderProps,
  type SiteSection,
} from './components/SiteHeader.js'
export { Stat, StatList, type StatProps } from './components/Stat.js'
export { ThemeScript } from './components/ThemeScript.js'
export { ThemeToggle } from './components/ThemeToggle.js'
export {
  VERIFICATION_LABELS,
  VerificationBadge,
  type VerificationBadgeProps,
  type VerificationStatus,
} from './components/VerificationBadge.js'
export { FormatError, type FormatErrorCode } from './errors.js'
export {
  type FormatAmountOptions,
  formatAmount,
  MAX_AMOUNT_UNITS,
  NOVA_DECIMALS,
  type ParseAmountOptions,
  parseAmount,
} from './format/amount.js'
export { shortHash } from './format/hash.js'
export { formatDuration, formatRelativeTime } from './format/time.js'
export { formatBytes, formatHashrate } from './format/units.js'
export {
  applyTheme,
  isThemePreference,
  type ResolvedTheme,
  resolveTheme,
  THEME_INIT_SCRIPT,
  THEME_STORAGE_KEY,
  type ThemePreference,
} from './theme.js'
