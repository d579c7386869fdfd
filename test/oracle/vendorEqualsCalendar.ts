/**
 * The one "vendor equals calendar" oracle (issues 11 and 13), shared by the story (`npm start`), the
 * model-based randomized test and the economy benchmark.
 *
 * It is independent of the add-on on purpose: it imports nothing (not from src/, not even the
 * emulator's or the reference vendor's types), so a bug in the add-on's own idea of "synced fields"
 * cannot hide itself here. Its inputs are plain shapes: what Calendar holds (Calendar API v3 event
 * resources, e.g. the emulator's admin view) and what the vendor holds, normalised per vendor by a
 * small adapter (`./vendors.ts`) into `VendorConference`.
 *
 * The rule it checks (issue 13): a conference is deleted only when no live event the user can see still
 * carries it, and a live event never carries a deleted conference. Every live event that organizes one
 * of our conferences has that conference live at the vendor with the event's fields; when several live
 * events carry one conference (the parts of a series split by "this and following"), the vendor holds
 * the fields of the latest-starting part; two different meetings never share a conference (a copy
 * needs its own). A guest's copy of someone else's meeting (`organizedOn` is false) is ignored.
 * A calendar the user cannot access any more is no evidence that anything was deleted.
 */

// ------------------------------------------------------------------------------------------ inputs

/** Calendar API v3 `EventDateTime`. */
export interface OracleDateTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

/** The parts of a Calendar API v3 event resource the oracle reads (other keys are ignored). */
export interface OracleEvent {
  id?: string;
  status?: string;
  summary?: string;
  start?: OracleDateTime;
  end?: OracleDateTime;
  recurrence?: string[];
  recurringEventId?: string;
  attendees?: Array<{ email?: string }>;
  organizer?: { email?: string; self?: boolean };
  conferenceData?: {
    conferenceId?: string;
    conferenceSolution?: { key?: { type?: string } };
  };
}

/** One calendar as Calendar holds it now (an admin view: live events only; cancelled ones are dropped). */
export interface CalendarView {
  calendarId: string;
  /**
   * False when the user can no longer see this calendar (deleted, unsubscribed, sharing revoked:
   * Calendar answers 404). Its events, if given, still must not lose their conference, but they are
   * not compared field by field (the add-on cannot see their edits) and a conference made for this
   * calendar is never called an orphan. Default true.
   */
  accessible?: boolean;
  events: OracleEvent[];
}

/**
 * A conference as the vendor holds it, normalised. A field a vendor's model cannot hold (e.g. a
 * recurrence Zoom cannot express) is `undefined`: it is then not compared.
 */
export interface VendorConference {
  id: string;
  /**
   * The calendar and event the conference was made for (its "home"), and the solution; `undefined`
   * when the vendor does not record them (Zoom): such a conference is called an orphan only when every
   * given calendar is accessible, and is left out of the duplicate check.
   */
  calendarId?: string;
  eventId?: string;
  solutionId?: string;
  title?: string | null;
  start?: OracleDateTime | null;
  end?: OracleDateTime | null;
  attendees?: string[];
  recurrence?: string[];
  deleted?: boolean;
}

export interface OracleInput {
  calendars: CalendarView[];
  /**
   * Every conference the vendor knows: live ones, and deleted ones where the vendor tells. A
   * conference an event carries that is absent here counts as not live ("unknown").
   */
  conferences: VendorConference[];
}

// ------------------------------------------------------------------------------------------ outputs

export interface EventRef {
  calendarId: string;
  eventId: string;
}

export const SYNCED_FIELDS = ['title', 'start', 'end', 'attendees', 'recurrence'] as const;
export type SyncedField = (typeof SYNCED_FIELDS)[number];

export type Difference =
  /** A live event organizes one of our conferences, and the vendor has it deleted or does not know it. */
  | ({ kind: 'carriedNotLive'; conferenceId: string; vendorState: 'deleted' | 'unknown' } & EventRef)
  /** The vendor's value of a synced field is not the event's (the event that decides: see `fieldSources`). */
  | ({
      kind: 'fieldDiffers';
      conferenceId: string;
      field: SyncedField;
      calendar: unknown;
      vendor: unknown;
    } & EventRef)
  /** A live vendor conference that no live event carries, made for a calendar the user can see. */
  | { kind: 'orphan'; conferenceId: string; calendarId?: string; eventId?: string }
  /** Two different meetings (not parts of one split series) carry the same conference. */
  | { kind: 'sharedConference'; conferenceId: string; events: EventRef[] }
  /** The only meeting carrying the conference is not the one it was made for (a copy kept the original's). */
  | ({ kind: 'carriedByOtherMeeting'; conferenceId: string; madeForEventId: string } & EventRef)
  /** A DELETE the vendor applied to a conference a live event still carries (checked as it happens). */
  | ({ kind: 'deletedWhileCarried'; conferenceId: string } & EventRef)
  /** Several live vendor conferences made for one calendar + event + solution. */
  | ({ kind: 'duplicateLive'; solutionId: string; conferenceIds: string[] } & EventRef)
  /** A create made a conference while another one for the same calendar + event + solution was live. */
  | ({
      kind: 'duplicateCreate';
      solutionId: string;
      conferenceId: string;
      liveConferenceId: string;
    } & EventRef);

