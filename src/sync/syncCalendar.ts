import { calendarErrorStatus, errorMessage } from '../calendar/apiErrors';
import type { CalendarEvent, EventsPage } from '../calendar/types';
import { type ConferenceRecord, clearQueue } from '../state/record';
import type { Checkpoint, LastRun, UserState } from '../state/userState';
import { classify, type Decision } from './classify';
import { type DispatchContext, dispatch, type RunStats, type VendorWork } from './dispatch';

/** Calendar pages as large as the API allows: fewer list calls per sync. */
export const PAGE_SIZE = 2500;
/** A full sync (first run, or after a 410) looks back this far; older conferences are pruned. */
export const FULL_SYNC_LOOKBACK_MS = 30 * 24 * 3600_000;
/** Records of events that ended longer ago than this are forgotten (the meeting is over). */
export const PRUNE_AFTER_END_MS = 30 * 24 * 3600_000;
/**
 * A conference onCreate made that no saved event carries yet is looked up with Events.get after
 * 10 minutes, then less and less often (x4, at most every 6 hours): a run that loaded its state
 * before onCreate wrote the record may have consumed the save without knowing the conference.
 */
export const UNCONFIRMED_FIRST_CHECK_MS = 10 * 60_000;
export const UNCONFIRMED_MAX_CHECK_INTERVAL_MS = 6 * 3600_000;
/** onCreate made a conference the saved event does not carry yet: how long the user may edit. */
export const UNCONFIRMED_GRACE_MS = 24 * 3600_000;
/** At most this many queued entries re-read from Calendar per run (each costs an Events.get). */
export const MAX_VERIFICATIONS_PER_RUN = 200;

export type SyncMode = 'full' | 'incremental';

export interface CalendarRunResult {
  mode: SyncMode;
  outcome: 'ok' | 'partial' | 'error';
  /** Work left for a follow-up run (checkpoint or due queue entries). */
  needsFollowUp: boolean;
  error?: string;
}

/**
 * Syncs one calendar: pages through Calendar's changes (incremental with the calendar's own sync
 * token, or a windowed full sync when there is none or it was rejected with 410), sends the vendor
 * what changed, reconciles after a full sync, retries queued calls that are due, and stores the new
 * token only once every page has been handled. The caller holds the user lock and saves the state.
 */
export function syncCalendar(state: UserState, ctx: DispatchContext): CalendarRunResult {
  const { cal, clock } = ctx;
  const meta = cal.meta;
  let checkpoint: Checkpoint | undefined = meta.checkpoint;
  if (!checkpoint) {
    checkpoint = meta.token
      ? { mode: 'incremental', syncToken: meta.token, startedAt: clock.now() }
      : startFullSync(ctx);
  }
  let mode: SyncMode = checkpoint.mode;

  for (;;) {
    if (clock.now() > ctx.deadline - ctx.reserveMs) {
      meta.checkpoint = checkpoint;
      return { mode, outcome: 'partial', needsFollowUp: true };
    }
    const options: Record<string, unknown> = { maxResults: PAGE_SIZE, singleEvents: false };
    if (checkpoint.mode === 'incremental') options.syncToken = checkpoint.syncToken;
    else {
      options.timeMin = checkpoint.timeMin;
      options.showDeleted = false;
    }
    if (checkpoint.pageToken) options.pageToken = checkpoint.pageToken;

    let page: EventsPage;
    try {
      page = ctx.calendar.list(cal.id, options) ?? {};
    } catch (error) {
      const status = calendarErrorStatus(error);
      if (checkpoint.pageToken && (status === 400 || status === 410)) {
        // A page token kept in a checkpoint can expire: list this pass again from its first page
        // (a full sync re-marks what it sees; an incremental one repeats its sync token).
        ctx.log.warn({
          msg: 'page token rejected: restarting this listing from its first page',
          calendar: cal.id,
        });
        const { pageToken: _expired, ...rest } = checkpoint;
        checkpoint = rest;
        continue;
      }
      if (status === 410 && checkpoint.mode === 'incremental') {
        ctx.log.warn({
          msg: 'sync token rejected (410): running a full sync and reconciling',
          calendar: cal.id,
        });
        delete meta.token;
        checkpoint = startFullSync(ctx);
        mode = 'full';
        continue;
      }
      meta.checkpoint = checkpoint;
      ctx.stats.errors++;
      return {
        mode,
        outcome: 'error',
        needsFollowUp: true,
        error: `Calendar list failed: ${errorMessage(error)}`,
      };
    }
    ctx.stats.pages++;
    const items = Array.isArray(page.items) ? page.items : [];
    ctx.stats.items += items.length;
    const calls = handleItems(ctx, items, checkpoint.mode === 'full' ? meta.gen : 0);

    if (page.nextPageToken) {
      checkpoint = { ...checkpoint, pageToken: page.nextPageToken };
      if (calls > 0) {
        // Vendor calls were made for this page: persist progress so a run killed later never resends them.
        meta.checkpoint = checkpoint;
        state.save();
      }
      continue;
    }
    if (checkpoint.mode === 'full') {
      reconcile(ctx, checkpoint);
      meta.fullSyncAt = clock.now();
    }
    if (page.nextSyncToken) meta.token = page.nextSyncToken;
    else delete meta.token; // no token offered: the next run does a full sync again
    delete meta.checkpoint;
    break;
  }

  retryQueued(ctx);
  prune(ctx);
  const followUp = cal.allRecords().some((r) => r.pending === 'P' || r.pending === 'D');
  return { mode, outcome: 'ok', needsFollowUp: followUp };
}

