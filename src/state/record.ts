/**
 * One conference the add-on made, as remembered between runs, keyed by the conference: the vendor's
 * id, where it stands with the vendor, and the set of events (calendar + event id) that carry it.
 * Cancelled events come back from Calendar as stubs with only their id, so the carriers kept here are
 * the only way to find the conference a deleted event had. A conference may have several carriers:
 * the same meeting moved to another calendar, the parts of a series split with "this and following",
 * or a copy that has not got its own conference yet.
 *
 * Records and carriers are read-only outside src/conference/lifecycle.ts, which builds and changes
 * them. Stored as compact tab-separated lines so thousands fit in Apps Script's 500 KB property
 * store; this file is the only place that knows the line format and the one-letter codes.
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
