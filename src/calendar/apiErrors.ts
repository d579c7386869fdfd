/**
 * Reads the HTTP status out of an error thrown by the Calendar advanced service. Apps Script puts
 * the code in `details.code` in some versions; the message always carries the reason text, so both
 * are checked (never an exact-string comparison of the whole message).
 */
export function calendarErrorStatus(error: unknown): number | undefined {
  const e = error as { details?: { code?: unknown }; message?: unknown } | null;
  const code = e?.details?.code;
  if (typeof code === 'number') return code;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (/sync token is no longer valid|full sync is required|fullSyncRequired/i.test(message)) return 410;
  if (/precondition failed|conditionNotMet/i.test(message)) return 412;
  if (/not found|resource has been deleted/i.test(message)) return 404;
  if (/rate limit exceeded|quota exceeded/i.test(message)) return 403;
  if (/bad request|invalid value|invalid page token/i.test(message)) return 400;
  return undefined;
}

export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 300);
}
