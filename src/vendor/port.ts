/**
 * What the add-on needs from a conferencing vendor, whatever its API looks like. An adapter
 * (`src/vendor/adapters/*`) turns these calls into HTTP requests for one vendor's API and turns
 * every answer into a `VendorOutcome` whose *kind* carries the meaning. Nothing outside an adapter
 * looks at HTTP status codes or message text: the sync engine, onCreate and the cards branch on
 * `outcome.kind` (and `refused.reason`) only.
 */
import type { SyncedFields } from '../calendar/syncedFields';
import type { MeetingOptionName, MeetingOptions } from './options';

/** Who pays for a call to a dial-in number (Apps Script EntryPointFeature TOLL / TOLL_FREE). */
export type DialInCharge = 'toll' | 'toll-free';

/** One of the vendor's dial-in numbers for a conference. */
export interface DialInNumber {
  /** As the vendor prints it ("+1 555 0100"); the add-on keeps only digits and a leading +. */
  number: string;
  /** The country of the number as a CLDR region code ("US", "DE"), when the vendor says. */
  regionCode?: string;
  /** What a caller types after dialling (Acme: a PIN; Zoom: the meeting ID). */
  pin?: string;
  charge?: DialInCharge;
}

/** A conference as the add-on needs it, in any vendor's terms. */
export interface VendorConference {
  /** The vendor's id (stored on the event as `conferenceData.conferenceId`): ≤ 512 chars, no tabs. */
  id: string;
  joinUrl: string;
  /** The vendor's dial-in numbers, the preferred ones first. */
  dialIn?: readonly DialInNumber[];
  /** A page listing every dial-in number (Calendar's MORE entry point). */
  dialInListUrl?: string;
  passcode?: string;
}

/** What a vendor holds for a conference, as the cards show it (a lookup). */
export interface VendorSnapshot extends SyncedFields {
  conference: VendorConference;
  updatedAt?: string;
  /** The meeting options the vendor holds (only those its adapter supports). */
  options?: MeetingOptions;
}

/** Why a vendor refused for good (the call will not succeed if sent again unchanged). */
type RefusalReason =
  | 'forbidden' // authenticated, but not allowed (403)
  | 'invalid-request' // the vendor rejected what we sent (400, 413, 422, ...)
  | 'bad-answer' // the vendor answered 2xx with something unusable
  | 'not-supported'; // the vendor's API cannot express the request

export type VendorOutcome<T> =
  | {
      kind: 'applied';
      value: T /** A create answered by an earlier, identical create (idempotent replay). */;
      replay?: boolean;
    }
  | { kind: 'already-gone' } // the conference does not exist at the vendor (a delete counts this as done)
  /**
   * Rate limited or a vendor-side fault. `rateLimited`: the vendor said it did nothing (429), so
   * even a create without an idempotency key may be sent again safely.
   */
  | { kind: 'retry-later'; delayMs?: number; detail: string; rateLimited?: true }
  | { kind: 'unreachable'; detail: string } // no answer at all (network, DNS, timeout, fetch quota)
  | { kind: 'unauthorized'; detail: string } // the credential was refused (401)
  | { kind: 'refused'; reason: RefusalReason; detail: string };

/** Outcomes that may succeed later without anything changing on our side. */
export function isTransient(outcome: VendorOutcome<unknown>): boolean {
  return outcome.kind === 'retry-later' || outcome.kind === 'unreachable';
}

/**
 * A vendor call is never retried inside a run (a sleep is billed against the user's daily trigger
 * runtime): what fails is queued, and the next run after its time resends it. Minutes, doubling,
 * capped at an hour; a longer Retry-After wins. Deterministic so the bench and model tests replay.
 */
const QUEUED_BASE_MS = 60_000;
export const QUEUED_MAX_MS = 60 * 60_000;