function startFullSync(ctx: DispatchContext): Checkpoint {
  ctx.cal.meta.gen++;
  const timeMin = new Date(ctx.clock.now() - FULL_SYNC_LOOKBACK_MS).toISOString();
  return { mode: 'full', timeMin, startedAt: ctx.clock.now() };
}

/** Classifies a page and sends what it needs. Returns the number of vendor calls attempted. */
function handleItems(ctx: DispatchContext, items: CalendarEvent[], fullSyncGen: number): number {
  const work: VendorWork[] = [];
  for (const item of items) {
    if (!item || typeof item.id !== 'string') continue;
    const records = ctx.cal.recordsForEvent(item.id);
    if (records.length === 0) continue;
    work.push(...applyDecisions(ctx, classify(item, records), fullSyncGen));
  }
  dispatch(ctx, work);
  return work.length;
}

/**
 * Records what classify saw (confirmed, end time, full-sync generation when `seenGen` is set) and
 * returns the vendor calls its decisions need.
 */
function applyDecisions(ctx: DispatchContext, decisions: Decision[], seenGen: number): VendorWork[] {
  const work: VendorWork[] = [];
  for (const d of decisions) {
    const record = d.record;
    if (d.kind === 'patch') {
      work.push({ op: 'patch', record, fields: d.fields, hash: d.hash, event: d.event });
    } else if (d.kind === 'delete') {
      work.push({ op: 'delete', record, reason: d.reason });
    } else {
      record.endMin = d.endMin;
      if (record.unconfirmed) {
        record.unconfirmed = false;
        clearQueue(record); // attempts/retryAt counted look-ups of the unsaved event
      }
      if (seenGen) record.seenGen = seenGen;
      // The event carries the conference (again): a queued DELETE is void - the user removed the
      // conference, the DELETE failed, and adding ours back handed out the same conference. A queued
      // PATCH is void once the event is back to what the vendor already has.
      if (record.pending === 'D' || (d.hash === record.sentHash && record.pending === 'P'))
        clearQueue(record);
      ctx.cal.put(record);
    }
  }
  return work;
}

/**
 * After a full sync: a conference whose event did not come back was deleted (or cancelled) while
 * the token was invalid. Events that ended before the window are simply forgotten; recurring or
 * unconfirmed ones are checked with Events.get before anything is deleted.
 */
function reconcile(ctx: DispatchContext, checkpoint: Checkpoint): void {
  const gen = ctx.cal.meta.gen;
  const windowStartMin = Math.floor(Date.parse(checkpoint.timeMin ?? '') / 60000);
  const now = ctx.clock.now();
  const work: VendorWork[] = [];
  const verify: ConferenceRecord[] = [];
  for (const record of ctx.cal.allRecords()) {
    if (record.seenGen === gen) continue;
    if (record.unconfirmed) {
      if (now - record.createdMin * 60000 >= UNCONFIRMED_GRACE_MS) verify.push(record);
      continue;
    }
    if (record.endMin === null) verify.push(record);
    else if (Number.isFinite(windowStartMin) && record.endMin <= windowStartMin)
      ctx.cal.remove(record.conferenceId);
    else work.push({ op: 'delete', record, reason: 'event no longer in Calendar (found by full sync)' });
  }
  work.push(...verifyAgainstCalendar(ctx, verify));
  dispatch(ctx, work);
}

