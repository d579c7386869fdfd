import { splitParentOf } from '../calendar/eventIds';
import { eventEndMinutes, minutesOf } from '../calendar/eventTime';
import { instantOf, type SyncedFields, syncedFieldsHash, syncedFieldsOf } from '../calendar/syncedFields';
import type { CalendarEvent } from '../calendar/types';
import {
  type Carrier,
  type ConferenceRecord,
  carriedBy,
  carrierAt,
  confirmed,
  isCarried,
  isMeetingEvent,
  isSettling,
  isStorableId,
  lastCarrierGone,
  lostUncarried,
  carrier as newCarrierAt,
  notCarriedBy,
  nothingToSend,
  requestMayLand,
  restoring,
  revived,
  roleOf,
  speakerChanged,
  vendorHolds,
  waitsForConference,
} from '../conference/lifecycle';
import type { Rule } from './rules';

/**
 * The decide step: changed Calendar items + the stored records + now -> a plan. Pure: no services,
 * no clock, nothing mutated; records change only through src/conference/lifecycle.ts's transitions.
 *
 * THE RULE (docs/architecture.md): a conference is deleted only when no live event the user can see
 * carries it, and a live event never carries a deleted conference. Which carrier is the meeting and
 * which a copy follows from its id (lifecycle's `roleOf`); someone else's meeting (a guest's copy)
 * and single occurrences of a series never carry. Decide never plans a DELETE: a conference nothing
 * carries waits (QUEUED-DELETE) for the delete gate.
 */

/** One item from Calendar and the calendar (its index in the records) it came from. */
export interface Change {
  calendarId: string;
  cal: number;
  item: CalendarEvent;
  /** Set when the item came from a full sync: the generation to stamp on its carrier. */
  seenGen?: number;
  /** Read with Events.get, not listed: no trigger reported it, so a cancellation is not waited for. */
  read?: boolean;
}

/** What decide reads from the stored state. */
export interface BookView {
  get(conferenceId: string): ConferenceRecord | undefined;
  carriedBy(cal: number, eventId: string): ConferenceRecord[];
}

/** A conference-carrying event that is to get a conference of its own. */
interface ReplaceTarget {
  calendarId: string;
  cal: number;
  event: CalendarEvent;
}

export type PlannedCall =
  | {
      op: 'update';
      rule: Rule<'speak'>;
      conferenceId: string;
      fields: SyncedFields;
      hash: string;
      event: CalendarEvent;
      calendarId: string;
    }
  | { op: 'delete'; rule: Rule<'gate-delete'>; conferenceId: string }
  | {
      op: 'replace';
      /** `ask-back`: the meeting, restored or lost at the vendor; `copy-gets-own`: another meeting. */
      rule: Rule<'ask-back' | 'copy-gets-own'>;
      /** The conference the event carries now (shared with another meeting, or deleted). */
      conferenceId: string;
      solutionId: string;
      restored: boolean;
      target: ReplaceTarget;
      /**
       * `ask-back` only: the meeting's other events carrying the gone conference (parts of a split
       * series): the undo is for all, a new conference goes onto each (soak seeds 421084, 426772).
       */
      parts: ReplaceTarget[];
      fields: SyncedFields;
      hash: string;
    }
  /** A copy stopped carrying the conference before its own was recorded (rule `copy-left`). */
  | {
      op: 'abandon';
      rule: Rule<'copy-left'>;
      conferenceId: string;
      solutionId: string;
      calendarId: string;
      eventId: string;
      restored: boolean;
      /** The conference the event carries now: if the create handed that one back, it is kept. */
      carried?: string;
    };

export interface Plan {
  /** New versions of the records this plan touches (store them, then apply the calls' outcomes). */
  records: ConferenceRecord[];
  calls: PlannedCall[];
  /** List every calendar the user can edit in this run, before anything is deleted (`find-move`). */
  observeAll?: Rule<'find-move'>;
}

