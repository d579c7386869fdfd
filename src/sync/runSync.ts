import { errorMessage } from '../calendar/apiErrors';
import { ConfigError, readVendorConfig } from '../config/config';
import type { Services } from '../platform/ports';
import { lockFree, UserState as State, type UserState } from '../state/userState';
import { ensureCalendarTrigger, ensureSafetyNet, scheduleRetry } from '../triggers/triggers';
import { VendorClient } from '../vendor/client';
import { emptyStats } from './dispatch';
import { lastRunOf, syncCalendar, unconfirmedDueAt } from './syncCalendar';

/** Apps Script stops a run at 6 minutes; work to 4.5 so the state is always saved cleanly. */
export const TRIGGER_BUDGET_MS = 270_000;
/** How often a run checks that every watched calendar still has its trigger. */
export const TRIGGER_CHECK_INTERVAL_MS = 24 * 3600_000;
/** How long a run waits for another run of the same user to finish before handing over. */
export const LOCK_WAIT_MS = 10_000;

export interface SyncRequest {
  /** Calendars to sync; undefined = every watched calendar. */
  calendarIds?: string[];
  budgetMs?: number;
  /** Only calendars with queued calls or an unfinished sync (the retry trigger). */
  onlyPending?: boolean;
  /** Forget the token first (a "Full resync" asked for by the user). */
  forceFull?: boolean;
  /** Why this run happens, for the log line. */
  reason: string;
  lockWaitMs?: number;
  /** The uid of the one-shot retry trigger that started this run (it has deleted itself). */
  firedTrigger?: string;
}

export interface SyncSummary {
  status: 'done' | 'handed-over' | 'config-error';
  calendars: number;
  error?: string;
}

/**
 * One sync execution: takes the user lock (one run at a time per user; a run that cannot get it
 * asks the holder to sync again before releasing, so no change is missed and nothing is sent
 * twice), syncs the calendars, re-syncs any calendar a concurrent run flagged meanwhile, schedules
 * or removes the retry trigger, and logs one line per calendar.
 */
export function runSync(services: Services, whitelist: readonly string[], request: SyncRequest): SyncSummary {
  const { lock, clock, log, userStore } = services;
  const started = clock.now();
  const budget = request.budgetMs ?? TRIGGER_BUDGET_MS;
  const deadline = started + budget;
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
    return runLocked(services, whitelist, request, deadline, Math.min(20_000, budget / 5));
  } finally {
    lock.release();
  }
}

