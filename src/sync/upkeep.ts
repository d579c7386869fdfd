// What a run does once after listing: queued work (its events re-read), the delete gate, pruning.
import {
  type Carrier,
  type ConferenceRecord,
  draftAbandoned,
  isQueued,
  isSettling,
  lookUpLater,
  placeKey,
  requestMayLand,
  roleOf,
  waitsForConference,
} from '../conference/lifecycle';
import type { UserState } from '../state/userState';
import { type Change, decideDeletes, speakingCarrier } from './decide';
import type { RunStats } from './recordOutcomes';
import type { Run } from './runSync';
import { processBatch, resendOutbox, sendAndRecord, VENDOR_BATCH_SIZE } from './send';
import { type CalendarOutcome, forget, readEvent } from './syncCalendar';

/** A conference onCreate made that no saved event carries yet: looked up after 10 min, at most 6 h apart. */
const UNCONFIRMED_FIRST_CHECK_MS = 10 * 60_000;
const UNCONFIRMED_MAX_CHECK_MS = 6 * 3600_000;
const UNCONFIRMED_GRACE_MS = 24 * 3600_000; // how long the user may take to save the event
const KEEP_MS = 30 * 24 * 3600_000; // meetings over, tombstones (Calendar's trash), calendars lost
const MAX_RETRY_READS_PER_RUN = 200; // events re-read per run for queued work, each an Events.get

/** When our create made it; unknown counts as long ago (grace over, may be in a lost calendar: safe). */
const createdAt = (r: ConferenceRecord): number => (r.createdMin ?? 0) * 60_000;

function unconfirmedDueAt(r: ConferenceRecord): number {
  const created = createdAt(r);
  const next = r.retryAt ? r.retryAt * 1000 : created + UNCONFIRMED_FIRST_CHECK_MS;
  return Math.min(next, created + UNCONFIRMED_GRACE_MS);
}

/**
 * A queued call is due once its back-off has passed, or, once the vendor answered in this run (or
 * this run probes it), when it was queued before the run began: recovery sends everything at once.
 */
function isDueNow(run: Run, r: ConferenceRecord, now: number): boolean {
  const answered = run.health.up || run.health.probe === true;
  const failedBefore = r.attempts > 0; // a vendor failure queued it (not a `settling` DELETE)
  const queuedAtStart = run.queuedAtStart?.has(r.conferenceId) === true;
  return r.retryAt * 1000 <= now || (answered && failedBefore && queuedAtStart);
}

/** Re-reads the events behind due queued work; what they say goes through the pipeline together. */
export function retryQueued(run: Run, stats: RunStats): void {
  resendOutbox(run, stats);
  const now = run.services.clock.now();
  const seen = new Set<string>();
  const changes: Change[] = [];
  let reads = 0;
  const flush = () => processBatch(run, stats, changes.splice(0)); // an empty batch is skipped
  records: for (const record of run.state.book.all()) {
    if (now > run.stopAt || reads >= MAX_RETRY_READS_PER_RUN) break;
    if (record.unconfirmed) {
      const looked = unconfirmedDueAt(record) <= now ? checkUnconfirmed(run, stats, record, now) : 'none';
      if (looked === 'stop') break; // Calendar said stop
      if (looked === 'read') reads++;
      continue;
    }
    if (run.health.down || !isDueNow(run, record, now)) continue;
    // Every event of a meeting waiting for its conference back is read: one undo or new one serves all.
    const waiting = record.carriers.filter((c) => waitsForConference(record, c));
    const voice = record.state === 'queued-update' ? speakingCarrier(record, record.carriers) : undefined;
    for (const { cal, eventId } of voice ? [voice, ...waiting] : waiting) {
      const calendarId = run.state.byIndex(cal)?.id;
      const key = placeKey({ cal, eventId });
      if (!calendarId || seen.has(key)) continue;
      seen.add(key);
      reads++;
      const read = readEvent(run, calendarId, eventId);
      if (!read.ok) break records; // Calendar said stop
      changes.push(...read.changes);
      // Until the vendor answers in this run, the first call is the probe: it goes alone.
      if (changes.length >= (run.health.up ? VENDOR_BATCH_SIZE : 1)) flush();
    }
  }
  flush();
}

/** What a look-up did: no read, one read, or a read Calendar refused (it said stop: no more this run). */
type LookUp = 'none' | 'read' | 'stop';

