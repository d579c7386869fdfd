/**
 * Per-vendor normalisers for the oracle (`./vendorEqualsCalendar.ts`), and the emulator's calendars as
 * its input. Only types are imported from the emulator and the reference vendor: no behaviour.
 *
 * To check another vendor (e.g. a Zoom-shaped reference server), write one function from its
 * conference records to `VendorConference`: `id` is the conference id the event carries, `calendarId`
 * / `eventId` / `solutionId` the event it was made for, and the synced fields in Calendar's shapes
 * (`start`/`end` as `{dateTime, timeZone}` or `{date}`, attendees as emails, recurrence as RRULE
 * lines). Leave a field `undefined` where the vendor cannot hold it; it is then not compared.
 */
import type { CalendarEvent } from '../../emulator/calendar/types';
import type { Conference } from '../../vendor-server/app';
import type { CalendarView, VendorChange, VendorConference } from './vendorEqualsCalendar';
import { ourConferenceId } from './vendorEqualsCalendar';

/** An Acme conference (docs/vendor-api.md) as the reference server holds it. */
export function fromAcme(c: Conference & { deleted?: boolean }): VendorConference {
  return {
    id: c.id,
    calendarId: c.calendarId,
    eventId: c.eventId,
    solutionId: c.solutionId,
    title: c.title,
    start: c.start,
    end: c.end,
    attendees: c.attendees,
    recurrence: c.recurrence,
    ...(c.deleted ? { deleted: true } : {}),
  };
}

/**
 * A Zoom meeting (Zoom Meetings API v2, as the Zoom-shaped reference server holds it), only the fields
 * the oracle reads. Declared here, not imported, so the oracle does not depend on that server's code.
 */
export interface ZoomMeetingShape {
  id: number | string;
  topic?: string;
  /** 2 scheduled, 8 recurring with fixed time: these have a time; 1 instant and 3 no fixed time do not. */
  type?: number;
  start_time?: string;
  /** Minutes. */
  duration?: number;
  timezone?: string;
  settings?: { meeting_invitees?: Array<{ email?: string }> };
  deleted?: boolean;
}

/** Zoom cuts a topic to 200 characters: a topic that long cannot be compared with the title. */
export const ZOOM_TOPIC_MAX = 200;

function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * A Zoom meeting in the oracle's terms (docs/vendors.md, "Zoom mapping"). Zoom keeps no calendar or
 * event id, so the home is unknown. A meeting with no fixed time (an all-day event, a recurrence Zoom
 * cannot express) holds no start or end to compare; its recurrence object is not an RRULE and is not
 * compared here (the adapter's mapping tests cover it). End = start + duration in minutes.
 */
export function fromZoom(m: ZoomMeetingShape): VendorConference {
  const fixed = (m.type === 2 || m.type === 8) && typeof m.start_time === 'string';
  const startMs = fixed ? Date.parse(m.start_time!) : Number.NaN;
  const zone = m.timezone ? { timeZone: m.timezone } : {};
  const hasEnd = fixed && typeof m.duration === 'number';
  return {
    id: String(m.id),
    title: m.topic === undefined || m.topic.length >= ZOOM_TOPIC_MAX ? undefined : m.topic,
    start: fixed ? { dateTime: m.start_time!, ...zone } : undefined,
    end: hasEnd ? { dateTime: isoUtc(startMs + m.duration! * 60_000), ...zone } : undefined,
    attendees: (m.settings?.meeting_invitees ?? []).map((i) => i.email ?? ''),
    recurrence: undefined,
    ...(m.deleted ? { deleted: true } : {}),
  };
}

/** Every meeting the in-process Zoom-shaped reference server knows that matters (as `acmeConferences`). */
export function zoomConferences(
  vendor: { conferences(): ZoomMeetingShape[]; conference(id: string): ZoomMeetingShape | undefined },
  calendars: CalendarView[],
  alsoIds: Iterable<string> = [],
): VendorConference[] {
  return knownConferences(vendor, fromZoom, calendars, alsoIds);
}

function knownConferences<T>(
  vendor: { conferences(): T[]; conference(id: string): T | undefined },
  normalise: (c: T) => VendorConference,
  calendars: CalendarView[],
  alsoIds: Iterable<string>,
): VendorConference[] {
  const out = new Map<string, VendorConference>();
  for (const c of vendor.conferences().map(normalise)) out.set(c.id, c);
  const wanted = new Set(alsoIds);
  for (const cal of calendars)
    for (const ev of cal.events) {
      const id = ourConferenceId(ev);
      if (id) wanted.add(id);
    }
  for (const id of wanted) {
    if (out.has(id)) continue;
    const c = vendor.conference(id);
    if (c) out.set(id, normalise(c));
  }
  return [...out.values()];
}

/** What the in-process Acme reference vendor knows (`createVendorApp`): live and deleted look-ups. */
export interface AcmeState {
  conferences(): Conference[];
  conference(id: string): (Conference & { deleted?: boolean }) | undefined;
}

/**
 * Every conference the in-process Acme vendor knows that matters: the live ones, plus the ones the
 * events carry or `alsoIds` names (looked up one by one, since the live list leaves deleted ones out).
 */
export function acmeConferences(
  vendor: AcmeState,
  calendars: CalendarView[],
  alsoIds: Iterable<string> = [],
): VendorConference[] {
  return knownConferences(vendor, fromAcme, calendars, alsoIds);
}

/** An Acme API request as it reached the vendor: method, path (`/conferences/{id}`), answer. */
export interface AcmeCall {
  method: string;
  path: string;
  status: number;
  /** For a create: the body's calendar, event and solution, and the id in the answer. */
  created?: { conferenceId: string; calendarId: string; eventId: string; solutionId: string };
}

/** `/conferences/{id}` -> id. */
export function acmeConferenceIdOf(path: string): string {
  return decodeURIComponent(path.split('?')[0]!.split('/')[2] ?? '');
}

/** A DELETE the vendor applied (2xx). */
export function acmeDeletedId(call: { method: string; path: string; status: number }): string | undefined {
  const applied = call.method.toUpperCase() === 'DELETE' && call.status >= 200 && call.status < 300;
  return applied ? acmeConferenceIdOf(call.path) : undefined;
}

/** The creates (201) and deletes (2xx) among Acme calls, in order. */
export function acmeChanges(calls: AcmeCall[]): VendorChange[] {
  const out: VendorChange[] = [];
  for (const call of calls) {
    if (call.method.toUpperCase() === 'POST' && call.status === 201 && call.created)
      out.push({ kind: 'created', ...call.created });
    const deleted = acmeDeletedId(call);
    if (deleted !== undefined) out.push({ kind: 'deleted', conferenceId: deleted });
  }
  return out;
}

/** The emulator's admin view of some calendars (all of them by default), every one accessible. */
export function emulatorCalendars(
  calendar: { calendars(): string[]; liveEvents(calendarId: string): CalendarEvent[] },
  calendarIds: readonly string[] = calendar.calendars(),
  inaccessible: ReadonlySet<string> = new Set(),
): CalendarView[] {
  return calendarIds.map((calendarId) => ({
    calendarId,
    accessible: !inaccessible.has(calendarId),
    events: calendar.liveEvents(calendarId),
  }));
}
