import type { ServiceContext } from '../context';
import {
  ApiCallError,
  apiError,
  CalendarErrors as E,
  messageOnly,
  type ServerFaultReason,
  type UsageLimitReason,
} from './apiError';
import {
  expandStarts,
  formatBasicDate,
  isOccurrence,
  lastStart,
  MAX_OCCURRENCES,
  type ParsedRecurrence,
  parseBasicDate,
  parseRecurrence,
  splitRecurrence,
} from './recurrence';
import type {
  CalendarEvent,
  ConferenceDataResource,
  ConferenceEntryPointResource,
  EventAttendee,
  EventDateTime,
  EventsListResult,
  ListArgs,
} from './types';

export type { CalendarEvent, ConferenceDataResource, EventDateTime, EventsListResult } from './types';

/**
 * In-memory emulator of the Calendar API v3 `events` collection as Apps Script's advanced service
 * `Calendar` exposes it, plus an admin API that plays the human editing the calendar in the UI.
 *
 * Model: every calendar keeps its events (masters, single events, exceptions of recurring series,
 * tombstones of deleted ones) and a change counter. Each modification stamps the touched events with the
 * next counter value; a sync token is (calendar, counter at the start of the full listing, epoch, issue
 * time), so an incremental list returns exactly the entries whose stamp is above the token's position,
 * each once in its latest state. Paging walks entries ordered by (stamp, id) with a cursor, so entries
 * modified while a listing is paged show up again on a later page instead of being lost.
 *
 * Documented simplifications: recurrence is expanded in the series' start time zone (rrule, DST-correct),
 * all-day series in UTC; dateTime values are normalised to UTC
 * (`2026-11-23T10:00:00Z`); singleEvents expansion of unbounded series stops at `expansionHorizonMs` past
 * now (default 366 days) and at MAX_OCCURRENCES per series.
 */
export interface CalendarEmulatorOptions {
  userEmail?: string;
  /**
   * Time zone reported for calendars, and given to a recurring event's dateTime start that has none.
   * Default `UTC`.
   */
  timeZone?: string;
  /** Sync tokens older than this (simulated ms) fail with 410. Default: never expire. */
  tokenTtlMs?: number;
  /** Metered calls per rolling simulated minute before a usage-limit error. Default: unlimited. */
  ratePerMinute?: number;
  /** The error `ratePerMinute` answers with. Default 403 rateLimitExceeded. */
  rateLimitError?: UsageLimitError;
  /**
   * Whether thrown errors carry the JSON error body as `details` (default true). With false they carry
   * only Apps Script's message, the shape Google's own advanced-service sample relies on.
   */
  errorDetails?: boolean;
  /**
   * How many items a list page really holds, given the page index (0-based) and the requested
   * maxResults. Google may return short (even empty) pages while more exist; tests use this to make the
   * emulator do the same. Default: maxResults.
   */
  pageSize?: (pageIndex: number, maxResults: number) => number;
  /** Seed for generated ids (default 1). */
  seed?: number;
  /** How far past now singleEvents expands unbounded series (default 366 days). */
  expansionHorizonMs?: number;
  /**
   * What Calendar does with a client's write (conferenceDataVersion=1) that puts a new add-on
   * (`conferenceSolution.key.type: addOn`) conference id on an event. Events.insert/patch reference
   * (`conferenceDataVersion`): "Version 1 enables support for copying of ConferenceData as well as for
   * creating new conferences using the createRequest field of conferenceData"; nothing says a client may
   * set a third-party conference's id (ASSUMPTION, both ways):
   * - `accept` (default): the write is stored as given;
   * - `refuse`: an add-on conference id that differs from the event's and that no event of the user
   *   carries (so the write is not a copy) answers 400 `invalid` "Invalid conference data." (code, reason
   *   and wording ours). Rewriting the same conference (entry points, notes) is still accepted.
   * Also settable while running (`addOnConferenceWrites` property).
   */
  addOnConferenceWrites?: AddOnConferenceWrites;
}

export type AddOnConferenceWrites = 'accept' | 'refuse';

/** A usage-limit error of the Calendar API errors guide: 403 or 429 with domain `usageLimits`. */
export interface UsageLimitError {
  code: 403 | 429;
  reason: UsageLimitReason;
}

/**
 * An error of the errors guide a fault can inject: a usage limit (403/429 `usageLimits`), a 500
 * `backendError` or a 401 `authError` (domain `global`).
 */
export type FaultError =
  | UsageLimitError
  | { code: 500; reason: Extract<ServerFaultReason, 'backendError'> }
  | { code: 401; reason: Extract<ServerFaultReason, 'authError'> };

/** A fault injected into the next metered calls (`calls` of them, default 1) whose API starts with `api`. */
export type InjectedFault = FaultError & {
  calls?: number;
  api?: string;
};

interface Stored {
  ev: CalendarEvent;
  /** Change stamp: the calendar's change counter when this entry last changed. */
  stamp: number;
  /** Parsed recurrence of a master, cached. */
  rec?: ParsedRecurrence;
  /** When the user (or the API) deleted it: it sits in the calendar's trash until TRASH_RETENTION_MS. */
  trashedAt?: number;
  /** The series whose deletion took this exception along (restored with it). */
  trashedWith?: string;
  /** The calendar it was moved to: here it is only a cancelled entry, not in the trash. */
  movedTo?: string;
  /**
   * A moved event whose original organizer (this calendar) was on its attendee list: the cancelled entry
   * keeps its details (ASSUMPTION, see transfer()); otherwise only its id is guaranteed.
   */
  movedKeepsDetails?: boolean;
}

/**
 * Whether the user can still reach a calendar. `revoked` (sharing removed, unsubscribed) can come back
 * with grantAccess; `deleted` cannot. Either way every API call on it answers 404 notFound.
 */
type CalendarAccess = 'granted' | 'revoked' | 'deleted';

interface CalState {
  id: string;
  events: Map<string, Stored>;
  counter: number;
  epoch: number;
  /** Highest stamp among purged tombstones: older tokens can no longer see those deletions. */
  purgedStamp: number;
  updatedMs: number;
  access: CalendarAccess;
  /** The user's role on it, as CalendarList reports it. */
  accessRole: CalendarAccessRole;
}

export type CalendarAccessRole = 'owner' | 'writer' | 'reader' | 'freeBusyReader';

/** Who made a change: the user in Calendar's UI (fires EventUpdated triggers) or a script through the API. */
export type ChangeOrigin = 'user' | 'api';

interface SyncTokenData {
  c: string;
  p: number;
  e: number;
  t: number;
  s: boolean;
}

interface PageTokenData {
  q: string;
  snap: number;
  n: number;
  /** Cursor: last (stamp, id) returned, for stamp order. */
  cs?: number;
  ci?: string;
  /** Offset, for orderBy=startTime. */
  o?: number;
}

/** How a full or incremental list chooses among collected entries. */
interface ListFilter {
  since: number | undefined;
  singleEvents: boolean;
  showDeleted: boolean;
  updatedMin: number | undefined;
  matches: (ev: CalendarEvent) => boolean;
}

interface Entry {
  item: CalendarEvent;
  stamp: number;
  id: string;
  startMs: number;
}

const DAY_MS = 86_400_000;
/** Google Calendar keeps deleted events in the trash for 30 days (Calendar Help, "Restore deleted events"). */
export const TRASH_RETENTION_MS = 30 * DAY_MS;
const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const VALID_ID = /^[a-v0-9]{5,1024}$/;
const INSTANCE_ID = /^(.+)_(\d{8}(?:T\d{6}Z)?)$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const NOT_WITH_SYNC_TOKEN = [
  'iCalUID',
  'orderBy',
  'privateExtendedProperty',
  'q',
  'sharedExtendedProperty',
  'timeMin',
  'timeMax',
  'updatedMin',
];
const READ_ONLY_FIELDS = ['kind', 'etag', 'created', 'updated', 'htmlLink', 'iCalUID', 'sequence'];

const KEY_ORDER = [
  'kind',
  'etag',
  'id',
  'status',
  'htmlLink',
  'created',
  'updated',
  'summary',
  'description',
  'location',
  'colorId',
  'creator',
  'organizer',
  'start',
  'end',
  'endTimeUnspecified',
  'recurrence',
  'recurringEventId',
  'originalStartTime',
  'transparency',
  'visibility',
  'iCalUID',
  'sequence',
  'attendees',
  'hangoutLink',
  'conferenceData',
];

/** The error an injected fault answers with. */
function faultError(api: string, fault: FaultError): ApiCallError {
  if (fault.code === 500) return E.backendError(api);
  if (fault.code === 401) return E.authError(api);
  return E.usageLimit(api, fault.code, fault.reason);
}

/** The event with its keys in the order Google's JSON uses (unknown keys last). */
function ordered(ev: CalendarEvent): CalendarEvent {
  const out: CalendarEvent = {};
  for (const k of KEY_ORDER) if (ev[k] !== undefined) out[k] = ev[k];
  for (const [k, v] of Object.entries(ev)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Patch semantics: objects merge recursively, arrays and scalars replace, null removes. */
function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (isPlainObject(v) && isPlainObject(target[k]))
      target[k] = deepMerge(target[k] as Record<string, unknown>, v);
    else target[k] = clone(v);
  }
  return target;
}

function bool(v: unknown): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  return v === true || v === 'true';
}

