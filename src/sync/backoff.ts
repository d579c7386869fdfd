import { type CalendarErrorKind, calendarErrorKind } from '../calendar/apiErrors';
import type { Clock } from '../platform/ports';

/**
 * Retry timing. A vendor call is never retried inside a run (a sleep is billed against the user's
 * daily trigger runtime): what fails is queued, and the vendor's health (vendorHealth.ts) decides
 * when the next run may knock again. Across runs (the durable outbox): minutes, doubling, capped at
 * an hour; a queued call is resent by the first run after its time (a calendar change, or the hourly
 * trigger). Retry-After from the vendor always wins when it asks for longer. Deterministic on
 * purpose: the benchmark and the randomized tests replay exactly.
 */
const QUEUED_BASE_MS = 60_000;
export const QUEUED_MAX_MS = 60 * 60_000;
/**
 * Calendar rate limits and backend errors (the errors guide suggests exponential backoff for both):
 * waits of 1, 2 and 4 s inside a run, then the run ends and keeps its place.
 */
const CALENDAR_RATE_LIMIT_WAITS_MS = [1000, 2000, 4000];

/** Wait before the next run retries a queued call that has failed `attempts` times in runs. */
export function queuedDelayMs(attempts: number, retryAfterMs?: number): number {
  const exponential = Math.min(QUEUED_MAX_MS, QUEUED_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}

type CalendarCall<T> = { ok: true; value: T } | { ok: false; kind: CalendarErrorKind; error: unknown };

/** The kinds Google's errors guide answers with "use exponential backoff". */
export function isBackOff(kind: CalendarErrorKind): boolean {
  return kind === 'rate-limited' || kind === 'backend-error';
}

/**
 * One Calendar API call, with exponential backoff on the documented rate-limit errors (403/429
 * usageLimits) and backend errors (500) for a few seconds at most and never past `stopAt`. Never
 * throws: the caller decides by the error's kind.
 */
export function calendarCall<T>(clock: Clock, stopAt: number, call: () => T): CalendarCall<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, value: call() };
    } catch (error) {
      const kind = calendarErrorKind(error);
      const wait = CALENDAR_RATE_LIMIT_WAITS_MS[attempt];
      if (!isBackOff(kind) || wait === undefined || clock.now() + wait > stopAt)
        return { ok: false, kind, error };
      clock.sleep(wait);
    }
  }
}
