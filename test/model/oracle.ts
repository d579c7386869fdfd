import type { CalendarEvent, EventDateTime } from '../../emulator/calendar/types';
import type { RequestLogEntry, VendorApp } from '../../vendor-server/app';
import type { VendorCall } from './world';

/**
 * The model-independent oracle: what the vendor must hold, computed only from the calendar's
 * current events (the emulator's admin view) and the vendor's own state and request log. Nothing
 * here reads the add-on's records or reuses its code.
 */

export interface Truth {
  calendars: Array<{ id: string; live: CalendarEvent[] }>;
}

interface Carrier {
  cal: string;
  event: CalendarEvent;
}

/**
 * The user's own meeting (not a guest's copy of someone else's): the Events resource's
 * `organizer.self`, "whether the organizer corresponds to the calendar on which this copy of the
 * event appears", default false.
 */
function organizedHere(event: CalendarEvent): boolean {
  return event.organizer?.self === true;
}

/**
 * Conference id -> the live events of the user's own meetings carrying it. Only series masters and
 * single events count: an edited occurrence carries the series' conference, but the series decides
 * whether that conference lives. Guests' copies never count (the organizer's add-on owns them).
 */
function carriers(truth: Truth): Map<string, Carrier[]> {
  const out = new Map<string, Carrier[]>();
  for (const { id: cal, live } of truth.calendars) {
    for (const event of live) {
      if (event.recurringEventId || !organizedHere(event)) continue;
      const cid = event.conferenceData?.conferenceId;
      if (typeof cid === 'string') out.set(cid, [...(out.get(cid) ?? []), { cal, event }]);
    }
  }
  return out;
}

/**
 * The same meeting: the same event id (moved between calendars), or a part of a series split with
 * "this and following" (`<id>_R<start>`, recurring events guide). Anything else is another meeting.
 */
function sameMeeting(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}_R`) || b.startsWith(`${a}_R`);
}

function startOf(event: CalendarEvent): number {
  const t = event.start;
  const ms = Date.parse(t?.dateTime ?? `${t?.date}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
}

/** The carrier whose fields the vendor must hold: the part that starts last (still upcoming). */
function speaker(list: Carrier[]): Carrier {
  return list.reduce((best, c) => (startOf(c.event) > startOf(best.event) ? c : best));
}

function conferenceIdOf(path: string): string {
  return decodeURIComponent(path.split('?')[0]!.split('/')[2] ?? '');
}

function tripleOf(c: { calendarId: string; eventId: string; solutionId: string }): string {
  return `${c.calendarId} / ${c.eventId} / ${c.solutionId}`;
}

/** Checked after every step of a sequence. */
export function checkStep(truth: Truth, vendor: VendorApp, fresh: RequestLogEntry[]): string[] {
  const violations: string[] = [];
  const carried = carriers(truth);
  for (const r of fresh) {
    if (r.method !== 'DELETE' || r.status < 200 || r.status >= 300) continue;
    const id = conferenceIdOf(r.path);
    const carrier = carried.get(id)?.[0];
    if (carrier)
      violations.push(
        `DELETE of conference ${id} while event ${carrier.event.id} in ${carrier.cal} still carries it`,
      );
  }
  const live = new Map<string, string[]>();
  for (const c of vendor.conferences()) {
    const key = tripleOf(c);
    live.set(key, [...(live.get(key) ?? []), c.id]);
  }
  for (const [key, ids] of live)
    if (ids.length > 1) violations.push(`${ids.length} live conferences for ${key}: ${ids.join(', ')}`);
  return violations;
}

function dateTime(t: EventDateTime | null | undefined): EventDateTime | null {
  if (!t) return null;
  const out: EventDateTime = {};
  if (t.date !== undefined) out.date = t.date;
  if (t.dateTime !== undefined) out.dateTime = t.dateTime;
  if (t.timeZone !== undefined) out.timeZone = t.timeZone;
  return out;
}

/** The vendor's view of an event, straight from the contract in issue 3 / docs/vendor-api.md. */
export function expectedFields(event: CalendarEvent) {
  const emails = (event.attendees ?? [])
    .map((a) => (a.email ?? '').trim().toLowerCase())
    .filter((e) => e !== '');
  return {
    title: event.summary ?? null,
    start: dateTime(event.start),
    end: dateTime(event.end),
    attendees: [...new Set(emails)].sort(),
    recurrence: event.recurrence ?? [],
  };
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Checked once the faults have stopped and the add-on has had its runs. */
export function checkConvergence(truth: Truth, vendor: VendorApp, journal: VendorCall[]): string[] {
  const violations: string[] = [];
  const carried = carriers(truth);
  for (const [cid, list] of carried) {
    const c = vendor.conference(cid);
    if (!c) continue; // not ours (Google Meet)
    const { cal, event } = speaker(list);
    if (c.deleted) {
      violations.push(`event ${event.id} in ${cal} carries conference ${cid}, deleted at the vendor`);
      continue;
    }
    // Two meetings never share a room: every carrier is the meeting the conference was made for
    // (moved to another calendar, or split into parts); a copy must have got its own.
    for (const other of list)
      if (!sameMeeting(other.event.id ?? '', c.eventId))
        violations.push(
          `conference ${cid} made for ${c.eventId} is shared by another meeting ${other.cal}/${other.event.id}`,
        );
    const want = expectedFields(event);
    const got = {
      title: c.title,
      start: c.start,
      end: c.end,
      attendees: c.attendees,
      recurrence: c.recurrence,
    };
    if (canonical(want) !== canonical(got))
      violations.push(
        `conference ${cid} of event ${event.id} in ${cal} is stale: vendor ${canonical(got)} != calendar ${canonical(want)}`,
      );
  }
  for (const c of vendor.conferences()) {
    if (!carried.has(c.id))
      violations.push(`orphaned conference ${c.id} (${tripleOf(c)}): no live event carries it`);
  }
  violations.push(...checkCreates(journal));
  return violations;
}

/**
 * No duplicate create: replaying the calls in order, a create that made a conference (201) for a
 * calendar+event+solution never happens while another conference for the same one is still live.
 * (A new one after the old one was deleted - the user removed ours and added it again - is fine.)
 */
export function checkCreates(journal: VendorCall[]): string[] {
  const violations: string[] = [];
  const live = new Map<string, string>();
  const tripleOf = new Map<string, string>();
  for (const call of journal) {
    if (call.method === 'POST' && call.status === 201 && call.triple && call.createdId) {
      const other = live.get(call.triple);
      if (other !== undefined && other !== call.createdId)
        violations.push(`duplicate create for ${call.triple}: ${call.createdId} while ${other} is live`);
      live.set(call.triple, call.createdId);
      tripleOf.set(call.createdId, call.triple);
    } else if (call.method === 'DELETE' && call.status >= 200 && call.status < 300) {
      const id = conferenceIdOf(call.path);
      const triple = tripleOf.get(id);
      if (triple !== undefined && live.get(triple) === id) live.delete(triple);
    }
  }
  return violations;
}
