import { sameSeriesOrEvent } from '../calendar/eventIds';
import { queuedDelayMs } from '../vendor/port';

/**
 * A conference the add-on made, and its whole life, owned here. A record is remembered between runs,
 * keyed by the conference: the vendor's id, what the vendor is believed to hold, the events
 * (calendar + event id) that carry it now, and the places of the meeting it was made for. Cancelled
 * events come back from Calendar as stubs with only their id, so these are the only way to find the
 * conference a deleted event had. Several events can carry one conference: the same meeting moved to
 * another calendar, the parts of a series split with "this and following", or a copy that has not
 * got its own conference yet. Which of these an event is follows from its id (`roleOf`); only a
 * copy Calendar would not give its own conference is marked (`shared`).
 *
 * Every change to a record (onCreate, the sync's decide and record steps, upkeep, the audit and the
 * card buttons) is one of the named transitions below, and records are read-only everywhere else:
 * test/unit/conference/lifecycleOwner.test.ts checks both, and that docs/architecture.md's diagram
 * ("The life of a conference") shows every transition. `unconfirmed` (MADE) is onCreate's conference
 * whose saved event may not carry it yet. The back-off bookkeeping is written once (`backOff`).
 * Records are stored as compact tab-separated lines (thousands fit in Apps Script's 500 KB property
 * store); this file is the only place that knows the line format and its one-letter codes.
 */

/** Where the conference stands with the vendor. */
export type RecordState =
  | 'synced' // the vendor has what the carriers say (as of the last run)
  | 'queued-update' // an update failed transiently and is queued
  | 'queued-delete' // a delete failed transiently and is queued (no live event carries the conference)
  | 'refused' // the vendor refused the last update for good (dead letter): parked until the event changes
  // The vendor no longer has it but a live event still carries it (a meeting restored from Calendar's
  // trash whose new conference could not be written onto it): the user has to add it again; nothing
  // is sent for it.
  | 'lost'
  | 'deleted'; // a tombstone: we deleted it; kept for Calendar's trash retention to spot restores

/**
 * Why an event carries the conference, derived from its id (`roleOf`): the meeting it was made for
 * (also after a move, a restore, and every part of a split series), a copy (a duplicate, "Copy to")
 * that is to get its own conference, or a copy Calendar would not let us give its own: it shares
 * this one for good.
 */
export type CarrierRole = 'own' | 'copy' | 'shared';

/** Where an event of the meeting was seen: a calendar (CalendarMeta.index, a few bytes) and an event id. */
export interface Place {
  readonly cal: number;
  readonly eventId: string;
}

/** An event that carries the conference now. */
export interface Carrier extends Place {
  /** A copy that shares the conference for good (Calendar refused its own). */
  readonly shared?: boolean;
  /** Start in epoch minutes (first occurrence for a series): the latest-starting carrier speaks. */
  readonly startMin: number | null;
  /** End in epoch minutes; null for a series or when unknown. */
  readonly endMin: number | null;
  /** The calendar's full-sync generation in which the event was last seen (reconcile after a 410). */
  readonly seenGen: number;
}

/** What the add-on believes the vendor holds: updated by every answer, settled by the next where unknown. */
export type VendorBelief =
  /** The vendor acknowledged these synced fields (the hash of what it was sent). */
  | { readonly kind: 'holds'; readonly hash: string }
  /** The vendor has no such conference: we deleted it, or it answered "gone". */
  | { readonly kind: 'gone' }
  /**
   * A request that may have landed has no recorded answer (a run cut off, a timeout), or a create
   * was answered with an earlier conference. The event's fields are sent again; a vendor that
   * answers "gone" is asked to undo its delete.
   */
  | { readonly kind: 'unknown' };

export const UNKNOWN: VendorBelief = { kind: 'unknown' };
export const GONE: VendorBelief = { kind: 'gone' };
export const holds = (hash: string): VendorBelief => ({ kind: 'holds', hash });

