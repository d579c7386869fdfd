import { waitsForCalendar } from '../audit/store';
import type { CalendarEvent } from '../calendar/types';
import type { ConferenceRecord } from '../conference/lifecycle';
import type { CalendarApi } from '../platform/ports';
import type { UserState } from '../state/userState';
import { isOurConference, recordForEvent } from './status';

/**
 * The user's upcoming meetings with our conference, for the homepage: read from Calendar (one
 * Events.list per watched calendar, the coming week, occurrences expanded and ordered by start) and
 * marked with what the stored state says about each (read only; nothing here changes the state).
 * No wording here: src/cards puts it into words.
 */

/** How far ahead the homepage looks: the coming week. */
export const UPCOMING_WINDOW_MS = 7 * 24 * 3600_000;
/** Entries read per calendar and homepage open (a week rarely holds more events than this). */
const MAX_PER_CALENDAR = 250;
/**
 * Google: a page "may be less than this value, or none at all, even if there are more events
 * matching the query". Normally one page holds the week; a short page with more to come is followed,
 * at most this many pages in all.
 */
const MAX_PAGES = 4;

/**
 * What the homepage says about a meeting besides its time and title:
 * - `in-step`: nothing to say;
 * - `repairing`: the add-on is putting it right by itself (a change waits to be sent, the vendor
 *   lost the conference and a new or restored one is on its way, Calendar has not taken it yet);
 * - `refused`: the vendor refused its latest change for good; the event card says why and resends.
 */
export type MeetingMark = 'in-step' | 'repairing' | 'refused';

export interface UpcomingMeeting {
  calendarId: string;
  eventId: string;
  /** The series, for an occurrence of a recurring meeting (the event card finds its record by it). */
  seriesId?: string;
  title?: string;
  /** Start (epoch ms); for an all-day meeting, midnight UTC of its date. */
  startMs: number;
  allDay: boolean;
  /** Days from today in the user's zone: 0 today, 1 tomorrow, up to 7. */
  dayOffset: number;
  /** The conference's VIDEO entry point. */
  joinUrl?: string;
  mark: MeetingMark;
}

export interface UpcomingMeetings {
  meetings: UpcomingMeeting[];
  /** Watched calendars whose list call failed this time (their meetings are missing). */
  unreadable: string[];
}

/** The query Google documents for "the events of a time window, one entry per occurrence, by start". */
export function upcomingQuery(now: number): Record<string, unknown> {
  return {
    timeMin: new Date(now).toISOString(),
    timeMax: new Date(now + UPCOMING_WINDOW_MS).toISOString(),
    singleEvents: true,
    orderBy: 'startTime',
    maxResults: MAX_PER_CALENDAR,
  };
}

/** The week's entries of one calendar: one list call, more only when Calendar returns a short page. */
function listWeek(calendar: CalendarApi, calendarId: string, now: number): CalendarEvent[] {
  const items: CalendarEvent[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES && items.length < MAX_PER_CALENDAR; page++) {
    const result = calendar.list(calendarId, { ...upcomingQuery(now), ...(pageToken ? { pageToken } : {}) });
    items.push(...(result.items ?? []));
    pageToken = result.nextPageToken;
    if (!pageToken) break;
  }
  return items.slice(0, MAX_PER_CALENDAR);
}

/** The day of an instant in a zone, as a UTC midnight (so that day differences are whole days). */
function dayOf(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'));
}