/** Wait before the next run retries a queued call that has failed `attempts` times in runs. */
export function queuedDelayMs(attempts: number, retryAfterMs?: number): number {
  const exponential = Math.min(QUEUED_MAX_MS, QUEUED_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}

/** Everything a vendor needs to create a conference for a Calendar event. */
export interface CreateRequest {
  calendarId: string;
  eventId: string;
  solutionId: string;
  fields: SyncedFields;
  /**
   * The id of a conference an earlier create for the same event returned and that has since been
   * deleted: the adapter derives a new idempotency key from it, so the new create is still
   * idempotent when retried.
   */
  after?: string;
  /** Options for the new meeting (the user's or the organisation's defaults), supported ones only. */
  options?: MeetingOptions;
}

/**
 * The read of one conference (a batch's `lookup`): `applied` = found, with its synced fields as the
 * vendor holds them and its join URL; `already-gone` = the vendor no longer has it; `unauthorized` /
 * `refused: forbidden` = the vendor will not tell this user; `retry-later` / `unreachable` = ask again
 * later. The cards and the audit (src/audit/) use it.
 */
export type ReadOutcome = VendorOutcome<VendorSnapshot>;

/** One call of a batch: independent calls go out in parallel (one UrlFetchApp.fetchAll). */
export type VendorCall =
  | { op: 'update'; conferenceId: string; fields: SyncedFields }
  | { op: 'delete'; conferenceId: string }
  | { op: 'lookup'; conferenceId: string }
  /**
   * Undoes a delete (the vendor's own trash, where `undoesDeletes`), so a meeting restored from
   * Calendar's trash keeps the join link its guests already have; `fields` are the restored event's,
   * set with it. `already-gone` when it cannot be had back.
   */
  | { op: 'undelete'; conferenceId: string; fields: SyncedFields };

/** The outcome of one call of a batch, by op. An update may or may not return the conference. */
export type CallOutcome =
  | VendorOutcome<VendorConference | null> // update; undelete (always the conference)
  | VendorOutcome<null> // delete
  | VendorOutcome<VendorSnapshot>; // lookup

/**
 * A vendor's meeting options (src/vendor/options.ts). Absent: the vendor has none the add-on can
 * change, and the cards show none.
 */
export interface MeetingOptionsCapability {
  /** The options this vendor has, in the order the cards show them. */
  readonly supported: readonly MeetingOptionName[];
  /**
   * Sends `changes` (supported options only) in one request. `applied` carries what the vendor now
   * holds when its answer says (a new passcode, the options), or null when it answered without a
   * body (then a lookup reads it).
   */
  write(conferenceId: string, changes: MeetingOptions): VendorOutcome<VendorSnapshot | null>;
}

export interface VendorPort {
  /** Optional: the meeting options this vendor lets the event card change. */
  readonly meetingOptions?: MeetingOptionsCapability;
  /**
   * True when a repeated create with the same request returns the same conference (Acme's
   * Idempotency-Key). When false or absent (Zoom), a create whose fate is unknown is never repeated.
   */
  readonly idempotentCreate?: boolean;
  /** Creates a conference (idempotent per calendar + event + solution + `after`). */
  create(request: CreateRequest): VendorOutcome<VendorConference>;
  /** Sends independent calls in parallel; one outcome per call, in order. Never throws. */
  send(calls: readonly VendorCall[]): CallOutcome[];
  /** Proves the vendor is reachable and accepts our credential, changing nothing. */
  testConnection(): VendorOutcome<null>;
  /**
   * Optional: the vendor can undo a delete (`undelete` calls in `send`). A vendor without it: a
   * restored meeting gets a new conference, and no `undelete` call is sent.
   */
  readonly undoesDeletes?: boolean;
  /**
   * Optional: reads several conferences in as few requests as the vendor's API allows (Acme's
   * `GET /conferences?ids=`), one outcome per id, in order, as a `lookup` of each would give it.
   * Undefined when the vendor's server does not offer it: the caller reads them one by one.
   */
  readMany?(conferenceIds: readonly string[]): ReadOutcome[] | undefined;
  /**
   * The synced fields as a read (`lookup`) of this vendor returns them after an update with `fields`:
   * what the vendor can hold of them (Zoom: UTC start and whole minutes, no all-day meetings, only
   * some recurrences). The audit compares a read with this, so the vendor's own rounding is never
   * taken for a change made at the vendor. Left out: the vendor holds exactly what it is sent.
   */
  heldView?(fields: SyncedFields): SyncedFields;
}
