import { runAudit } from '../audit/runAudit';
import { errorMessage } from '../calendar/apiErrors';
import { ConfigError } from '../config/config';
import type { Services } from '../platform/ports';
import { isQueued } from '../state/record';
import { type CalendarState, lockFree, UserState as State, type UserState } from '../state/userState';
import {
  ensureCalendarTrigger,
  removeCalendarTriggers,
  removeLegacyRetryTriggers,
  replaceCalendarTrigger,
  replaceSafetyNet,
} from '../triggers/triggers';
import type { VendorPort } from '../vendor/port';
import type { RunContext } from './context';
import { emptyStats } from './recordOutcomes';
import { type CalendarRunResult, syncCalendar } from './syncCalendar';
import { prune, retryQueued } from './upkeep';
import { healthAtEnd, healthAtStart, readHealth, type StoredHealth, writeHealth } from './vendorHealth';

/** Apps Script stops a run at 6 minutes; work to 4.5 so the state is always saved cleanly. */
export const TRIGGER_BUDGET_MS = 270_000;
/** How often a run replaces the calendar triggers (and probes calendars it lost access to). */
export const TRIGGER_CHECK_INTERVAL_MS = 24 * 3600_000;
/** How long a run waits for another run of the same user to finish before handing over. */
export const LOCK_WAIT_MS = 10_000;

export interface SyncRequest {
  /** Calendars to sync; undefined = every watched calendar. */
  calendarIds?: string[];
  budgetMs?: number;
  /** Kept for callers of earlier versions: every run now also resends what is queued. */
  onlyPending?: boolean;
  /** Forget the token first (a "Full resync" asked for by the user). */
  forceFull?: boolean;
  /** Why this run happens, for the log line. */
  reason: string;
  lockWaitMs?: number;
  /** Set by the retry trigger of earlier versions: such triggers are cleaned up. */
  firedTrigger?: string;
  /**
   * The hourly safety net: it probes a vendor recorded down whatever the next-try time (so queued
   * work reaches the vendor within an hour of its recovery), and audits upcoming meetings.
   */
  hourly?: boolean;
}

export interface SyncSummary {
  status: 'done' | 'handed-over' | 'config-error';
  /**
   * Calendars watched (synced in this run, or kept while access is lost and probed daily): 0 means
   * nothing is watched any more (the hourly safety net then removes itself).
   */
  calendars: number;
  error?: string;
}

/**
 * One sync execution: takes the user lock (one run at a time per user; a run that cannot get it
 * asks the holder to sync again before releasing, so no change is missed and nothing is sent
 * twice), then runs the steps in one direction for each calendar (see syncCalendar), resends what
 * is queued, prunes, saves, and logs one line per calendar. Never throws for Calendar's rate
 * limits or a lost calendar: a failed trigger run would e-mail the user.
 */
export function runSync(
  services: Services,
  _whitelist: readonly string[],
  request: SyncRequest,
): SyncSummary {
  const { lock, clock, log, userStore } = services;
  const budget = request.budgetMs ?? TRIGGER_BUDGET_MS;
  const deadline = clock.now() + budget;
  const lockWait = request.lockWaitMs ?? LOCK_WAIT_MS;
  if (!lock.tryLock(lockWait)) {
    const ids =
      request.calendarIds ??
      State.load(userStore)
        .calendars()
        .map((c) => c.id);
    for (const id of ids) lockFree.requestRerun(userStore, id, clock.now());
    if (!lock.tryLock(lockWait)) {
      log.info({
        msg: 'another sync is running; it will sync again before it stops',
        calendars: ids,
        reason: request.reason,
      });
      return { status: 'handed-over', calendars: 0 };
    }
  }
  try {
    return runLocked(services, request, deadline - Math.min(20_000, budget / 5));
  } finally {
    lock.release();
  }
}

function runLocked(services: Services, request: SyncRequest, stopAt: number): SyncSummary {
  const state = State.load(services.userStore);
  let vendor: VendorPort;
  try {
    vendor = services.vendor();
  } catch (error) {
    return configError(services, state, request, error);
  }
  if (request.firedTrigger || request.onlyPending) removeLegacyRetryTriggers(services);
  const health = readHealth(state);
  const startedAt = services.clock.now();
  const run: RunContext = {
    services,
    state,
    vendor,
    health: healthAtStart(health, startedAt, request.hourly === true),
    queuedAtStart: new Set(
      state.book
        .all()
        .filter(isQueued)
        .map((r) => r.conferenceId),
    ),
    stopAt,
    stats: emptyStats(),
    calendarId: '',
    newlyWatched: new Set(),
    reachable: new Map(),
  };
  run.recordHealth = () => saveHealth(run, health, startedAt);
  const synced = syncCalendars(run, request);
  run.calendarId = run.state.calendars()[0]?.id ?? '';
  retryQueued(run);
  // The hourly run also checks upcoming meetings against the vendor (src/audit/).
  if (request.hourly) runAudit(run);
  replaceTriggersDaily(run);
  prune(run.state, services.clock.now());
  run.recordHealth();
  run.state.save();
  // Every calendar still in the state counts, synced now or kept while access is lost.
  return { status: 'done', calendars: Math.max(synced, run.state.calendars().length) };
}

/**
 * What this run learnt about the vendor, into the state before it is saved. Stamped with the run's
 * start, so the value only changes when the vendor's health did: no extra property write.
 */
function saveHealth(run: RunContext, atStart: StoredHealth, startedAt: number): void {
  writeHealth(run.state, healthAtEnd(atStart, run.health, startedAt));
}

