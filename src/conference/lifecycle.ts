import { sameSeriesOrEvent } from '../calendar/eventIds';
import { queuedDelayMs } from '../vendor/port';

/**
 * A conference the add-on made, and its whole life. A record (keyed by conference) holds what the vendor
 * is believed to hold, the events carrying it now and its meeting's places: a cancelled event comes back
 * as a stub with only its id, so these are the only way to find its conference. Records change only through
 * the named transitions below (drawn in docs/architecture.md); only this file knows their stored line.
 */

/** Where the conference stands with the vendor. */
export type RecordState =
  | 'synced' // the vendor has what the carriers say (as of the last run)
  | 'queued-update' // an update failed transiently and is queued
  | 'queued-delete' // its DELETE waits for the delete gate (its last carrier went, or a DELETE failed)
  | 'refused' // the vendor refused the last update for good (dead letter): parked until the event changes
  | 'lost' // gone at the vendor but carried (restored): nothing is sent; it waits for it back or a new one
  | 'deleted'; // a tombstone: we deleted it; kept for Calendar's trash retention to spot restores

/** Where an event of the meeting was seen: a calendar (CalendarMeta.index, a few bytes) and an event id. */
export interface Place {
  readonly cal: number;
  readonly eventId: string;
}

export interface Carrier extends Place {
  readonly shared?: boolean; // a copy that shares it for good (Calendar refused the copy its own)
  readonly startMin: number | null; // epoch minutes (a series: its first): the latest-starting one speaks
  readonly endMin: number | null; // epoch minutes; null for a series or when unknown
  readonly seenGen: number; // the calendar's full-sync generation it was last seen in (reconcile after a 410)
}

/** What the add-on believes the vendor holds: updated by every answer. */
export type VendorBelief =
  | { readonly kind: 'holds'; readonly hash: string } // it acknowledged the fields with this hash
  | { readonly kind: 'gone' } // we deleted it, or it answered "gone"
  // A request that may have landed has no recorded answer (a run cut off, a timeout), or a create was
  // answered with an earlier conference: the fields are sent again; a "gone" answer asks for an undo.
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
  /** Made by a create of ours, never put on an event: no calendar, even one we cannot read, has it. */
  readonly neverCarried?: boolean;
  /** QUEUED-DELETE as its last event was listed cancelled: the DELETE waits until `retryAt` for a move. */
  readonly settling?: boolean;
  /** Epoch minutes our create made it (absent: unknown): onCreate's grace; no calendar lost before has a copy. */
  readonly createdMin?: number;
  /** Failed attempts of the queued call (or look-ups of an unconfirmed one): its back-off. */
  readonly attempts: number;
  /** Epoch seconds before which a queued call is not sent (or an unconfirmed one read). */
  readonly retryAt: number;
  /** Epoch minutes the conference was deleted (tombstones only). */
  readonly deletedMin?: number;
  /** Epoch minutes the meeting got this conference because its earlier one was gone. */
  readonly relinkedMin?: number;
  /** Epoch minutes the audit last found the vendor in step (absent: never): its schedule, kept on sends. */
  readonly checkedMin?: number;
  /** What the vendor held then (`heldFingerprint`), only with `checkedMin`; a new belief forgets it. */
  readonly checkedFingerprint?: string;
  /** Every place an event of the meeting carried it from, kept to know the meeting again. */
  readonly meeting: readonly Place[];
  readonly carriers: readonly Carrier[];
}

/** A carrier with defaults; src/ builds them as `carrier` (the lint rule forbids `newCarrier(` there). */
export function newCarrier(cal: number, eventId: string, extra: Partial<Carrier> = {}): Carrier {
  return { cal, eventId, startMin: null, endMin: null, seenGen: 0, ...extra };
}
export const carrier = newCarrier;

/** A record with nothing queued and at most one carrier, whose place is the meeting's unless given. */
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
    attempts: 0,
    retryAt: 0,
    meeting: first ? [placeOf(first)] : [],
    carriers,
    ...rest,
  };
}

const STATE_CODES: Record<RecordState, string> = {
  synced: '',
  'queued-update': 'P',
  'queued-delete': 'D',
  refused: 'X',
  lost: 'L',
  deleted: 'T',
};
/**
 * Ten head fields, two for the audit's last check when there is one (most records, tombstones all, have
 * none: no bytes spent), then six for each carrier and each meeting place no carrier is at. A kind flag
 * marks `C` a copy (a carrier at no meeting place), `S` shared, `F` a place only; a meeting's carrier has
 * none.
 */
