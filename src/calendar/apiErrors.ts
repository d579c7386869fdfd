/**
 * Every decoding of an error thrown by the Calendar advanced service happens here, into a
 * `CalendarErrorKind` the rest of the add-on branches on. Google's "Handle API errors" guide
 * (developers.google.com/workspace/calendar/api/guides/errors) documents:
 * - 403 / 429, domain `usageLimits`, reasons `rateLimitExceeded` ("Rate Limit Exceeded"),
 *   `userRateLimitExceeded` ("User Rate Limit Exceeded") and `quotaExceeded` ("Calendar usage limits
 *   exceeded.") -> back off exponentially and try again later;
 * - 404 `notFound` ("Not Found") -> the calendar or event is gone *or the user can no longer see it*;
 * - 410 `fullSyncRequired` ("Sync token is no longer valid, a full sync is required.", domain
 *   `calendar`) -> forget the token and run a full sync;
 * - 410 `deleted` ("Resource has been deleted", domain `global`): the event is already deleted -> not-found;
 * - 412 `conditionNotMet` ("Precondition Failed") -> someone changed the event since we read it;
 * - 500 `backendError` ("Backend Error"; suggested action: "Use exponential backoff") -> back off like a
 *   rate limit: the run ends quietly and keeps its place.
 * Apps Script may put the HTTP code in `details.code` (undocumented) and always puts a message:
 * Google's own advanced-service sample matches on the message alone, so both are read, and the
 * message is matched on documented substrings, never compared whole.
 */
export type CalendarErrorKind =
  | 'rate-limited'
  | 'backend-error'
  | 'not-found'
  | 'sync-token-expired'
  | 'precondition-failed'
  | 'bad-request'
  | 'forbidden'
  | 'unknown';

const BY_MESSAGE: Array<[RegExp, CalendarErrorKind]> = [
  [/sync token is no longer valid|full sync is required|fullSyncRequired/i, 'sync-token-expired'],
  [
    /rate limit exceeded|rateLimitExceeded|usage limits exceeded|quota exceeded|quotaExceeded/i,
    'rate-limited',
  ],
  [/precondition failed|conditionNotMet/i, 'precondition-failed'],
  [/backend error|backendError/i, 'backend-error'],
  [/not found|notFound|resource has been deleted/i, 'not-found'],
  [/bad request|invalid value|invalid page token|invalid sync token/i, 'bad-request'],
  [/forbidden/i, 'forbidden'],
];

function kindOfCode(code: number, message: string): CalendarErrorKind | undefined {
  // 410 is also "Resource has been deleted" (reason `deleted`): that event is gone, not the token.
  if (code === 410)
    return /resource has been deleted|\bdeleted\b/i.test(message) ? 'not-found' : 'sync-token-expired';
  if (code === 500) return 'backend-error';
  if (code === 429) return 'rate-limited';
  if (code === 404) return 'not-found';
  if (code === 412) return 'precondition-failed';
  if (code === 400) return 'bad-request';
  // A 403 is a rate limit only when it says so (usageLimits); otherwise access was refused.
  if (code === 403) return BY_MESSAGE[1]![0].test(message) ? 'rate-limited' : 'forbidden';
  return undefined;
}

export function calendarErrorKind(error: unknown): CalendarErrorKind {
  const e = error as {
    details?: { code?: unknown; errors?: Array<{ reason?: unknown }> };
    message?: unknown;
  };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const reasons = (Array.isArray(e?.details?.errors) ? e.details.errors : [])
    .map((x) => (typeof x?.reason === 'string' ? x.reason : ''))
    .join(' ');
  const code = e?.details?.code;
  if (typeof code === 'number') {
    const kind = kindOfCode(code, `${message} ${reasons}`);
    if (kind) return kind;
  }
  for (const [pattern, kind] of BY_MESSAGE) if (pattern.test(message) || pattern.test(reasons)) return kind;
  return 'unknown';
}

export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 300);
}