function startOf(event: CalendarEvent): { startMs: number; allDay: boolean } | undefined {
  if (event.start?.dateTime) {
    const startMs = Date.parse(event.start.dateTime);
    return Number.isNaN(startMs) ? undefined : { startMs, allDay: false };
  }
  const day = event.start?.date ? Date.parse(`${event.start.date}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(day) ? undefined : { startMs: day, allDay: true };
}

interface MarkContext {
  /** Events whose own conference (a copy's create, its write-back) the vendor or Calendar refused. */
  refusedEvents: Set<string>;
}

/** What the stored records, dead letters and audit log say about this meeting's conference. */
function markOf(
  record: ConferenceRecord | undefined,
  calendarId: string,
  eventId: string,
  m: MarkContext,
): MeetingMark {
  if (m.refusedEvents.has(`${calendarId}\n${eventId}`)) return 'refused';
  if (!record) return 'in-step';
  // Calendar would not take the new conference: the event card's button is the way out.
  if (record.state === 'refused' || waitsForCalendar(record)) return 'refused';
  return record.state === 'queued-update' || record.state === 'lost' ? 'repairing' : 'in-step';
}

function markContext(state: UserState): MarkContext {
  const refusedEvents = new Set<string>();
  for (const cal of state.calendars()) {
    for (const d of cal.deadLetters) {
      if ((d.op === 'create' || d.op === 'write-back') && d.eventId)
        refusedEvents.add(`${cal.id}\n${d.eventId}`);
    }
  }
  return { refusedEvents };
}

function meetingOf(
  state: UserState,
  calendarId: string,
  event: CalendarEvent,
  context: { today: number; zone: string; marks: MarkContext },
): UpcomingMeeting | undefined {
  const conferenceId = event.conferenceData?.conferenceId;
  if (!event.id || event.status === 'cancelled' || !conferenceId) return undefined;
  const cal = state.find(calendarId);
  const record = recordForEvent(cal, event.id, event.recurringEventId, conferenceId);
  const tracked = record?.conferenceId === conferenceId || state.book.get(conferenceId) !== undefined;
  if (!isOurConference(event) && !tracked) return undefined;
  const start = startOf(event);
  if (!start) return undefined;
  const day = start.allDay ? start.startMs : dayOf(start.startMs, context.zone);
  const video = event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri;
  return {
    calendarId,
    eventId: event.id,
    ...(event.recurringEventId ? { seriesId: event.recurringEventId } : {}),
    ...(typeof event.summary === 'string' ? { title: event.summary } : {}),
    ...start,
    dayOffset: Math.max(0, Math.round((day - context.today) / 86_400_000)),
    ...(video ? { joinUrl: video } : {}),
    mark: markOf(
      record?.conferenceId === conferenceId ? record : undefined,
      calendarId,
      event.id,
      context.marks,
    ),
  };
}

/**
 * The coming week's meetings with our conference in every watched calendar the add-on can still
 * read, in start order. Cost: one Events.list per such calendar (a second page only when Calendar
 * returns a short one with more to come), no Events.get, no vendor call.
 * A meeting seen in two calendars (an invitation copied onto a shared one) is shown once.
 */
export function upcomingMeetings(
  calendar: CalendarApi,
  state: UserState,
  now: number,
  zone: string,
): UpcomingMeetings {
  const context = { today: dayOf(now, zone), zone, marks: markContext(state) };
  const meetings: UpcomingMeeting[] = [];
  const unreadable: string[] = [];
  const seen = new Set<string>();
  const watched = state.calendars().filter((c) => c.meta.lostAt === undefined);
  for (const cal of watched.sort((a, b) => a.id.localeCompare(b.id))) {
    let items: CalendarEvent[];
    try {
      items = listWeek(calendar, cal.id, now);
    } catch {
      unreadable.push(cal.id);
      continue;
    }
    for (const event of items) {
      const meeting = meetingOf(state, cal.id, event, context);
      if (!meeting || seen.has(`${meeting.eventId}\n${meeting.startMs}`)) continue;
      seen.add(`${meeting.eventId}\n${meeting.startMs}`);
      meetings.push(meeting);
    }
  }
  // By day, a day's all-day meetings first, then by start.
  meetings.sort(
    (a, b) =>
      a.dayOffset - b.dayOffset ||
      Number(b.allDay) - Number(a.allDay) ||
      a.startMs - b.startMs ||
      (a.title ?? '').localeCompare(b.title ?? ''),
  );
  return { meetings, unreadable };
}
