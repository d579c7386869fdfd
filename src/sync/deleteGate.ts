import { type ConferenceRecord, deleteAttempted } from '../conference/lifecycle';
import type { Run } from './context';
import { decideDeletes } from './decide';
import { sendAndRecord } from './pipeline';
import { emptyStats, type RunStats } from './recordOutcomes';
import type { CalendarOutcome } from './syncCalendar';
import { isDueNow } from './upkeep';

/**
 * The one gate before any vendor DELETE — from a sync, a retry, a dead letter sent again, or a
 * card button: a conference is deleted only when no live event in any calendar the user can edit
 * (owner or writer in their calendar list, watched or not) carries it, judged on what Calendar says
 * now. Deciding steps never send a DELETE: they leave the conference QUEUED-DELETE (see
 * src/conference/lifecycle.ts). Once per run, when some are due (or when an event of ours was
 * cancelled in the run: it may have moved, see Plan.observeAll), the gate
 *   1. reads the calendar list and starts watching every editable calendar it did not watch
 *      (a copy may have been made there: it gets its own conference, and keeps this one alive);
 *   2. lists every editable or watched calendar that was not listed up to now in this run, through
 *      the same steps as any sync (a move, a restore or a copy found there revives the conference);
 *   3. only if every listing finished, asks decide (`decideDeletes`) again and sends what is left,
 *      except conferences a watched calendar that answers 404 may still hold (see below).
 * Anything it could not see (a rate limit, the run's budget) keeps the deletes for the next run.
 */
export type GateResult =
  | { kind: 'nothing-due' }
  | { kind: 'vendor-down' }
  | { kind: 'not-sure'; calendarId?: string }
  | { kind: 'sent'; deletes: number; stats: RunStats };

/**
 * Never read "cannot see" as "deleted": a watched calendar that answers 404 (access lost, perhaps for a
 * while) may hold a copy carrying any conference that existed before it was lost. Those wait until it
 * answers again or is forgotten (30 days); a conference made after the loss cannot be there, nor
 * one that was never put on any event.
 */
function couldBeInLostCalendar(run: Run): (record: ConferenceRecord) => boolean {
  const losses = run.state.calendars().map((c) => c.meta.lostAt ?? 0);
  const newestLoss = Math.max(0, ...losses);
  return (record) => newestLoss > 0 && !record.neverCarried && record.createdMin * 60_000 < newestLoss;
}

/** Waiting only for a cancelled event to show up in another calendar (a move): see decide's SETTLE_MS. */
const isSettling = (r: ConferenceRecord, now: number) =>
  r.state === 'queued-delete' && r.attempts === 0 && r.retryAt * 1000 > now;

/** The user can edit only the one calendar the add-on watches: a cancelled event there has not moved. */
function nowhereToMove(run: Run): boolean {
  if (run.state.calendars().length > 1) return false;
  const editable = run.calendars.editable();
  return editable.ok && editable.value.every((id) => run.state.find(id) !== undefined);
}

export function deleteGate(run: Run, listToNow: (calendarId: string) => CalendarOutcome): GateResult {
  const now = run.services.clock.now();
  const due = (r: ConferenceRecord) => isDueNow(run, r, now) || (isSettling(r, now) && nowhereToMove(run));
  const deletesDue = decideDeletes(run.state.book.all(), due).length > 0;
  if (!deletesDue && !run.calendars.observeAll) return { kind: 'nothing-due' };
  if (run.health.down && !run.calendars.observeAll) return { kind: 'vendor-down' };
  const stats = emptyStats();
  const observed = observeAll(run, listToNow);
  if (observed !== true) return { kind: 'not-sure', ...observed };
  if (!deletesDue) return { kind: 'sent', deletes: 0, stats };
  if (run.health.down) return { kind: 'vendor-down' };
  const couldBeThere = couldBeInLostCalendar(run);
  const calls = decideDeletes(run.state.book.all(), (r) => due(r) && !couldBeThere(r));
  if (calls.length === 0) return { kind: 'sent', deletes: 0, stats };
  // Stored before they go out: a run cut off right after them must not wake up to records that never
  // heard of them (onCreate's lock-free record merged again, say), or revive one without checking.
  for (const call of calls) {
    const record = run.state.book.get(call.conferenceId);
    if (record) run.state.book.put(deleteAttempted(record));
  }
  run.recordHealth?.();
  run.state.save();
  sendAndRecord(run, stats, { records: [], calls });
  return { kind: 'sent', deletes: stats.deletes, stats };
}

/**
 * Lists every calendar the user can edit, and every watched one, that was not listed up to now in
 * this run (watching those it did not watch yet). True when every listing finished.
 */
function observeAll(
  run: Run,
  listToNow: (calendarId: string) => CalendarOutcome,
): true | { calendarId?: string } {
  const editable = run.calendars.editable();
  if (!editable.ok) return {};
  const watched = run.state
    .calendars()
    .filter((c) => !c.meta.lostAt)
    .map((c) => c.id);
  for (const calendarId of new Set([...editable.value, ...watched])) {
    if (run.calendars.listedToNow.has(calendarId)) continue;
    const cal = run.state.find(calendarId) ?? run.calendars.watch(calendarId);
    if (cal.meta.lostAt) continue; // cannot be read: see couldBeInLostCalendar
    const outcome = listToNow(calendarId);
    if (outcome !== 'ok' && outcome !== 'lost-access') return { calendarId };
  }
  run.calendars.observeAll = false;
  return true;
}
