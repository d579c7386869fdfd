import { canonicalJson, hash53 } from '../util/hash';
import type { CalendarEvent, EventDateTime } from './types';

/** The event fields the vendor cares about: exactly the body of `PATCH /conferences/{id}`. */
export interface SyncedFields {
  title: string | null;
  start: EventDateTime | null;
  end: EventDateTime | null;
  attendees: string[];
  recurrence: string[];
}

function cleanDateTime(value: EventDateTime | undefined): EventDateTime | null {
  if (!value || typeof value !== 'object') return null;
  const out: EventDateTime = {};
  if (typeof value.date === 'string') out.date = value.date;
  if (typeof value.dateTime === 'string') out.dateTime = value.dateTime;
  if (typeof value.timeZone === 'string') out.timeZone = value.timeZone;
  return out.date || out.dateTime ? out : null;
}

/** Reads the synced fields from whatever the API gave us, tolerating missing or odd values. */
export function syncedFieldsOf(event: CalendarEvent): SyncedFields {
  const attendees = Array.isArray(event.attendees)
    ? event.attendees
        .map((a) => (a && typeof a.email === 'string' ? a.email.trim().toLowerCase() : ''))
        .filter((email) => email !== '')
    : [];
  const unique = Array.from(new Set(attendees)).sort();
  return {
    title: typeof event.summary === 'string' ? event.summary : null,
    start: cleanDateTime(event.start),
    end: cleanDateTime(event.end),
    attendees: unique,
    recurrence: Array.isArray(event.recurrence) ? event.recurrence.filter((r) => typeof r === 'string') : [],
  };
}

export function syncedFieldsHash(fields: SyncedFields): string {
  return hash53(canonicalJson(fields));
}

/** Epoch milliseconds of an EventDateTime, or null when it is missing or unparsable. */
export function instantOf(value: EventDateTime | null | undefined): number | null {
  if (!value) return null;
  const text = value.dateTime ?? (value.date ? `${value.date}T00:00:00Z` : undefined);
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}
