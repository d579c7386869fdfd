import { type CalendarErrorKind, calendarErrorKind } from '../calendar/apiErrors';
import type { CalendarEvent } from '../calendar/types';
import { type Carrier, type ConferenceRecord, forgetCarrier } from '../conference/lifecycle';
import type { CalendarApi } from '../platform/ports';
import type { CalendarState, Checkpoint, UserState } from '../state/userState';
import type { Change } from './decide';
import type { RunStats } from './recordOutcomes';
import type { Run } from './runSync';
import { processBatch } from './send';

const PAGE_SIZE = 2500; // as large as the API allows: fewer list calls per sync
const FULL_SYNC_LOOKBACK_MS = 30 * 24 * 3600_000; // first run, or after a 410; older ones are pruned
const MAX_VERIFICATIONS_PER_RUN = 200; // carriers re-read per reconcile, each an Events.get
const CALENDAR_RATE_LIMIT_WAITS_MS = [1000, 2000, 4000]; // inside a run, then it ends and keeps its place

export type CalendarOutcome = 'ok' | 'partial' | 'rate-limited' | 'lost-access' | 'error';

export interface CalendarRunResult {
  mode: Checkpoint['mode'];
  outcome: CalendarOutcome;
  error?: CalendarErrorKind;
}

/** A read of one event for a batch: the event, a cancelled entry (gone), or nothing (calendar lost). */
type ReadResult = { ok: true; changes: Change[] } | { ok: false; kind: CalendarErrorKind };

type Listed =
  | { kind: 'page'; items: CalendarEvent[]; nextPageToken?: string; nextSyncToken?: string }
  | { kind: 'restart'; checkpoint: Checkpoint }
  | { kind: 'failed'; error: CalendarErrorKind };

/**
 * Syncs one calendar page by page (incremental with its sync token, or a windowed full sync when it
 * has none or got a 410), each page through the batch pipeline. The token is stored only once every
 * page is handled; a run out of time, or slowed down by Calendar, keeps its place in a checkpoint.
 */
export function syncCalendar(run: Run, cal: CalendarState, stats: RunStats): CalendarRunResult {
  const { token } = cal.meta;
  let checkpoint: Checkpoint =
    cal.meta.checkpoint ?? (token ? { mode: 'incremental', syncToken: token } : startFullSync(run, cal));
  for (;;) {
    if (run.services.clock.now() > run.stopAt) return stopHere(cal, checkpoint, 'partial');
    const listed = listPage(run, cal, checkpoint);
    if (listed.kind === 'restart') {
      checkpoint = listed.checkpoint;
      continue;
    }
    if (listed.kind === 'failed') return stopHere(cal, checkpoint, listed.error);
    delete cal.meta.lostAt; // it answered: access is back (the caller watches it again)
    stats.pages++;
    stats.items += listed.items.length;
    const gen = checkpoint.mode === 'full' ? cal.meta.gen : undefined;
    const calls = processBatch(run, stats, changesOf(cal, listed.items, gen));
    if (listed.nextPageToken) {
      checkpoint = { ...checkpoint, pageToken: listed.nextPageToken };
      if (calls > 0) {
        // A run killed later must not resend this page's vendor calls.
        cal.meta.checkpoint = checkpoint;
        run.state.save();
      }
      continue;
    }
    if (checkpoint.mode === 'full') reconcile(run, cal, stats, checkpoint);
    if (listed.nextSyncToken) cal.meta.token = listed.nextSyncToken;
    else delete cal.meta.token; // no token offered: the next run does a full sync again
    delete cal.meta.checkpoint;
    run.calendars.listedToNow.add(cal.id);
    return { mode: checkpoint.mode, outcome: 'ok' };
  }
}

/** Keeps the place for the next run: out of time, or stopped by Calendar. */
function stopHere(cal: CalendarState, at: Checkpoint, why: 'partial' | CalendarErrorKind): CalendarRunResult {
  cal.meta.checkpoint = at;
  const { mode } = at;
  if (why === 'partial') return { mode, outcome: 'partial' };
  // A backend error ends the run like a rate limit: Calendar asked to back off, nothing is wrong here.
  if (isBackOff(why)) return { mode, outcome: 'rate-limited', error: why };
  return { mode, outcome: why === 'not-found' ? 'lost-access' : 'error', error: why };
}

function startFullSync(run: Run, cal: CalendarState): Checkpoint {
  cal.meta.gen++;
  delete cal.meta.token;
  const timeMin = new Date(run.services.clock.now() - FULL_SYNC_LOOKBACK_MS).toISOString();
  return { mode: 'full', timeMin };
}

