import { errorMessage } from '../calendar/apiErrors';
import type { Services } from '../platform/ports';

/** Handler names used with ScriptApp.newTrigger. The build checks each has a top-level function. */
export const SYNC_HANDLER = 'syncEvents';
/** Hourly safety net: a run Apps Script killed before it could record anything leaves no trace. */
export const SAFETY_NET_HANDLER = 'safetyNetSync';
const SAFETY_NET_EVERY_HOURS = 1;

type EnsureTriggerResult =
  | { ok: true; created: boolean }
  | { ok: false; kind: TriggerProblem; error: string };

/** Why Apps Script refused a trigger: the user's 20 triggers are used up, or something else. */
type TriggerProblem = 'trigger-limit' | 'other';

/**
 * Apps Script's refusal when the quota of 20 triggers per user per script is full ("This script
 * has too many triggers", the quotas page's limit): the one place its wording is read.
 */
function triggerProblem(error: unknown): { kind: TriggerProblem; error: string } {
  const message = errorMessage(error);
  return { kind: /too many triggers/i.test(message) ? 'trigger-limit' : 'other', error: message };
}

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
    return { ok: false, ...triggerProblem(error) };
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
    return { ok: false, ...triggerProblem(error) };
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
 * Deletes every calendar trigger of this calendar and creates a fresh one. Used once a day instead
 * of "ensure it is listed": whether Apps Script still lists a trigger it disabled is undocumented,
 * and a disabled-but-listed trigger would never be recreated by a listing check. Deleting first
 * frees the slot (20 triggers per user per script) the new one takes.
 */
export function replaceCalendarTrigger(services: Services, calendarId: string): EnsureTriggerResult {
  try {
    removeCalendarTriggers(services, calendarId);
    services.triggers.createCalendarTrigger(SYNC_HANDLER, calendarId);
    return { ok: true, created: true };
  } catch (error) {
    return { ok: false, ...triggerProblem(error) };
  }
}

/** The hourly safety net, replaced for the same reason as the calendar triggers. */
export function replaceSafetyNet(services: Services): EnsureTriggerResult {
  try {
    removeSafetyNet(services);
    services.triggers.createHourlyTrigger(SAFETY_NET_HANDLER, SAFETY_NET_EVERY_HOURS);
    return { ok: true, created: true };
  } catch (error) {
    return { ok: false, ...triggerProblem(error) };
  }
}
