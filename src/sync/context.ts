import { type CalendarErrorKind, calendarErrorKind } from '../calendar/apiErrors';
import type { CalendarListEntry } from '../calendar/types';
import type { CalendarApi, Services } from '../platform/ports';
import type { CalendarState, UserState } from '../state/userState';
import type { VendorPort } from '../vendor/port';

/** What one sync execution holds for all its steps (a step gets its calendar as an argument). */
export interface Run {
  readonly services: Services;
  readonly state: UserState;
  readonly vendor: VendorPort;
  readonly health: VendorHealth;
  /** No new work starts after this time (epoch ms): the final save and log must still fit. */
  readonly stopAt: number;
  readonly calendars: CalendarDirectory;
  /** Puts what the run learnt about the vendor's health into the state; called before each save. */
  readonly recordHealth?: () => void;
  /** Conferences queued when the run began: sent again as soon as the vendor answers in this run. */
  readonly queuedAtStart?: ReadonlySet<string>;
}

/** A calendar a move can land in, and a copy can be made in: the user can write to it. */
const EDITABLE_ROLES = new Set(['owner', 'writer']);
const isEditable = (e: CalendarListEntry) => !!e.id && !e.deleted && EDITABLE_ROLES.has(e.accessRole ?? '');

/** A Calendar read's answer, or the kind of error that stopped it. */
export type Listed<T> = { ok: true; value: T } | { ok: false; kind: CalendarErrorKind };

/** The user's calendars as Calendar lists them (once per run), and what the run learnt about them. */
export class CalendarDirectory {
  private editableIds: string[] | undefined;
  /** Calendars probed in this run after an Events.get answered 404: can we still read them? */
  readonly reachable = new Map<string, boolean>();
  /** Calendars the run started watching (a trigger each is asked for before the run ends). */
  readonly newlyWatched = new Set<string>();
  /** Calendars listed up to now in this run (incremental to the end, or a full sync). */
  readonly listedToNow = new Set<string>();
  /** An event of ours was cancelled: every calendar the user can edit is listed before the run ends. */
  observeAll = false;

  constructor(
    readonly services: Services,
    private readonly state: UserState,
    readonly stopAt: number,
  ) {}

  /** Every calendar the user can edit, watched or not (CalendarList.list, once per run). */
  editable(): Listed<string[]> {
    if (!this.editableIds) {
      const listed = calendarCall(this, (calendar) => calendar.calendars());
      if (!listed.ok) return listed;
      this.editableIds = listed.value.filter(isEditable).map((e) => e.id as string);
    }
    return { ok: true, value: this.editableIds };
  }

  /** Starts watching a calendar (stored with no token: its first listing is a full sync). */
  watch(calendarId: string): CalendarState {
    const cal = this.state.getOrAddCalendar(calendarId);
    if (!cal.meta.token && !cal.meta.checkpoint) this.newlyWatched.add(calendarId);
    return cal;
  }
}

/** Inside a run, then it ends and keeps its place. */
const CALENDAR_RATE_LIMIT_WAITS_MS = [1000, 2000, 4000];

/** Rate limits and backend errors: Google's errors guide answers both with "use exponential backoff". */
export function isBackOff(kind: CalendarErrorKind): boolean {
  return kind === 'rate-limited' || kind === 'backend-error';
}

/** One Calendar API call with that backoff, never past the run's `stopAt`. Never throws. */
export function calendarCall<T>(
  run: Pick<Run, 'services' | 'stopAt'>,
  call: (c: CalendarApi) => T,
): Listed<T> {
  const { clock, calendar } = run.services;
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, value: call(calendar) };
    } catch (error) {
      const kind = calendarErrorKind(error);
      const wait = CALENDAR_RATE_LIMIT_WAITS_MS[attempt];
      if (!isBackOff(kind) || wait === undefined || clock.now() + wait > run.stopAt)
        return { ok: false, kind };
      clock.sleep(wait);
    }
  }
}

/**
 * A vendor call is never retried inside a run (a sleep is billed against the user's daily trigger
 * runtime): what fails is queued, and the next run after its time resends it. Minutes, doubling,
 * capped at an hour; a longer Retry-After wins. Deterministic so the bench and model tests replay.
 */
const QUEUED_BASE_MS = 60_000;
export const QUEUED_MAX_MS = 60 * 60_000;

/** Wait before the next run retries a queued call that has failed `attempts` times in runs. */
export function queuedDelayMs(attempts: number, retryAfterMs?: number): number {
  const exponential = Math.min(QUEUED_MAX_MS, QUEUED_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}

/** What a run knows of the vendor. */
export interface VendorHealth {
  up: boolean; // it answered in this run
  down: boolean; // found down in this run, or recorded down and not due for a probe: nothing is sent
  probe?: boolean; // until it answers in this run, one call goes out alone (it was quiet, or recorded down)
  knownDown?: boolean; // recorded down by an earlier run, no call made in this one
  failedCalls: number; // requests of this run with no usable answer (one, once it is known down)
  retryAfterMs?: number; // the longest Retry-After a failed answer of this run asked for
}

/**
 * The vendor's health across runs (side key `v:health`), so an outage costs at most one failed
 * request per run and no run sleeps through it: runs before `nextTryAt` make no vendor call; the
 * first one after it, and every hourly run, sends one call alone as the probe. A vendor quiet for
 * PROBE_AFTER_QUIET_MS may have gone down meanwhile: its first call goes alone too.
 */
const HEALTH_KEY = 'v:health';
export const PROBE_AFTER_QUIET_MS = 15 * 60_000;

export interface StoredHealth {
  okAt?: number; // last time (ms) the vendor answered
  down?: { since: number; failures: number; nextTryAt: number };
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

/** `hourly` probes a vendor recorded down whatever its next-try time: recovery is seen within an hour. */
export function healthAtStart(stored: StoredHealth, now: number, hourly: boolean): VendorHealth {
  const fresh: VendorHealth = { up: false, down: false, failedCalls: 0 };
  if (stored.down) {
    if (now < stored.down.nextTryAt && !hourly) return { ...fresh, down: true, knownDown: true };
    return { ...fresh, probe: true };
  }
  const quiet = stored.okAt === undefined || now - stored.okAt > PROBE_AFTER_QUIET_MS;
  return quiet ? { ...fresh, probe: true } : fresh;
}

export function healthAtEnd(stored: StoredHealth, health: VendorHealth, now: number): StoredHealth {
  if (health.up) return { okAt: now };
  if (!health.down || health.failedCalls === 0) return stored; // no call made: nothing learned
  const failures = (stored.down?.failures ?? 0) + 1;
  const okAt = stored.okAt !== undefined ? { okAt: stored.okAt } : {};
  const nextTryAt = now + queuedDelayMs(failures, health.retryAfterMs);
  return { ...okAt, down: { since: stored.down?.since ?? now, failures, nextTryAt } };
}
