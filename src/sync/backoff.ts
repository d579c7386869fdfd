/**
 * Retry timing. Inside a run: short exponential waits so a blip does not cost a queued retry.
 * Across runs (the durable outbox): minutes, doubling, capped at an hour. Retry-After from the
 * vendor always wins when it asks for longer. Deterministic on purpose: the benchmark and the
 * randomized tests replay exactly.
 */
export const INLINE_ATTEMPTS = 3;
export const INLINE_BASE_MS = 1000;
/** A Retry-After longer than this is not slept on inside a run: the entry is queued instead. */
export const INLINE_MAX_WAIT_MS = 10_000;
export const QUEUED_BASE_MS = 60_000;
export const QUEUED_MAX_MS = 60 * 60_000;

/** Wait before inline attempt `attempt + 1` (attempt counts from 1). */
export function inlineDelayMs(attempt: number, retryAfterMs?: number): number {
  const exponential = INLINE_BASE_MS * 2 ** Math.max(0, attempt - 1);
  return Math.max(exponential, retryAfterMs ?? 0);
}

/** Wait before the next run retries a queued call that has failed `attempts` times in runs. */
export function queuedDelayMs(attempts: number, retryAfterMs?: number): number {
  const exponential = Math.min(QUEUED_MAX_MS, QUEUED_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}