export interface ConferenceRecord {
  readonly conferenceId: string;
  readonly solutionId: string;
  readonly state: RecordState;
  readonly vendor: VendorBelief;
  /** The hash of the fields the vendor refused for good (REFUSED: parked until the event changes). */
  readonly refusedHash?: string;
  /** Created by onCreate but not yet seen on the saved event. */
  readonly unconfirmed: boolean;
  /**
   * Made by one of our creates and never put on any event (Calendar refused the write-back, or
   * nothing asked for it): no event anywhere can carry it, not even in a calendar we cannot read.
   */
  readonly neverCarried?: boolean;
  /**
   * QUEUED-DELETE because its last event was listed cancelled, perhaps moved: the DELETE waits until
   * `retryAt` for the moved event to show up in its new calendar (unless there is none to move to).
   */
  readonly settling?: boolean;
  /** Epoch minutes the conference was created (meaningful while unconfirmed). */
  readonly createdMin: number;
  /** Failed attempts of the queued call (or look-ups of an unconfirmed one): its back-off. */
  readonly attempts: number;
  /**
   * Epoch seconds before which a queued call is not sent (its back-off, or the wait of a `settling`
   * DELETE) or an unconfirmed one read.
   */
  readonly retryAt: number;
  /** Epoch minutes the conference was deleted (tombstones only). */
  readonly deletedMin: number;
  /** Epoch minutes the meeting got this conference because its earlier one was gone (0: never). */
  readonly relinkedMin: number;
  /**
   * Every place an event of the meeting the conference was made for has carried it from, live or
   * not: an event with one of these ids, or a part split from one (`<id>_R<start>`), is that meeting
   * (moved, restored, split), any other a copy. Kept after the meeting went, to recognise it again.
   */
  readonly meeting: readonly Place[];
  readonly carriers: readonly Carrier[];
}

/** A carrier with defaults (for lifecycle.ts, tests and tools). */
export function newCarrier(cal: number, eventId: string, extra: Partial<Carrier> = {}): Carrier {
  return { cal, eventId, startMin: null, endMin: null, seenGen: 0, ...extra };
}

/**
 * A record with nothing queued and at most one carrier (for lifecycle.ts, tests and tools). Its
 * meeting is, unless given, the place of its first carrier.
 */
export function newRecord(
  fields: Pick<ConferenceRecord, 'conferenceId'> &
    Partial<ConferenceRecord> & { eventId?: string; endMin?: number | null; cal?: number },
): ConferenceRecord {
  const { eventId, endMin, cal, ...rest } = fields;
  const carriers = eventId === undefined ? [] : [newCarrier(cal ?? 0, eventId, { endMin: endMin ?? null })];
  const first = rest.carriers?.[0] ?? carriers[0];
  return {
    solutionId: '',
    state: 'synced',
    vendor: UNKNOWN,
    unconfirmed: false,
    createdMin: 0,
    attempts: 0,
    retryAt: 0,
    deletedMin: 0,
    relinkedMin: 0,
    meeting: first ? [placeOf(first)] : [],
    carriers,
    ...rest,
  };
}

// --- The line format ---

const STATE_CODES: Record<RecordState, string> = {
  synced: '',
  'queued-update': 'P',
  'queued-delete': 'D',
  refused: 'X',
  lost: 'L',
  deleted: 'T',
};
const stateOf = (code: string) =>
  (Object.keys(STATE_CODES) as RecordState[]).find((name) => STATE_CODES[name] === code);
/**
 * Each carrier, then each place of the meeting no carrier is at, takes CARRIER_FIELDS fields; its
 * kind flags: `C` a carrier not at a place of the meeting (a copy), `S` shared, `F` a place only.
 * The common carrier, one of the meeting's own, has none: its place is not written twice.
 */
const COPY = 'C';
const SHARED = 'S';
const PLACE_ONLY = 'F';

const HEAD_FIELDS = 10;
const CARRIER_FIELDS = 6;
/** Numbers are base 36; an empty field is null (`num`) or 0 (`optional`). */
const num = (n: number | null): string => (n === null ? '' : Math.round(n).toString(36));
const optional = (n: number): string => (n ? num(n) : '');
const parseNum = (s: string | undefined): number | null => (s ? Number.parseInt(s, 36) : null);

/** A conference or event id we can store: a tab or newline would break the line format. */
export function isStorableId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= 1024 && !/[\t\n\r]/.test(id);
}

