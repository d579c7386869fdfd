import { queuedDelayMs } from '../vendor/port';

/**
 * A conference the add-on made, and its whole life, owned here. A record is remembered between runs,
 * keyed by the conference: the vendor's id, what the vendor is believed to hold, and the events
 * (calendar + event id) that carry it. Cancelled events come back from Calendar as stubs with only
 * their id, so these carriers are the only way to find the conference a deleted event had. Several
 * events can carry one conference: the same meeting moved to another calendar, the parts of a series
 * split with "this and following", or a copy that has not got its own conference yet.
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

/** Why an event carries the conference. */
export type CarrierRole =
  | 'own' // the meeting it was made for (also after a move, and every part of a split series)
  | 'copy' // a different meeting (a duplicate, "Copy to", a restore) that is to get its own conference
  | 'shared' // a copy Calendar would not let us give its own conference: it shares this one for good
  // One of the meeting's own events that carried it before it was orphaned or deleted (queued
  // deletes and tombstones; never a copy): only for recognising the meeting again (a restore, a
  // move back). Not a live carrier.
  | 'former';

export interface Carrier {
  /** The calendar's small index (CalendarMeta.index), not its id: a few bytes per carrier. */
  readonly cal: number;
  readonly eventId: string;
  readonly role: CarrierRole;
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
  /** Epoch minutes the conference was created (meaningful while unconfirmed). */
  readonly createdMin: number;
  /** Failed attempts of the queued call (or look-ups of an unconfirmed one): its back-off. */
  readonly attempts: number;
  /**
   * Epoch seconds before which a queued call is not sent (its back-off; for a DELETE whose last
   * event was listed cancelled, the 10 minutes a move takes to show up) or an unconfirmed one read.
   */
  readonly retryAt: number;
  /** Epoch minutes the conference was deleted (tombstones only). */
  readonly deletedMin: number;
  /** Epoch minutes the meeting got this conference because its earlier one was gone (0: never). */
  readonly relinkedMin: number;
  readonly carriers: readonly Carrier[];
}

/** A carrier with defaults (for lifecycle.ts, tests and tools). */
export function newCarrier(cal: number, eventId: string, extra: Partial<Carrier> = {}): Carrier {
  return { cal, eventId, role: 'own', startMin: null, endMin: null, seenGen: 0, ...extra };
}

/** A record with nothing queued and at most one carrier (for lifecycle.ts, tests and tools). */
export function newRecord(
  fields: Pick<ConferenceRecord, 'conferenceId'> &
    Partial<ConferenceRecord> & { eventId?: string; endMin?: number | null; cal?: number },
): ConferenceRecord {
  const { eventId, endMin, cal, ...rest } = fields;
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
    carriers: eventId === undefined ? [] : [newCarrier(cal ?? 0, eventId, { endMin: endMin ?? null })],
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
const ROLE_CODES: Record<CarrierRole, string> = { own: '', copy: 'C', shared: 'S', former: 'F' };
const decoderOf =
  <T extends string>(codes: Record<T, string>) =>
  (code: string): T | undefined =>
    (Object.keys(codes) as T[]).find((name) => codes[name] === code);
const stateOf = decoderOf(STATE_CODES);
const roleOf = decoderOf(ROLE_CODES);

/** Fields before the carriers; each carrier then takes CARRIER_FIELDS fields. */
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
    r.unconfirmed ? 'U' : r.neverCarried ? 'N' : '',
    ...[r.createdMin, r.attempts, r.retryAt, r.deletedMin, r.relinkedMin].map(optional),
  ];
  const carriers = r.carriers.flatMap((c) => [
    num(c.cal),
    c.eventId,
    ROLE_CODES[c.role],
    num(c.startMin),
    num(c.endMin),
    optional(c.seenGen),
  ]);
  return head.concat(carriers).join('\t');
}