/** Syncs the requested calendars, then any a concurrent run flagged or a moved meeting led to. */
function syncCalendars(run: RunContext, request: SyncRequest): number {
  const { clock } = run.services;
  let queue = selectCalendars(run.state, request);
  if (request.forceFull) for (const id of queue) resetListing(run.state.calendar(id));
  let synced = 0;
  while (queue.length > 0) {
    for (const calendarId of queue) {
      syncOne(run, calendarId, request.reason);
      synced++;
    }
    run.recordHealth?.();
    run.state.save();
    if (clock.now() > run.stopAt) break;
    const watched = watchNewCalendars(run);
    // Calendars a concurrent run flagged while we held the lock: sync them once more.
    const state = State.load(run.services.userStore);
    run.state = state;
    queue = [
      ...watched,
      ...state
        .calendars()
        .filter((c) => c.rerunRequested && !watched.includes(c.id))
        .map((c) => c.id),
    ];
  }
  return synced;
}

function resetListing(cal: CalendarState): void {
  delete cal.meta.token;
  delete cal.meta.checkpoint;
}

/** Calendars a moved meeting now lives in: a trigger each (their first run lists them in full). */
function watchNewCalendars(run: RunContext): string[] {
  const ids = Array.from(run.newlyWatched);
  run.newlyWatched.clear();
  for (const id of ids) {
    const ensured = ensureCalendarTrigger(run.services, id);
    run.services.log.info({
      msg: 'a meeting moved to this calendar: watching it',
      calendar: id,
      trigger: ensured.ok,
    });
  }
  return ids;
}

function syncOne(run: RunContext, calendarId: string, reason: string): CalendarRunResult {
  const { clock, log } = run.services;
  const cal = run.state.calendar(calendarId);
  // Flagged by a run we locked out: what changed meanwhile went unseen (see Change.afterLockout).
  const afterLockout = cal.rerunRequested;
  run.state.clearRerun(cal);
  run.stats = emptyStats();
  run.calendarId = calendarId;
  const started = clock.now();
  const wasLost = cal.meta.lostAt !== undefined;
  const result = syncCalendar(run, cal, afterLockout);
  noteResult(run, cal, result, started, wasLost);
  const stats = run.stats;
  const line = {
    msg: 'sync',
    calendar: calendarId,
    reason,
    mode: result.mode,
    outcome: result.outcome,
    ...stats,
    records: cal.recordCount(),
    durationMs: clock.now() - started,
    ...(result.error ? { error: result.error } : {}),
  };
  if (result.outcome === 'error' || result.outcome === 'lost-access') log.error(line);
  else log.info(line);
  return result;
}

function noteResult(
  run: RunContext,
  cal: CalendarState,
  result: CalendarRunResult,
  started: number,
  wasLost: boolean,
): void {
  const now = run.services.clock.now();
  const { items, patches, deletes, queued, deadLetters } = run.stats;
  cal.meta.last = {
    at: started,
    mode: result.mode,
    outcome: result.outcome,
    items,
    patches,
    deletes,
    queued,
    deadLetters,
  };
  if (result.error) cal.meta.last.error = result.error;
  if (result.outcome === 'error') cal.meta.errorStreak = (cal.meta.errorStreak ?? 0) + 1;
  else delete cal.meta.errorStreak;
  if (result.outcome === 'lost-access') {
    // Never read "cannot see" as "deleted": nothing is deleted, the trigger goes, the state stays.
    cal.meta.lostAt ??= now;
    if (!wasLost) removeCalendarTriggers(run.services, cal.id);
    return;
  }
  if (result.outcome === 'ok') cal.meta.lastOkAt = now;
  if (wasLost && cal.meta.lostAt === undefined) {
    ensureCalendarTrigger(run.services, cal.id); // access is back: watch it again
    run.services.log.info({ msg: 'access to the calendar is back: watching it again', calendar: cal.id });
  }
}

function selectCalendars(state: UserState, request: SyncRequest): string[] {
  // A calendar we lost access to is only probed when asked for by name or by the daily check.
  if (request.calendarIds) return request.calendarIds;
  return state
    .calendars()
    .filter((c) => !c.meta.lostAt)
    .map((c) => c.id);
}

/**
 * Once a day: replace every calendar trigger (delete + create) instead of trusting the trigger
 * list. Whether Apps Script still lists a trigger it disabled is undocumented; "ensure it is
 * listed" would then never bring a disabled one back, while replacing works either way for two
 * trigger operations per calendar a day. Calendars we lost access to are probed once (a list call).
 */
function replaceTriggersDaily(run: RunContext): void {
  const now = run.services.clock.now();
  const { services } = run;
  if (now - run.state.triggersCheckedAt < TRIGGER_CHECK_INTERVAL_MS) return;
  run.state.triggersCheckedAt = now;
  for (const cal of run.state.calendars()) {
    if (now > run.stopAt) break;
    if (cal.meta.lostAt) syncOne(run, cal.id, 'probe lost calendar');
    else if (!replaceCalendarTrigger(services, cal.id).ok)
      run.services.log.error({ msg: 'calendar trigger could not be replaced', calendar: cal.id });
  }
  if (run.state.calendars().length > 0) replaceSafetyNet(services);
  removeLegacyRetryTriggers(services);
}

function configError(
  services: Services,
  state: UserState,
  request: SyncRequest,
  error: unknown,
): SyncSummary {
  const message = error instanceof ConfigError ? error.message : errorMessage(error);
  services.log.error({ msg: 'sync skipped: vendor configuration is invalid', error: message });
  for (const id of selectCalendars(state, request)) {
    const cal = state.calendar(id);
    const last = { at: services.clock.now(), mode: 'incremental' as const, outcome: 'error' as const };
    cal.meta.last = { ...last, items: 0, patches: 0, deletes: 0, queued: 0, deadLetters: 0, error: message };
  }
  state.save();
  return { status: 'config-error', calendars: 0, error: message };
}
