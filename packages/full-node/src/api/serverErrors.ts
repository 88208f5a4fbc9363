import { BaseError } from '@supernova/protocol'

export type ApiServerErrorCode =
  | 'INVALID_OPTIONS'
  | 'COOKIE_WRITE_FAILED'
  | 'COOKIE_MODE'
  | 'LISTEN_FAILED'
  | 'ALREADY_STARTED'

/** The API server could not be configured or started (not a request error). */
export class ApiServerError extends BaseError<ApiServerErrorCode> {
  override name = 'ApiServerError'
}