function runLocked(
  services: Services,
  whitelist: readonly string[],
  request: SyncRequest,
  deadline: number,
  reserveMs: number,
): SyncSummary {
  const { clock, log, userStore } = services;
  let state = State.load(userStore);
  let vendor: VendorClient;
  try {
    vendor = new VendorClient(readVendorConfig(services.scriptStore, whitelist), services.http);
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : errorMessage(error);
    log.error({ msg: 'sync skipped: vendor configuration is invalid', error: message });
    for (const cal of selectCalendars(state, request, clock.now())) {
      cal.meta.last = {
        at: clock.now(),
        mode: 'incremental',
        outcome: 'error',
        items: 0,
        patches: 0,
        deletes: 0,
        queued: 0,
        deadLetters: 0,
        error: message,
      };
    }
    state.save();
    return { status: 'config-error', calendars: 0, error: message };
  }

  if (request.firedTrigger && state.retryTrigger?.uid === request.firedTrigger)
    state.retryTrigger = undefined;
  let synced = 0;
  let queue = selectCalendars(state, request, clock.now()).map((c) => c.id);
  if (request.forceFull) {
    for (const id of queue) {
      const cal = state.calendar(id);
      delete cal.meta.token;
      delete cal.meta.checkpoint;
    }
  }
  const done = new Set<string>();
  const health = { up: false, down: false };
  while (queue.length > 0) {
    for (const calendarId of queue) {
      const cal = state.calendar(calendarId);
      state.clearRerun(cal);
      const stats = emptyStats();
      const runStart = clock.now();
      const result = syncCalendar(state, {
        cal,
        vendor,
        calendar: services.calendar,
        clock,
        log,
        deadline,
        reserveMs,
        health,
        ...(services.onVendorUnauthorized ? { onUnauthorized: services.onVendorUnauthorized } : {}),
        stats,
      });
      cal.meta.last = lastRunOf(
        runStart,
        result,
        stats,
        request.onlyPending === true && result.mode === 'incremental' && stats.items === 0,
      );
      if (result.outcome === 'ok') cal.meta.lastOkAt = clock.now();
      if (result.outcome === 'error') cal.meta.errorStreak = (cal.meta.errorStreak ?? 0) + 1;
      else delete cal.meta.errorStreak;
      const line = {
        msg: 'sync',
        calendar: calendarId,
        reason: request.reason,
        mode: result.mode,
        outcome: result.outcome,
        pages: stats.pages,
        items: stats.items,
        patches: stats.patches,
        deletes: stats.deletes,
        queued: stats.queued,
        deadLetters: stats.deadLetters,
        writeBacks: stats.writeBacks,
        errors: stats.errors,
        records: cal.recordCount(),
        durationMs: clock.now() - runStart,
        ...(result.error ? { error: result.error } : {}),
      };
      if (result.outcome === 'error') log.error(line);
      else log.info(line);
      synced++;
      done.add(calendarId);
    }
    state.save();
    if (clock.now() > deadline - reserveMs) break;
    // Calendars a concurrent run flagged while we held the lock: sync them once more.
    state = State.load(userStore);
    queue = state
      .calendars()
      .filter((c) => c.rerunRequested)
      .map((c) => c.id);
  }
  scheduleRetry(services, state, nextDue(state, clock.now()));
  if (clock.now() - state.triggersCheckedAt >= TRIGGER_CHECK_INTERVAL_MS) {
    // Apps Script can disable a trigger; once a day make sure every watched calendar still has one.
    state.triggersCheckedAt = clock.now();
    for (const cal of state.calendars()) {
      const ensured = ensureCalendarTrigger(services, cal.id);
      if (ensured.ok && ensured.created)
        log.warn({ msg: 'calendar trigger was missing and has been recreated', calendar: cal.id });
    }
    if (state.calendars().length > 0) ensureSafetyNet(services);
  }
  state.save();
  return { status: 'done', calendars: synced };
}

function selectCalendars(state: UserState, request: SyncRequest, now: number) {
  if (request.calendarIds) return request.calendarIds.map((id) => state.calendar(id));
  const all = state.calendars();
  if (!request.onlyPending) return all;
  return all.filter(
    (c) =>
      c.meta.checkpoint !== undefined ||
      c.meta.last?.outcome === 'error' ||
      c.allRecords().some((r) => r.pending === 'P' || r.pending === 'D' || unconfirmedDueAt(r) <= now),
  );
}

/**
 * When the retry trigger should fire next: the earliest queued call, the end of an unconfirmed
 * conference's grace period, or soon for unfinished syncs.
 */
export function nextDue(state: UserState, now: number): number | null {
  let due: number | null = null;
  for (const cal of state.calendars()) {
    if (cal.meta.checkpoint) due = Math.min(due ?? Infinity, now + 60_000);
    else if (cal.meta.last?.outcome === 'error') {
      // A calendar that keeps failing (removed, access lost) is retried less and less often.
      const streak = Math.min(cal.meta.errorStreak ?? 1, 8);
      due = Math.min(due ?? Infinity, now + Math.min(6 * 3600_000, 5 * 60_000 * 2 ** (streak - 1)));
    }
    for (const r of cal.allRecords()) {
      if (r.pending === 'P' || r.pending === 'D') due = Math.min(due ?? Infinity, r.retryAt * 1000);
      else if (r.unconfirmed) due = Math.min(due ?? Infinity, unconfirmedDueAt(r));
    }
  }
  return due;
}