/** Carried by the saved event -> confirmed; not yet -> looked up later; after 24 h -> decided as usual. */
function checkUnconfirmed(run: Run, stats: RunStats, record: ConferenceRecord, now: number): LookUp {
  const live = record.carriers;
  const carrier = live.find((c) => roleOf(record, c) === 'own') ?? live[0] ?? record.meeting[0];
  const calendarId = carrier && run.state.byIndex(carrier.cal)?.id;
  if (!carrier || !calendarId) return 'none';
  const knownLost = run.state.byIndex(carrier.cal)?.meta.lostAt !== undefined; // no call is made then
  const read = readEvent(run, calendarId, carrier.eventId);
  if (!read.ok) return 'stop'; // Calendar said stop
  // No event when its calendar cannot be read (access lost): not carried, so asked again later like an
  // unsaved draft (not in every run); after the grace, decided on nothing (nothing is deleted then).
  const event = read.changes[0]?.item;
  const carried =
    event?.status !== 'cancelled' && event?.conferenceData?.conferenceId === record.conferenceId;
  const graceOver = now - createdAt(record) >= UNCONFIRMED_GRACE_MS;
  if (!carried && !graceOver)
    run.state.book.put(lookUpLater(record, now, UNCONFIRMED_FIRST_CHECK_MS, UNCONFIRMED_MAX_CHECK_MS));
  else {
    if (!carried) run.state.book.put(draftAbandoned(record)); // the user never saved it
    processBatch(run, stats, read.changes);
  }
  return knownLost ? 'none' : 'read';
}

/** Forgets meetings long over, tombstones past Calendar's trash retention, calendars lost for long. */
export function prune(state: UserState, now: number): void {
  const cutoffMin = Math.floor((now - KEEP_MS) / 60000);
  const over = (c: Carrier) => c.endMin !== null && c.endMin < cutoffMin;
  for (const record of state.book.all()) {
    if (record.state === 'deleted') {
      if ((record.deletedMin ?? 0) < cutoffMin) state.book.remove(record.conferenceId);
    } else if (!record.unconfirmed && !isQueued(record) && record.carriers.some(over))
      forget(state, record, over);
  }
  for (const cal of state.calendars())
    if (cal.meta.lostAt && now - cal.meta.lostAt > KEEP_MS) state.forget(cal.id);
}

/**
 * A watched calendar that answers 404 (access lost, perhaps for a while) may hold a copy carrying any
 * conference that existed before it was lost, but not one made after, nor one never put on an event.
 */
function couldBeInLostCalendar(run: Run): (record: ConferenceRecord) => boolean {
  const losses = run.state.calendars().flatMap((c) => (c.meta.lostAt === undefined ? [] : [c.meta.lostAt]));
  if (losses.length === 0) return () => false;
  const newestLoss = Math.max(...losses);
  return (record) => !record.neverCarried && createdAt(record) < newestLoss;
}

/** The user can edit only the one calendar the add-on watches: a cancelled event there has not moved. */
function nowhereToMove(run: Run): boolean {
  if (run.state.calendars().length > 1) return false;
  const editable = run.calendars.editable();
  return editable.ok && editable.value.every((id) => run.state.find(id) !== undefined);
}

/**
 * The one gate before any vendor DELETE: none while a live event in a calendar the user can edit
 * carries the conference. It lists every such calendar not listed up to now in this run (a move, a
 * restore or a copy found there revives the conference), and only if all finished sends the DELETEs
 * `decideDeletes` still finds due. Anything it could not see keeps them for the next run.
 */
export function deleteGate(run: Run, stats: RunStats, listToNow: (calendarId: string) => CalendarOutcome) {
  const now = run.services.clock.now();
  let alone: boolean | undefined; // nowhereToMove, asked once per gate and only if something settles
  const cannotHaveMoved = () => (alone ??= nowhereToMove(run));
  const due = (r: ConferenceRecord) =>
    isDueNow(run, r, now) || (isSettling(r) && r.retryAt * 1000 > now && cannotHaveMoved());
  const deletesDue = decideDeletes(run.state.book.all(), due).length > 0;
  if (!deletesDue && !run.calendars.observeAll) return 'nothing-due';
  if (run.health.down && !run.calendars.observeAll) return 'vendor-down';
  if (!observeAll(run, listToNow)) return 'not-sure';
  if (!deletesDue) return 'sent';
  if (run.health.down) return 'vendor-down';
  const couldBeThere = couldBeInLostCalendar(run);
  const calls = decideDeletes(run.state.book.all(), (r) => due(r) && !couldBeThere(r));
  if (calls.length === 0) return 'sent';
  // Stored before they go out: a run cut off right after them must not wake up to records that never
  // heard of them (onCreate's lock-free record merged again, say), or revive one without checking.
  for (const call of calls) {
    const record = run.state.book.get(call.conferenceId);
    if (record) run.state.book.put(requestMayLand(record));
  }
  run.recordHealth?.();
  run.state.save();
  sendAndRecord(run, stats, { records: [], calls });
  return 'sent';
}

/** Lists every editable or watched calendar not listed up to now in this run: true if all finished. */
function observeAll(run: Run, listToNow: (calendarId: string) => CalendarOutcome): boolean {
  const editable = run.calendars.editable();
  if (!editable.ok) return false;
  for (const calendarId of new Set([...editable.value, ...run.state.calendars().map((c) => c.id)])) {
    if (run.calendars.listedToNow.has(calendarId)) continue;
    const cal = run.state.find(calendarId) ?? run.calendars.watch(calendarId);
    if (cal.meta.lostAt) continue; // cannot be read: see couldBeInLostCalendar
    const outcome = listToNow(calendarId);
    if (outcome !== 'ok' && outcome !== 'lost-access') return false;
  }
  run.calendars.observeAll = false;
  return true;
}