/** Working state of one decide call. */
interface Batch {
  book: BookView;
  /** The new version of every record this batch changed. */
  touched: Map<string, ConferenceRecord>;
  /** Live carriers as they were before this batch, per touched conference. */
  before: Map<string, readonly Carrier[]>;
  /** Live items in this batch, by carrier key. */
  live: Map<string, Change>;
  calls: PlannedCall[];
  /** Conferences a cancelled entry of this batch named (see `namedBy`): listed (true) or read (false). */
  cancelled: Map<string, boolean>;
  now: number;
  /** Saved events not carrying an unconfirmed conference, passed over for onCreate's grace. */
  graced: Map<string, Change[]>;
}

const carrierKey = (cal: number, eventId: string) => `${cal}\t${eventId}`;

/**
 * How long a conference whose last event was listed cancelled waits (`settling`): a meeting moved
 * to another calendar shows up in that calendar's own trigger run, at no extra Calendar request.
 */
const SETTLE_MS = 10 * 60_000;

export function decide(changes: readonly Change[], book: BookView, now: number): Plan {
  const batch: Batch = {
    cancelled: new Map(),
    now,
    book,
    touched: new Map(),
    before: new Map(),
    live: new Map(),
    calls: [],
    graced: new Map(),
  };
  for (const change of changes) {
    if (isCarrierCandidate(change.item)) applyChange(batch, change);
    else if (isGuestCopyAtOurPlace(batch, change)) {
      // Someone else's meeting where ours was (its organizer changed): ours is not here any more.
      applyChange(batch, { ...change, item: { id: change.item.id as string, status: 'cancelled' } });
    }
  }
  const plan: Plan = { records: [], calls: batch.calls };
  for (const record of batch.touched.values()) plan.records.push(settleRecord(batch, record));
  // THE rule for cancelled entries (`find-move`): every calendar is listed in this run, unless the
  // conference waits for a moved event to show up (`settling`).
  const after = new Map(plan.records.map((r) => [r.conferenceId, r]));
  const settling = (id: string) => isSettling(after.get(id) ?? book.get(id));
  if ([...batch.cancelled.keys()].some((id) => !settling(id))) plan.observeAll = 'find-move';
  return plan;
}

/**
 * A guest's copy of someone else's meeting: `organizer.self` "whether the organizer corresponds to
 * the calendar on which this copy of the event appears", default false (Events resource). A
 * cancelled entry carries no organizer at all: it is judged by the carriers we recorded.
 */
function isSomeoneElses(item: CalendarEvent): boolean {
  return item.organizer !== undefined && item.organizer !== null && item.organizer.self !== true;
}

function isGuestCopyAtOurPlace(batch: Batch, change: Change): boolean {
  const { item } = change;
  const id = item.id;
  if (!isStorableId(id) || !isSomeoneElses(item)) return false;
  return batch.book
    .carriedBy(change.cal, id)
    .some((r) => carrierAt(r, { cal: change.cal, eventId: id }) !== undefined);
}

/** Someone else's meeting and single occurrences of a series are never carriers nor copies. */
function isCarrierCandidate(item: CalendarEvent | undefined): item is CalendarEvent & { id: string } {
  if (!item || !isStorableId(item.id)) return false;
  if (isSomeoneElses(item)) return false;
  return typeof item.recurringEventId !== 'string' || item.recurringEventId === '';
}

/** The record as this batch left it so far. */
function current(batch: Batch, conferenceId: string): ConferenceRecord | undefined {
  return batch.touched.get(conferenceId) ?? batch.book.get(conferenceId);
}

/** Keeps the new version of a record (a lifecycle transition's result). */
function keep(batch: Batch, next: ConferenceRecord): ConferenceRecord {
  if (!batch.before.has(next.conferenceId)) {
    const stored = batch.book.get(next.conferenceId);
    batch.before.set(next.conferenceId, stored?.carriers ?? []);
  }
  batch.touched.set(next.conferenceId, next);
  return next;
}