export function decodeRecord(line: string): ConferenceRecord | null {
  const f = line.split('\t');
  const carrierFields = f.length - HEAD_FIELDS;
  if (carrierFields < 0 || carrierFields % CARRIER_FIELDS !== 0 || !f[0]) return null;
  const code = f[2] ?? '';
  const state = stateOf(code.startsWith(STATE_CODES.refused) ? STATE_CODES.refused : code);
  if (!state) return null;
  const carriers: Carrier[] = [];
  for (let i = HEAD_FIELDS; i < f.length; i += CARRIER_FIELDS) {
    const role = roleOf(f[i + 2] ?? '');
    const cal = parseNum(f[i]);
    if (!role || cal === null || !f[i + 1]) return null;
    const [startMin, endMin, seenGen] = [3, 4, 5].map((j) => parseNum(f[i + j]));
    carriers.push({ cal, eventId: f[i + 1] as string, role, startMin, endMin, seenGen: seenGen ?? 0 });
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
    unconfirmed: f[4] === 'U',
    ...(f[4] === 'N' ? { neverCarried: true } : {}),
    createdMin,
    attempts,
    retryAt,
    deletedMin,
    relinkedMin,
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

/** A new carrier (a calendar index and an event id), by default the meeting's own. */
export const carrier: (cal: number, eventId: string, extra?: Partial<Carrier>) => Carrier = newCarrier;

/** A record with nothing queued and no carrier (the line format's defaults). */
function blank(conferenceId: string, solutionId: string): ConferenceRecord {
  return newRecord({ conferenceId, solutionId });
}

// ------------------------------------------------------------------------------- reading a record

/** The events that carry the conference now (not the former ones). */
export function liveCarriers(record: ConferenceRecord): readonly Carrier[] {
  return record.carriers.filter((c) => c.role !== 'former');
}

export function isCarried(record: ConferenceRecord): boolean {
  return record.carriers.some((c) => c.role !== 'former');
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
    carriers: [carrier(p.cal, p.eventId, { endMin: p.endMin })],
  });
}

/**
 * onCreate's record, merged by a run into the calendar it was made in. When it takes the place of
 * a record of the same conference (ours added back and the create replayed it, while its DELETE
 * waited or it was taken for gone), the other events that record knew keep their places: a copy
 * still carrying it (waiting for its own, or `shared` because Calendar refused that) keeps it
 * alive, and the former carriers still tell the meeting from a copy (soak seed 635873: dropped, the
 * copy's conference was deleted under it once the user took ours off the meeting again). onCreate's
 * own event stays first: the grace check reads it.
 */
