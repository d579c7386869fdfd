import { errorMessage } from '../calendar/apiErrors';
import type { Services } from '../platform/ports';
import type { UserState } from '../state/userState';

/** Handler names used with ScriptApp.newTrigger. The build checks each has a top-level function. */
export const SYNC_HANDLER = 'syncEvents';
export const RETRY_HANDLER = 'retryPendingSync';
/** Hourly safety net: a run Apps Script killed before it could record anything leaves no trace. */
export const SAFETY_NET_HANDLER = 'safetyNetSync';
export const SAFETY_NET_EVERY_HOURS = 1;

export type EnsureTriggerResult = { ok: true; created: boolean } | { ok: false; error: string };

/**
 * Exactly one EventUpdated trigger per calendar, found by its source calendar id (not by handler
 * name alone, or only the first calendar would ever be watched). Triggers count against a quota of
 * 20 per user per script; hitting it is reported, never thrown.
 */
export function ensureCalendarTrigger(services: Services, calendarId: string): EnsureTriggerResult {
  try {
    const existing = services.triggers
      .calendarTriggers()
      .filter((t) => t.handler === SYNC_HANDLER && t.calendarId === calendarId);
    if (existing.length > 0) {
      for (const extra of existing.slice(1)) services.triggers.remove(extra.uid);
      return { ok: true, created: false };
    }
    services.triggers.createCalendarTrigger(SYNC_HANDLER, calendarId);
    return { ok: true, created: true };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

/**
 * One hourly trigger per user that syncs every watched calendar. Normally it finds nothing to do
 * (one list call per calendar); it exists because a run cut off before it saved anything (platform
 * failure, the 6-minute limit) leaves no checkpoint and no retry trigger behind, and the calendar
 * may not change again for a long time.
 */
export function ensureSafetyNet(services: Services): EnsureTriggerResult {
  try {
    const existing = services.triggers.timeTriggers(SAFETY_NET_HANDLER);
    if (existing.length > 0) {
      for (const extra of existing.slice(1)) services.triggers.remove(extra.uid);
      return { ok: true, created: false };
    }
    services.triggers.createHourlyTrigger(SAFETY_NET_HANDLER, SAFETY_NET_EVERY_HOURS);
    return { ok: true, created: true };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

export function removeSafetyNet(services: Services): void {
  for (const t of services.triggers.timeTriggers(SAFETY_NET_HANDLER)) services.triggers.remove(t.uid);
}

export function removeCalendarTriggers(services: Services, calendarId: string): number {
  const mine = services.triggers
    .calendarTriggers()
    .filter((t) => t.handler === SYNC_HANDLER && t.calendarId === calendarId);
  for (const t of mine) services.triggers.remove(t.uid);
  return mine.length;
}

/**
 * Keeps one time-based retry trigger while any calendar has queued vendor calls or an unfinished
 * sync, due when the earliest of them is; removes it when there is nothing left. The trigger's
 * uid and due time live in the user state so a run does not have to list triggers.
 */
export function scheduleRetry(services: Services, state: UserState, dueAt: number | null): void {
  const now = services.clock.now();
  const current = state.retryTrigger;
  if (dueAt === null) {
    if (current) {
      state.retryTrigger = undefined;
      removeAfterSave(services, state, current.uid);
    }
    return;
  }
  const at = Math.max(dueAt, now + 60_000);
  if (current && current.dueAt > now && current.dueAt <= at + 60_000) return;
  if (current) {
    state.retryTrigger = undefined;
    removeAfterSave(services, state, current.uid);
  }
  try {
    const uid = services.triggers.createTimeTrigger(RETRY_HANDLER, at - now);
    state.retryTrigger = { uid, dueAt: at };
  } catch (error) {
    state.retryTrigger = undefined;
    services.log.error({
      msg: 'could not schedule the retry trigger; queued calls wait for the next calendar change',
      error: errorMessage(error),
    });
  }
}

/**
 * Forgets a retry trigger in the stored state first, then deletes it. A run stopped in between
 * leaves a spare trigger (its run finds little to do), never a stored uid of a deleted trigger that
 * later runs would trust while no retry is scheduled.
 */
function removeAfterSave(services: Services, state: UserState, uid: string): void {
  state.save();
  safeRemove(services, uid);
}

function safeRemove(services: Services, uid: string): void {
  try {
    services.triggers.remove(uid);
  } catch {
    // already gone: nothing to do
  }
}