export function encodeRecord(r: ConferenceRecord): string {
  const head = [
    r.conferenceId,
    r.solutionId,
    // REFUSED carries the hash of what was refused right after its code.
    STATE_CODES[r.state] + (r.state === 'refused' ? (r.refusedHash ?? '') : ''),
    // The belief: the hash the vendor holds (base 36), `-` gone, empty unknown.
    r.vendor.kind === 'holds' ? r.vendor.hash : r.vendor.kind === 'gone' ? '-' : '',
    (r.unconfirmed ? 'U' : '') + (r.neverCarried ? 'N' : '') + (r.settling ? 'M' : ''),
    ...[r.createdMin, r.attempts, r.retryAt, r.deletedMin, r.relinkedMin].map(optional),
  ];
  const atPlace = (c: Place) => r.meeting.some((p) => samePlace(p, c));
  const carriers = r.carriers.flatMap((c) => [
    num(c.cal),
    c.eventId,
    (atPlace(c) ? '' : COPY) + (c.shared ? SHARED : ''),
    num(c.startMin),
    num(c.endMin),
    optional(c.seenGen),
  ]);
  const placesOnly = r.meeting.filter((p) => !r.carriers.some((c) => samePlace(p, c)));
  const places = placesOnly.flatMap((p) => [num(p.cal), p.eventId, PLACE_ONLY, '', '', '']);
  return [...head, ...carriers, ...places].join('\t');
}

export function decodeRecord(line: string): ConferenceRecord | null {
  const f = line.split('\t');
  const carrierFields = f.length - HEAD_FIELDS;
  if (carrierFields < 0 || carrierFields % CARRIER_FIELDS !== 0 || !f[0]) return null;
  const code = f[2] ?? '';
  const state = stateOf(code.startsWith(STATE_CODES.refused) ? STATE_CODES.refused : code);
  if (!state) return null;
  const carriers: Carrier[] = [];
  const meeting: Place[] = [];
  for (let i = HEAD_FIELDS; i < f.length; i += CARRIER_FIELDS) {
    const [cal, eventId, kind = ''] = [parseNum(f[i]), f[i + 1], f[i + 2]];
    if (cal === null || !eventId || !/^(F|C?S?)$/.test(kind)) return null;
    if (!kind.includes(COPY)) meeting.push({ cal, eventId });
    if (kind === PLACE_ONLY) continue;
    const [startMin, endMin, seenGen] = [3, 4, 5].map((j) => parseNum(f[i + j]));
    const shared = kind.includes(SHARED) ? { shared: true } : {};
    carriers.push({ cal, eventId, ...shared, startMin, endMin, seenGen: seenGen ?? 0 });
  }
  const [createdMin, attempts, retryAt, deletedMin, relinkedMin] = [5, 6, 7, 8, 9].map(
    (i) => parseNum(f[i]) ?? 0,
  );
  return {
    conferenceId: f[0],
    solutionId: f[1] ?? '',
    state,
    vendor: f[3] === '-' ? GONE : f[3] ? holds(f[3]) : UNKNOWN,
    ...(state === 'refused' && code.length > 1 ? { refusedHash: code.slice(1) } : {}),
    unconfirmed: f[4]?.includes('U') === true,
    ...(f[4]?.includes('N') ? { neverCarried: true } : {}),
    ...(f[4]?.includes('M') ? { settling: true } : {}),
    createdMin,
    attempts,
    retryAt,
    deletedMin,
    relinkedMin,
    meeting,
    carriers,
  };
}

// ------------------------------------------------------------------------------------ transitions

/** The vendor acknowledged exactly these fields (by hash). */
export function vendorHolds(record: ConferenceRecord, hash: string): boolean {
  return record.vendor.kind === 'holds' && record.vendor.hash === hash;
}

type Draft = { -readonly [K in keyof ConferenceRecord]: ConferenceRecord[K] };

const MINUTE_MS = 60_000;
const toMin = (ms: number) => Math.floor(ms / MINUTE_MS);

function edit(record: ConferenceRecord, change: Partial<Draft>): ConferenceRecord {
  return { ...record, ...change };
}

/** A new carrier (a calendar index and an event id). */
export const carrier: (cal: number, eventId: string, extra?: Partial<Carrier>) => Carrier = newCarrier;

/** A record with nothing queued, no carrier and no meeting (the line format's defaults). */
function blank(conferenceId: string, solutionId: string): ConferenceRecord {
  return newRecord({ conferenceId, solutionId });
}

function placeOf({ cal, eventId }: Place): Place {
  return { cal, eventId };
}

const samePlace = (a: Place, b: Place) => a.cal === b.cal && a.eventId === b.eventId;
const unshared = ({ shared: _shared, ...c }: Carrier): Carrier => c;