function listPage(run: Run, cal: CalendarState, checkpoint: Checkpoint): Listed {
  const options: Record<string, unknown> = { maxResults: PAGE_SIZE, singleEvents: false };
  if (checkpoint.mode === 'incremental') options.syncToken = checkpoint.syncToken;
  else options.timeMin = checkpoint.timeMin;
  if (checkpoint.pageToken) options.pageToken = checkpoint.pageToken;
  const got = calendarCall(run, (calendar) => calendar.list(cal.id, options));
  const { log } = run.services;
  if (got.ok) {
    const { items, nextPageToken, nextSyncToken } = got.value ?? {};
    return { kind: 'page', items: Array.isArray(items) ? items : [], nextPageToken, nextSyncToken };
  }
  if (checkpoint.pageToken && (got.kind === 'bad-request' || got.kind === 'sync-token-expired')) {
    // A page token kept in a checkpoint can expire: list this pass again from its first page.
    log.warn({ msg: 'page token rejected: restarting this listing from its first page', calendar: cal.id });
    const { pageToken: _expired, ...rest } = checkpoint;
    return { kind: 'restart', checkpoint: rest };
  }
  if (got.kind === 'sync-token-expired' && checkpoint.mode === 'incremental') {
    log.warn({ msg: 'sync token rejected (410): running a full sync and reconciling', calendar: cal.id });
    return { kind: 'restart', checkpoint: startFullSync(run, cal) };
  }
  return { kind: 'failed', error: got.kind };
}

function changesOf(cal: CalendarState, items: readonly CalendarEvent[], seenGen?: number): Change[] {
  const seen = seenGen ? { seenGen } : {};
  const listed = items.filter((item) => item && typeof item.id === 'string');
  return listed.map((item) => ({ calendarId: cal.id, cal: cal.index, item, ...seen }));
}

/**
 * After a full sync: a carrier the listing did not return is gone from this calendar (deleted or moved
 * away); those of meetings ended before the window are forgotten; series (open end) are read first.
 */
function reconcile(run: Run, cal: CalendarState, stats: RunStats, checkpoint: Checkpoint): void {
  const gen = cal.meta.gen;
  const windowStartMin = Math.floor(Date.parse(checkpoint.timeMin ?? '') / 60000);
  const gone: Change[] = [];
  const verify: string[] = [];
  const endedBefore = (c: Carrier) =>
    c.cal === cal.index && c.seenGen !== gen && c.endMin !== null && c.endMin <= windowStartMin;
  for (const record of cal.allRecords()) {
    if (record.unconfirmed) continue; // looked up on its own schedule
    for (const carrier of record.carriers) {
      if (carrier.cal !== cal.index || carrier.seenGen === gen) continue;
      if (carrier.endMin === null) verify.push(carrier.eventId);
      else if (!endedBefore(carrier))
        gone.push({ calendarId: cal.id, cal: cal.index, item: { id: carrier.eventId, status: 'cancelled' } });
    }
    if (Number.isFinite(windowStartMin) && record.carriers.some(endedBefore))
      forget(run.state, record, endedBefore);
  }
  for (const eventId of verify.slice(0, MAX_VERIFICATIONS_PER_RUN)) {
    const read = readEvent(run, cal.id, eventId);
    if (read.ok) gone.push(...read.changes);
  }
  processBatch(run, stats, gone);
}

/** Drops a record's carriers that `gone` picks, and the record with its last one. */
export function forget(state: UserState, record: ConferenceRecord, gone: (c: Carrier) => boolean): void {
  const next = forgetCarrier(record, gone);
  if (next) state.book.put(next);
  else state.book.remove(record.conferenceId);
}

/** One event as it is now; gone (404) comes back as a cancelled entry. */
export function readEvent(run: Run, calendarId: string, eventId: string): ReadResult {
  const cal = run.state.find(calendarId);
  if (!cal || cal.meta.lostAt) return { ok: true, changes: [] };
  const got = calendarCall(run, (calendar) => calendar.get(calendarId, eventId));
  if (got.ok) return { ok: true, changes: [{ calendarId, cal: cal.index, item: got.value, read: true }] };
  if (got.kind !== 'not-found') return { ok: false, kind: got.kind };
  // 404 for the event, or for the whole calendar (access lost since it was listed)? Only the first
  // may be read as "gone": one list call tells (once per calendar and run, only after a 404).
  let reachable = run.calendars.reachable.get(calendarId);
  if (reachable === undefined) {
    const probe = calendarCall(run, (c) => c.list(calendarId, { maxResults: 1, singleEvents: false }));
    if (!probe.ok && probe.kind !== 'not-found') return { ok: false, kind: probe.kind };
    reachable = probe.ok;
    run.calendars.reachable.set(calendarId, reachable);
  }
  const gone = { calendarId, cal: cal.index, item: { id: eventId, status: 'cancelled' }, read: true };
  return { ok: true, changes: reachable ? [gone] : [] };
}

export type CalendarAnswer<T> = { ok: true; value: T } | { ok: false; kind: CalendarErrorKind };

/** Rate limits and backend errors: Google's errors guide answers both with "use exponential backoff". */
const isBackOff = (kind: CalendarErrorKind) => kind === 'rate-limited' || kind === 'backend-error';

/** One Calendar API call with that backoff, never past the run's `stopAt`. Never throws. */
export function calendarCall<T>(
  run: Pick<Run, 'services' | 'stopAt'>,
  call: (c: CalendarApi) => T,
): CalendarAnswer<T> {
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