export type DifferenceKind = Difference['kind'];

export interface OracleReport {
  ok: boolean;
  /** Live, visible events that organize one of our conferences. */
  events: number;
  /** Live vendor conferences. */
  conferences: number;
  differences: Difference[];
}

// ------------------------------------------------------------------------------------------ values

/** A dateTime or date, reduced to what it means. */
export type NormalTime =
  | { kind: 'date'; date: string }
  | { kind: 'instant'; ms: number; timeZone: string | null }
  | { kind: 'invalid'; raw: unknown };

/** Spellings of UTC that name the same zone. */
const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'etc/zulu', 'zulu', 'universal']);

function zoneName(timeZone: string | undefined): string | null {
  if (timeZone === undefined || timeZone === '') return null;
  return UTC_NAMES.has(timeZone.toLowerCase()) ? 'UTC' : timeZone;
}

const OFFSET_SUFFIX = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Offset of `timeZone` from UTC at instant `ms`, in ms (Intl; Node ships full ICU). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - ms;
}

/** A dateTime without an offset is wall-clock time in `timeZone` (as Calendar reads it). */
function instantOf(dateTime: string, timeZone: string | null): number {
  if (OFFSET_SUFFIX.test(dateTime) || timeZone === null) return Date.parse(dateTime);
  const asUtc = Date.parse(`${dateTime}Z`);
  try {
    const guess = asUtc - zoneOffsetMs(asUtc, timeZone);
    return asUtc - zoneOffsetMs(guess, timeZone);
  } catch {
    return Number.NaN; // unknown zone name
  }
}

/** Date-time equality is defined here once: instants as instants with their zone; all-day by date. */
export function normalTime(t: OracleDateTime | null | undefined): NormalTime | null {
  if (t === null || t === undefined) return null;
  if (typeof t.date === 'string' && t.date !== '') return { kind: 'date', date: t.date };
  if (typeof t.dateTime !== 'string' || t.dateTime === '') return null;
  const timeZone = zoneName(t.timeZone);
  const ms = instantOf(t.dateTime, timeZone);
  return Number.isNaN(ms) ? { kind: 'invalid', raw: t } : { kind: 'instant', ms, timeZone };
}

export function sameTime(
  a: OracleDateTime | null | undefined,
  b: OracleDateTime | null | undefined,
): boolean {
  return JSON.stringify(normalTime(a)) === JSON.stringify(normalTime(b));
}

/** Attendees as the vendor holds them: sorted, unique, trimmed lower-case emails. */
export function normalAttendees(emails: Array<string | undefined | null>): string[] {
  const clean = emails
    .map((e) => (typeof e === 'string' ? e.trim().toLowerCase() : ''))
    .filter((e) => e !== '');
  return [...new Set(clean)].sort();
}

/** RRULE parts in a fixed order (FREQ=WEEKLY;COUNT=5 == COUNT=5;FREQ=WEEKLY); lines sorted. */
export function normalRecurrence(lines: string[] | undefined): string[] {
  return (lines ?? [])
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const m = /^RRULE:(.*)$/i.exec(line);
      if (!m) return line;
      const parts = m[1]!
        .split(';')
        .filter((p) => p !== '')
        .map((p) => p.toUpperCase())
        .sort();
      return `RRULE:${parts.join(';')}`;
    })
    .sort();
}

/** What the vendor must hold for `event`, each field in its normal form. */
export function expectedFields(event: OracleEvent): Record<SyncedField, unknown> {
  return {
    title: typeof event.summary === 'string' ? event.summary : null,
    start: normalTime(event.start),
    end: normalTime(event.end),
    attendees: normalAttendees((event.attendees ?? []).map((a) => a?.email)),
    recurrence: normalRecurrence(event.recurrence),
  };
}