/** The meeting's places and these, once each. */
function withPlaces(meeting: readonly Place[], more: readonly Place[]): Place[] {
  const added = more.filter(
    (p, i) => !meeting.some((m) => samePlace(m, p)) && more.findIndex((q) => samePlace(p, q)) === i,
  );
  return [...meeting, ...added.map(placeOf)];
}

// ------------------------------------------------------------------------------- reading a record

/** The event is the meeting the conference was made for: the same id (moved, restored) or a split part. */
export function isMeetingEvent(record: ConferenceRecord, eventId: string): boolean {
  return record.meeting.some((p) => sameSeriesOrEvent(p.eventId, eventId));
}

export function roleOf(record: ConferenceRecord, c: Carrier): CarrierRole {
  if (c.shared) return 'shared';
  return isMeetingEvent(record, c.eventId) ? 'own' : 'copy';
}

/**
 * The event waits for a conference: a copy for its own, or any event of a conference the vendor no
 * longer has (LOST: a restored meeting) for it back or a new one. Not one that shares it for good.
 */
export function waitsForConference(record: ConferenceRecord, c: Carrier): boolean {
  return !c.shared && (record.state === 'lost' || !isMeetingEvent(record, c.eventId));
}

export function isCarried(record: ConferenceRecord): boolean {
  return record.carriers.length > 0;
}

export function isQueued(record: ConferenceRecord): boolean {
  return record.state === 'queued-update' || record.state === 'queued-delete';
}

/** A tombstone or a conference waiting for the delete gate: no live event carries it. */
export function isOrphaned(record: ConferenceRecord): boolean {
  return record.state === 'deleted' || record.state === 'queued-delete';
}

// ------------------------------------------------------------------------------------ MADE

/** onCreate made a conference for an event that may not be saved yet. */
export function made(p: {
  conferenceId: string;
  solutionId: string;
  cal: number;
  eventId: string;
  endMin: number | null;
  /** What its create sent (a replay: unknown, the vendor kept an earlier create's fields). */
  vendor: VendorBelief;
  now: number;
}): ConferenceRecord {
  return edit(blank(p.conferenceId, p.solutionId), {
    vendor: p.vendor,
    unconfirmed: true,
    createdMin: toMin(p.now),
    meeting: [{ cal: p.cal, eventId: p.eventId }],
    carriers: [carrier(p.cal, p.eventId, { endMin: p.endMin })],
  });
}

/**
 * onCreate's record, merged by a run into the calendar it was made in. When it takes the place of
 * a record of the same conference (ours added back and the create replayed it, while its DELETE
 * waited or it was taken for gone), the other events that record knew keep their places: a copy
 * still carrying it (waiting for its own, or `shared` because Calendar refused that) keeps it
 * alive, and the meeting's places still tell the meeting from a copy (soak seed 635873: dropped, the
 * copy's conference was deleted under it once the user took ours off the meeting again). onCreate's
 * own event stays first: the grace check reads it.
 */
export function madeIn(record: ConferenceRecord, cal: number, replaced?: ConferenceRecord): ConferenceRecord {
  const own = record.carriers.map((c) => ({ ...c, cal }));
  const others = (replaced?.carriers ?? []).filter((c) => !own.some((o) => samePlace(o, c)));
  const meeting = withPlaces(
    record.meeting.map((p) => ({ ...p, cal })),
    replaced?.meeting ?? [],
  );
  return edit(record, { meeting, carriers: [...own, ...others] });
}

/** A saved event of the meeting carries it: no longer in its grace period. */
export function confirmed(record: ConferenceRecord): ConferenceRecord {
  return edit(record, { unconfirmed: false, ...settledQueue(record) });
}

/** The saved event does not carry it yet: look again later (10 min, then 4x longer, at most 6 h). */
export function lookUpLater(
  record: ConferenceRecord,
  now: number,
  firstMs: number,
  maxMs: number,
): ConferenceRecord {
  const attempts = Math.min(record.attempts + 1, 20);
  const wait = Math.min(maxMs, firstMs * 4 ** attempts);
  return edit(record, { attempts, retryAt: Math.ceil((now + wait) / 1000) });
}

/** The grace period is over and no saved event carries it: decided like any other conference. */
export function draftAbandoned(record: ConferenceRecord): ConferenceRecord {
  return edit(record, { unconfirmed: false });
}