function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Milliseconds of an EventDateTime (all-day dates at UTC midnight); NaN when unusable. */
export function timeMs(t: EventDateTime | undefined): number {
  if (!t) return Number.NaN;
  if (t.dateTime) return RFC3339.test(t.dateTime) ? Date.parse(t.dateTime) : Number.NaN;
  if (t.date) return DATE_ONLY.test(t.date) ? Date.parse(`${t.date}T00:00:00Z`) : Number.NaN;
  return Number.NaN;
}

function formatDateTime(ms: number): string {
  return toIso(ms).replace(/\.\d{3}Z$/, 'Z');
}

function shiftTime(t: EventDateTime, ms: number): EventDateTime {
  if (t.date) return { date: toIso(ms).slice(0, 10) };
  const out: EventDateTime = { dateTime: formatDateTime(ms) };
  if (t.timeZone) out.timeZone = t.timeZone;
  return out;
}

function timingKey(ev: CalendarEvent): string {
  return JSON.stringify([ev.start ?? null, ev.end ?? null, ev.recurrence ?? null]);
}

function encodeToken(prefix: string, data: unknown): string {
  return prefix + Buffer.from(JSON.stringify(data)).toString('base64url');
}

function decodeToken<T>(prefix: string, token: string): T | undefined {
  if (typeof token !== 'string' || !token.startsWith(prefix)) return undefined;
  try {
    return JSON.parse(Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The Calendar advanced service surface the emulator installs as the `Calendar` global. */
export interface CalendarAdvancedService {
  Events: {
    list(calendarId: string, optionalArgs?: ListArgs): EventsListResult;
    get(calendarId: string, eventId: string, optionalArgs?: Record<string, unknown>): CalendarEvent;
    insert(
      resource: CalendarEvent,
      calendarId: string,
      optionalArgs?: Record<string, unknown>,
    ): CalendarEvent;
    patch(
      resource: CalendarEvent,
      calendarId: string,
      eventId: string,
      optionalArgs?: Record<string, unknown>,
      headers?: Record<string, string>,
    ): CalendarEvent;
    update(
      resource: CalendarEvent,
      calendarId: string,
      eventId: string,
      optionalArgs?: Record<string, unknown>,
      headers?: Record<string, string>,
    ): CalendarEvent;
    remove(calendarId: string, eventId: string, optionalArgs?: Record<string, unknown>): void;
    instances(calendarId: string, eventId: string, optionalArgs?: ListArgs): EventsListResult;
    move(
      calendarId: string,
      eventId: string,
      destination: string,
      optionalArgs?: Record<string, unknown>,
    ): CalendarEvent;
  };
  Calendars: {
    get(calendarId: string): { kind: string; id: string; summary: string; timeZone: string; etag: string };
  };
  CalendarList: {
    list(optionalArgs?: Record<string, unknown>): CalendarListResult;
  };
}

export interface CalendarListEntry {
  kind: 'calendar#calendarListEntry';
  etag: string;
  id: string;
  summary: string;
  timeZone: string;
  accessRole: CalendarAccessRole;
  /** Only present (true) on the user's primary calendar, as Google omits false booleans. */
  primary?: true;
}

export interface CalendarListResult {
  kind: 'calendar#calendarList';
  etag: string;
  items: CalendarListEntry[];
}

export class CalendarEmulator {
  readonly service: CalendarAdvancedService;
  readonly userEmail: string;
  private readonly cals = new Map<string, CalState>();
  private readonly listeners: Array<(calendarId: string, origin: ChangeOrigin) => void> = [];
  private readonly options: CalendarEmulatorOptions;
  private idCounter = 0;
  private etagCounter = 0;
  private meetCounter = 0;
  private callTimes: number[] = [];
  private faults: Array<Required<InjectedFault>> = [];
  /** Whether thrown errors carry `details` (see CalendarEmulatorOptions.errorDetails); may be switched. */
  errorDetails: boolean;
  /** See CalendarEmulatorOptions.addOnConferenceWrites; may be switched. */
  addOnConferenceWrites: AddOnConferenceWrites;

  constructor(
    private readonly ctx: ServiceContext,
    options: CalendarEmulatorOptions = {},
  ) {
    this.options = options;
    this.userEmail = options.userEmail ?? 'user@example.com';
    this.errorDetails = options.errorDetails ?? true;
    this.addOnConferenceWrites = options.addOnConferenceWrites ?? 'accept';
    const g = <A extends unknown[], R>(f: (...args: A) => R) => this.shaped(f);
    this.service = {
      Events: {
        list: g((calendarId, optionalArgs?: ListArgs) => this.apiList(calendarId, optionalArgs ?? {})),
        get: g((calendarId: string, eventId: string) => this.apiGet(calendarId, eventId)),
        insert: g((resource: CalendarEvent, calendarId: string, optionalArgs?: Record<string, unknown>) =>
          this.apiInsert(resource, calendarId, optionalArgs ?? {}),
        ),
        patch: g((resource: CalendarEvent, calendarId: string, eventId: string, optionalArgs?, headers?) =>
          this.apiWrite('patch', resource, calendarId, eventId, optionalArgs ?? {}, headers ?? {}),
        ),
        update: g((resource: CalendarEvent, calendarId: string, eventId: string, optionalArgs?, headers?) =>
          this.apiWrite('update', resource, calendarId, eventId, optionalArgs ?? {}, headers ?? {}),
        ),
        remove: g((calendarId: string, eventId: string) => this.apiRemove(calendarId, eventId)),
        instances: g((calendarId: string, eventId: string, optionalArgs?: ListArgs) =>
          this.apiInstances(calendarId, eventId, optionalArgs ?? {}),
        ),
        move: g((calendarId: string, eventId: string, destination: string) =>
          this.apiMove(calendarId, eventId, destination),
        ),
      },
      Calendars: { get: g((calendarId: string) => this.apiCalendarsGet(calendarId)) },
      CalendarList: { list: g(() => this.apiCalendarList()) },
    };
    this.cal(this.userEmail);
  }

  // ---------------------------------------------------------------- admin API (not metered)

  /**
   * Called after every modification with the (resolved) calendar id and who made it: `user` for the
   * admin API (the human in Calendar's UI), `api` for the script's advanced-service calls.
   */
  onChange(listener: (calendarId: string, origin: ChangeOrigin) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * The user creates a calendar, or subscribes to one shared with them with `accessRole`. The primary
   * calendar (`userEmail`) always exists.
   */
  addCalendar(calendarId: string, accessRole: CalendarAccessRole = 'owner'): void {
    const existing = this.cals.get(this.resolve(calendarId));
    if (existing?.access === 'deleted') throw new Error(`addCalendar: ${existing.id} was deleted`);
    this.cal(calendarId).accessRole = accessRole;
  }

  calendars(): string[] {
    return [...this.cals.keys()];
  }

  /**
   * Creates an event, or merges `event`'s fields over the stored one with the same id, as the Calendar
   * UI would (conferenceData of any kind is accepted; a field set to undefined/null is removed).
   */
  putEvent(calendarId: string, event: CalendarEvent): CalendarEvent {
    const cal = this.userCal('putEvent', calendarId);
    const given = event.id !== undefined ? cal.events.get(event.id) : undefined;
    if (given) return this.editEvent(calendarId, event.id!, event);
    const ev = this.adminSanitize(event);
    if (ev.id !== undefined && !VALID_ID.test(ev.id)) throw new Error(`putEvent: invalid event id ${ev.id}`);
    this.fillDefaultTimeZone(ev);
    const problem = this.validateTimes(ev, false);
    if (problem) throw new Error(`putEvent: ${problem}`);
    const stored = this.create(cal, ev);
    this.notify(cal.id, 'user');
    return clone(stored.ev);
  }

  /** Shallow-merges `changes` into a stored event (undefined/null removes a field). */
  editEvent(calendarId: string, eventId: string, changes: CalendarEvent): CalendarEvent {
    const cal = this.userCal('editEvent', calendarId);
    const stored = cal.events.get(eventId);
    if (!stored) throw new Error(`editEvent: no event ${eventId} in ${cal.id}`);
    const next = { ...clone(stored.ev), ...this.adminSanitize(changes, true) };
    for (const [k, v] of Object.entries(changes)) if (v === undefined || v === null) delete next[k];
    this.fillDefaultTimeZone(next);
    const problem = this.validateTimes(next, !!next.recurringEventId);
    if (problem) throw new Error(`editEvent: ${problem}`);
    this.modify(cal, stored, next);
    this.notify(cal.id, 'user');
    return clone(stored.ev);
  }

  /** Deletes an event as the UI would: it becomes a cancelled tombstone (a series takes its exceptions along). */
  deleteEvent(calendarId: string, eventId: string): void {
    const cal = this.userCal('deleteEvent', calendarId);
    const stored = cal.events.get(eventId) ?? this.materialize(cal, eventId);
    if (!stored) throw new Error(`deleteEvent: no event ${eventId} in ${cal.id}`);
    if (stored.ev.status === 'cancelled') return;
    this.cancel(cal, stored);
    this.notify(cal.id, 'user');
  }

  /** "Delete this event only" on one occurrence: stores a cancelled exception. */
  cancelOccurrence(calendarId: string, seriesId: string, originalStartTime: string | EventDateTime): void {
    const cal = this.userCal('cancelOccurrence', calendarId);
    const stored = this.occurrence(cal, seriesId, originalStartTime, 'cancelOccurrence');
    if (stored.ev.status === 'cancelled') return;
    this.modify(cal, stored, { ...clone(stored.ev), status: 'cancelled' });
    this.notify(cal.id, 'user');
  }

  /** "Edit this event only" on one occurrence: stores (or updates) an exception. */
  editOccurrence(
    calendarId: string,
    seriesId: string,
    originalStartTime: string | EventDateTime,
    changes: CalendarEvent,
  ): CalendarEvent {
    const cal = this.userCal('editOccurrence', calendarId);
    const stored = this.occurrence(cal, seriesId, originalStartTime, 'editOccurrence');
    return this.editEvent(cal.id, stored.ev.id!, changes);
  }

  // ------------------------------------------------ admin API: what users do beyond editing

  /**
   * Moves an event to another calendar, as the calendar drop-down in the event editor does (the same
   * operation as `Events.move`): "Moves an event to another calendar, i.e. changes an event's organizer"
   * (events.move reference). ASSUMPTION (the move page does not say): the event keeps its id and (FACTS.md:
   * UNCONFIRMED) its conferenceData. The source calendar keeps a cancelled entry; see transfer() for what
   * it holds. A series moves with its exceptions.
   */
  moveEvent(fromCalendarId: string, eventId: string, toCalendarId: string): CalendarEvent {
    const from = this.userCal('moveEvent', fromCalendarId);
    const to = this.userCal('moveEvent', toCalendarId);
    const problem = this.moveProblem(from, eventId, to);
    if (problem) throw new Error(`moveEvent: ${problem.message}`);
    return this.transfer(from, eventId, to, 'user');
  }

  /**
   * "Duplicate" (same calendar) or "Copy to" (another calendar): a new event with a new id and the same
   * fields, organized by the target calendar. ASSUMPTION (FACTS.md: UNCONFIRMED): the copy carries the
   * same conferenceData. A series is copied as its master only (its exceptions are not copied); an
   * occurrence is copied as a single event.
   */
  duplicateEvent(calendarId: string, eventId: string, targetCalendarId = calendarId): CalendarEvent {
    const cal = this.userCal('duplicateEvent', calendarId);
    const target = this.userCal('duplicateEvent', targetCalendarId);
    const source = cal.events.get(eventId)?.ev ?? this.generatedInstance(cal, eventId);
    if (!source || source.status === 'cancelled')
      throw new Error(`duplicateEvent: no event ${eventId} in ${cal.id}`);
    const copy = this.adminSanitize(source);
    for (const k of ['id', 'recurringEventId', 'originalStartTime', 'status', 'creator', 'organizer'])
      delete copy[k];
    const stored = this.create(target, copy);
    this.notify(target.id, 'user');
    return clone(stored.ev);
  }

  /**
   * "This and following events": the recurring events guide ("Modifying all following instances") trims
   * the original series with UNTIL before the chosen occurrence and creates a new recurring event from it.
   * The new series' id is `<seriesId>_R<start of that occurrence, yyyyMMddTHHmmssZ>` (ASSUMPTION: the form
   * Calendar's UI is seen to use; the guide only says "new event"). It carries the same conferenceData
   * (ASSUMPTION) with `changes` applied. Stored exceptions at or after the split are cancelled
   * (ASSUMPTION). Splitting at the first occurrence edits the whole series and returns it.
   */
  splitSeries(
    calendarId: string,
    seriesId: string,
    fromOriginalStart: string,
    changes: CalendarEvent = {},
  ): CalendarEvent {
    const cal = this.userCal('splitSeries', calendarId);
    const master = cal.events.get(seriesId);
    if (!master?.rec || master.ev.status === 'cancelled')
      throw new Error(`splitSeries: ${seriesId} is not a live recurring series in ${cal.id}`);
    const t = this.occurrenceStart(master, fromOriginalStart, 'splitSeries');
    if (t === timeMs(master.ev.start)) return this.editEvent(cal.id, seriesId, changes);
    const next = this.followingSeries(master, t, changes);
    const problem = this.validateTimes(next, false);
    if (problem) throw new Error(`splitSeries: ${problem}`);
    this.trimSeries(cal, master, t);
    const created = this.create(cal, next);
    this.notify(cal.id, 'user');
    return clone(created.ev);
  }

  /**
   * Restores a deleted event from the calendar's trash. Events resource: on the organizer's calendar
   * cancelled events keep their details "so that they can be restored (undeleted)"; Calendar's trash keeps
   * them 30 days (TRASH_RETENTION_MS), after which they are purged. The event is live again with its
   * previous fields and conferenceData, a new etag/updated, and shows up in incremental sync; a series
   * gets back the exceptions its deletion took along.
   */
  restoreEvent(calendarId: string, eventId: string): CalendarEvent {
    const cal = this.userCal('restoreEvent', calendarId);
    const stored = cal.events.get(eventId);
    if (stored?.trashedAt === undefined || stored.ev.status !== 'cancelled')
      throw new Error(`restoreEvent: ${eventId} is not in the trash of ${cal.id}`);
    if (!this.organizedHere(cal, stored.ev))
      throw new Error(`restoreEvent: only the organizer's calendar can restore ${eventId}`);
    if (this.ctx.clock.now() - stored.trashedAt > TRASH_RETENTION_MS) {
      this.purgeEntry(cal, stored);
      throw new Error(`restoreEvent: ${eventId} was purged from the trash after 30 days`);
    }
    this.untrash(cal, stored);
    for (const s of this.exceptionsOf(cal, eventId)) if (s.trashedWith === eventId) this.untrash(cal, s);
    this.notify(cal.id, 'user');
    return clone(stored.ev);
  }

  /**
   * The user loses access to a calendar (sharing revoked, unsubscribed): every API call on it answers 404
   * notFound (Calendar API errors guide) until grantAccess.
   */
  revokeAccess(calendarId: string): void {
    const cal = this.known('revokeAccess', calendarId);
    if (cal.access === 'deleted') throw new Error(`revokeAccess: ${cal.id} was deleted`);
    cal.access = 'revoked';
  }

  /**
   * Access comes back. ASSUMPTION (the sync guide lists "ACL change" among what invalidates tokens): sync
   * tokens issued before the loss answer 410 fullSyncRequired.
   */
  grantAccess(calendarId: string): void {
    const cal = this.known('grantAccess', calendarId);
    if (cal.access === 'deleted') throw new Error(`grantAccess: ${cal.id} was deleted`);
    if (cal.access === 'revoked') cal.epoch++;
    cal.access = 'granted';
  }

  /** The calendar is deleted: API calls on it answer 404 notFound for good. */
  deleteCalendar(calendarId: string): void {
    const cal = this.known('deleteCalendar', calendarId);
    if (cal.id === this.userEmail) throw new Error('deleteCalendar: the primary calendar cannot be deleted');
    cal.access = 'deleted';
  }

  /**
   * Someone else's meeting lands in the user's calendar: a guest's copy with the organizer's event id and
   * conferenceData (every attendee's calendar holds the same event), organized by `organizerEmail`, so
   * `organizer.self` is absent (false, Google's default) and the user is an attendee with `self: true`.
   */
  receiveInvitation(calendarId: string, event: CalendarEvent, organizerEmail: string): CalendarEvent {
    const cal = this.userCal('receiveInvitation', calendarId);
    if (!event.id) throw new Error('receiveInvitation: the organizer event needs its id');
    if (cal.events.get(event.id)?.ev.status === 'confirmed')
      throw new Error(`receiveInvitation: ${event.id} is already in ${cal.id}`);
    const copy = this.adminSanitize(event);
    copy.organizer = { email: organizerEmail };
    copy.creator = { email: organizerEmail };
    copy.attendees = this.withGuest(copy.attendees, cal.id, organizerEmail);
    const problem = this.validateTimes(copy, !!copy.recurringEventId);
    if (problem) throw new Error(`receiveInvitation: ${problem}`);
    cal.events.delete(event.id);
    const stored = this.create(cal, copy);
    this.notify(cal.id, 'user');
    return clone(stored.ev);
  }

  /**
   * The organizer edits (or, with `status: 'cancelled'`, cancels) their meeting: the guest's copy follows.
   * The guest's copy keeps its organizer.
   */
  organizerEdits(calendarId: string, eventId: string, changes: CalendarEvent): CalendarEvent {
    const cal = this.userCal('organizerEdits', calendarId);
    const stored = cal.events.get(eventId);
    if (!stored || this.organizedHere(cal, stored.ev))
      throw new Error(`organizerEdits: ${eventId} in ${cal.id} is not someone else's meeting`);
    const { organizer: _ignored, ...rest } = changes;
    return this.editEvent(cal.id, eventId, rest);
  }

  /** The guest answers the invitation (`accepted`, `declined`, `tentative`); the event stays. */
  guestResponds(calendarId: string, eventId: string, responseStatus: string): CalendarEvent {
    const cal = this.userCal('guestResponds', calendarId);
    const ev = cal.events.get(eventId)?.ev;
    if (!ev || this.organizedHere(cal, ev)) throw new Error(`guestResponds: ${eventId} is not an invitation`);
    const attendees = (ev.attendees ?? []).map((a) => (a.self ? { ...a, responseStatus } : a));
    return this.editEvent(cal.id, eventId, { attendees });
  }

  /**
   * The guest removes the meeting from their calendar: their copy becomes cancelled (the organizer's
   * event lives on). Events resource: invitations the user "manually removed continue to provide
   * details"; they are not in the trash (only the organizer can restore).
   */
  guestRemoves(calendarId: string, eventId: string): void {
    const cal = this.userCal('guestRemoves', calendarId);
    const stored = cal.events.get(eventId);
    if (!stored || this.organizedHere(cal, stored.ev))
      throw new Error(`guestRemoves: ${eventId} in ${cal.id} is not someone else's meeting`);
    if (stored.ev.status === 'cancelled') return;
    this.modify(cal, stored, { ...clone(stored.ev), status: 'cancelled' });
    this.notify(cal.id, 'user');
  }

  /**
   * The next `calls` (default 1) advanced-service calls whose API name starts with `api` (default: any,
   * e.g. `calendar.events.list`) fail with an error of the Calendar API errors guide: a usage limit (403
   * or 429, domain `usageLimits`, reason rateLimitExceeded | userRateLimitExceeded | quotaExceeded), a
   * 500 backendError ("Backend Error") or a 401 authError ("Invalid Credentials").
   */
  injectFault(fault: InjectedFault): void {
    this.faults.push({ calls: 1, api: 'calendar.', ...fault });
  }

  /** Every sync token issued so far for this calendar now fails with 410 (as after an ACL change). */
  invalidateSyncTokens(calendarId: string): void {
    this.cal(calendarId).epoch++;
  }

  /**
   * Forgets cancelled tombstones ("they eventually disappear"): tokens issued before those deletions can
   * no longer report them and fail with 410.
   */
  purgeDeleted(calendarId: string): number {
    const cal = this.cal(calendarId);
    let n = 0;
    for (const s of [...cal.events.values()]) {
      if (s.ev.status !== 'cancelled') continue;
      this.purgeEntry(cal, s);
      n++;
    }
    return n;
  }

  /** Current stored state of an event (cancelled included), or undefined. */
  peek(calendarId: string, eventId: string): CalendarEvent | undefined {
    return clone(this.cals.get(this.resolve(calendarId))?.events.get(eventId)?.ev);
  }

  /** Stored, non-cancelled events (single events, series masters and exceptions). */
  liveEvents(calendarId: string): CalendarEvent[] {
    return [...(this.cals.get(this.resolve(calendarId))?.events.values() ?? [])]
      .filter((s) => s.ev.status !== 'cancelled')
      .map((s) => clone(s.ev));
  }

  /** A fresh, valid, not yet used event id (what the UI assigns to an unsaved event). */
  newEventId(): string {
    return this.nextId();
  }

  /** A Google Meet conference as Calendar creates one. */
  newMeetConference(): ConferenceDataResource {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let n = ++this.meetCounter * 7919 + 104_729;
    let code = '';
    for (let i = 0; i < 10; i++) {
      code += letters[n % 26];
      n = Math.floor(n / 26) + i * 31;
    }
    const id = `${code.slice(0, 3)}-${code.slice(3, 7)}-${code.slice(7, 10)}`;
    return {
      conferenceId: id,
      conferenceSolution: {
        key: { type: 'hangoutsMeet' },
        name: 'Google Meet',
        iconUri:
          'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
      },
      entryPoints: [
        { entryPointType: 'video', uri: `https://meet.google.com/${id}`, label: `meet.google.com/${id}` },
      ],
    };
  }

  // ---------------------------------------------------------------- advanced service

  /** Runs an advanced-service call, giving its errors the configured shape (with or without details). */
  private shaped<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      try {
        return f(...args);
      } catch (err) {
        if (err instanceof ApiCallError && !this.errorDetails) throw messageOnly(err);
        throw err;
      }
    };
  }

  /** Counts a call (simulated latency included), then applies injected faults and the rate limit. */
  private meter(kind: string, latencyMs?: number): void {
    this.ctx.call(kind, latencyMs);
    const fault = this.faults.find((f) => kind.startsWith(f.api));
    if (fault) {
      if (--fault.calls <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      throw faultError(kind, fault);
    }
    const limit = this.options.ratePerMinute;
    if (limit === undefined) return;
    const now = this.ctx.clock.now();
    this.callTimes = this.callTimes.filter((t) => t > now - 60_000);
    if (this.callTimes.length >= limit) {
      const { code, reason } = this.options.rateLimitError ?? { code: 403, reason: 'rateLimitExceeded' };
      throw E.usageLimit(kind, code, reason);
    }
    this.callTimes.push(now);
  }

  /** Events.move (events.move reference): the API form of moveEvent. */
  private apiMove(calendarId: string, eventId: string, destination: string): CalendarEvent {
    const api = 'calendar.events.move';
    this.meter(api, 150);
    const from = this.writableCal(api, calendarId);
    if (typeof destination !== 'string' || destination === '')
      throw E.required(api, 'Required parameter: destination');
    const to = this.writableCal(api, destination);
    const problem = this.moveProblem(from, eventId, to);
    if (problem) throw apiError(api, problem.code, problem.reason, problem.message);
    return this.transfer(from, eventId, to, 'api');
  }

  private apiCalendarsGet(calendarId: string) {
    const api = 'calendar.calendars.get';
    this.meter(api);
    const cal = this.apiCal(api, calendarId);
    return {
      kind: 'calendar#calendar',
      etag: `"${cal.counter}"`,
      id: cal.id,
      summary: cal.id,
      timeZone: this.timeZone,
    };
  }

  /** CalendarList.list: the calendars on the user's list (those they can access), primary first. */
  private apiCalendarList(): CalendarListResult {
    this.meter('calendar.calendarList.list', 80);
    const items = [...this.cals.values()]
      .filter((c) => c.access === 'granted')
      .sort((a, b) => Number(b.id === this.userEmail) - Number(a.id === this.userEmail))
      .map((c) => this.calendarListEntry(c));
    return { kind: 'calendar#calendarList', etag: `"${this.etagCounter}"`, items };
  }

  private calendarListEntry(cal: CalState): CalendarListEntry {
    const entry: CalendarListEntry = {
      kind: 'calendar#calendarListEntry',
      etag: `"${cal.counter}"`,
      id: cal.id,
      summary: cal.id,
      timeZone: this.timeZone,
      accessRole: cal.accessRole,
    };
    if (cal.id === this.userEmail) entry.primary = true;
    return entry;
  }

  private apiGet(calendarId: string, eventId: string): CalendarEvent {
    const api = 'calendar.events.get';
    this.meter(api);
    const cal = this.apiCal(api, calendarId);
    const stored = cal.events.get(eventId);
    // A moved event leaves a cancelled entry behind of which "only the id is guaranteed" (unless its
    // original organizer was an attendee: then, by ASSUMPTION, it keeps its details).
    if (stored) return clone(stored.movedTo && !stored.movedKeepsDetails ? this.stub(stored.ev) : stored.ev);
    const inst = this.generatedInstance(cal, eventId);
    if (!inst) throw E.notFound(api);
    return inst;
  }

  private apiInsert(
    resource: CalendarEvent,
    calendarId: string,
    args: Record<string, unknown>,
  ): CalendarEvent {
    const api = 'calendar.events.insert';
    this.meter(api);
    const cal = this.writableCal(api, calendarId);
    const ev = this.apiSanitize(api, resource, args, undefined);
    delete ev.recurringEventId;
    delete ev.originalStartTime;
    if (ev.id !== undefined) {
      if (typeof ev.id !== 'string' || !VALID_ID.test(ev.id))
        throw E.invalid(api, 'Invalid resource id value.');
      if (cal.events.has(ev.id)) throw E.duplicate(api);
    }
    this.checkTimes(api, ev, false);
    const stored = this.create(cal, ev);
    this.notify(cal.id, 'api');
    return clone(stored.ev);
  }

  private apiWrite(
    method: 'patch' | 'update',
    resource: CalendarEvent,
    calendarId: string,
    eventId: string,
    args: Record<string, unknown>,
    headers: Record<string, string>,
  ): CalendarEvent {
    const api = `calendar.events.${method}`;
    this.meter(api);
    const cal = this.writableCal(api, calendarId);
    const existing = cal.events.get(eventId) ?? this.peekInstance(cal, eventId);
    if (!existing) throw E.notFound(api);
    const ifMatch = Object.entries(headers).find(([k]) => k.toLowerCase() === 'if-match')?.[1];
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== existing.ev.etag)
      throw E.conditionNotMet(api);
    const prev = existing.ev;
    const body = this.apiSanitize(api, resource, args, prev);
    let next: CalendarEvent;
    if (method === 'patch') {
      next = deepMerge(clone(prev), body) as CalendarEvent;
      if (body.conferenceData === undefined && 'conferenceData' in body) delete next.conferenceData;
    } else {
      next = body;
      for (const k of [
        'kind',
        'id',
        'created',
        'iCalUID',
        'recurringEventId',
        'originalStartTime',
        'creator',
      ]) {
        if (prev[k] !== undefined) next[k] = clone(prev[k]);
        else delete next[k];
      }
      if (!('conferenceData' in body) && !this.conferenceVersion(args) && prev.conferenceData) {
        next.conferenceData = clone(prev.conferenceData);
      }
      if (!next.organizer && prev.organizer) next.organizer = clone(prev.organizer);
    }
    next.id = prev.id;
    if (next.recurringEventId && next.recurrence)
      throw E.invalid(api, 'Invalid Value: an instance cannot recur');
    this.checkTimes(api, next, !!next.recurringEventId);
    // An occurrence written through its instance id becomes a stored exception.
    const stored = cal.events.get(eventId) ?? this.materialize(cal, eventId)!;
    if (next.status === 'cancelled' && stored.ev.status !== 'cancelled') {
      this.modify(cal, stored, next);
      this.cancel(cal, stored);
    } else this.modify(cal, stored, next);
    this.notify(cal.id, 'api');
    return clone(stored.ev);
  }

  private apiRemove(calendarId: string, eventId: string): void {
    const api = 'calendar.events.remove';
    this.meter(api);
    const cal = this.writableCal(api, calendarId);
    const existing = cal.events.get(eventId) ?? this.peekInstance(cal, eventId);
    if (!existing) throw E.notFound(api);
    if (existing.ev.status === 'cancelled') throw E.deleted(api);
    const stored = cal.events.get(eventId) ?? this.materialize(cal, eventId)!;
    this.cancel(cal, stored);
    this.notify(cal.id, 'api');
  }

  private apiInstances(calendarId: string, eventId: string, args: ListArgs): EventsListResult {
    const api = 'calendar.events.instances';
    this.meter(api);
    const cal = this.apiCal(api, calendarId);
    const master = cal.events.get(eventId);
    if (!master) throw E.notFound(api);
    const window = this.parseWindow(api, args);
    const maxResults = this.parseMaxResults(api, args);
    const showDeleted = bool(args.showDeleted) ?? false;
    const queryKey = JSON.stringify(['instances', eventId, args.timeMin, args.timeMax, showDeleted]);
    const page = this.decodePage(api, args.pageToken, queryKey);
    const entries = master.ev.recurrence
      ? this.seriesEntries(cal, master, window, true).filter(
          (e) => showDeleted || e.item.status !== 'cancelled',
        )
      : [];
    entries.sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1));
    const offset = page?.o ?? 0;
    const size = this.pageSizeFor(page?.n ?? 0, maxResults);
    const slice = entries.slice(offset, offset + size);
    const result = this.listResult(
      cal,
      slice.map((e) => e.item),
    );
    if (offset + size < entries.length) {
      result.nextPageToken = encodeToken('P', {
        q: queryKey,
        snap: cal.counter,
        n: (page?.n ?? 0) + 1,
        o: offset + size,
      } satisfies PageTokenData);
    }
    return result;
  }

  private apiList(calendarId: string, args: ListArgs): EventsListResult {
    const api = 'calendar.events.list';
    this.meter(api);
    const cal = this.apiCal(api, calendarId);
    const singleEvents = bool(args.singleEvents) ?? false;
    const maxResults = this.parseMaxResults(api, args);
    const since = this.syncPosition(api, cal, args, singleEvents);
    const orderBy = this.parseOrderBy(api, args, singleEvents);
    const window = this.parseWindow(api, args);
    const filter: ListFilter = {
      since,
      singleEvents,
      showDeleted: since !== undefined || (bool(args.showDeleted) ?? false),
      updatedMin: args.updatedMin !== undefined ? this.parseInstant(api, args.updatedMin) : undefined,
      matches: this.listMatcher(args),
    };
    const queryKey = this.listQueryKey(args);
    const page = this.decodePage(api, args.pageToken, queryKey);
    const entries = this.collectEntries(cal, since, singleEvents, window).filter((e) =>
      this.keepEntry(cal, e, filter),
    );
    const size = this.pageSizeFor(page?.n ?? 0, maxResults);
    const { slice, more, next } = this.pageOf(entries, orderBy, page, size, queryKey);
    const result = this.listResult(
      cal,
      slice.map((e) => e.item),
    );
    if (more) result.nextPageToken = encodeToken('P', { ...next, snap: page?.snap ?? cal.counter });
    else result.nextSyncToken = this.syncTokenFor(cal, page?.snap ?? cal.counter, singleEvents);
    return result;
  }

  /**
   * For an incremental list, checks what may accompany a syncToken (events.list reference) and returns the
   * token's position; 410 fullSyncRequired when it is no longer valid. Undefined for a full list.
   */
  private syncPosition(
    api: string,
    cal: CalState,
    args: ListArgs,
    singleEvents: boolean,
  ): number | undefined {
    const syncToken = args.syncToken as string | undefined;
    if (syncToken === undefined || syncToken === null || syncToken === '') return undefined;
    for (const p of NOT_WITH_SYNC_TOKEN) {
      if (args[p] !== undefined && args[p] !== null) {
        throw E.badRequest(api, `Bad Request: ${p} cannot be used together with syncToken`);
      }
    }
    if (bool(args.showDeleted) === false) {
      throw E.badRequest(api, 'Bad Request: showDeleted=false cannot be used together with syncToken');
    }
    const tok = decodeToken<SyncTokenData>('S', syncToken);
    if (!tok || typeof tok.p !== 'number') throw E.invalid(api, 'Invalid sync token value.');
    const ttl = this.options.tokenTtlMs;
    const expired = ttl !== undefined && this.ctx.clock.now() - tok.t > ttl;
    const stale = tok.c !== cal.id || tok.e !== cal.epoch || tok.p < cal.purgedStamp;
    if (expired || stale || tok.s !== singleEvents) throw E.fullSyncRequired(api);
    return tok.p;
  }

  private syncTokenFor(cal: CalState, snap: number, singleEvents: boolean): string {
    const data: SyncTokenData = {
      c: cal.id,
      p: snap,
      e: cal.epoch,
      t: this.ctx.clock.now(),
      s: singleEvents,
    };
    return encodeToken('S', data);
  }

  private parseOrderBy(api: string, args: ListArgs, singleEvents: boolean): string | undefined {
    const orderBy = args.orderBy as string | undefined;
    if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') throw E.invalid(api);
    if (orderBy === 'startTime' && !singleEvents) {
      throw E.badRequest(api, 'The requested ordering is not available for the particular query.');
    }
    return orderBy;
  }

  /** What identifies a query for its page tokens: every parameter but pageToken and maxResults. */
  private listQueryKey(args: ListArgs): string {
    return JSON.stringify(
      Object.keys(args)
        .filter((k) => k !== 'pageToken' && k !== 'maxResults' && args[k] !== undefined)
        .sort()
        .map((k) => [k, args[k]]),
    );
  }

  /** The q / iCalUID / extended-property filters of a full list. */
  private listMatcher(args: ListArgs): (ev: CalendarEvent) => boolean {
    const q = typeof args.q === 'string' ? args.q.toLowerCase() : undefined;
    const iCalUID = args.iCalUID as string | undefined;
    const priv = this.extendedFilter(args.privateExtendedProperty);
    const shared = this.extendedFilter(args.sharedExtendedProperty);
    return (ev) => {
      if (iCalUID !== undefined && ev.iCalUID !== iCalUID) return false;
      if (q !== undefined && !this.textOf(ev).includes(q)) return false;
      for (const [k, v] of priv) if (ev.extendedProperties?.private?.[k] !== v) return false;
      for (const [k, v] of shared) if (ev.extendedProperties?.shared?.[k] !== v) return false;
      return true;
    };
  }

  /** Entries changed since `since` (all for a full list), series expanded under singleEvents. */
  private collectEntries(
    cal: CalState,
    since: number | undefined,
    singleEvents: boolean,
    window: { min?: number; max?: number },
  ): Entry[] {
    const entries: Entry[] = [];
    for (const stored of cal.events.values()) {
      if (since !== undefined && stored.stamp <= since) continue;
      if (stored.ev.recurrence && singleEvents) {
        entries.push(...this.seriesEntries(cal, stored, since === undefined ? window : {}, false));
      } else if (since !== undefined || this.overlaps(stored, window)) {
        entries.push(this.entry(stored, stored.ev));
      }
    }
    return entries;
  }

  /** Whether a collected entry belongs in the result (filters, and which cancelled entries show). */
  private keepEntry(cal: CalState, e: Entry, f: ListFilter): boolean {
    if (f.since !== undefined) return true;
    const cancelled = e.item.status === 'cancelled';
    const ev = cancelled ? this.fullOf(cal, e) : e.item;
    if (f.updatedMin !== undefined && Date.parse(ev.updated ?? '') < f.updatedMin) return false;
    if (!f.matches(ev)) return false;
    if (!cancelled || f.showDeleted) return true;
    if (f.updatedMin !== undefined) return true; // deletions since updatedMin are always included
    // Cancelled instances of a live series are listed when showDeleted and singleEvents are both false.
    if (!f.singleEvents && ev.recurringEventId) {
      return cal.events.get(ev.recurringEventId)?.ev.status !== 'cancelled';
    }
    return false;
  }

  /** One page of entries: by start time with an offset, else by change stamp with a cursor. */
  private pageOf(
    all: Entry[],
    orderBy: string | undefined,
    page: PageTokenData | undefined,
    size: number,
    queryKey: string,
  ): { slice: Entry[]; more: boolean; next: Omit<PageTokenData, 'snap'> } {
    const next: Omit<PageTokenData, 'snap'> = { q: queryKey, n: (page?.n ?? 0) + 1 };
    if (orderBy === 'startTime') {
      const sorted = all.sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1));
      const offset = page?.o ?? 0;
      next.o = offset + size;
      return { slice: sorted.slice(offset, offset + size), more: offset + size < sorted.length, next };
    }
    let entries = all.sort((a, b) => a.stamp - b.stamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (page?.cs !== undefined) {
      const cs = page.cs;
      const ci = page.ci ?? '';
      entries = entries.filter((e) => e.stamp > cs || (e.stamp === cs && e.id > ci));
    }
    const slice = entries.slice(0, size);
    const last = slice[slice.length - 1];
    next.cs = last ? last.stamp : (page?.cs ?? -1);
    next.ci = last ? last.id : (page?.ci ?? '');
    return { slice, more: entries.length > size, next };
  }

  // ---------------------------------------------------------------- listing helpers

  private listResult(cal: CalState, items: CalendarEvent[]): EventsListResult {
    return {
      kind: 'calendar#events',
      etag: `"${cal.counter}${cal.epoch}"`,
      summary: cal.id,
      updated: toIso(cal.updatedMs),
      timeZone: this.timeZone,
      accessRole: 'owner',
      defaultReminders: [],
      items: clone(items),
    };
  }

  private pageSizeFor(pageIndex: number, maxResults: number): number {
    const f = this.options.pageSize;
    if (!f) return maxResults;
    return Math.max(0, Math.min(maxResults, Math.floor(f(pageIndex, maxResults))));
  }

  private decodePage(api: string, token: unknown, queryKey: string): PageTokenData | undefined {
    if (token === undefined || token === null || token === '') return undefined;
    const page = decodeToken<PageTokenData>('P', token as string);
    if (!page) throw E.invalid(api, 'Invalid page token value.');
    if (page.q !== queryKey) {
      throw E.badRequest(api, 'Bad Request: the page token was issued for a different query');
    }
    return page;
  }

  private parseMaxResults(api: string, args: ListArgs): number {
    if (args.maxResults === undefined || args.maxResults === null) return 250;
    const n = Number(args.maxResults);
    if (!Number.isInteger(n) || n < 1) throw E.invalid(api);
    return Math.min(n, 2500);
  }

  private parseInstant(api: string, v: unknown): number {
    if (typeof v !== 'string' || !RFC3339.test(v)) throw E.badRequest(api);
    return Date.parse(v);
  }

  private parseWindow(api: string, args: ListArgs): { min?: number; max?: number } {
    const w: { min?: number; max?: number } = {};
    if (args.timeMin !== undefined) w.min = this.parseInstant(api, args.timeMin);
    if (args.timeMax !== undefined) w.max = this.parseInstant(api, args.timeMax);
    if (w.min !== undefined && w.max !== undefined && w.max <= w.min) {
      throw E.badRequest(api, 'The specified time range is empty.');
    }
    return w;
  }

  private extendedFilter(v: unknown): Array<[string, string]> {
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    return list.map((s) => {
      const str = String(s);
      const i = str.indexOf('=');
      return [str.slice(0, i), str.slice(i + 1)];
    });
  }

  private textOf(ev: CalendarEvent): string {
    return [
      ev.summary,
      ev.description,
      ev.location,
      ...(ev.attendees ?? []).flatMap((a) => [a.email, a.displayName]),
    ]
      .filter(Boolean)
      .join('\n')
      .toLowerCase();
  }

  /** Whether a stored event (or series) can overlap [min, max). */
  private overlaps(stored: Stored, w: { min?: number; max?: number }): boolean {
    if (w.min === undefined && w.max === undefined) return true;
    const ev = stored.ev;
    const start = timeMs(ev.start);
    const end = timeMs(ev.end);
    if (Number.isNaN(start) || Number.isNaN(end)) return true;
    if (ev.recurrence && stored.rec) {
      const lastEnd = lastStart(start, stored.rec) + (end - start);
      return (w.max === undefined || start < w.max) && (w.min === undefined || lastEnd > w.min);
    }
    return (w.max === undefined || start < w.max) && (w.min === undefined || end > w.min);
  }

  private entry(stored: Stored, ev: CalendarEvent): Entry {
    return {
      item: ev.status === 'cancelled' ? this.stub(ev) : ev,
      stamp: stored.stamp,
      id: ev.id!,
      startMs: timeMs(ev.start),
    };
  }

  /** The full event behind an entry (a stub's stored original, or a generated instance). */
  private fullOf(cal: CalState, e: Entry): CalendarEvent {
    const stored = cal.events.get(e.id);
    if (stored) return stored.ev;
    const master = e.item.recurringEventId ? cal.events.get(e.item.recurringEventId) : undefined;
    return master?.ev ?? e.item;
  }

  /** What a list returns for a cancelled entry: only kind, id, status, etag (+ series fields). */
  private stub(ev: CalendarEvent): CalendarEvent {
    const out: CalendarEvent = { kind: 'calendar#event', id: ev.id, status: 'cancelled', etag: ev.etag };
    if (ev.recurringEventId) {
      out.recurringEventId = ev.recurringEventId;
      out.originalStartTime = clone(ev.originalStartTime);
    }
    return out;
  }

  /**
   * Instances of a series for singleEvents listings and `instances`: generated occurrences (stamped with
   * the master's stamp) and the stored exceptions (with their own stamps; listed elsewhere when
   * `withExceptions` is false, because the main loop visits them itself).
   */
  private seriesEntries(
    cal: CalState,
    master: Stored,
    w: { min?: number; max?: number },
    withExceptions: boolean,
  ): Entry[] {
    const out: Entry[] = [];
    const ev = master.ev;
    const start = timeMs(ev.start);
    const dur = timeMs(ev.end) - start;
    if (!master.rec || Number.isNaN(start)) return out;
    const horizon = this.ctx.clock.now() + (this.options.expansionHorizonMs ?? 366 * DAY_MS);
    const untilMs = w.max !== undefined ? w.max - 1 : horizon;
    const minStartMs = w.min !== undefined ? w.min - dur + 1 : undefined;
    for (const t of expandStarts(start, master.rec, { untilMs, minStartMs, limit: MAX_OCCURRENCES })) {
      const id = this.instanceId(ev, t);
      if (cal.events.has(id)) continue;
      const inst = this.instanceOf(ev, t);
      out.push({
        item: inst.status === 'cancelled' ? this.stub(inst) : inst,
        stamp: master.stamp,
        id,
        startMs: t,
      });
    }
    if (withExceptions) {
      for (const s of cal.events.values()) {
        if (s.ev.recurringEventId === ev.id && this.overlaps(s, w)) out.push(this.entry(s, s.ev));
      }
    }
    return out;
  }

  private instanceId(master: CalendarEvent, t: number): string {
    return `${master.id}_${formatBasicDate(t, !!master.start?.date)}`;
  }

  private instanceOf(master: CalendarEvent, t: number): CalendarEvent {
    const inst = clone(master);
    const start = timeMs(master.start);
    const dur = timeMs(master.end) - start;
    delete inst.recurrence;
    inst.id = this.instanceId(master, t);
    inst.recurringEventId = master.id;
    inst.originalStartTime = shiftTime(master.start!, t);
    inst.start = shiftTime(master.start!, t);
    inst.end = shiftTime(master.end!, t + dur);
    return ordered(inst);
  }

  /** A generated (not stored) instance for an instance id, or undefined. */
  private generatedInstance(cal: CalState, eventId: string): CalendarEvent | undefined {
    const m = INSTANCE_ID.exec(eventId);
    if (!m) return undefined;
    const master = cal.events.get(m[1]);
    if (!master?.rec || !master.ev.recurrence) return undefined;
    let t: number;
    try {
      t = parseBasicDate(m[2]);
    } catch {
      return undefined;
    }
    if (this.instanceId(master.ev, t) !== eventId) return undefined;
    if (!isOccurrence(timeMs(master.ev.start), master.rec, t)) return undefined;
    return this.instanceOf(master.ev, t);
  }

  private peekInstance(cal: CalState, eventId: string): Stored | undefined {
    const inst = this.generatedInstance(cal, eventId);
    return inst ? { ev: inst, stamp: 0 } : undefined;
  }

  /** Stores a generated instance as an exception (not yet stamped as a change). */
  private materialize(cal: CalState, eventId: string): Stored | undefined {
    const inst = this.generatedInstance(cal, eventId);
    if (!inst) return undefined;
    const stored: Stored = { ev: inst, stamp: cal.counter };
    cal.events.set(eventId, stored);
    return stored;
  }

  private occurrence(cal: CalState, seriesId: string, original: string | EventDateTime, op: string): Stored {
    const master = cal.events.get(seriesId);
    if (!master?.ev.recurrence) throw new Error(`${op}: ${seriesId} is not a recurring series in ${cal.id}`);
    const t = this.parseOriginal(original, op);
    const id = this.instanceId(master.ev, t);
    const stored = cal.events.get(id) ?? this.materialize(cal, id);
    if (!stored) throw new Error(`${op}: ${seriesId} has no occurrence starting ${JSON.stringify(original)}`);
    return stored;
  }

  // ---------------------------------------------------------------- writes

  private conferenceVersion(args: Record<string, unknown>): boolean {
    return Number(args.conferenceDataVersion ?? 0) >= 1;
  }

  /** Copies a resource from the API, dropping read-only fields and conferenceData unless version 1. */
  private apiSanitize(
    api: string,
    resource: CalendarEvent,
    args: Record<string, unknown>,
    prev: CalendarEvent | undefined,
  ): CalendarEvent {
    if (!isPlainObject(resource)) throw E.badRequest(api);
    const ev = clone(resource);
    for (const k of READ_ONLY_FIELDS) delete ev[k];
    if (!this.conferenceVersion(args)) {
      delete ev.conferenceData;
    } else if ('conferenceData' in resource) {
      if (resource.conferenceData === null) {
        ev.conferenceData = undefined;
      } else {
        ev.conferenceData = this.processConference(api, ev.conferenceData ?? {}, prev, ev);
      }
    }
    if (ev.recurrence !== undefined && ev.recurrence !== null && !Array.isArray(ev.recurrence)) {
      throw E.invalid(api, 'Invalid recurrence rule.');
    }
    return ev;
  }

  private processConference(
    api: string,
    cd: ConferenceDataResource,
    prev: CalendarEvent | undefined,
    ev: CalendarEvent,
  ): ConferenceDataResource {
    const req = cd.createRequest;
    if (req && !cd.entryPoints && req.status?.statusCode === undefined) {
      const prevConference = prev?.conferenceData;
      if (prevConference && prevConference.createRequest?.requestId === req.requestId)
        return clone(prevConference);
      if (req.conferenceSolutionKey?.type === 'hangoutsMeet') {
        const meet = this.newMeetConference();
        ev.hangoutLink = meet.entryPoints![0].uri;
        return { ...meet, createRequest: { ...clone(req), status: { statusCode: 'success' } } };
      }
      return { ...clone(cd), createRequest: { ...clone(req), status: { statusCode: 'failure' } } };
    }
    for (const ep of cd.entryPoints ?? []) {
      if (!['video', 'phone', 'sip', 'more'].includes(ep.entryPointType)) {
        throw E.invalid(api, 'Invalid conference entry point type.');
      }
    }
    if (!entryPointsValid(cd.entryPoints ?? [])) throw E.invalid(api, 'Invalid conference data.');
    if (this.refusesAddOnConference(cd, prev)) throw E.invalid(api, 'Invalid conference data.');
    return cd;
  }

  /**
   * Under `addOnConferenceWrites: 'refuse'`: a new add-on conference id on the event that is no copy of
   * a conference an event of the user already carries (see CalendarEmulatorOptions).
   */
  private refusesAddOnConference(cd: ConferenceDataResource, prev: CalendarEvent | undefined): boolean {
    if (this.addOnConferenceWrites !== 'refuse') return false;
    const id = cd.conferenceId;
    if (cd.conferenceSolution?.key?.type !== 'addOn' || id === undefined) return false;
    if (prev?.conferenceData?.conferenceId === id) return false;
    for (const cal of this.cals.values())
      for (const s of cal.events.values()) if (s.ev.conferenceData?.conferenceId === id) return false;
    return true;
  }

  private adminSanitize(event: CalendarEvent, keepUndefined = false): CalendarEvent {
    const ev: CalendarEvent = {};
    for (const [k, v] of Object.entries(event)) {
      if (READ_ONLY_FIELDS.includes(k)) continue;
      if (v === undefined || v === null) {
        if (keepUndefined) ev[k] = undefined;
        continue;
      }
      ev[k] = clone(v);
    }
    return ev;
  }

  /**
   * A series' parsed recurrence, expanded in its start's time zone (all-day series in UTC, as all-day
   * dates are kept at UTC midnight).
   */
  private recurrenceOf(ev: CalendarEvent): ParsedRecurrence {
    const zone = ev.start?.date ? 'UTC' : (ev.start?.timeZone ?? this.timeZone);
    return parseRecurrence(ev.recurrence ?? [], zone);
  }

  private fillDefaultTimeZone(ev: CalendarEvent): void {
    if (ev.recurrence && ev.start?.dateTime && !ev.start.timeZone) ev.start.timeZone = this.timeZone;
    if (ev.recurrence && ev.end?.dateTime && !ev.end.timeZone) ev.end.timeZone = this.timeZone;
  }

  /** Returns a problem description, or undefined when start/end/recurrence are acceptable. */
  private validateTimes(ev: CalendarEvent, isInstance: boolean): string | undefined {
    if (!ev.start) return 'Missing start time.';
    if (!ev.end) return 'Missing end time.';
    const start = timeMs(ev.start);
    const end = timeMs(ev.end);
    if (Number.isNaN(start)) return 'Invalid start time.';
    if (Number.isNaN(end)) return 'Invalid end time.';
    if (!!ev.start.date !== !!ev.end.date)
      return 'Start and end times must either both be date or both be dateTime.';
    if (end < start || (ev.start.date && end === start)) return 'The specified time range is empty.';
    if (ev.recurrence) {
      if (isInstance) return 'An instance of a recurring event cannot have a recurrence.';
      if (ev.start.dateTime && !ev.start.timeZone) return 'Missing time zone definition for start time.';
      if (ev.end.dateTime && !ev.end.timeZone) return 'Missing time zone definition for end time.';
      try {
        this.recurrenceOf(ev);
      } catch {
        return 'Invalid recurrence rule.';
      }
    }
    return undefined;
  }

  private checkTimes(api: string, ev: CalendarEvent, isInstance: boolean): void {
    const problem = this.validateTimes(ev, isInstance);
    if (!problem) return;
    if (problem.startsWith('Missing')) throw E.required(api, problem);
    if (problem.includes('time range is empty')) throw apiError(api, 400, 'timeRangeEmpty', problem);
    throw E.invalid(api, problem);
  }

  private normalise(ev: CalendarEvent): void {
    for (const k of ['start', 'end', 'originalStartTime'] as const) {
      const t = ev[k];
      if (t?.dateTime) t.dateTime = formatDateTime(timeMs(t));
      if (t?.date) delete t.dateTime;
    }
    if (ev.recurrence && ev.recurrence.length === 0) delete ev.recurrence;
    for (const [k, v] of Object.entries(ev)) if (v === undefined) delete ev[k];
  }

  private create(cal: CalState, ev: CalendarEvent): Stored {
    const now = this.ctx.clock.now();
    const id = ev.id ?? this.nextId();
    const full: CalendarEvent = {
      kind: 'calendar#event',
      ...ev,
      id,
      status: ev.status ?? 'confirmed',
      htmlLink: this.htmlLink(id, cal.id),
      created: toIso(now),
      updated: toIso(now),
      creator: ev.creator ?? { email: this.userEmail, self: true },
      organizer: ev.organizer ?? { email: cal.id, self: true },
      iCalUID: `${id}@google.com`,
      sequence: 0,
      etag: this.nextEtag(now),
    };
    this.normalise(full);
    const stored: Stored = { ev: ordered(full), stamp: this.bump(cal) };
    if (full.recurrence) stored.rec = this.recurrenceOf(full);
    cal.events.set(id, stored);
    return stored;
  }

  private modify(cal: CalState, stored: Stored, next: CalendarEvent): void {
    const now = this.ctx.clock.now();
    const prev = stored.ev;
    this.normalise(next);
    next.kind = 'calendar#event';
    next.id = prev.id;
    next.created = prev.created;
    next.iCalUID = prev.iCalUID;
    next.htmlLink = prev.htmlLink;
    next.updated = toIso(now);
    next.etag = this.nextEtag(now);
    next.sequence = (prev.sequence ?? 0) + (timingKey(prev) !== timingKey(next) ? 1 : 0);
    if (!next.status) next.status = 'confirmed';
    stored.ev = ordered(next);
    stored.rec = next.recurrence ? this.recurrenceOf(next) : undefined;
    stored.stamp = this.bump(cal);
  }

  /**
   * Deletes an event into the calendar's trash; a series master takes its live stored exceptions along
   * (they come back with it on restore).
   */
  private cancel(cal: CalState, stored: Stored): void {
    const now = this.ctx.clock.now();
    if (stored.ev.status !== 'cancelled')
      this.modify(cal, stored, { ...clone(stored.ev), status: 'cancelled' });
    stored.trashedAt = now;
    if (!stored.ev.recurrence) return;
    for (const s of this.exceptionsOf(cal, stored.ev.id!)) {
      if (s.ev.status === 'cancelled') continue;
      this.modify(cal, s, { ...clone(s.ev), status: 'cancelled' });
      s.trashedAt = now;
      s.trashedWith = stored.ev.id;
    }
  }

  /** Stored exceptions (edited or cancelled occurrences) of a series. */
  private exceptionsOf(cal: CalState, seriesId: string): Stored[] {
    return [...cal.events.values()].filter((s) => s.ev.recurringEventId === seriesId);
  }

  // ---------------------------------------------------------------- user-operation helpers

  /** Why an event cannot be moved (events.move: only `default` events; instances keep their organizer). */
  private moveProblem(
    from: CalState,
    eventId: string,
    to: CalState,
  ): { code: number; reason: string; message: string } | undefined {
    const stored = from.events.get(eventId);
    const instance = stored ? !!stored.ev.recurringEventId : !!this.generatedInstance(from, eventId);
    if (instance)
      return {
        code: 400,
        reason: 'cannotChangeOrganizerOfInstance',
        message: 'Cannot change the organizer of an instance.',
      };
    if (!stored) return { code: 404, reason: 'notFound', message: 'Not Found' };
    if (stored.ev.status === 'cancelled')
      return { code: 410, reason: 'deleted', message: 'Resource has been deleted' };
    if (stored.ev.eventType !== undefined && stored.ev.eventType !== 'default')
      return { code: 400, reason: 'invalid', message: 'Only default events can be moved.' };
    if (from !== to && to.events.get(eventId)?.ev.status === 'confirmed')
      return { code: 409, reason: 'duplicate', message: 'The requested identifier already exists.' };
    return undefined;
  }

  /**
   * Moves a checked event (and a series' exceptions) from one calendar to another. Events resource
   * (`status`): "If an event changes its organizer (for example via the move operation) and the original
   * organizer is not on the attendee list, it will leave behind a cancelled event where only the id field
   * is guaranteed to be populated." When the original organizer (the source calendar) *is* on the attendee
   * list Google is silent; ASSUMPTION: the entry left behind is still cancelled but keeps its details (as
   * cancelled events on the organizer's calendar "continue to expose event details"), so Events.get shows
   * them; lists show cancelled entries as stubs either way. (A live attendee's copy would be another
   * reading; it would have to follow the organizer's later edits, which the emulator does not model for
   * the user's own calendars.)
   */
  private transfer(from: CalState, eventId: string, to: CalState, origin: ChangeOrigin): CalendarEvent {
    const stored = from.events.get(eventId)!;
    if (from === to) return clone(stored.ev);
    const landed = this.land(to, stored.ev);
    for (const s of [stored, ...this.exceptionsOf(from, eventId)]) {
      if (s !== stored) this.land(to, s.ev);
      const organizerAttends = (s.ev.attendees ?? []).some(
        (a) => a.email?.toLowerCase() === from.id.toLowerCase(),
      );
      this.modify(from, s, { ...clone(s.ev), status: 'cancelled' });
      s.movedTo = to.id;
      s.movedKeepsDetails = organizerAttends;
      delete s.trashedAt;
    }
    this.notify(from.id, origin);
    this.notify(to.id, origin);
    return clone(landed.ev);
  }

  /** A moved event as it appears in its new calendar: same id and fields, organized there. */
  private land(to: CalState, ev: CalendarEvent): Stored {
    const now = this.ctx.clock.now();
    const moved = clone(ev);
    moved.organizer = { email: to.id, self: true };
    moved.htmlLink = this.htmlLink(ev.id!, to.id);
    moved.updated = toIso(now);
    moved.etag = this.nextEtag(now);
    const stored: Stored = { ev: ordered(moved), stamp: this.bump(to) };
    if (moved.recurrence) stored.rec = this.recurrenceOf(moved);
    to.events.set(ev.id!, stored);
    return stored;
  }

  /** The original start (ms) of an occurrence of a series, given as RFC 3339 or a date. */
  private occurrenceStart(master: Stored, original: string | EventDateTime, op: string): number {
    const t = this.parseOriginal(original, op);
    if (!isOccurrence(timeMs(master.ev.start), master.rec!, t))
      throw new Error(`${op}: ${master.ev.id} has no occurrence starting ${JSON.stringify(original)}`);
    return t;
  }

  private parseOriginal(original: string | EventDateTime, op: string): number {
    const t =
      typeof original === 'string'
        ? DATE_ONLY.test(original)
          ? Date.parse(`${original}T00:00:00Z`)
          : Date.parse(original)
        : timeMs(original);
    if (Number.isNaN(t)) throw new Error(`${op}: invalid original start ${JSON.stringify(original)}`);
    return t;
  }

  /** The new series of a "this and following" split, starting at the occurrence `t`. */
  private followingSeries(master: Stored, t: number, changes: CalendarEvent): CalendarEvent {
    const allDay = !!master.ev.start?.date;
    const next = this.adminSanitize(this.instanceOf(master.ev, t));
    for (const k of ['recurringEventId', 'originalStartTime', 'status']) delete next[k];
    next.id = `${master.ev.id}_R${formatBasicDate(t, allDay)}`;
    next.recurrence = splitRecurrence(
      master.ev.recurrence!,
      master.rec!,
      timeMs(master.ev.start),
      t,
      allDay,
    ).after;
    for (const [k, v] of Object.entries(this.adminSanitize(changes, true))) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    this.fillDefaultTimeZone(next);
    return next;
  }

  /** Ends a series before the occurrence `t` (UNTIL) and cancels its stored exceptions from `t` on. */
  private trimSeries(cal: CalState, master: Stored, t: number): void {
    const allDay = !!master.ev.start?.date;
    const recurrence = splitRecurrence(
      master.ev.recurrence!,
      master.rec!,
      timeMs(master.ev.start),
      t,
      allDay,
    ).before;
    this.modify(cal, master, { ...clone(master.ev), recurrence });
    for (const s of this.exceptionsOf(cal, master.ev.id!)) {
      if (s.ev.status !== 'cancelled' && timeMs(s.ev.originalStartTime) >= t)
        this.modify(cal, s, { ...clone(s.ev), status: 'cancelled' });
    }
  }

  /** Whether this calendar holds the organizer's copy of the event (not a guest's copy). */
  private organizedHere(cal: CalState, ev: CalendarEvent): boolean {
    return !ev.organizer || ev.organizer.self === true || ev.organizer.email === cal.id;
  }

  private untrash(cal: CalState, stored: Stored): void {
    this.modify(cal, stored, { ...clone(stored.ev), status: 'confirmed' });
    delete stored.trashedAt;
    delete stored.trashedWith;
  }

  /** Forgets a cancelled entry: tokens issued before it can no longer report it and answer 410. */
  private purgeEntry(cal: CalState, stored: Stored): void {
    cal.purgedStamp = Math.max(cal.purgedStamp, stored.stamp);
    cal.events.delete(stored.ev.id!);
  }

  /** A guest's attendee list: the organizer and the user (`self: true`) are on it. */
  private withGuest(
    attendees: EventAttendee[] | undefined,
    guestEmail: string,
    organizerEmail: string,
  ): EventAttendee[] {
    const list = clone(attendees ?? []);
    if (!list.some((a) => a.email === organizerEmail))
      list.unshift({ email: organizerEmail, organizer: true, responseStatus: 'accepted' });
    const me = list.find((a) => a.email === guestEmail);
    if (me) me.self = true;
    else list.push({ email: guestEmail, self: true, responseStatus: 'needsAction' });
    return list;
  }

  // ---------------------------------------------------------------- plumbing

  private get timeZone(): string {
    return this.options.timeZone ?? 'UTC';
  }

  private resolve(calendarId: string): string {
    return calendarId === 'primary' ? this.userEmail : calendarId;
  }

  /** The calendar's state, created (owned by the user) on first use. */
  private cal(calendarId: string): CalState {
    const id = this.resolve(calendarId);
    let cal = this.cals.get(id);
    if (!cal) {
      cal = {
        id,
        events: new Map(),
        counter: 0,
        epoch: 0,
        purgedStamp: 0,
        updatedMs: this.ctx.clock.now(),
        access: 'granted',
        accessRole: 'owner',
      };
      this.cals.set(id, cal);
    }
    return cal;
  }

  /**
   * A calendar the script's API call may use. One the user cannot access (deleted, access revoked)
   * answers 404 notFound, as the errors guide says for a resource the user cannot reach.
   */
  private apiCal(api: string, calendarId: string): CalState {
    const cal = this.cals.get(this.resolve(String(calendarId)));
    if (cal?.access !== 'granted') throw E.notFound(api);
    return cal;
  }

  /**
   * A calendar the script's API call may write to. ASSUMPTION (Google's documented error list has no
   * entry for it; the reason and message are those Google is reported to answer): a calendar the user
   * can only read answers 403 requiredAccessLevel.
   */
  private writableCal(api: string, calendarId: string): CalState {
    const cal = this.apiCal(api, calendarId);
    if (cal.accessRole === 'owner' || cal.accessRole === 'writer') return cal;
    throw apiError(
      api,
      403,
      'requiredAccessLevel',
      'You need to have writer access to this calendar.',
      'calendar',
    );
  }

  /** A calendar the admin API refers to, which must exist. */
  private known(op: string, calendarId: string): CalState {
    const cal = this.cals.get(this.resolve(calendarId));
    if (!cal) throw new Error(`${op}: no calendar ${calendarId}`);
    return cal;
  }

  /** A calendar the human can act on in the UI (they cannot open one they lost access to). */
  private userCal(op: string, calendarId: string): CalState {
    const cal = this.cal(calendarId);
    if (cal.access !== 'granted') throw new Error(`${op}: the user cannot access calendar ${cal.id}`);
    return cal;
  }

  private bump(cal: CalState): number {
    cal.updatedMs = this.ctx.clock.now();
    return ++cal.counter;
  }

  private notify(calendarId: string, origin: ChangeOrigin): void {
    for (const l of [...this.listeners]) l(calendarId, origin);
  }

  private nextEtag(now: number): string {
    return `"${now}${String(++this.etagCounter % 1000).padStart(3, '0')}"`;
  }

  /** 26 base32hex characters, deterministic from a counter (and the seed). */
  private nextId(): string {
    let id: string;
    do {
      let x = (++this.idCounter * 0x9e3779b1 + (this.options.seed ?? 1) * 0x85ebca6b) >>> 0;
      id = '';
      for (let i = 0; i < 26; i++) {
        x ^= x << 13;
        x >>>= 0;
        x ^= x >>> 17;
        x ^= x << 5;
        x >>>= 0;
        id += ID_ALPHABET[x & 31];
      }
    } while ([...this.cals.values()].some((c) => c.events.has(id)));
    return id;
  }

  private htmlLink(eventId: string, calendarId: string): string {
    const eid = Buffer.from(`${eventId} ${calendarId}`).toString('base64').replace(/=+$/, '');
    return `https://www.google.com/calendar/event?eid=${eid}`;
  }
}

/**
 * Calendar API `EntryPoint` (events resource): "video" "A conference can have zero or one video entry
 * point", "phone" "zero or more", "sip" "zero or one", "more" "zero or one more entry point. A conference
 * with only a more entry point is not a valid conference"; entryPointFeatures: "toll and toll-free cannot
 * be both set on the same entry point". ASSUMPTION: Calendar answers such a write with 400 (the docs name
 * no error); the emulator uses "Invalid conference data.".
 */
function entryPointsValid(points: readonly ConferenceEntryPointResource[]): boolean {
  const count = (type: string) => points.filter((p) => p.entryPointType === type).length;
  if (['video', 'sip', 'more'].some((type) => count(type) > 1)) return false;
  if (count('more') === 1 && points.length === 1) return false;
  return points.every(
    (p) => !(p.entryPointFeatures?.includes('toll') && p.entryPointFeatures.includes('toll_free')),
  );
}
