import type { ConferenceBook } from '../state/conferenceBook';
import type { Carrier, ConferenceRecord } from '../state/record';
import type { UserState } from '../state/userState';
import type { RunContext } from './context';
import { type Change, speakingCarrier } from './decide';
import { readEvent } from './lookUp';
import { processBatch, recordContext } from './pipeline';
import { recordOutcomes } from './recordOutcomes';
import { send, VENDOR_BATCH_SIZE } from './send';

/**
 * What a run does after listing its calendars: resend queued calls that are due, look up
 * conferences onCreate made that no saved event carries yet, retry copies still waiting for their
 * own conference, and forget what is long over. The same pipeline as listing; only the source of
 * the changes differs (Events.get instead of Events.list).
 */

/** A conference onCreate made that no saved event carries yet: first look-up after 10 minutes. */
export const UNCONFIRMED_FIRST_CHECK_MS = 10 * 60_000;
export const UNCONFIRMED_MAX_CHECK_INTERVAL_MS = 6 * 3600_000;
/** onCreate made a conference the saved event does not carry yet: how long the user may edit. */
export const UNCONFIRMED_GRACE_MS = 24 * 3600_000;
/** Records of meetings that ended longer ago than this are forgotten. */
export const PRUNE_AFTER_END_MS = 30 * 24 * 3600_000;
/** Calendar keeps deleted events in its trash for 30 days: tombstones are kept as long. */
export const TOMBSTONE_KEEP_MS = 30 * 24 * 3600_000;
/** A calendar we lost access to keeps its state this long in case access comes back. */
export const LOST_CALENDAR_KEEP_MS = 30 * 24 * 3600_000;
/** At most this many events re-read per run for queued work (each costs an Events.get). */
export const MAX_RETRY_READS_PER_RUN = 200;

/** When an unconfirmed conference is next looked up (Infinity for any other record). */
export function unconfirmedDueAt(r: ConferenceRecord): number {
  if (!r.unconfirmed) return Infinity;
  const created = r.createdMin * 60000;
  const next = r.retryAt ? r.retryAt * 1000 : created + UNCONFIRMED_FIRST_CHECK_MS;
  return Math.min(next, created + UNCONFIRMED_GRACE_MS);
}

/**
 * Resends what is queued and due. Once the vendor has answered in this run, everything queued before
 * the run began is due (the outage is over); what this run itself queued waits for its back-off.
 * Until then, one event is re-read at a time, since its call may be the run's probe; after that the
 * re-read events go through the pipeline in batches, one fetchAll each.
 */
export function retryQueued(run: RunContext): void {
  const now = run.services.clock.now();
  const due = (r: ConferenceRecord) =>
    r.retryAt * 1000 <= now ||
    ((run.health.up || run.health.probe === true) && run.queuedAtStart?.has(r.conferenceId) === true);
  const records = run.state.book.all();
  if (!run.health.down) {
    resendDeletes(
      run,
      records.filter((r) => r.state === 'queued-delete' && due(r)),
    );
  }
  const batch = new RereadBatch(run);
  for (const record of records) {
    if (now > run.stopAt || batch.reads >= MAX_RETRY_READS_PER_RUN || batch.stopped) break;
    if (record.unconfirmed) {
      if (unconfirmedDueAt(record) <= now) batch.reads += checkUnconfirmed(run, record, now);
      continue;
    }
    if (run.health.down || !due(record)) continue;
    const copies = record.carriers.filter((c) => c.role === 'copy');
    const voice = record.state === 'queued-update' ? speakingCarrier(record.carriers) : undefined;
    for (const carrier of voice ? [voice, ...copies] : copies) batch.add(carrier);
  }
  batch.flush();
}

/** Events re-read for queued work, put through the pipeline together (one vendor batch). */
class RereadBatch {
  reads = 0;
  stopped = false;
  private changes: Change[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly run: RunContext) {}

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
    if (!processBatch(this.run, changes).ok) this.stopped = true;
  }
}

function resendDeletes(run: RunContext, records: ConferenceRecord[]): void {
  if (records.length === 0) return;
  const plan = {
    records: [],
    forget: [],
    lookups: [],
    calls: records.map((r) => ({
      op: 'delete' as const,
      conferenceId: r.conferenceId,
      reason: 'queued retry',
      formerCarriers: [],
    })),
  };
  const ctx = {
    vendor: run.vendor,
    calendar: run.services.calendar,
    clock: run.services.clock,
    stopAt: run.stopAt,
    health: run.health,
  };
  recordOutcomes(recordContext(run), plan, send(ctx, plan.calls));
}

/** Carried by the saved event -> confirmed; not yet -> looked up later; after 24 h -> decided as usual. */
function checkUnconfirmed(run: RunContext, record: ConferenceRecord, now: number): number {
  const carrier = record.carriers[0];
  const calendarId = carrier && run.state.byIndex(carrier.cal)?.id;
  if (!carrier || !calendarId) return 0;
  const read = readEvent(run, calendarId, carrier.eventId);
  if (!read.ok || read.changes.length === 0) return 1; // Calendar said stop, or access is lost
  const event = read.changes[0]?.item;
  const carried =
    event?.status !== 'cancelled' && event?.conferenceData?.conferenceId === record.conferenceId;
  const graceOver = now - record.createdMin * 60000 >= UNCONFIRMED_GRACE_MS;
  if (!carried && !graceOver) {
    scheduleNextCheck(run.state.book, record, now);
    return 1;
  }
  if (!carried) {
    // Still not on the saved event after the grace period: the user never saved it.
    record.unconfirmed = false;
    run.state.book.put(record);
  }
  processBatch(run, read.changes);
  return 1;
}

function scheduleNextCheck(book: ConferenceBook, record: ConferenceRecord, now: number): void {
  record.attempts = Math.min(record.attempts + 1, 20);
  const wait = Math.min(UNCONFIRMED_MAX_CHECK_INTERVAL_MS, UNCONFIRMED_FIRST_CHECK_MS * 4 ** record.attempts);
  record.retryAt = Math.ceil((now + wait) / 1000);
  book.put(record);
}

/** Drops one carrier; a record nobody carries and nothing is queued for is forgotten. */
export function forgetCarrier(book: ConferenceBook, record: ConferenceRecord, carrier: Carrier): void {
  record.carriers = record.carriers.filter((c) => c !== carrier);
  if (record.carriers.length === 0 && record.state !== 'queued-delete') book.remove(record.conferenceId);
  else book.put(record);
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
    for (const carrier of [...record.carriers]) {
      if (carrier.endMin !== null && carrier.endMin < endCutoffMin)
        forgetCarrier(state.book, record, carrier);
    }
  }
  for (const cal of state.calendars()) {
    if (cal.meta.lostAt && now - cal.meta.lostAt > LOST_CALENDAR_KEEP_MS) state.forget(cal.id);
  }
}