const HEAD_FIELDS = 10;
const CHECK_FIELDS = 2;
const CARRIER_FIELDS = 6;
/** Numbers are base 36; an empty field is null (`num`), or 0 or absent (`optional`). */
const num = (n: number | null): string => (n === null ? '' : Math.round(n).toString(36));
const optional = (n: number | undefined): string => (n ? num(n) : '');
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
  const check = r.checkedMin ? [num(r.checkedMin), r.checkedFingerprint ?? ''] : [];
  const carriers = r.carriers.flatMap((c) => [
    num(c.cal),
    c.eventId,
    (r.meeting.some((p) => samePlace(p, c)) ? '' : 'C') + (c.shared ? 'S' : ''),
    num(c.startMin),
    num(c.endMin),
    optional(c.seenGen),
  ]);
  const placesOnly = r.meeting.filter((p) => !r.carriers.some((c) => samePlace(p, c)));
  const places = placesOnly.flatMap((p) => [num(p.cal), p.eventId, 'F', '', '', '']);
  return [...head, ...check, ...carriers, ...places].join('\t');
}

export function decodeRecord(line: string): ConferenceRecord | null {
  const f = line.split('\t');
  // The check is there when the fields after the head are two more than whole carriers.
  const checked = f.length > HEAD_FIELDS && (f.length - HEAD_FIELDS) % CARRIER_FIELDS === CHECK_FIELDS;
  const first = HEAD_FIELDS + (checked ? CHECK_FIELDS : 0);
  if (f.length < first || (f.length - first) % CARRIER_FIELDS !== 0 || !f[0]) return null;
  const code = f[2] ?? '';
  const stateCode = code.startsWith(STATE_CODES.refused) ? STATE_CODES.refused : code;
  const state = (Object.keys(STATE_CODES) as RecordState[]).find((name) => STATE_CODES[name] === stateCode);
  if (!state) return null;
  const carriers: Carrier[] = [];
  const meeting: Place[] = [];
  for (let i = first; i < f.length; i += CARRIER_FIELDS) {
    const [cal, eventId, kind = ''] = [parseNum(f[i]), f[i + 1], f[i + 2]];
    if (cal === null || !eventId || !/^(F|C?S?)$/.test(kind)) return null;
    if (!kind.includes('C')) meeting.push({ cal, eventId });
    if (kind === 'F') continue;
    const [startMin, endMin, seenGen] = [3, 4, 5].map((j) => parseNum(f[i + j]));
    const shared = kind.includes('S') ? { shared: true } : {};
    carriers.push({ cal, eventId, ...shared, startMin, endMin, seenGen: seenGen ?? 0 });
  }
  const [createdMin, attempts, retryAt, deletedMin, relinkedMin] = f.slice(5, 10).map(parseNum);
  const checkedMin = checked ? parseNum(f[HEAD_FIELDS]) : null;
  const flags = f[4] ?? '';
  return {
    conferenceId: f[0],
    solutionId: f[1] ?? '',
    state,
    vendor: f[3] === '-' ? GONE : f[3] ? holds(f[3]) : UNKNOWN,
    ...(state === 'refused' && code.length > 1 ? { refusedHash: code.slice(1) } : {}),
    unconfirmed: flags.includes('U'),
    ...(flags.includes('N') ? { neverCarried: true } : {}),
    ...(flags.includes('M') ? { settling: true } : {}),
    ...(createdMin ? { createdMin } : {}),
    attempts: attempts ?? 0,
    retryAt: retryAt ?? 0,
    ...(deletedMin ? { deletedMin } : {}),
    ...(relinkedMin ? { relinkedMin } : {}),
    ...(checkedMin ? { checkedMin } : {}),
    ...(checked && f[HEAD_FIELDS + 1] ? { checkedFingerprint: f[HEAD_FIELDS + 1] } : {}),
    meeting,
    carriers,
  };
}

const toMin = (ms: number) => Math.floor(ms / 60_000);
/**
 * Every transition's change. A new belief (other fields sent, an undo, a loss) makes the audit's fingerprint
 * stale: forgotten, so an answer like the old one (the vendor put back) is never taken for in step.
 */