/** The vendor's fields in the same normal form; `undefined` where the vendor cannot hold the field. */
export function vendorFields(c: VendorConference): Record<SyncedField, unknown> {
  return {
    title: c.title === undefined ? undefined : (c.title ?? null),
    start: c.start === undefined ? undefined : normalTime(c.start),
    end: c.end === undefined ? undefined : normalTime(c.end),
    attendees: c.attendees === undefined ? undefined : normalAttendees(c.attendees),
    recurrence: c.recurrence === undefined ? undefined : normalRecurrence(c.recurrence),
  };
}

// ------------------------------------------------------------------------------------------ carriers

/** The conference id an event carries, when it is an add-on's conference (not Meet, not pending). */
export function ourConferenceId(event: OracleEvent): string | undefined {
  const cd = event.conferenceData;
  if (cd?.conferenceSolution?.key?.type !== 'addOn') return undefined;
  return typeof cd.conferenceId === 'string' && cd.conferenceId !== '' ? cd.conferenceId : undefined;
}

/**
 * The meeting an event belongs to: "this and following" makes a new series `<seriesId>_R<start>`, so
 * the split parts share the id before their `_R` suffixes. Everything else (a copy, a duplicate) is
 * another meeting.
 */
export function meetingOf(eventId: string): string {
  let id = eventId;
  for (;;) {
    const m = /^(.+)_R\d{8}(T\d{6}Z?)?$/.exec(id);
    if (!m) return id;
    id = m[1]!;
  }
}

interface Carrier extends EventRef {
  event: OracleEvent;
  /** On a calendar the user can still see. */
  visible: boolean;
  /** A modified occurrence whose series' master is live in the same calendar: the series decides. */
  followsSeries: boolean;
}

function startMs(event: OracleEvent): number {
  const t = normalTime(event.start);
  if (t?.kind === 'instant') return t.ms;
  if (t?.kind === 'date') return Date.parse(`${t.date}T00:00:00Z`);
  return Number.NEGATIVE_INFINITY;
}

/**
 * Whether this copy of the event is the organizer's (the user's own meeting) rather than a guest's copy
 * of someone else's. Google's events reference: `organizer.self` is true on the organizer's calendar and
 * "the default is False", so an organizer naming someone else with no `self` is a guest's copy. An event
 * with no organizer at all (an admin view stores none for the calendar's own events) is the calendar's.
 */
export function organizedOn(calendarId: string, event: OracleEvent): boolean {
  const organizer = event.organizer;
  if (!organizer) return true;
  if (organizer.self === true) return true;
  if (organizer.self === false) return false;
  return typeof organizer.email === 'string' && organizer.email.toLowerCase() === calendarId.toLowerCase();
}

/**
 * Conference id -> the live events that organize it. Guests' copies (organizer.self === false) are
 * someone else's meeting and left out; so are cancelled entries if a caller passed them.
 */
function organizerCarriers(calendars: CalendarView[]): Map<string, Carrier[]> {
  const out = new Map<string, Carrier[]>();
  for (const cal of calendars) {
    const live = cal.events.filter((e) => e.status !== 'cancelled');
    const masters = new Set(live.filter((e) => !e.recurringEventId).map((e) => e.id));
    for (const event of live) {
      const conferenceId = ourConferenceId(event);
      if (!conferenceId || typeof event.id !== 'string') continue;
      if (!organizedOn(cal.calendarId, event)) continue;
      const carrier: Carrier = {
        calendarId: cal.calendarId,
        eventId: event.id,
        event,
        visible: cal.accessible !== false,
        followsSeries: !!event.recurringEventId && masters.has(event.recurringEventId),
      };
      out.set(conferenceId, [...(out.get(conferenceId) ?? []), carrier]);
    }
  }
  return out;
}

/** The carriers that speak for a conference: exceptions of a live series defer to the series. */
function deciding(carriers: Carrier[]): Carrier[] {
  return carriers.filter((c) => !c.followsSeries);
}

/**
 * The events whose fields the vendor may hold: among the visible series masters and single events,
 * the latest-starting one (the upcoming part of a split series); of parts starting at the same time,
 * the one with the smaller event id, as the add-on picks it. Event ids are unique per calendar only
 * (Events resource, `id`: "the ID must be unique per calendar"): a part moved to another calendar and
 * the series split again at that occurrence give two parts with one id and one start. Nothing Google
 * shows puts one calendar before the other, so either one's fields will do (the add-on keeps to one:
 * the calendar it watched first). None when only exceptions carry it.
 */
