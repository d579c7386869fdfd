import type { CalendarEvent, EventDateTime } from '../../emulator/calendar/types';
import type { Conference } from '../../vendor-server/app';

/**
 * The end-of-story invariant, vendor == calendar, checked from the outside (no add-on code):
 * - every live event carrying one of our conferences has a live vendor conference with the same
 *   title, start, end, attendees and recurrence (an edited occurrence of a series shares the series'
 *   conference: it only needs that conference to be live);
 * - every live vendor conference belongs to a live event of its calendar that carries it.
 */
export interface Difference {
  conferenceId: string;
  calendarId: string;
  eventId: string;
  problem: string;
  field?: string;
  calendar?: unknown;
  vendor?: unknown;
}

export interface ConsistencyReport {
  ok: boolean;
  /** Live events carrying our conference. */
  events: number;
  /** Live vendor conferences. */
  conferences: number;
  differences: Difference[];
}

/** Events as the calendar holds them: `liveEvents(calendarId)` for each calendar. */
export type CalendarSnapshot = Record<string, CalendarEvent[]>;

/** A conference our add-on made: an add-on conference solution with a conference id. */
export function ourConferenceId(event: CalendarEvent): string | undefined {
  const cd = event.conferenceData;
  if (cd?.conferenceSolution?.key?.type !== 'addOn') return undefined;
  return typeof cd.conferenceId === 'string' && cd.conferenceId !== '' ? cd.conferenceId : undefined;
}

function dateTime(value: EventDateTime | null | undefined): EventDateTime | null {
  if (!value) return null;
  const out: EventDateTime = {};
  if (value.date !== undefined) out.date = value.date;
  if (value.dateTime !== undefined) out.dateTime = value.dateTime;
  if (value.timeZone !== undefined) out.timeZone = value.timeZone;
  return out.date || out.dateTime ? out : null;
}

/** The vendor's synced fields as the event says they should be. */
export function expectedFields(event: CalendarEvent) {
  const emails = (event.attendees ?? [])
    .map((a) => (typeof a?.email === 'string' ? a.email.trim().toLowerCase() : ''))
    .filter((e) => e !== '');
  return {
    title: typeof event.summary === 'string' ? event.summary : null,
    start: dateTime(event.start),
    end: dateTime(event.end),
    attendees: [...new Set(emails)].sort(),
    recurrence: [...(event.recurrence ?? [])],
  };
}

function vendorFields(c: Conference) {
  return {
    title: c.title,
    start: dateTime(c.start),
    end: dateTime(c.end),
    attendees: [...c.attendees].map((e) => e.toLowerCase()).sort(),
    recurrence: [...c.recurrence],
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function checkConsistency(calendars: CalendarSnapshot, conferences: Conference[]): ConsistencyReport {
  const differences: Difference[] = [];
  const byId = new Map(conferences.map((c) => [c.id, c]));
  let events = 0;

  for (const [calendarId, list] of Object.entries(calendars)) {
    const byEventId = new Map(list.map((e) => [e.id, e]));
    for (const event of list) {
      const conferenceId = ourConferenceId(event);
      if (!conferenceId || !event.id) continue;
      events++;
      const base = { conferenceId, calendarId, eventId: event.id };
      const conference = byId.get(conferenceId);
      if (!conference) {
        differences.push({ ...base, problem: 'event carries a conference the vendor does not hold (live)' });
        continue;
      }
      if (event.recurringEventId) {
        // An edited occurrence keeps the series' conference; the vendor tracks the series.
        const series = byEventId.get(event.recurringEventId);
        if (!series || ourConferenceId(series) !== conferenceId) {
          differences.push({ ...base, problem: "occurrence carries a conference that is not its series'" });
        }
        continue;
      }
      const want = expectedFields(event);
      const have = vendorFields(conference);
      for (const field of Object.keys(want) as Array<keyof typeof want>) {
        if (!same(want[field], have[field])) {
          differences.push({
            ...base,
            problem: 'field differs',
            field,
            calendar: want[field],
            vendor: have[field],
          });
        }
      }
    }
  }

  for (const c of conferences) {
    const base = { conferenceId: c.id, calendarId: c.calendarId, eventId: c.eventId };
    const event = (calendars[c.calendarId] ?? []).find((e) => e.id === c.eventId);
    if (!event) differences.push({ ...base, problem: 'vendor conference has no live event' });
    else if (ourConferenceId(event) !== c.id)
      differences.push({ ...base, problem: 'the live event does not carry this conference' });
  }

  return { ok: differences.length === 0, events, conferences: conferences.length, differences };
}
