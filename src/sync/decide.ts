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
  placeKey,
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
 * THE RULE (rules.ts): a conference is deleted only when no live event the user can edit carries it,
 * and a live event never carries a conference the vendor does not have. Decide never plans a DELETE:
 * a conference nothing carries waits (QUEUED-DELETE) for the delete gate. A carrier's id tells the
 * meeting from a copy (`roleOf`); someone else's meeting and a series' single occurrences never carry.
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
type ReplaceTarget = { calendarId: string; cal: number; event: CalendarEvent };
type ReplaceCall = PlannedCall & { op: 'replace' };

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
      /** `ask-back` only: the meeting's other events carrying it (split parts): one undo for all. */
      parts: ReplaceTarget[];
      fields: SyncedFields;
      hash: string;
    }
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
class Batch {
  /** The new version of every record this batch changed. */
  readonly touched = new Map<string, ConferenceRecord>();
  /** Live items in this batch, by carrier key. */
  readonly live = new Map<string, Change>();
  readonly calls: PlannedCall[] = [];
  /** Conferences a cancelled entry of this batch named (see `namedBy`): listed (true) or read (false). */
  readonly cancelled = new Map<string, boolean>();
  /** Saved events not carrying an unconfirmed conference, passed over for onCreate's grace. */
  readonly graced = new Map<string, Change[]>();

  constructor(readonly book: BookView) {}

  /** The record as this batch left it so far. */
  current(conferenceId: string): ConferenceRecord | undefined {
    return this.touched.get(conferenceId) ?? this.book.get(conferenceId);
  }

  /** Keeps the new version of a record (a lifecycle transition's result). */
  keep(next: ConferenceRecord): ConferenceRecord {
    this.touched.set(next.conferenceId, next);
    return next;
  }
}

/** How long a conference whose last event was listed cancelled waits (`settling`) for a move to show. */
const SETTLE_MS = 10 * 60_000;

export function decide(changes: readonly Change[], book: BookView, now: number): Plan {
  const batch = new Batch(book);
  for (const change of changes) {
    if (isCarrierCandidate(change.item)) applyChange(batch, change);
    else if (isGuestCopyAtOurPlace(batch, change)) {
      // Someone else's meeting where ours was (its organizer changed): ours is not here any more.
      applyChange(batch, { ...change, item: { id: change.item.id as string, status: 'cancelled' } });
    }
  }
  const plan: Plan = { records: [], calls: batch.calls };
  for (const record of batch.touched.values()) plan.records.push(settleRecord(batch, record, now));
  // `find-move`: a cancelled entry has every calendar listed in this run, unless its conference settles.
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

function isGuestCopyAtOurPlace(batch: Batch, { cal, item }: Change): boolean {
  const eventId = item.id;
  if (!isStorableId(eventId) || !isSomeoneElses(item)) return false;
  return batch.book.carriedBy(cal, eventId).some((r) => carrierAt(r, { cal, eventId }) !== undefined);
}

/** Someone else's meeting and single occurrences of a series are never carriers nor copies. */
function isCarrierCandidate(item: CalendarEvent): boolean {
  return isStorableId(item.id) && !isSomeoneElses(item) && !item.recurringEventId;
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
    const record = batch.current(stored.conferenceId) ?? stored;
    const here = carrierAt(record, { cal, eventId: id });
    // Still carried, or only a place of the meeting.
    if (!here || record.conferenceId === carriedId) continue;
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
    batch.keep(notCarriedBy(record, cal, id));
  }
  if (typeof carriedId === 'string' && carriedId !== '') carryConference(batch, change, carriedId);
}

/**
 * The conferences a cancelled entry names: one an event there carries, one whose meeting was there
 * (restored, then moved or deleted again), one a part split from it (`<id>_R<start>`) may carry elsewhere.
 */
function namedBy(batch: Batch, { cal, item }: Change): ConferenceRecord[] {
  const parent = splitParentOf(item.id as string);
  const ofParent = parent ? batch.book.carriedBy(cal, parent) : [];
  return [...batch.book.carriedBy(cal, item.id as string), ...ofParent];
}

