import {
  type Carrier,
  type ConferenceRecord,
  draftAbandoned,
  forgetCarrier,
  liveCarriers,
  lookUpLater,
} from '../conference/lifecycle';
import type { UserState } from '../state/userState';
import type { Run } from './context';
import { type Change, speakingCarrier } from './decide';
import { processBatch, resendOutbox } from './pipeline';
import type { RunStats } from './recordOutcomes';
import { VENDOR_BATCH_SIZE } from './send';
import { readEvent } from './syncCalendar';

/**
 * What a run does after listing its calendars: re-read the events behind queued updates that are
 * due, look up conferences onCreate made that no saved event carries yet, retry copies still
 * waiting for their own conference, and forget what is long over. The same pipeline as listing;
 * only the source of the changes differs (Events.get instead of Events.list). Queued DELETEs are
 * the delete gate's (deleteGate.ts).
 */

/** A conference onCreate made that no saved event carries yet: first look-up after 10 minutes. */
const UNCONFIRMED_FIRST_CHECK_MS = 10 * 60_000;
const UNCONFIRMED_MAX_CHECK_INTERVAL_MS = 6 * 3600_000;
/** onCreate made a conference the saved event does not carry yet: how long the user may edit. */
const UNCONFIRMED_GRACE_MS = 24 * 3600_000;
/** Records of meetings that ended longer ago than this are forgotten. */
const PRUNE_AFTER_END_MS = 30 * 24 * 3600_000;
/** Calendar keeps deleted events in its trash for 30 days: tombstones are kept as long. */
const TOMBSTONE_KEEP_MS = 30 * 24 * 3600_000;
/** A calendar we lost access to keeps its state this long in case access comes back. */
const LOST_CALENDAR_KEEP_MS = 30 * 24 * 3600_000;
/** At most this many events re-read per run for queued work (each costs an Events.get). */
const MAX_RETRY_READS_PER_RUN = 200;

/** When an unconfirmed conference is next looked up (Infinity for any other record). */
function unconfirmedDueAt(r: ConferenceRecord): number {
  if (!r.unconfirmed) return Infinity;
  const created = r.createdMin * 60000;
  const next = r.retryAt ? r.retryAt * 1000 : created + UNCONFIRMED_FIRST_CHECK_MS;
  return Math.min(next, created + UNCONFIRMED_GRACE_MS);
}

/**
 * A queued call is due once its back-off has passed, or, once the vendor answered in this run (or
 * this run probes it), when it was queued before the run began: recovery sends everything at once.
 */
export function isDueNow(run: Run, r: ConferenceRecord, now: number): boolean {
  const answered = run.health.up || run.health.probe === true;
  const failedBefore = r.attempts > 0; // not a DELETE waiting for a moved event to show up
  return (
    r.retryAt * 1000 <= now || (answered && failedBefore && run.queuedAtStart?.has(r.conferenceId) === true)
  );
}

export function retryQueued(run: Run, stats: RunStats): void {
  resendOutbox(run, stats);
  const now = run.services.clock.now();
  const batch = new RereadBatch(run, stats);
  for (const record of run.state.book.all()) {
    if (now > run.stopAt || batch.reads >= MAX_RETRY_READS_PER_RUN || batch.stopped) break;
    if (record.unconfirmed) {
      if (unconfirmedDueAt(record) <= now) batch.reads += checkUnconfirmed(run, stats, record, now);
      continue;
    }
    if (run.health.down || !isDueNow(run, record, now)) continue;
    const carriers = liveCarriers(record);
    // Copies waiting for their own conference; every event of a meeting waiting for its conference
    // back (read together, so an undo or a new conference is for all of them); the speaking event.
    const waiting = carriers.filter(
      (c) => c.role === 'copy' || (record.state === 'lost' && c.role === 'own'),
    );
    const voice = record.state === 'queued-update' ? speakingCarrier(carriers) : undefined;
    for (const carrier of voice ? [voice, ...waiting] : waiting) batch.add(carrier);
  }
  batch.flush();
}

/** Events re-read for queued work, put through the pipeline together (one vendor batch). */
class RereadBatch {
  reads = 0;
  stopped = false;
  private changes: Change[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly run: Run,
    private readonly stats: RunStats,
  ) {}

  add(carrier: Carrier): void {
    const calendarId = this.run.state.byIndex(carrier.cal)?.id;
    const key = `${carrier.cal}\n${carrier.eventId}`;
    if (!calendarId || this.stopped || this.seen.has(key)) return;
    this.seen.add(key);
    this.reads++;
    const read = readEvent(this.run, calendarId, carrier.eventId);
    if (!read.ok) {
      this.stopped = true; // Calendar said stop
      return;
    }
    this.changes.push(...read.changes);
    // While the vendor has not answered in this run, the first call is the probe: send it alone.
    const size = this.run.health.up ? VENDOR_BATCH_SIZE : 1;
    if (this.changes.length >= size) this.flush();
  }

  flush(): void {
    if (this.changes.length === 0) return;
    const changes = this.changes;
    this.changes = [];
    if (!processBatch(this.run, this.stats, changes).ok) this.stopped = true;
  }
}

/** Carried by the saved event -> confirmed; not yet -> looked up later; after 24 h -> decided as usual. */
function checkUnconfirmed(run: Run, stats: RunStats, record: ConferenceRecord, now: number): number {
  // onCreate's own event, wherever it went (a listing may have found it moved).
  const live = liveCarriers(record);
  const carrier = live.find((c) => c.role === 'own') ?? live[0] ?? record.carriers[0];
  const calendarId = carrier && run.state.byIndex(carrier.cal)?.id;
  if (!carrier || !calendarId) return 0;
  const read = readEvent(run, calendarId, carrier.eventId);
  if (!read.ok || read.changes.length === 0) return 1; // Calendar said stop, or access is lost
  const event = read.changes[0]?.item;
  const carried =
    event?.status !== 'cancelled' && event?.conferenceData?.conferenceId === record.conferenceId;
  const graceOver = now - record.createdMin * 60000 >= UNCONFIRMED_GRACE_MS;
  if (!carried && !graceOver) {
    run.state.book.put(
      lookUpLater(record, now, UNCONFIRMED_FIRST_CHECK_MS, UNCONFIRMED_MAX_CHECK_INTERVAL_MS),
    );
    return 1;
  }
  // Still not on the saved event after the grace period: the user never saved it.
  if (!carried) run.state.book.put(draftAbandoned(record));
  processBatch(run, stats, read.changes);
  return 1;
}

/** Forgets meetings long over, tombstones past Calendar's trash retention, calendars lost for long. */
export function prune(state: UserState, now: number): void {
  const endCutoffMin = Math.floor((now - PRUNE_AFTER_END_MS) / 60000);
  const tombstoneCutoffMin = Math.floor((now - TOMBSTONE_KEEP_MS) / 60000);
  for (const record of state.book.all()) {
    if (record.state === 'deleted') {
      if (record.deletedMin < tombstoneCutoffMin) state.book.remove(record.conferenceId);
      continue;
    }
    if (record.unconfirmed || record.state === 'queued-update' || record.state === 'queued-delete') continue;
    const over = (c: Carrier) => c.endMin !== null && c.endMin < endCutoffMin;
    if (!record.carriers.some(over)) continue;
    const next = forgetCarrier(record, over);
    if (next) state.book.put(next);
    else state.book.remove(record.conferenceId);
  }
  for (const cal of state.calendars()) {
    if (cal.meta.lostAt && now - cal.meta.lostAt > LOST_CALENDAR_KEEP_MS) state.forget(cal.id);
  }
}
