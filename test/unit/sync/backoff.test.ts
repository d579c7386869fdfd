import { inlineDelayMs, QUEUED_MAX_MS, queuedDelayMs } from '../../../src/sync/backoff';

describe('backoff schedule', () => {
  it('doubles inside a run and honours a longer Retry-After', () => {
    expect([1, 2, 3].map((a) => inlineDelayMs(a))).toEqual([1000, 2000, 4000]);
    expect(inlineDelayMs(1, 5000)).toBe(5000);
  });

  it('doubles across runs from one minute, capped at an hour', () => {
    expect([1, 2, 3, 4].map((a) => queuedDelayMs(a))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(queuedDelayMs(50)).toBe(QUEUED_MAX_MS);
    expect(queuedDelayMs(1, 600_000)).toBe(600_000);
  });
});
