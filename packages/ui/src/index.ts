export { Card, type CardProps } from './components/Card'
export { cx, FOCUS_RING } from './components/cx'
export { DataTable, type DataTableColumn, type DataTableProps } from './components/DataTable'
export { EmptyState, type EmptyStateProps } from './components/EmptyState'
export { HashText, type HashTextProps } from './components/HashText'
export { Loading, type LoadingProps } from './components/Loading'
export { Notice, type NoticeProps, type NoticeTone } from './components/Notice'
export { SiteDocument, type SiteDocumentProps } from './components/SiteDocument'
export { SiteFooter } from './components/SiteFooter'
export {
  SITE_NAV,
  SiteHeader,
  type SiteHeaderProps,
  type SiteSection,
} from './components/SiteHeader'
export { Stat, StatList, type StatProps } from './components/Stat'
export { ThemeScript } from './components/ThemeScript'
export { ThemeToggle } from './components/ThemeToggle'
export {
  VERIFICATION_LABELS,
  VerificationBadge,
  type VerificationBadgeProps,
  type VerificationStatus,
} from './components/VerificationBadge'
export { FormatError, type FormatErrorCode } from './errors'
export {
  type FormatAmountOptions,
  formatAmount,
  MAX_AMOUNT_UNITS,
  NOVA_DECIMALS,
  type ParseAmountOptions,
  parseAmount,
} from './format/amount'
export { shortHash } from './format/hash'
export { formatDuration, formatRelativeTime } from './format/time'
export { formatBytes, formatHashrate } from './format/units'
export {
  applyTheme,
  isThemePreference,
  type ResolvedTheme,
  resolveTheme,
  THEME_INIT_SCRIPT,
  THEME_STORAGE_KEY,
  type ThemePreference,
} from './theme'