function fieldSources(carriers: Carrier[]): Carrier[] {
  const candidates = carriers.filter((c) => c.visible && !c.event.recurringEventId);
  let best: Carrier | undefined;
  for (const c of candidates) {
    const [start, bestStart] = [startMs(c.event), best ? startMs(best.event) : -Infinity];
    if (!best || start > bestStart || (start === bestStart && c.eventId < best.eventId)) best = c;
  }
  const first = best;
  if (!first) return [];
  return candidates.filter((c) => c.eventId === first.eventId && startMs(c.event) === startMs(first.event));
}

function sharedConference(conferenceId: string, carriers: Carrier[]): Difference | undefined {
  const meetings = new Set(carriers.map((c) => meetingOf(c.event.recurringEventId ?? c.eventId)));
  if (meetings.size < 2) return undefined;
  const events = carriers.map(({ calendarId, eventId }) => ({ calendarId, eventId }));
  return { kind: 'sharedConference', conferenceId, events };
}

/**
 * A conference is the meeting's it was made for: carried by that event (moved or not) or its split
 * parts. Carried only by another meeting (a copy whose original is gone), it is still not the copy's
 * own conference. Not checked when the vendor keeps no event id.
 */
function otherMeeting(
  conferenceId: string,
  carriers: Carrier[],
  c: VendorConference,
): Difference | undefined {
  if (c.eventId === undefined) return undefined;
  const home = meetingOf(c.eventId);
  const stranger = carriers.find((k) => meetingOf(k.event.recurringEventId ?? k.eventId) !== home);
  if (!stranger) return undefined;
  return { kind: 'carriedByOtherMeeting', conferenceId, madeForEventId: c.eventId, ...ref(stranger) };
}

// ------------------------------------------------------------------------------------------ checks

function fieldDifferences(conferenceId: string, source: Carrier, c: VendorConference): Difference[] {
  const want = expectedFields(source.event);
  const have = vendorFields(c);
  const out: Difference[] = [];
  for (const field of SYNCED_FIELDS) {
    if (have[field] === undefined) continue; // this vendor cannot hold the field
    if (JSON.stringify(want[field]) === JSON.stringify(have[field])) continue;
    out.push({
      kind: 'fieldDiffers',
      conferenceId,
      calendarId: source.calendarId,
      eventId: source.eventId,
      field,
      calendar: want[field],
      vendor: have[field],
    });
  }
  return out;
}

function checkCarried(
  conferenceId: string,
  carriers: Carrier[],
  c: VendorConference | undefined,
): Difference[] {
  const speaking = deciding(carriers);
  if (speaking.length === 0) return [];
  if (!c || c.deleted) {
    const first = speaking.find((s) => s.visible) ?? speaking[0]!;
    const vendorState = c ? 'deleted' : 'unknown';
    return [{ kind: 'carriedNotLive', conferenceId, vendorState, ...ref(first) }];
  }
  const shared = sharedConference(conferenceId, speaking);
  if (shared) return [shared];
  const foreign = otherMeeting(conferenceId, speaking, c);
  if (foreign) return [foreign];
  const held = fieldSources(speaking).map((source) => fieldDifferences(conferenceId, source, c));
  return held.find((differences) => differences.length === 0) ?? held[0] ?? [];
}

function ref(c: EventRef): EventRef {
  return { calendarId: c.calendarId, eventId: c.eventId };
}

/**
 * Live vendor conferences nobody carries, made for a calendar the user can still see (when the vendor
 * does not record the calendar: only when the user can see every calendar given).
 */
function orphans(input: OracleInput, carried: Map<string, Carrier[]>): Difference[] {
  const visible = new Set(input.calendars.filter((c) => c.accessible !== false).map((c) => c.calendarId));
  const allVisible = input.calendars.every((c) => c.accessible !== false);
  const homeVisible = (c: VendorConference) =>
    c.calendarId === undefined ? allVisible : visible.has(c.calendarId);
  return input.conferences
    .filter((c) => !c.deleted && !carried.has(c.id) && homeVisible(c))
    .map((c) => ({ kind: 'orphan', conferenceId: c.id, calendarId: c.calendarId, eventId: c.eventId }));
}

/** Several live conferences made for one calendar + event + solution. */
export function duplicateLive(conferences: VendorConference[]): Difference[] {
  const byTriple = new Map<string, VendorConference[]>();
  for (const c of conferences) {
    if (c.deleted || c.calendarId === undefined || c.eventId === undefined) continue;
    const key = JSON.stringify([c.calendarId, c.eventId, c.solutionId]);
    byTriple.set(key, [...(byTriple.get(key) ?? []), c]);
  }
  return [...byTriple.values()]
    .filter((list) => list.length > 1)
    .map((list) => ({
      kind: 'duplicateLive',
      calendarId: list[0]!.calendarId!,
      eventId: list[0]!.eventId!,
      solutionId: list[0]!.solutionId ?? '',
      conferenceIds: list.map((c) => c.id),
    }));
}