// -------------------------------------------------------------------------------- carriers

/**
 * The event carries the conference (added, or its times refreshed). One of the meeting's events
 * adds its place to the meeting; so does the first event carrying a conference waiting for its
 * DELETE that no event is known to have carried (a dead letter sent again, ours added back).
 */
export function carriedBy(record: ConferenceRecord, next: Carrier): ConferenceRecord {
  const others = record.carriers.filter((c) => !samePlace(c, next));
  const adopted = record.meeting.length === 0 && record.state === 'queued-delete';
  const ofMeeting = adopted || (!next.shared && isMeetingEvent(record, next.eventId));
  const meeting = ofMeeting ? withPlaces(record.meeting, [next]) : record.meeting;
  const { neverCarried: _carriedNow, ...rest } = record;
  return edit(rest, { meeting, carriers: [...others, next] });
}

/** The event no longer carries the conference (cancelled, conference removed or replaced). */
export function notCarriedBy(record: ConferenceRecord, cal: number, eventId: string): ConferenceRecord {
  return edit(record, { carriers: record.carriers.filter((c) => !samePlace(c, { cal, eventId })) });
}

/**
 * Forgets carriers (a meeting long over) and, for a calendar forgotten, the meeting's places there;
 * null when nothing is left.
 */
export function forgetCarrier(
  record: ConferenceRecord,
  gone: (c: Carrier) => boolean,
  calendarGone?: number,
): ConferenceRecord | null {
  const carriers = record.carriers.filter((c) => !gone(c));
  const meeting = record.meeting.filter((p) => p.cal !== calendarGone);
  if (carriers.length > 0) return edit(record, { meeting, carriers });
  // Nothing carries it. A delete already waiting for the gate stays; anything else is forgotten
  // without a vendor call (nobody can tell whether its meeting still exists).
  if (record.state === 'queued-delete') return edit(record, { meeting, carriers });
  return null;
}

/**
 * The last carrier went: QUEUED-DELETE, waiting for the delete gate (which lists every calendar the
 * user can edit first). The meeting's places are kept to recognise it again.
 */
export function lastCarrierGone(
  record: ConferenceRecord,
  /** Epoch seconds: a cancelled event may show up in another calendar until then (a move). */
  settleUntil = 0,
): ConferenceRecord {
  const { settling: _before, ...rest } = record;
  return edit(rest, {
    ...(settleUntil > 0 ? { settling: true } : {}),
    state: 'queued-delete',
    unconfirmed: false,
    attempts: 0,
    retryAt: settleUntil,
    carriers: [],
  });
}

/**
 * Carried again while its DELETE waited (restored, moved back, ours added back): alive. If the DELETE
 * may have reached the vendor (`requestMayLand`: the belief is unknown), the fields are sent again,
 * and a vendor that answers "gone" has it taken for lost (asked back, else replaced).
 */
export function revived(record: ConferenceRecord): ConferenceRecord {
  const { settling: _over, ...rest } = record;
  return edit(rest, { state: 'synced', attempts: 0, retryAt: 0 });
}

/**
 * A request that changes the conference at the vendor is about to go out (stored first): its undo
 * (a restored meeting asked back) or its DELETE. Until the answer is recorded, whether it landed is
 * unknown: a revived conference has its fields sent again (`revived`), and one asked back that
 * nothing carries any more waits for the delete gate (`lostUncarried`).
 */
export function requestMayLand(record: ConferenceRecord): ConferenceRecord {
  return edit(record, { vendor: UNKNOWN });
}

/**
 * A LOST conference nothing carries now. If it was asked back in a run that never learned the
 * answer (`requestMayLand`, or a retry waiting), the vendor may hold it again: its DELETE waits for the
 * delete gate (a "gone" answer settles it). Otherwise it is a tombstone again.
 */
export function lostUncarried(record: ConferenceRecord): ConferenceRecord {
  return record.vendor.kind === 'gone' ? tombstoneAgain(record) : lastCarrierGone(record);
}

/** A conference the vendor no longer had (LOST) that nothing carries now: a tombstone again. */
export function tombstoneAgain(record: ConferenceRecord): ConferenceRecord {
  const { settling: _over, ...rest } = record;
  return edit(rest, { state: 'deleted', vendor: GONE, attempts: 0, retryAt: 0, carriers: [] });
}

