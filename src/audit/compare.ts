/**
 * The audit's pure half: which meetings are due a check, and what one read of the vendor means, Calendar
 * being the truth. The event's fields pass through the adapter's `heldView` first, so the vendor's own
 * rounding never reads as a change made there. Nothing here deletes: a lost conference is replaced, and a
 * vendor refusing this user changes nothing.
 */
import { instantOf, type SyncedFields, syncedFieldsHash, syncedFieldsOf } from '../calendar/syncedFields';
import type { CalendarEvent, EventDateTime } from '../calendar/types';
import { type Carrier, type ConferenceRecord, isQueued, roleOf } from '../conference/lifecycle';
import { hash53 } from '../util/hash';
import type { ReadOutcome, VendorPort } from '../vendor/port';

/** What a user would call different: the four things the vendor keeps for a meeting. */
export type SyncedAspect = 'title' | 'time' | 'guests' | 'recurrence';

export type RepairIntent =
  | { kind: 'in-step'; fingerprint: string } // the vendor holds what the event says: remember what, when
  | { kind: 'resend'; fields: SyncedFields; aspects: SyncedAspect[] } // other values: send the event's again
  | { kind: 'recreate' } // the vendor lost the event's conference: a new one goes on the event
  | { kind: 'blocked'; reason: 'unauthorized' | 'forbidden' } // 401 / 403: nothing changes, the cards say why
  | { kind: 'ask-later' } // no usable answer (down, rate limited, a garbled body)
  | { kind: 'not-carried' }; // the event no longer carries it (deleted, changed, moved): the sync's business

export interface AuditTarget {
  conferenceId: string;
  /** The one event carrying it; its `startMin` is the meeting's (first) start. */
  carrier: Carrier & { startMin: number };
}

/** This many missing in one run, and most of what was read: hold every re-create (tooManyMissing). */
export const MASS_MISSING = 10;
/**
 * A meeting within 14 days is checked at least daily (23 h: hourly runs drift), and at every hourly run on
 * its day: a conference lost that day is back within about an hour. Read one by one (Zoom), 200 meetings
 * cost about 200 + 14 × 24 reads a day, under 3 % of the consumer UrlFetch quota (bench: `audit`).
 */
export const AUDIT_HORIZON_MS = 14 * 24 * 3600_000;
const DAILY_CHECK_MS = 23 * 3600_000;
const DAY_OF_MS = 24 * 3600_000;
const HOURLY_CHECK_MS = 50 * 60_000;
/** The most reads one run spends on the audit (8 fetchAll round trips of 25). */
const MAX_AUDIT_READS_PER_RUN = 200;

/**
 * The one event a conference is checked and repaired through: a settled record (not queued, refused, lost
 * or awaiting the saved event) with one carrier, its own. A move, split or copy in progress is the sync's.
 */
function auditableCarrier(record: ConferenceRecord): AuditTarget['carrier'] | undefined {
  if (record.state !== 'synced' || record.unconfirmed || isQueued(record)) return undefined;
  const [only, ...others] = record.carriers;
  if (!only || others.length > 0 || roleOf(record, only) !== 'own' || only.startMin === null)
    return undefined;
  return { ...only, startMin: only.startMin };
}

/** A series (no end) is checked daily: records keep its first start, maybe before the horizon. */
function isDue({ startMin, endMin }: AuditTarget['carrier'], checkedMin: number | undefined, nowMs: number) {
  const startMs = startMin * 60_000;
  const series = endMin === null;
  if (startMs > nowMs + AUDIT_HORIZON_MS) return false;
  if (!series && startMs <= nowMs) return false; // started or over: too late to help
  if (checkedMin === undefined) return true;
  const interval = !series && startMs - nowMs <= DAY_OF_MS ? HOURLY_CHECK_MS : DAILY_CHECK_MS;
  return nowMs - checkedMin * 60_000 >= interval;
}

/** The meetings the hourly run checks, soonest first. */
export function dueChecks(records: readonly ConferenceRecord[], nowMs: number): AuditTarget[] {
  const due = records.flatMap((record): AuditTarget[] => {
    const { conferenceId, checkedMin } = record;
    const carrier = auditableCarrier(record);
    return carrier && isDue(carrier, checkedMin, nowMs) ? [{ conferenceId, carrier }] : [];
  });
  return due.sort((a, b) => a.carrier.startMin - b.carrier.startMin).slice(0, MAX_AUDIT_READS_PER_RUN);
}