/** Re-reads events one by one (Events.get) and decides from their current state. */
function verifyAgainstCalendar(ctx: DispatchContext, records: ConferenceRecord[]): VendorWork[] {
  const work: VendorWork[] = [];
  const now = ctx.clock.now();
  for (const record of records.slice(0, MAX_VERIFICATIONS_PER_RUN)) {
    if (ctx.clock.now() > ctx.deadline - ctx.reserveMs) break;
    const graceOver = now - record.createdMin * 60000 >= UNCONFIRMED_GRACE_MS;
    let event: CalendarEvent;
    try {
      event = ctx.calendar.get(ctx.cal.id, record.eventId);
    } catch (error) {
      if (calendarErrorStatus(error) !== 404) ctx.stats.errors++;
      else if (record.unconfirmed && !graceOver)
        scheduleNextCheck(ctx, record); // not saved yet
      else work.push({ op: 'delete', record, reason: 'event no longer exists' });
      continue;
    }
    const decisions = classify(event, [record]);
    if (record.unconfirmed && !decisions.some((d) => d.kind === 'seen')) {
      if (!graceOver)
        scheduleNextCheck(ctx, record); // the user may still be editing
      // Still not on the saved event after the grace period: the user never saved it.
      else work.push({ op: 'delete', record, reason: 'conference was never saved on the event' });
      continue;
    }
    work.push(...applyDecisions(ctx, decisions, ctx.cal.meta.gen));
  }
  return work;
}

/**
 * Retries queued calls whose time has come. A queued DELETE is resent as is; a queued PATCH is
 * rebuilt from the event's current state (latest wins), which also turns it into a DELETE if the
 * event is gone by now. Also checks old unconfirmed conferences (never-saved events).
 */
function retryQueued(ctx: DispatchContext): void {
  const now = ctx.clock.now();
  const unconfirmedDue = ctx.cal.allRecords().filter((r) => unconfirmedDueAt(r) <= now);
  if (unconfirmedDue.length > 0) dispatch(ctx, verifyAgainstCalendar(ctx, unconfirmedDue));
  if (ctx.health.down) return; // entries keep their retry time; no point knocking again this run
  const pending = () => ctx.cal.allRecords().filter((r) => r.pending === 'P' || r.pending === 'D');
  // Once the vendor answered in this run, everything queued goes now (no waiting out each back-off).
  let due = ctx.health.up ? pending() : pending().filter((r) => r.retryAt <= now / 1000);
  if (due.length === 0) return;
  if (!ctx.health.up) {
    // Probe with one entry; if the vendor is back, drain the whole queue.
    const probe = due.find((r) => r.pending === 'D') ?? due[0]!;
    resend(ctx, [probe]);
    if (!ctx.health.up) return;
    due = pending();
  }
  resend(ctx, due);
}

/** Resends queued entries: a DELETE as is; a PATCH rebuilt from the event's current state. */
function resend(ctx: DispatchContext, records: ConferenceRecord[]): void {
  const deletes: VendorWork[] = records
    .filter((r) => r.pending === 'D')
    .map((record) => ({ op: 'delete', record, reason: 'queued retry' }));
  const patches = records.filter((r) => r.pending === 'P');
  dispatch(ctx, deletes.concat(verifyAgainstCalendar(ctx, patches)));
}

/** When an unconfirmed conference is next looked up (Infinity for any other record). */
export function unconfirmedDueAt(r: ConferenceRecord): number {
  if (!r.unconfirmed || r.pending !== '') return Infinity;
  const created = r.createdMin * 60000;
  const next = r.retryAt ? r.retryAt * 1000 : created + UNCONFIRMED_FIRST_CHECK_MS;
  return Math.min(next, created + UNCONFIRMED_GRACE_MS);
}

function scheduleNextCheck(ctx: DispatchContext, record: ConferenceRecord): void {
  record.attempts = Math.min(record.attempts + 1, 20);
  const wait = Math.min(UNCONFIRMED_MAX_CHECK_INTERVAL_MS, UNCONFIRMED_FIRST_CHECK_MS * 4 ** record.attempts);
  record.retryAt = Math.ceil((ctx.clock.now() + wait) / 1000);
  ctx.cal.put(record);
}

/** Forgets records of meetings that ended long ago (nothing pending), keeping the store small. */
function prune(ctx: DispatchContext): void {
  const cutoffMin = Math.floor((ctx.clock.now() - PRUNE_AFTER_END_MS) / 60000);
  for (const record of ctx.cal.allRecords()) {
    if (record.endMin !== null && record.endMin < cutoffMin && record.pending === '' && !record.unconfirmed) {
      ctx.cal.remove(record.conferenceId);
    }
  }
}

export function lastRunOf(
  at: number,
  result: CalendarRunResult,
  stats: RunStats,
  retryOnly = false,
): LastRun {
  const run: LastRun = {
    at,
    mode: retryOnly ? 'retry' : result.mode,
    outcome: result.outcome,
    items: stats.items,
    patches: stats.patches,
    deletes: stats.deletes,
    queued: stats.queued,
    deadLetters: stats.deadLetters,
  };
  if (result.error) run.error = result.error;
  return run;
}