/**
 * A tombstone carried by a live event again (restored from the trash, or a copy of such a meeting):
 * LOST, the event waiting for a conference (`waitsForConference`).
 */
export function restoring(record: ConferenceRecord, by: Carrier): ConferenceRecord {
  return edit(carriedBy(record, unshared(by)), { state: 'lost' });
}

/** The vendor undid its delete (with these fields): the restored meeting keeps the join link its guests have. */
export function undeleted(record: ConferenceRecord, by: Carrier, sentHash: string): ConferenceRecord {
  // Not `ownEvent`: a copy of a restored meeting can have it back too (and then shares it), and it
  // must not become one of the meeting's places.
  return edit(carriedBy(record, unshared(by)), {
    state: 'synced',
    vendor: holds(sentHash),
    attempts: 0,
    retryAt: 0,
    deletedMin: 0,
  });
}

/** The event is the meeting's own (the vendor handed this conference back for it). */
function ownEvent(record: ConferenceRecord, by: Carrier): ConferenceRecord {
  const carried = carriedBy(record, unshared(by));
  return edit(carried, { meeting: withPlaces(carried.meeting, [by]) });
}

/** Calendar would not let the copy have its own conference: it shares this one for good. */
export function shared(record: ConferenceRecord, by: Carrier): ConferenceRecord {
  return carriedBy(record, { ...by, shared: true });
}

/**
 * The create handed back this very conference: it is the event's own. A create answered with an
 * existing conference changed nothing at the vendor, so unless the vendor already has the event's
 * fields (`eventHash`), they are queued to be sent.
 */
export function ownedBy(record: ConferenceRecord, by: Carrier, eventHash: string): ConferenceRecord {
  const carried = ownEvent(record, by);
  // Waiting for its DELETE, or taken for gone (LOST: what the vendor holds is unknown, so the
  // fields go again): the vendor has it, so it is alive.
  const next =
    record.state === 'lost'
      ? edit(revived(carried), { vendor: UNKNOWN })
      : record.state === 'queued-delete'
        ? revived(carried)
        : carried;
  if (vendorHolds(next, eventHash) || next.state !== 'synced') return next;
  return edit(next, { state: 'queued-update', attempts: 0, retryAt: 0 });
}

/** A copy's create or write-back failed transiently: it keeps the conference and is asked again. */
export function copyWaits(record: ConferenceRecord, by: Carrier, now: number): ConferenceRecord {
  return backOff(carriedBy(record, unshared(by)), now);
}

// ---------------------------------------------------------------------------- vendor answers

/** The vendor has the fields with this hash. */
export function updateSent(record: ConferenceRecord, hash: string): ConferenceRecord {
  // Only the update's own state is settled: the same batch may have queued the conference's DELETE.
  const settled = record.state === 'queued-update' || record.state === 'refused';
  const { refusedHash: _sent, ...rest } = record;
  return edit(rest, {
    vendor: holds(hash),
    ...(settled ? { state: 'synced', attempts: 0, retryAt: 0 } : {}),
  });
}

/**
 * Another event speaks for the conference now and it was not read in this batch: its update waits
 * in the queue (due at once), which reads the speaking event; if the vendor already holds its
 * fields, nothing is sent (`nothingToSend`).
 */
export function speakerChanged(record: ConferenceRecord): ConferenceRecord {
  if (record.state !== 'synced') return record;
  return edit(record, { state: 'queued-update', attempts: 0, retryAt: 0 });
}

/** The event is back to what the vendor already has: nothing queued any more. */
export function nothingToSend(record: ConferenceRecord): ConferenceRecord {
  return edit(record, settledQueue(record));
}

/** A transient failure: queued, resent by a later run after a back-off (Retry-After wins if longer). */
export function queued(
  record: ConferenceRecord,
  op: 'update' | 'delete',
  now: number,
  retryAfterMs?: number,
): ConferenceRecord {
  return backOff(
    edit(record, { state: op === 'update' ? 'queued-update' : 'queued-delete' }),
    now,
    retryAfterMs,
  );
}

/** The vendor refused the update for good: parked until the event changes (a new hash). */
export function parked(record: ConferenceRecord, hash: string): ConferenceRecord {
  return edit(record, { state: 'refused', refusedHash: hash, attempts: 0, retryAt: 0 });
}