function applyChange(batch: Batch, change: Change): void {
  const { item, cal } = change;
  const id = item.id as string;
  const cancelled = item.status === 'cancelled';
  const carriedId = cancelled ? undefined : item.conferenceData?.conferenceId;
  if (cancelled)
    for (const r of namedBy(batch, change)) batch.cancelled.set(r.conferenceId, change.read !== true);
  // The records this event carried: it stops carrying those it no longer shows.
  for (const stored of batch.book.carriedBy(cal, id)) {
    const record = current(batch, stored.conferenceId) ?? stored;
    const here = carrierAt(record, { cal, eventId: id });
    if (!here) continue; // only a place of the meeting
    if (record.conferenceId === carriedId) continue;
    if (record.unconfirmed && !cancelled) {
      // onCreate's grace: the user may still be editing (unless a copy shows it was saved: see below)
      batch.graced.set(record.conferenceId, [...(batch.graced.get(record.conferenceId) ?? []), change]);
      continue;
    }
    if (waitsForConference(record, here)) {
      const { conferenceId, solutionId } = record;
      batch.calls.push({
        op: 'abandon',
        rule: 'copy-left',
        conferenceId,
        solutionId,
        calendarId: change.calendarId,
        eventId: id,
        restored: record.state === 'lost', // a restored meeting waiting for its new conference
        ...(carriedId ? { carried: carriedId } : {}),
      });
    }
    keep(batch, notCarriedBy(record, cal, id));
  }
  if (typeof carriedId === 'string' && carriedId !== '') carryConference(batch, change, carriedId);
}

/**
 * The conferences a cancelled entry names: one an event there carries, one whose meeting was there
 * (a restored meeting moved away or deleted again), one a part split from it (`<id>_R<start>`) may
 * still carry, moved to another calendar (the vendor must hear the upcoming part wherever it lives).
 */
function namedBy(batch: Batch, change: Change): ConferenceRecord[] {
  const id = change.item.id as string;
  const parent = splitParentOf(id);
  return [
    ...batch.book.carriedBy(change.cal, id),
    ...(parent ? batch.book.carriedBy(change.cal, parent) : []),
  ];
}

/** A live item carries a conference: the same meeting, a copy, a restored meeting, or not ours. */
function carryConference(batch: Batch, change: Change, conferenceId: string): void {
  const record = current(batch, conferenceId);
  if (!record) return; // not ours, or long forgotten
  const id = change.item.id as string;
  const here = carrierAt(record, { cal: change.cal, eventId: id });
  if (record.state === 'deleted' || (record.state === 'lost' && !here?.shared)) {
    // Restored from the trash, or gone at the vendor (or a copy of such a meeting): the meeting it
    // was made for gets it back (if the vendor can undo the delete), any other a new one. Recorded
    // first as lost with the event waiting, so a run cut off meanwhile knows about it.
    const undo = isMeetingEvent(record, id);
    if (madeAgainFor(batch, record, change)) {
      // Nothing asked for until the save tells which one it carries, but the event was seen carrying
      // it: a full sync's reconcile takes a carrier not stamped as seen for gone (soak seed 1507918).
      if (here) keep(batch, carriedBy(record, seenCarrier(change, here)));
      return;
    }
    if (undo && anotherPartRestored(batch, record, change)) return;
    const next = keep(batch, requestMayLand(restoring(record, seenCarrier(change, here))));
    batch.calls.push(replaceCall(next, change, true, undo));
    return;
  }
  batch.live.set(carrierKey(change.cal, id), change);
  const seen = seenCarrier(change, here);
  let next = carriedBy(record, seen);
  // A saved event carries it - the meeting's own or a copy, which only a saved event can have: the
  // draft was saved, so the copy's own conference is not held back by the draft's grace period.
  if (next.unconfirmed) {
    next = confirmed(next);
    // Its own event listed without it in this batch was passed over for the grace: it went.
    for (const graced of batch.graced.get(record.conferenceId) ?? [])
      next = notCarriedBy(next, graced.cal, graced.item.id as string);
    next = readUnseenOwners(batch, next);
  }
  // A copy of a conference whose DELETE may have landed (sent by a run cut off before its answer was
  // recorded) is planned as a copy of a restored meeting: if Calendar refuses the copy its own, the
  // vendor is asked to undo the delete rather than leave a dead link (soak seed 1618241).
  if (roleOf(next, seen) === 'copy') batch.calls.push(replaceCall(next, change, deleteMayHaveLanded(next)));
  else if (next.state === 'queued-delete') next = revived(next);
  keep(batch, next);
}