function edit(record: ConferenceRecord, change: Partial<ConferenceRecord>): ConferenceRecord {
  const next = { ...record, ...change };
  const { vendor } = change;
  if (!vendor || (vendor.kind === 'holds' && vendorHolds(record, vendor.hash))) return next;
  const { checkedFingerprint: _stale, ...rest } = next;
  return rest;
}
/** No longer waits for a moved event to show up (`settling`). */
const unsettled = ({ settling: _over, ...rest }: ConferenceRecord): ConferenceRecord => rest;
/** Into `state` with nothing waiting (no back-off, no retry time, not `settling`). */
const into = (record: ConferenceRecord, state: RecordState, change: Partial<ConferenceRecord> = {}) =>
  edit(unsettled(record), { state, attempts: 0, retryAt: 0, ...change });
const unqueued = (record: ConferenceRecord): RecordState => (isQueued(record) ? 'synced' : record.state);
const unshared = ({ shared: _shared, ...c }: Carrier): Carrier => c;
const blank = (conferenceId: string, solutionId: string) => newRecord({ conferenceId, solutionId });
const placeOf = ({ cal, eventId }: Place): Place => ({ cal, eventId });
const samePlace = (a: Place, b: Place) => a.cal === b.cal && a.eventId === b.eventId;
/** One string per place (calendar + event id), for maps and sets of places. */
export const placeKey = ({ cal, eventId }: Place): string => `${cal}\t${eventId}`;

/** The meeting's places and these, once each. */
function withPlaces(meeting: readonly Place[], more: readonly Place[]): Place[] {
  const places = [...meeting];
  for (const p of more) if (!places.some((m) => samePlace(m, p))) places.push(placeOf(p));
  return places;
}

/** The one place a queued call's attempts and retry time are counted; it no longer waits for a move. */
function backOff(record: ConferenceRecord, now: number, retryAfterMs?: number): ConferenceRecord {
  const attempts = Math.min(record.attempts + 1, 1000);
  const retryAt = Math.ceil((now + queuedDelayMs(attempts, retryAfterMs)) / 1000);
  return edit(unsettled(record), { attempts, retryAt });
}

export const vendorHolds = (record: ConferenceRecord, hash: string): boolean =>
  record.vendor.kind === 'holds' && record.vendor.hash === hash;
export const isCarried = (record: ConferenceRecord): boolean => record.carriers.length > 0;
export const isQueued = (record: ConferenceRecord): boolean =>
  record.state === 'queued-update' || record.state === 'queued-delete';
/** A tombstone or a conference waiting for the delete gate: no live event carries it. */
export const isOrphaned = (record: ConferenceRecord): boolean =>
  record.state === 'deleted' || record.state === 'queued-delete';
/** Its DELETE waits for a cancelled event to show up in another calendar (a move) until `retryAt`. */
export const isSettling = (record: ConferenceRecord | undefined): boolean =>
  record?.state === 'queued-delete' && record.settling === true;
/** The carrier at this place (calendar + event id), if the event carries the conference. */
export const carrierAt = (record: ConferenceRecord | undefined, place: Place): Carrier | undefined =>
  record?.carriers.find((c) => samePlace(c, place));
/** The event is the meeting the conference was made for: the same id (moved, restored) or a split part. */
export const isMeetingEvent = (record: ConferenceRecord, eventId: string): boolean =>
  record.meeting.some((p) => sameSeriesOrEvent(p.eventId, eventId));
/** A copy waits for its own conference, any event of a LOST one (restored) for it back; not a shared one. */
export const waitsForConference = (record: ConferenceRecord, c: Carrier): boolean =>
  !c.shared && (record.state === 'lost' || !isMeetingEvent(record, c.eventId));

/** `own`: the meeting (moved, restored, split too); `copy`: to get its own; `shared`: refused its own. */
export function roleOf(record: ConferenceRecord, c: Carrier): 'own' | 'copy' | 'shared' {
  if (c.shared) return 'shared';
  return isMeetingEvent(record, c.eventId) ? 'own' : 'copy';
}

type Made = Pick<ConferenceRecord, 'conferenceId' | 'solutionId' | 'vendor'>;

/** onCreate made it for an event that may not be saved yet; `vendor` unknown for a replayed create. */
export function made({ now, ...fields }: Made & Place & Pick<Carrier, 'endMin'> & { now: number }) {
  return newRecord({ ...fields, unconfirmed: true, createdMin: toMin(now) });
}