export function madeIn(record: ConferenceRecord, cal: number, replaced?: ConferenceRecord): ConferenceRecord {
  const own = record.carriers.map((c) => ({ ...c, cal }));
  const others = (replaced?.carriers ?? []).filter(
    (c) => c.role === 'former' || !own.some((o) => o.cal === c.cal && o.eventId === c.eventId),
  );
  return edit(record, { carriers: [...own, ...others] });
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

/** The event carries the conference (added, or its times refreshed). */
export function carriedBy(record: ConferenceRecord, next: Carrier): ConferenceRecord {
  // A former carrier at the same place stays: it tells a restored meeting from a copy.
  const others = record.carriers.filter(
    (c) => c.role === 'former' || !(c.cal === next.cal && c.eventId === next.eventId),
  );
  const { neverCarried: _carriedNow, ...rest } = record;
  return edit(rest, { carriers: [...others, next] });
}

/** The event no longer carries the conference (cancelled, conference removed or replaced). */
export function notCarriedBy(record: ConferenceRecord, cal: number, eventId: string): ConferenceRecord {
  return edit(record, {
    carriers: record.carriers.filter((c) => !(c.cal === cal && c.eventId === eventId && c.role !== 'former')),
  });
}

/**
 * The meeting's own events went while copies still carry the conference: they are remembered as
 * former carriers, so a copy is never taken for the meeting once the copies are on their own.
 */
export function ownersGone(record: ConferenceRecord, own: readonly Carrier[]): ConferenceRecord {
  return edit(record, { carriers: [...liveCarriers(record), ...formersWith(record, own)] });
}

/** Forgets one carrier (a meeting long over, a calendar forgotten); null when nothing is left. */
export function forgetCarrier(
  record: ConferenceRecord,
  gone: (c: Carrier) => boolean,
): ConferenceRecord | null {
  const carriers = record.carriers.filter((c) => !gone(c));
  if (carriers.some((c) => c.role !== 'former')) return edit(record, { carriers });
  // Nothing carries it. A delete already waiting for the gate stays; anything else is forgotten
  // without a vendor call (nobody can tell whether its meeting still exists).
  if (record.state === 'queued-delete') return edit(record, { carriers });
  return null;
}

/**
 * The last live carrier went: QUEUED-DELETE, waiting for the delete gate (which lists every
 * calendar the user can edit first). The former carriers are kept to recognise the meeting again.
 */
export function lastCarrierGone(
  record: ConferenceRecord,
  former: readonly Carrier[],
  /** Epoch seconds: a cancelled event may show up in another calendar until then (a move). */
  settleUntil = 0,
): ConferenceRecord {
  return edit(record, {
    state: 'queued-delete',
    unconfirmed: false,
    attempts: 0,
    retryAt: settleUntil,
    carriers: formersWith(record, former),
  });
}

/**
 * Carried again while its DELETE waited (restored, moved back, ours added back): alive. If the DELETE
 * may have reached the vendor (`requestMayLand`: the belief is unknown), the fields are sent again,
 * and a vendor that answers "gone" has it taken for lost (asked back, else replaced).
 */
export function revived(record: ConferenceRecord, by: Carrier): ConferenceRecord {
  return edit(record, {
    state: 'synced',
    attempts: 0,
    retryAt: 0,
    carriers: [...othersThan(record, by), { ...by, role: 'own' }],
  });
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
export function lostUncarried(record: ConferenceRecord, former: readonly Carrier[]): ConferenceRecord {
  return record.vendor.kind === 'gone' ? tombstoneAgain(record, former) : lastCarrierGone(record, former);
}

/** A conference the vendor no longer had (LOST) that nothing carries now: a tombstone again. */
export function tombstoneAgain(record: ConferenceRecord, former: readonly Carrier[]): ConferenceRecord {
  return edit(record, {
    state: 'deleted',
    vendor: GONE,
    attempts: 0,
    retryAt: 0,
    carriers: formersWith(record, former),
  });
}

/**
 * The record's former carriers and the meeting's own events among these, once each, as former
 * carriers. A copy that went is another meeting, not one of its former events: remembered as one,
 * it was taken for the meeting when it showed up again, moved into another calendar (its
 * cancelled entry listed in one run, the moved event in another), and kept the conference made
 * for the original (soak seeds 1226842, 1227630).
 */
function formersWith(record: ConferenceRecord, more: readonly Carrier[]): Carrier[] {
  const known = record.carriers.filter((c) => c.role === 'former');
  const added = more.filter(
    (f) => f.role === 'own' && !known.some((k) => k.cal === f.cal && k.eventId === f.eventId),
  );
  return [...known, ...added.map((c) => carrier(c.cal, c.eventId, { role: 'former' }))];
}

/** The live carriers other than `by`. */
function othersThan(record: ConferenceRecord, by: Carrier): Carrier[] {
  return record.carriers.filter(
    (c) => c.role !== 'former' && !(c.cal === by.cal && c.eventId === by.eventId),
  );
}

/**
 * A tombstone carried by a live event again (restored from the trash, or a copy of such a meeting):
 * LOST, the event waiting for a conference. The former carriers stay, to recognise the meeting.
 */
export function restoring(record: ConferenceRecord, by: Carrier): ConferenceRecord {
  const former = record.carriers.filter((c) => c.role === 'former');
  return edit(record, {
    state: 'lost',
    carriers: [...former, ...othersThan(record, by), { ...by, role: 'copy' }],
  });
}

/** The vendor undid its delete (with these fields): the restored meeting keeps the join link its guests have. */
export function undeleted(record: ConferenceRecord, by: Carrier, sentHash: string): ConferenceRecord {
  return edit(record, {
    state: 'synced',
    vendor: holds(sentHash),
    attempts: 0,
    retryAt: 0,
    deletedMin: 0,
    carriers: [...othersThan(record, by), { ...by, role: 'own' }],
  });
}

/** A carrier taken for a copy is one of the meeting's own events after all (a part of a restored split series). */
export function partOfMeeting(record: ConferenceRecord, cal: number, eventId: string): ConferenceRecord {
  const own = (c: Carrier): Carrier =>
    c.cal === cal && c.eventId === eventId && c.role === 'copy' ? { ...c, role: 'own' } : c;
  return edit(record, { carriers: record.carriers.map(own) });
}

/** Calendar would not let the copy have its own conference: it shares this one for good. */
export function shared(record: ConferenceRecord, by: Carrier): ConferenceRecord {
  return carriedBy(record, { ...by, role: 'shared' });
}

/**
 * The create handed back this very conference: it is the event's own. A create answered with an
 * existing conference changed nothing at the vendor, so unless the vendor already has the event's
 * fields (`eventHash`), they are queued to be sent.
 */
export function ownedBy(record: ConferenceRecord, by: Carrier, eventHash: string): ConferenceRecord {
  const carried = carriedBy(record, { ...by, role: 'own' });
  // Waiting for its DELETE, or taken for gone (LOST: what the vendor holds is unknown, so the
  // fields go again): the vendor has it, so it is alive.
  const next =
    record.state === 'lost'
      ? edit(revived(carried, by), { vendor: UNKNOWN })
      : record.state === 'queued-delete'
        ? revived(carried, by)
        : carried;
  if (vendorHolds(next, eventHash) || next.state !== 'synced') return next;
  return edit(next, { state: 'queued-update', attempts: 0, retryAt: 0 });
}

/** A copy's create or write-back failed transiently: it keeps the conference and is asked again. */
export function copyWaits(record: ConferenceRecord, by: Carrier, now: number): ConferenceRecord {
  return backOff(carriedBy(record, { ...by, role: 'copy' }), now);
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
 * for it (role `copy`: asked back from the vendor's trash, else a new one written onto the event),
 * and they are remembered as the meeting's former carriers, so the vendor is asked to undo first.
 */
export function vendorLost(record: ConferenceRecord): ConferenceRecord {
  const live = liveCarriers(record);
  const waiting = live.map((c) => (c.role === 'shared' ? c : { ...c, role: 'copy' as const }));
  return edit(record, {
    state: 'lost',
    vendor: GONE,
    attempts: 0,
    retryAt: 0,
    carriers: [
      ...formersWith(
        record,
        live.filter((c) => c.role === 'own'),
      ),
      ...waiting,
    ],
  });
}

/**
 * "Try again" on a meeting whose new conference Calendar would not take (a `shared` carrier of a LOST
 * conference): its events wait for a conference again, asked for by the next run like any other.
 */
export function askedAgain(record: ConferenceRecord): ConferenceRecord {
  const carriers = record.carriers.map((c) => (c.role === 'shared' ? { ...c, role: 'copy' as const } : c));
  return edit(record, { carriers, attempts: 0, retryAt: 0 });
}

/** The vendor deleted it (or had already): a tombstone with the events that carried it. */
export function deleted(record: ConferenceRecord, now: number): ConferenceRecord {
  const former = record.carriers.map((c) => carrier(c.cal, c.eventId, { role: 'former' }));
  return edit(blank(record.conferenceId, record.solutionId), {
    state: 'deleted',
    vendor: GONE,
    deletedMin: toMin(now),
    carriers: former,
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
  by: Carrier,
  made?: { at: number; neverCarried: boolean },
): ConferenceRecord {
  return edit(blank(conferenceId, solutionId), {
    state: 'queued-delete',
    carriers: [{ ...by, role: 'former' }],
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
  return edit(blank(p.conferenceId, p.solutionId), {
    vendor: p.vendor,
    ...(p.madeAt ? { createdMin: toMin(p.madeAt) } : {}),
    carriers: [{ ...p.by, role: 'own' }],
    ...(p.relinkedAt ? { relinkedMin: toMin(p.relinkedAt) } : {}),
  });
}

/** The create the copy asked for again turned out to be what it carries: its own, fields to send. */
export function adoptedByCopy(conferenceId: string, solutionId: string, by: Carrier): ConferenceRecord {
  return edit(blank(conferenceId, solutionId), {
    state: 'queued-update',
    carriers: [{ ...by, role: 'own' }],
  });
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
  former: Carrier | undefined,
  now: number,
): ConferenceRecord {
  const carriers = former ? [{ ...former, role: 'former' as const }] : [];
  return edit(blank(conferenceId, ''), { state: 'queued-delete', createdMin: toMin(now), carriers });
}

// ------------------------------------------------------------------------------------ back-off

function settledQueue(record: ConferenceRecord): Partial<Draft> {
  const state: RecordState = isQueued(record) ? 'synced' : record.state;
  return { state, attempts: 0, retryAt: 0 };
}

/** The one place attempts and retry times are counted. */
function backOff(record: ConferenceRecord, now: number, retryAfterMs?: number): ConferenceRecord {
  const attempts = Math.min(record.attempts + 1, 1000);
  return edit(record, { attempts, retryAt: Math.ceil((now + queuedDelayMs(attempts, retryAfterMs)) / 1000) });
}
