import type { AuditSummary } from '../audit/store';
import type { CalendarStatus } from './status';

/**
 * The homepage's one line about the sync, as a kind (src/cards words it): the most pressing thing
 * the user should know, or that all is well. Checked in this order, each with its reason:
 * - `no-calendar`: nothing is synced yet (the first meeting starts it);
 * - `lost-access`: a watched calendar answers "not found": its meetings are not followed;
 * - `not-watched`: a calendar's change trigger is missing or could not be made: changes wait;
 * - `refused`: the vendor refused changes for good: they stay unsent until the user acts;
 * - `vendor-blocked`: the audit could not check meetings at the vendor (sign-in, permission);
 * - `unfinished`: the last run of a calendar ended in an error; it tries again by itself;
 * - `waiting`: changes wait for the vendor to answer again; they are sent by themselves;
 * - `checking`: a long check is under way;
 * - `ok`: every change reached the vendor.
 */
export type SyncHealth =
  | { kind: 'no-calendar' }
  | { kind: 'lost-access'; calendarId: string }
  | { kind: 'not-watched'; calendarId: string }
  | { kind: 'refused'; count: number }
  | { kind: 'vendor-blocked' }
  | { kind: 'unfinished' }
  | { kind: 'waiting'; count: number }
  | { kind: 'checking' }
  | { kind: 'ok' };

export function syncHealth(statuses: readonly CalendarStatus[], audit?: AuditSummary): SyncHealth {
  if (statuses.length === 0) return { kind: 'no-calendar' };
  const lost = statuses.find((s) => s.lostAccessAt !== undefined);
  if (lost) return { kind: 'lost-access', calendarId: lost.calendarId };
  const unwatched = statuses.find((s) => s.setupProblem !== undefined || s.watching === false);
  if (unwatched) return { kind: 'not-watched', calendarId: unwatched.calendarId };
  const refused = statuses.reduce((n, s) => n + s.deadLetterTotal, 0);
  if (refused > 0) return { kind: 'refused', count: refused };
  if (audit?.blocked) return { kind: 'vendor-blocked' };
  if (statuses.some((s) => s.lastOutcome === 'error')) return { kind: 'unfinished' };
  const waiting = statuses.reduce((n, s) => n + s.pending, 0);
  if (waiting > 0) return { kind: 'waiting', count: waiting };
  if (statuses.some((s) => s.syncing)) return { kind: 'checking' };
  return { kind: 'ok' };
}