/**
 * onCreate's record, merged by a run into its calendar, keeping a replaced record's other carriers (a copy
 * keeps it alive) and places (soak seed 635873). onCreate's event stays first: the grace check reads it.
 */
export function madeIn(record: ConferenceRecord, cal: number, replaced?: ConferenceRecord): ConferenceRecord {
  const own = record.carriers.map((c) => ({ ...c, cal }));
  const others = (replaced?.carriers ?? []).filter((c) => !own.some((o) => samePlace(o, c)));
  const ownPlaces = record.meeting.map((p) => ({ ...p, cal }));
  const meeting = withPlaces(ownPlaces, replaced?.meeting ?? []);
  return edit(record, { meeting, carriers: [...own, ...others] });
}

/** A saved event of the meeting carries it: no longer in its grace period. */
export function confirmed(record: ConferenceRecord): ConferenceRecord {
  return into(record, unqueued(record), { unconfirmed: false });
}

/** The saved event does not carry it yet: look again later (10 min, then 4x longer, at most 6 h). */
export function lookUpLater(record: ConferenceRecord, now: number, firstMs: number, maxMs: number) {
  const attempts = Math.min(record.attempts + 1, 20);
  const wait = Math.min(maxMs, firstMs * 4 ** attempts);
  return edit(record, { attempts, retryAt: Math.ceil((now + wait) / 1000) });
}

/** The grace period is over and no saved event carries it: decided like any other conference. */
export function draftAbandoned(record: ConferenceRecord): ConferenceRecord {
  return edit(record, { unconfirmed: false });
}

/**
 * The event carries the conference (added, or its times refreshed). A meeting's event adds its place;
 * so does the first carrier of a QUEUED-DELETE one with no place (a dead letter sent again).
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

/** Forgets carriers (meetings long over), a forgotten calendar's places; null if none and no DELETE waits. */
export function forgetCarrier(
  record: ConferenceRecord,
  gone: (c: Carrier) => boolean,
  calendarGone?: number,
): ConferenceRecord | null {
  const carriers = record.carriers.filter((c) => !gone(c));
  if (carriers.length === 0 && record.state !== 'queued-delete') return null;
  return edit(record, { meeting: record.meeting.filter((p) => p.cal !== calendarGone), carriers });
}

/**
 * The last carrier went: QUEUED-DELETE for the delete gate, its places kept to know it again.
 * `settleUntil` (epoch seconds): its event was listed cancelled and may show up elsewhere (a move).
 */
export function lastCarrierGone(record: ConferenceRecord, settleUntil = 0): ConferenceRecord {
  const settling = settleUntil > 0 ? { settling: true } : {};
  const change = { ...settling, unconfirmed: false, retryAt: settleUntil, carriers: [] };
  return into(record, 'queued-delete', change);
}

/** Carried again while its DELETE waited (restored, moved back, ours added back): alive. */
export function revived(record: ConferenceRecord): ConferenceRecord {
  return into(record, 'synced');
}

/** An undo or a DELETE is stored before it goes: until its answer is recorded, it may have landed. */
export function requestMayLand(record: ConferenceRecord): ConferenceRecord {
  return edit(record, { vendor: UNKNOWN });
}

/** No undo brought a LOST conference back (the vendor cannot undo, or said no): gone, as before the ask. */
export function undoDidNotLand(record: ConferenceRecord): ConferenceRecord {
  return edit(record, { vendor: GONE });
}

/**
 * A LOST conference nothing carries: known gone, a tombstone again, dated now (its last event went now:
 * Calendar's trash keeps it 30 days from now, and a restore must be known till then); asked back with
 * the answer unknown (an undo may have landed), a DELETE for the gate.
 */
export function lostUncarried(record: ConferenceRecord, now: number): ConferenceRecord {
  if (record.vendor.kind !== 'gone') return lastCarrierGone(record);
  return into(record, 'deleted', { carriers: [], deletedMin: toMin(now) });
}

/** A tombstone carried by a live event again (restored from the trash, or a copy of one): LOST. */
export function restoring(record: ConferenceRecord, by: Carrier): ConferenceRecord {
  return edit(carriedBy(record, unshared(by)), { state: 'lost' });
}