/** A live item carries a conference: the same meeting, a copy, a restored meeting, or not ours. */
function carryConference(batch: Batch, change: Change, conferenceId: string): void {
  const record = batch.current(conferenceId);
  if (!record) return; // not ours, or long forgotten
  const id = change.item.id as string;
  const here = carrierAt(record, { cal: change.cal, eventId: id });
  if (record.state === 'deleted' || (record.state === 'lost' && !here?.shared)) {
    // Restored from the trash, or gone at the vendor (or a copy of one): the meeting gets it back if
    // the vendor can undo, any other a new one. Recorded as lost first, for a run cut off meanwhile.
    const undo = isMeetingEvent(record, id);
    if (madeAgainFor(batch, record, change)) {
      // Nothing asked before the save, but seen: else a full sync takes it for gone (soak seed 1507918).
      if (here) batch.keep(carriedBy(record, seenCarrier(change, here)));
      return;
    }
    if (undo && anotherPartRestored(batch, record, change)) return;
    const restored = restoring(record, seenCarrier(change, here));
    // The meeting's undo goes out with this batch: until answered, it may have landed. A copy's create
    // asks for no undo (send.ts marks one it sends when Calendar refuses the copy its own conference).
    const next = batch.keep(undo ? requestMayLand(restored) : restored);
    batch.calls.push(replaceCall(next, change, true, undo));
    return;
  }
  batch.live.set(placeKey({ cal: change.cal, eventId: id }), change);
  const seen = seenCarrier(change, here);
  let next = carriedBy(record, seen);
  // Any event carrying it, the meeting's own or a copy, shows the draft was saved: its grace is over.
  if (next.unconfirmed) {
    next = confirmed(next);
    // Its own event listed without it in this batch was passed over for the grace: it went.
    for (const graced of batch.graced.get(record.conferenceId) ?? [])
      next = notCarriedBy(next, graced.cal, graced.item.id as string);
    next = readUnseenOwners(batch, next);
  }
  // A copy of a conference whose DELETE may have landed (queued, the vendor not known to hold it) is
  // planned as a copy of a restored meeting: an undo rather than a dead link (soak seed 1618241).
  const deleteMayHaveLanded = next.state === 'queued-delete' && next.vendor.kind !== 'holds';
  if (roleOf(next, seen) === 'copy') batch.calls.push(replaceCall(next, change, deleteMayHaveLanded));
  else if (next.state === 'queued-delete') next = revived(next);
  batch.keep(next);
}

/**
 * onCreate has just made a conference for this very event (our solution picked on it again): asking
 * the vendor for the one shown before the user saves would leave two live ones for it (soak seed 65339).
 */
function madeAgainFor(batch: Batch, record: ConferenceRecord, { cal, item }: Change): boolean {
  const eventId = item.id as string;
  return batch.book.carriedBy(cal, eventId).some((r) => {
    const here = carrierAt(r, { cal, eventId });
    return r.conferenceId !== record.conferenceId && r.unconfirmed && here && roleOf(r, here) === 'own';
  });
}

/** Confirmed by a copy: the draft's own events no run listed are read by the queue (soak seed 621814). */
function readUnseenOwners(batch: Batch, record: ConferenceRecord): ConferenceRecord {
  const unlisted = (c: Carrier) => c.startMin === null && !batch.live.has(placeKey(c));
  const unseen = record.carriers.some((c) => roleOf(record, c) === 'own' && unlisted(c));
  return unseen ? speakerChanged(record) : record;
}

/**
 * Another part of a restored meeting (a split series) already asks for the conference back in this
 * batch: one undo, sent with the fields of the part that speaks (`speaksBefore`); this part joins it.
 */