/**
 * The vendor no longer has a conference live events carry (a PATCH answered "gone", or the audit
 * found it gone): LOST, exactly like a meeting restored from the trash. Every event carrying it waits
 * for it (`waitsForConference`): the meeting asks for it back from the vendor's trash first, else a
 * new one is written onto the event.
 */
export function vendorLost(record: ConferenceRecord): ConferenceRecord {
  return edit(record, { state: 'lost', vendor: GONE, attempts: 0, retryAt: 0 });
}

/**
 * "Try again" on a meeting whose new conference Calendar would not take (a `shared` carrier of a LOST
 * conference): its events wait for a conference again, asked for by the next run like any other.
 */
export function askedAgain(record: ConferenceRecord): ConferenceRecord {
  const carriers = record.carriers.map(unshared);
  return edit(record, { carriers, attempts: 0, retryAt: 0 });
}

/** The vendor deleted it (or had already): a tombstone that still knows its meeting's places. */
export function deleted(record: ConferenceRecord, now: number): ConferenceRecord {
  return edit(blank(record.conferenceId, record.solutionId), {
    state: 'deleted',
    vendor: GONE,
    deletedMin: toMin(now),
    meeting: withPlaces(record.meeting, record.carriers),
  });
}

/**
 * A conference nobody carries that a create may have left behind: to be deleted through the gate.
 * `made`: when the vendor made it, if this create did (not a replay of an earlier one), and whether
 * it was never put on an event. The delete gate then need not wait for calendars it cannot read.
 */
export function strayMade(
  conferenceId: string,
  solutionId: string,
  by: Place,
  made?: { at: number; neverCarried: boolean },
): ConferenceRecord {
  return edit(blank(conferenceId, solutionId), {
    state: 'queued-delete',
    meeting: [placeOf(by)],
    ...(made ? { createdMin: toMin(made.at) } : {}),
    ...(made?.neverCarried ? { neverCarried: true } : {}),
  });
}

/**
 * A copy or a restored meeting got its own conference, written onto it. `relinked`: the meeting had
 * a conference that is gone for good, so its join link changed (the event card says so).
 */
export function replacement(p: {
  conferenceId: string;
  solutionId: string;
  by: Carrier;
  vendor: VendorBelief;
  relinkedAt?: number;
  /** When the vendor made it (not for a replayed create): see `strayMade`. */
  madeAt?: number;
}): ConferenceRecord {
  return edit(ownEvent(blank(p.conferenceId, p.solutionId), p.by), {
    vendor: p.vendor,
    ...(p.madeAt ? { createdMin: toMin(p.madeAt) } : {}),
    ...(p.relinkedAt ? { relinkedMin: toMin(p.relinkedAt) } : {}),
  });
}

/** The create the copy asked for again turned out to be what it carries: its own, fields to send. */
export function adoptedByCopy(conferenceId: string, solutionId: string, by: Carrier): ConferenceRecord {
  return edit(ownEvent(blank(conferenceId, solutionId), by), { state: 'queued-update' });
}

// ------------------------------------------------------------------------------------- the user

/** "Resend to vendor" / "Try again": send the event's current fields whatever was sent before. */
export function resendRequested(record: ConferenceRecord): ConferenceRecord {
  const { refusedHash: _resent, ...rest } = record;
  return edit(rest, { vendor: UNKNOWN, state: 'queued-update', attempts: 0, retryAt: 0 });
}

/** "Try again" for a refused DELETE: queued again; the delete gate checks Calendar before it goes. */
export function deleteRetryRequested(
  conferenceId: string,
  place: Place | undefined,
  now: number,
): ConferenceRecord {
  const meeting = place ? [placeOf(place)] : [];
  return edit(blank(conferenceId, ''), { state: 'queued-delete', createdMin: toMin(now), meeting });
}

// ------------------------------------------------------------------------------------ back-off

function settledQueue(record: ConferenceRecord): Partial<Draft> {
  const state: RecordState = isQueued(record) ? 'synced' : record.state;
  return { state, attempts: 0, retryAt: 0 };
}

/** The one place attempts and retry times are counted. */
function backOff(record: ConferenceRecord, now: number, retryAfterMs?: number): ConferenceRecord {
  const attempts = Math.min(record.attempts + 1, 1000);
  const { settling: _over, ...rest } = record; // it was sent, so no longer waits for a move
  return edit(rest, { attempts, retryAt: Math.ceil((now + queuedDelayMs(attempts, retryAfterMs)) / 1000) });
}