/** Its DELETE waits for the gate and the vendor is not known to hold it: a DELETE may have landed. */
function deleteMayHaveLanded(record: ConferenceRecord): boolean {
  return record.state === 'queued-delete' && record.vendor.kind !== 'holds';
}

/**
 * onCreate has just made a conference for this very event (the user picked our solution on it
 * again): it replaces the one the event shows until the user saves. Asking the vendor now for that
 * one back, or for another, would leave two live conferences for one event (soak seed 65339); once
 * the event is saved the next run sees which one it carries.
 */
function madeAgainFor(batch: Batch, record: ConferenceRecord, change: Change): boolean {
  const id = change.item.id as string;
  return batch.book.carriedBy(change.cal, id).some((r) => {
    const here = carrierAt(r, { cal: change.cal, eventId: id });
    return (
      r.conferenceId !== record.conferenceId &&
      r.unconfirmed &&
      here !== undefined &&
      roleOf(r, here) === 'own'
    );
  });
}

/**
 * Confirmed by a copy, the draft's own event may never have been listed: deleted or moved before
 * any run saw it. Its update is queued, and the queue reads the own event in this run (soak seed
 * 621814); listed later in this batch, it settles the queue at once (planUpdate).
 */
function readUnseenOwners(batch: Batch, record: ConferenceRecord): ConferenceRecord {
  const unseen = record.carriers.some(
    (c) =>
      roleOf(record, c) === 'own' && c.startMin === null && !batch.live.has(carrierKey(c.cal, c.eventId)),
  );
  return unseen ? speakerChanged(record) : record;
}

/**
 * Another part of a restored meeting (a split series) already asks for the conference back in this
 * batch: one undo for the conference, sent with the fields of the part that speaks for it
 * (`speaksBefore`); this part is one of the meeting's own carriers, and one of the call's `parts`.
 */
function anotherPartRestored(batch: Batch, record: ConferenceRecord, change: Change): boolean {
  const i = batch.calls.findIndex(
    (c) => c.op === 'replace' && c.conferenceId === record.conferenceId && c.rule === 'ask-back',
  );
  const asked = batch.calls[i];
  if (asked?.op !== 'replace') return false;
  const here = seenCarrier(change);
  const { calendarId, cal, event } = asked.target;
  const next = carriedBy(record, here);
  if (speaksBefore(here, seenCarrier({ calendarId, cal, item: event }))) {
    // This part speaks: the undo goes with its fields.
    batch.calls[i] = { ...replaceCall(next, change, true, true), parts: [...asked.parts, asked.target] };
  } else {
    const part = { calendarId: change.calendarId, cal: change.cal, event: change.item };
    batch.calls[i] = { ...asked, parts: [...asked.parts, part] };
  }
  keep(batch, next);
  return true;
}

/** A carrier as Calendar shows it now: its times, and the full-sync generation it was seen in. */
function seenCarrier(change: Change, existing?: Carrier): Carrier {
  return newCarrierAt(change.cal, change.item.id as string, {
    ...(existing?.shared ? { shared: true } : {}),
    startMin: minutesOf(instantOf(change.item.start)),
    endMin: eventEndMinutes(change.item),
    seenGen: change.seenGen || existing?.seenGen || 0,
  });
}

function replaceCall(
  record: ConferenceRecord,
  change: Change,
  restored: boolean,
  undo = false,
): PlannedCall & { op: 'replace' } {
  const rule = undo ? 'ask-back' : 'copy-gets-own';
  const fields = syncedFieldsOf(change.item);
  return {
    op: 'replace',
    conferenceId: record.conferenceId,
    solutionId: record.solutionId,
    restored,
    rule,
    target: { calendarId: change.calendarId, cal: change.cal, event: change.item },
    parts: [],
    fields,
    hash: syncedFieldsHash(fields),
  };
}