function anotherPartRestored(batch: Batch, record: ConferenceRecord, change: Change): boolean {
  const i = batch.calls.findIndex(
    (c) => c.op === 'replace' && c.conferenceId === record.conferenceId && c.rule === 'ask-back',
  );
  const asked = batch.calls[i];
  if (asked?.op !== 'replace') return false;
  const here = seenCarrier(change);
  const next = carriedBy(record, here);
  if (speaksBefore(here, seenCarrier({ ...asked.target, item: asked.target.event }))) {
    batch.calls[i] = { ...replaceCall(next, change, true, true), parts: [...asked.parts, asked.target] };
  } else {
    batch.calls[i] = { ...asked, parts: [...asked.parts, targetOf(change)] };
  }
  batch.keep(next);
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

const targetOf = ({ calendarId, cal, item }: Change): ReplaceTarget => ({ calendarId, cal, event: item });

function replaceCall(record: ConferenceRecord, change: Change, restored: boolean, undo = false): ReplaceCall {
  const fields = syncedFieldsOf(change.item);
  return {
    op: 'replace',
    conferenceId: record.conferenceId,
    solutionId: record.solutionId,
    restored,
    rule: undo ? 'ask-back' : 'copy-gets-own',
    target: targetOf(change),
    parts: [],
    fields,
    hash: syncedFieldsHash(fields),
  };
}

/** After every change: wait for the delete gate, or tell the vendor what the speaking carrier says. */
function settleRecord(batch: Batch, record: ConferenceRecord, now: number): ConferenceRecord {
  if (isCarried(record)) return planUpdate(batch, record);
  // Gone at the vendor and carried by nothing now: a tombstone again, so a later restore is known.
  if (record.state === 'lost') return lostUncarried(record, now);
  if (record.state === 'queued-delete') return record;
  // A listed cancellation may be a move, shown in the new calendar's own run within the wait; one
  // found by a read (no trigger reported it) has every calendar listed now instead.
  const listed = batch.cancelled.get(record.conferenceId) === true;
  const settleUntil = listed ? Math.ceil((now + SETTLE_MS) / 1000) : 0;
  return lastCarrierGone(record, settleUntil);
}

/** Asks for the update the speaking carrier needs; returns the record as it stands then. */
function planUpdate(batch: Batch, record: ConferenceRecord): ConferenceRecord {
  const { conferenceId, carriers } = record;
  // Lost: nothing to update. Only copies left: they are getting their own conferences.
  if (record.state === 'lost' || carriers.every((c) => roleOf(record, c) === 'copy')) return record;
  const voice = speakingCarrier(record, carriers)!; // carried: one speaks
  const change = batch.live.get(placeKey(voice));
  if (!change) {
    // Another event speaks now and is not in this batch: its update waits in the queue, which reads
    // the speaking event in this run (soak seed 307918).
    const before = speakingCarrier(record, batch.book.get(conferenceId)?.carriers ?? []);
    const same = before && before.cal === voice.cal && before.eventId === voice.eventId;
    return same ? record : speakerChanged(record);
  }
  const fields = syncedFieldsOf(change.item);
  const hash = syncedFieldsHash(fields);
  // Refused for good: parked until the event changes.
  if (record.state === 'refused' && record.refusedHash === hash) return record;
  // The vendor holds these fields: a queued update is not needed any more.
  if (vendorHolds(record, hash)) return record.state === 'queued-update' ? nothingToSend(record) : record;
  const { item: event, calendarId } = change;
  batch.calls.push({ op: 'update', rule: 'speak', conferenceId, fields, hash, event, calendarId });
  return record;
}

/** The delete gate's DELETEs: the conferences waiting for it that nothing carries, back-off passed. */
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
 * Never the carriers' order, which a re-read changes (soak seeds 1203688, 1508221).
 */
export function speakingCarrier(record: ConferenceRecord, carriers: readonly Carrier[]): Carrier | undefined {
  const own = carriers.filter((c) => roleOf(record, c) === 'own');
  const pool = own.length > 0 ? own : carriers;
  let best: Carrier | undefined;
  for (const c of pool) if (!best || speaksBefore(c, best)) best = c;
  return best;
}

/**
 * One order over a meeting's parts: the later start, then the smaller event id, then the calendar
 * watched first. Event ids are unique per calendar only (Events resource): a part moved to another
 * calendar and split again at that occurrence gives two parts with one id and one start.
 */
function speaksBefore(a: Carrier, b: Carrier): boolean {
  const [startA, startB] = [a.startMin ?? -Infinity, b.startMin ?? -Infinity];
  if (startA !== startB) return startA > startB;
  if (a.eventId !== b.eventId) return a.eventId < b.eventId;
  return a.cal < b.cal;
}