/** The vendor undid its delete (with these fields): the restored meeting keeps its guests' join link. */
export function undeleted(record: ConferenceRecord, by: Carrier, sentHash: string): ConferenceRecord {
  // Not `ownEvent`: a copy of a restored meeting can have it back too and must not become a place.
  const { deletedMin: _undone, ...live } = carriedBy(record, unshared(by));
  return into(live, 'synced', { vendor: holds(sentHash) });
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

/** A create handed it back: alive and the event's own; its fields are queued unless the vendor holds them. */
export function ownedBy(record: ConferenceRecord, by: Carrier, eventHash: string): ConferenceRecord {
  const carried = ownEvent(record, by);
  const { state } = record;
  const alive = state === 'lost' || state === 'queued-delete' ? revived(carried) : carried;
  const next = state === 'lost' ? edit(alive, { vendor: UNKNOWN }) : alive;
  return vendorHolds(next, eventHash) || next.state !== 'synced' ? next : into(next, 'queued-update');
}

/** A copy's create or write-back failed transiently: it keeps the conference and is asked again. */
export function copyWaits(record: ConferenceRecord, by: Carrier, now: number): ConferenceRecord {
  return backOff(carriedBy(record, unshared(by)), now);
}

/** The vendor has the fields with this hash. */
export function updateSent(record: ConferenceRecord, hash: string): ConferenceRecord {
  const { refusedHash: _sent, ...rest } = record;
  const sent = edit(rest, { vendor: holds(hash) });
  // Only the update's own state is settled: the same batch may have queued the conference's DELETE.
  return record.state === 'queued-update' || record.state === 'refused' ? into(sent, 'synced') : sent;
}

/** Another event speaks and was not read in this batch: the update is queued (due now) to read it. */
export function speakerChanged(record: ConferenceRecord): ConferenceRecord {
  return record.state === 'synced' ? into(record, 'queued-update') : record;
}

/** The event is back to what the vendor already has: nothing queued any more. */
export function nothingToSend(record: ConferenceRecord): ConferenceRecord {
  return into(record, unqueued(record));
}

/** The audit found the vendor in step with the event: when, and what it held (`heldFingerprint`). */
export function vendorInStep(record: ConferenceRecord, fingerprint: string, now: number): ConferenceRecord {
  return edit(record, { checkedMin: toMin(now), checkedFingerprint: fingerprint });
}

/** A transient failure: queued, resent by a later run after a back-off (Retry-After wins if longer). */
export function queued(
  record: ConferenceRecord,
  op: 'update' | 'delete',
  now: number,
  retryAfterMs?: number,
): ConferenceRecord {
  const state = op === 'update' ? 'queued-update' : 'queued-delete';
  return backOff(edit(record, { state }), now, retryAfterMs);
}

/** The vendor refused the update for good: parked until the event changes (a new hash). */
export function parked(record: ConferenceRecord, hash: string): ConferenceRecord {
  return into(record, 'refused', { refusedHash: hash });
}

/** The vendor no longer has a conference live events carry (a PATCH answered "gone", or the audit): LOST. */
export function vendorLost(record: ConferenceRecord): ConferenceRecord {
  return into(record, 'lost', { vendor: GONE });
}

/** "Try again" on a LOST meeting whose new conference Calendar refused: its events wait again. */
export function askedAgain(record: ConferenceRecord): ConferenceRecord {
  return edit(record, { carriers: record.carriers.map(unshared), attempts: 0, retryAt: 0 });
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
 * A conference nobody carries that a create may have left behind: deleted through the gate. `made`: when
 * this create (not a replay) made it, and if never put on an event (no calendar can hold it then).
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
 * A copy or a restored meeting got its own conference, written onto it. `relinkedAt`: the meeting's
 * conference is gone for good, so its join link changed (the event card says so). `madeAt`: see `strayMade`.
 */
export function replacement(
  p: Made & { by: Carrier; relinkedAt?: number; madeAt?: number },
): ConferenceRecord {
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

/** "Resend to vendor" / "Try again": send the event's current fields whatever was sent before. */
export function resendRequested(record: ConferenceRecord): ConferenceRecord {
  const { refusedHash: _resent, ...rest } = record;
  return into(rest, 'queued-update', { vendor: UNKNOWN });
}

/** "Try again" on a refused DELETE: queued for the gate, made at an unknown time (a 404 may hide a copy). */
export function deleteRetryRequested(p: { conferenceId: string; solutionId: string; place?: Place }) {
  const meeting = p.place ? [placeOf(p.place)] : [];
  return edit(blank(p.conferenceId, p.solutionId), { state: 'queued-delete', meeting });
}
