import { healthAtEnd, healthAtStart, PROBE_AFTER_QUIET_MS, type StoredHealth } from '../../../src/sync/send';
import { QUEUED_MAX_MS, queuedDelayMs } from '../../../src/vendor/port';

describe('backoff schedule', () => {
  it('doubles across runs from one minute, capped at an hour; a longer Retry-After wins', () => {
    expect([1, 2, 3, 4].map((a) => queuedDelayMs(a))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(queuedDelayMs(50)).toBe(QUEUED_MAX_MS);
    expect(queuedDelayMs(1, 600_000)).toBe(600_000);
  });
});

describe('the vendor down, remembered across runs (no run sleeps through an outage)', () => {
  const T = 1_800_000_000_000;

  it('a run that finds it down records it with a next-try time; runs before that make no call', () => {
    const found = { ...healthAtStart({ okAt: T - 1000 }, T, false), down: true, failedCalls: 1 };
    const stored = healthAtEnd({ okAt: T - 1000 }, found, T);
    expect(stored.down).toEqual({ since: T, failures: 1, nextTryAt: T + 60_000 });
    expect(healthAtStart(stored, T + 30_000, false)).toMatchObject({ down: true });
    // A run that made no call learns nothing: the record stays as it was.
    expect(healthAtEnd(stored, healthAtStart(stored, T + 30_000, false), T + 30_000)).toBe(stored);
  });

  it('after the next-try time, or in the hourly run whatever the time, one call goes alone as the probe', () => {
    const stored: StoredHealth = { down: { since: T, failures: 3, nextTryAt: T + 240_000 } };
    expect(healthAtStart(stored, T + 240_000, false)).toMatchObject({ down: false, probe: true });
    expect(healthAtStart(stored, T + 1000, true)).toMatchObject({ down: false, probe: true });
    const failedAgain = healthAtEnd(stored, { up: false, down: true, failedCalls: 1 }, T + 240_000);
    expect(failedAgain.down).toMatchObject({ since: T, failures: 4, nextTryAt: T + 240_000 + 480_000 });
    const retryAfter = healthAtEnd(
      stored,
      { up: false, down: true, failedCalls: 1, retryAfterMs: 3 * 3600_000 },
      T,
    );
    expect(retryAfter.down?.nextTryAt).toBe(T + 3 * 3600_000);
  });

  it('an answer clears it; a vendor quiet for a while is probed with one call first', () => {
    expect(
      healthAtEnd(
        { down: { since: T, failures: 2, nextTryAt: T } },
        { up: true, down: false, failedCalls: 0 },
        T + 5,
      ),
    ).toEqual({
      okAt: T + 5,
    });
    expect(healthAtStart({ okAt: T }, T + 60_000, false).probe).toBeUndefined();
    expect(healthAtStart({ okAt: T }, T + PROBE_AFTER_QUIET_MS + 1, false).probe).toBe(true);
  });
});
