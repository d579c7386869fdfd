import { instantOf } from './syncedFields';
import type { CalendarEvent } from './types';

/** Epoch minutes (what records store, to keep them small); null stays null. */
export const minutesOf = (ms: number | null): number | null => (ms === null ? null : Math.floor(ms / 60000));

/** Event end in epoch minutes; null for a series (its end is open) or when unknown. */
export function eventEndMinutes(event: CalendarEvent): number | null {
  if (Array.isArray(event.recurrence) && event.recurrence.length > 0) return null;
  return minutesOf(instantOf(event.end) ?? instantOf(event.start));
}