/** Time, guests and series by meaning: instants, not strings; guests as a set of lower-case addresses. */
function meaning(f: SyncedFields): Record<Exclude<SyncedAspect, 'title'>, string> {
  // An all-day day and a timed instant are different even when they start at the same midnight.
  const at = (t: EventDateTime | null) => (t ? `${t.date ? 'd' : 't'}${instantOf(t)}` : '-');
  const lines = (list: readonly string[]) => list.map((l) => l.trim()).filter((l) => l !== '');
  return {
    time: `${at(f.start)}\u0001${at(f.end)}`,
    guests: [...new Set(lines(f.attendees).map((e) => e.toLowerCase()))].sort().join('\n'),
    recurrence: lines(f.recurrence).join('\n'),
  };
}

/** The aspects in which `held` (a read of the vendor) differs from `expected` (the event, as held). */
export function differences(expected: SyncedFields, held: SyncedFields): SyncedAspect[] {
  const [want, got] = [meaning(expected), meaning(held)];
  // An event without a title sends none: whatever the vendor shows then is its own default.
  const title = expected.title !== null && expected.title !== held.title;
  const others = (['time', 'guests', 'recurrence'] as const).filter((a) => want[a] !== got[a]);
  return title ? ['title', ...others] : others;
}

/** What the vendor would hold had it been sent the event's fields. */
export function expectedAtVendor(vendor: Pick<VendorPort, 'heldView'>, fields: SyncedFields): SyncedFields {
  return vendor.heldView ? vendor.heldView(fields) : fields;
}

/** What the vendor holds, by meaning: a later read with the same fingerprint needs no event read. */
export function heldFingerprint(held: SyncedFields): string {
  const { time, guests, recurrence } = meaning(held);
  return hash53([held.title ?? '', time, guests, recurrence].join('\u0001'));
}

/**
 * The fingerprint a read is compared with: the last check's, or the read's own when a vendor that holds
 * exactly what it is sent (no `heldView`) holds what the sync last sent: then no event read is needed.
 */
export function knownFingerprint(
  vendor: Pick<VendorPort, 'heldView'>,
  read: ReadOutcome | undefined,
  sentHash: string | undefined,
  lastCheck: string | undefined,
): string | undefined {
  if (vendor.heldView || !sentHash || read?.kind !== 'applied') return lastCheck;
  const { title, start, end, attendees, recurrence } = read.value;
  const asSent = syncedFieldsHash({ title, start, end, attendees, recurrence }) === sentHash;
  return asSent ? heldFingerprint(read.value) : lastCheck;
}

/** The answer alone, before any event read: blocked, ask later, or whether the event is needed. */
export function triage(
  read: ReadOutcome | undefined,
  known: string | undefined,
): RepairIntent | 'read-event' {
  switch (read?.kind) {
    case 'applied':
      return heldFingerprint(read.value) === known ? { kind: 'in-step', fingerprint: known } : 'read-event';
    case 'already-gone':
      return 'read-event';
    case 'unauthorized':
      return { kind: 'blocked', reason: 'unauthorized' };
    case 'refused':
      return read.reason === 'forbidden' ? { kind: 'blocked', reason: 'forbidden' } : { kind: 'ask-later' };
    default:
      return { kind: 'ask-later' };
  }
}

/** `expected`: the adapter's view of an event's fields (what the vendor would hold had it been sent them). */
export function decideRepair(
  read: ReadOutcome,
  conferenceId: string,
  event: CalendarEvent | undefined,
  expected: (fields: SyncedFields) => SyncedFields,
): RepairIntent {
  if (!event || event.status === 'cancelled' || event.conferenceData?.conferenceId !== conferenceId) {
    return { kind: 'not-carried' };
  }
  if (read.kind === 'already-gone') return { kind: 'recreate' };
  if (read.kind !== 'applied') return { kind: 'ask-later' };
  const fields = syncedFieldsOf(event);
  const aspects = differences(expected(fields), read.value);
  return aspects.length === 0
    ? { kind: 'in-step', fingerprint: heldFingerprint(read.value) }
    : { kind: 'resend', fields, aspects };
}

/** A vendor suddenly without our meetings (a wrong base URL, a bad restore on its side): re-create none. */
export function tooManyMissing(intents: readonly RepairIntent[]): boolean {
  const missing = intents.filter((i) => i.kind === 'recreate').length;
  const answered = intents.filter((i) => ['recreate', 'in-step', 'resend'].includes(i.kind)).length;
  return missing >= MASS_MISSING && missing * 2 > answered;
}