/** After every change: wait for the delete gate, or tell the vendor what the speaking carrier says. */
function settleRecord(batch: Batch, record: ConferenceRecord): ConferenceRecord {
  if (isCarried(record)) return planUpdate(batch, record);
  // Gone at the vendor and carried by nothing now: a tombstone again, so a later restore is known.
  if (record.state === 'lost') return lostUncarried(record);
  if (record.state === 'queued-delete') return record;
  // A listed cancellation may be a move, shown in the new calendar's own run within the wait; one
  // found by a read (no trigger reported it) has every calendar listed now instead.
  const listed = batch.cancelled.get(record.conferenceId) === true;
  const settleUntil = listed ? Math.ceil((batch.now + SETTLE_MS) / 1000) : 0;
  return lastCarrierGone(record, settleUntil);
}

/** Asks for the update the speaking carrier needs; returns the record as it stands then. */
function planUpdate(batch: Batch, record: ConferenceRecord): ConferenceRecord {
  const carriers = record.carriers;
  // Lost: nothing to update. Only copies left: they are getting their own conferences.
  if (record.state === 'lost' || carriers.every((c) => roleOf(record, c) === 'copy')) return record;
  const voice = speakingCarrier(record, carriers);
  if (!voice) return record;
  const change = batch.live.get(carrierKey(voice.cal, voice.eventId));
  if (!change) {
    // Another event speaks now and is not in this batch: its update waits in the queue, which reads
    // the speaking event in this run (soak seed 307918).
    const before = speakingCarrier(record, batch.before.get(record.conferenceId) ?? []);
    const same = before && before.cal === voice.cal && before.eventId === voice.eventId;
    return same ? record : speakerChanged(record);
  }
  const fields = syncedFieldsOf(change.item);
  const hash = syncedFieldsHash(fields);
  // Refused for good: parked until the event changes.
  if (record.state === 'refused' && record.refusedHash === hash) return record;
  const held = vendorHolds(record, hash);
  if (held && record.state !== 'queued-update') return record;
  // The event is back to what the vendor already has.
  if (held) return nothingToSend(record);
  batch.calls.push({
    op: 'update',
    rule: 'speak',
    conferenceId: record.conferenceId,
    fields,
    hash,
    event: change.item,
    calendarId: change.calendarId,
  });
  return record;
}

/**
 * The delete gate's decision, once every calendar the user can edit has been listed: DELETE the
 * conferences that wait for it, that no live event carries, and whose back-off has passed.
 */
export function decideDeletes(
  records: readonly ConferenceRecord[],
  due: (record: ConferenceRecord) => boolean,
): PlannedCall[] {
  return records
    .filter((r) => r.state === 'queued-delete' && !isCarried(r) && due(r))
    .map((r) => ({ op: 'delete' as const, rule: 'gate-delete' as const, conferenceId: r.conferenceId }));
}

/**
 * The carrier whose fields the vendor hears: the latest-starting one of the meeting's own events
 * (after "this and following", the part still upcoming); copies speak only when nothing else does.
 * Never the order of the carriers, which a re-read changes: else each read of one part would name
 * the other and no update ever went (soak seeds 1203688, 1508221).
 */
export function speakingCarrier(record: ConferenceRecord, carriers: readonly Carrier[]): Carrier | undefined {
  const own = carriers.filter((c) => roleOf(record, c) === 'own');
  const pool = own.length > 0 ? own : carriers;
  let best: Carrier | undefined;
  for (const c of pool) if (!best || speaksBefore(c, best)) best = c;
  return best;
}

/**
 * One order over the parts of a meeting: the later start first, then the smaller event id, then the
 * calendar the add-on watched first. Event ids are unique per calendar only (Events resource): a
 * part moved to another calendar and the series split again at that occurrence give two parts with
 * one id and one start.
 */
function speaksBefore(a: Carrier, b: Carrier): boolean {
  const [startA, startB] = [a.startMin ?? -Infinity, b.startMin ?? -Infinity];
  if (startA !== startB) return startA > startB;
  if (a.eventId !== b.eventId) return a.eventId < b.eventId;
  return a.cal < b.cal;
}