/** The end-state check: vendor == calendar. */
export function vendorEqualsCalendar(input: OracleInput): OracleReport {
  const carried = organizerCarriers(input.calendars);
  const byId = new Map(input.conferences.map((c) => [c.id, c]));
  const differences: Difference[] = [];
  let events = 0;
  for (const [conferenceId, carriers] of carried) {
    events += carriers.filter((c) => c.visible).length;
    differences.push(...checkCarried(conferenceId, carriers, byId.get(conferenceId)));
  }
  differences.push(...orphans(input, carried), ...duplicateLive(input.conferences));
  return {
    ok: differences.length === 0,
    events,
    conferences: input.conferences.filter((c) => !c.deleted).length,
    differences,
  };
}

/**
 * The safety check made as things happen: each conference the vendor has just deleted (a DELETE it
 * applied) must not be carried by any live event the user organizes, visible or not.
 */
export function deletionsOfCarried(calendars: CalendarView[], deletedIds: Iterable<string>): Difference[] {
  const carried = organizerCarriers(calendars);
  const out: Difference[] = [];
  for (const conferenceId of deletedIds) {
    const carrier = deciding(carried.get(conferenceId) ?? [])[0];
    if (carrier) out.push({ kind: 'deletedWhileCarried', conferenceId, ...ref(carrier) });
  }
  return out;
}

/** A vendor call that made or deleted a conference, in the order the vendor applied them. */
export type VendorChange =
  | { kind: 'created'; conferenceId: string; calendarId: string; eventId: string; solutionId: string }
  | { kind: 'deleted'; conferenceId: string };

/**
 * No duplicate create: replaying the vendor's changes in order, a create never makes a conference for
 * a calendar + event + solution while another one for the same is live. (A new one after the old one
 * was deleted, e.g. for a restored meeting or after the user removed ours and added it again, is fine.)
 */
export function duplicateCreates(changes: VendorChange[]): Difference[] {
  const out: Difference[] = [];
  const live = new Map<string, string>();
  const tripleOf = new Map<string, string>();
  for (const change of changes) {
    if (change.kind === 'created') {
      const { conferenceId, calendarId, eventId, solutionId } = change;
      const key = JSON.stringify([calendarId, eventId, solutionId]);
      const other = live.get(key);
      if (other !== undefined && other !== conferenceId)
        out.push({
          kind: 'duplicateCreate',
          calendarId,
          eventId,
          solutionId,
          conferenceId,
          liveConferenceId: other,
        });
      live.set(key, conferenceId);
      tripleOf.set(conferenceId, key);
    } else {
      const key = tripleOf.get(change.conferenceId);
      if (key !== undefined && live.get(key) === change.conferenceId) live.delete(key);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------ text

function at(r: EventRef): string {
  return `event ${r.eventId} in ${r.calendarId}`;
}

/** One line for a person reading a failure. The meaning is in `kind`; this is only its wording. */
export function describeDifference(d: Difference): string {
  switch (d.kind) {
    case 'carriedNotLive':
      return `${at(d)} carries conference ${d.conferenceId}, ${d.vendorState === 'deleted' ? 'deleted at the vendor' : 'unknown to the vendor'}`;
    case 'fieldDiffers':
      return `conference ${d.conferenceId} of ${at(d)} is stale: ${d.field} vendor ${JSON.stringify(d.vendor)} != calendar ${JSON.stringify(d.calendar)}`;
    case 'orphan': {
      const home = d.calendarId !== undefined ? ` (made for event ${d.eventId} in ${d.calendarId})` : '';
      return `orphaned conference ${d.conferenceId}${home}: no live event carries it`;
    }
    case 'sharedConference':
      return `conference ${d.conferenceId} is shared by different meetings: ${d.events.map(at).join(', ')}`;
    case 'carriedByOtherMeeting':
      return `${at(d)} carries conference ${d.conferenceId}, made for another meeting (event ${d.madeForEventId})`;
    case 'deletedWhileCarried':
      return `DELETE of conference ${d.conferenceId} while ${at(d)} still carries it`;
    case 'duplicateLive':
      return `${d.conferenceIds.length} live conferences for ${d.calendarId} / ${d.eventId} / ${d.solutionId}: ${d.conferenceIds.join(', ')}`;
    case 'duplicateCreate':
      return `duplicate create for ${d.calendarId} / ${d.eventId} / ${d.solutionId}: ${d.conferenceId} while ${d.liveConferenceId} is live`;
  }
}
