/**
 * Errors thrown the way Apps Script's advanced services throw them: an `Error` named
 * `GoogleJsonResponseException` (the name Apps Script logs show for advanced-service errors, e.g.
 * "GoogleJsonResponseException: API call to calendar.events.delete failed with error: Not Found") whose
 * message is `API call to <service>.<resource>.<method> failed with error: <message>` and which carries
 * the Google JSON error body as `details` (`{code, message, errors: [{domain, reason, message}]}`).
 * ASSUMPTION: Google documents neither the name nor the message format; both are taken from public
 * logs. Whether real Apps Script always exposes `details.code` is UNCONFIRMED (see FACTS.md): code under
 * test should match the message substring, or the code when present.
 */
export interface ApiErrorItem {
  domain: string;
  reason: string;
  message: string;
}

export interface ApiErrorDetails {
  code: number;
  message: string;
  errors: ApiErrorItem[];
}

/** The error name Apps Script gives advanced-service errors (public logs; ASSUMPTION, undocumented). */
export const ADVANCED_SERVICE_ERROR_NAME = 'GoogleJsonResponseException';

export class ApiCallError extends Error {
  readonly details: ApiErrorDetails;

  constructor(api: string, details: ApiErrorDetails) {
    super(`API call to ${api} failed with error: ${details.message}`);
    this.name = ADVANCED_SERVICE_ERROR_NAME;
    this.details = details;
  }
}

/**
 * Builds the error for `api` (e.g. `calendar.events.list`).
 * `domain` defaults to `global`; Google uses `usageLimits` for rate limits.
 */
export function apiError(
  api: string,
  code: number,
  reason: string,
  message: string,
  domain = 'global',
): ApiCallError {
  return new ApiCallError(api, { code, message, errors: [{ domain, reason, message }] });
}

/**
 * The usage-limit errors of the Calendar API errors guide (guides/errors) and quota guide (guides/quota):
 * domain `usageLimits`, HTTP 403 or 429.
 */
export type UsageLimitReason = 'rateLimitExceeded' | 'userRateLimitExceeded' | 'quotaExceeded';

const USAGE_LIMIT_MESSAGES: Record<UsageLimitReason, string> = {
  rateLimitExceeded: 'Rate Limit Exceeded',
  userRateLimitExceeded: 'User Rate Limit Exceeded',
  quotaExceeded: 'Calendar usage limits exceeded.',
};

/**
 * Errors of the errors guide beyond usage limits that a fault can inject: 500 `backendError`
 * ("Backend Error"; suggested action: exponential backoff) and 401 `authError` ("Invalid Credentials"),
 * both with domain `global`.
 */
export type ServerFaultReason = 'backendError' | 'authError';

/** Common Calendar API errors, by the messages Google returns (errors guide). */
export const CalendarErrors = {
  notFound: (api: string) => apiError(api, 404, 'notFound', 'Not Found'),
  // Errors guide, 410 Gone: `{"domain": "global", "reason": "deleted", "message": "Resource has been deleted"}`.
  deleted: (api: string) => apiError(api, 410, 'deleted', 'Resource has been deleted'),
  backendError: (api: string) => apiError(api, 500, 'backendError', 'Backend Error'),
  authError: (api: string) => apiError(api, 401, 'authError', 'Invalid Credentials'),
  fullSyncRequired: (api: string) =>
    apiError(
      api,
      410,
      'fullSyncRequired',
      'Sync token is no longer valid, a full sync is required.',
      'calendar',
    ),
  usageLimit: (api: string, code: 403 | 429, reason: UsageLimitReason) =>
    apiError(api, code, reason, USAGE_LIMIT_MESSAGES[reason], 'usageLimits'),
  conditionNotMet: (api: string) => apiError(api, 412, 'conditionNotMet', 'Precondition Failed'),
  invalid: (api: string, message = 'Invalid Value') => apiError(api, 400, 'invalid', message),
  badRequest: (api: string, message = 'Bad Request') => apiError(api, 400, 'badRequest', message),
  required: (api: string, message = 'Required') => apiError(api, 400, 'required', message),
  duplicate: (api: string) => apiError(api, 409, 'duplicate', 'The requested identifier already exists.'),
  rateLimitExceeded: (api: string) =>
    apiError(api, 403, 'rateLimitExceeded', 'Rate Limit Exceeded', 'usageLimits'),
};

/**
 * The same error as a plain Error carrying only its message (no `details`): Google's advanced-service
 * sample matches errors on `e.message` alone, and whether Apps Script exposes more is UNCONFIRMED.
 */
export function messageOnly(err: ApiCallError): Error {
  const plain = new Error(err.message);
  plain.name = ADVANCED_SERVICE_ERROR_NAME;
  return plain;
}

/** The HTTP-like code of an error thrown by an emulated advanced service, if it has one. */
export function apiErrorCode(err: unknown): number | undefined {
  const details = (err as { details?: { code?: unknown } } | null)?.details;
  return typeof details?.code === 'number' ? details.code : undefined;
}
