/**
 * Whether the vendor is down, remembered across runs (side key `v:health` of the user's state), so a
 * vendor outage costs at most one failed request per run and no run sleeps through it: a run that
 * finds the vendor down records it with a next-try time and ends; runs before that time make no
 * vendor call at all (their changes are queued); the first run after it, and every hourly run, sends
 * one call alone as the probe. When it answers, the same run sends everything queued.
 *
 * A vendor that has been quiet for a while (no answer in PROBE_AFTER_QUIET_MS) may have gone down
 * meanwhile: such a run also sends its first call alone, so even the run that discovers an outage
 * spends one failed request, not a whole batch.
 */
import type { UserState } from '../state/userState';
import { queuedDelayMs } from './backoff';
import type { VendorHealth } from './send';

const HEALTH_KEY = 'v:health';
/** No answer from the vendor for this long: the next run's first call goes alone. */
export const PROBE_AFTER_QUIET_MS = 15 * 60_000;

export interface StoredHealth {
  /** Last time (ms) the vendor answered. */
  okAt?: number;
  /** Set while the vendor is down. */
  down?: {
    since: number;
    /** Runs in a row whose probe failed. */
    failures: number;
    /** Before this time (ms) no run calls the vendor, except the hourly one. */
    nextTryAt: number;
  };
}

export function readHealth(state: UserState): StoredHealth {
  try {
    const parsed = JSON.parse(state.sideValue(HEALTH_KEY) ?? '{}') as StoredHealth;
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

export function writeHealth(state: UserState, health: StoredHealth): void {
  state.setSide(HEALTH_KEY, JSON.stringify(health));
}

/**
 * How a run starts with the vendor. `hourly`: the hourly run probes a vendor recorded down whatever
 * its next-try time, so queued work reaches the vendor within an hour of its recovery.
 */
export function healthAtStart(stored: StoredHealth, now: number, hourly: boolean): VendorHealth {
  const fresh: VendorHealth = { up: false, down: false, failedCalls: 0 };
  if (stored.down) {
    if (now < stored.down.nextTryAt && !hourly) return { ...fresh, down: true, knownDown: true };
    return { ...fresh, probe: true };
  }
  const quiet = stored.okAt === undefined || now - stored.okAt > PROBE_AFTER_QUIET_MS;
  return quiet ? { ...fresh, probe: true } : fresh;
}

/** What the next runs need to know, after this run's calls. */
export function healthAtEnd(stored: StoredHealth, health: VendorHealth, now: number): StoredHealth {
  if (health.up) return { okAt: now };
  if (!health.down || health.failedCalls === 0) return stored; // no call made: nothing learned
  const failures = (stored.down?.failures ?? 0) + 1;
  return {
    ...(stored.okAt !== undefined ? { okAt: stored.okAt } : {}),
    down: {
      since: stored.down?.since ?? now,
      failures,
      nextTryAt: now + queuedDelayMs(failures, health.retryAfterMs),
    },
  };
}
