import { instantOf, type SyncedFields, syncedFieldsHash, syncedFieldsOf } from '../calendar/syncedFields';
import type { CalendarEvent } from '../calendar/types';
import type { ConferenceRecord } from '../state/record';

/**
 * Decides, for one changed item from Calendar and the records the add-on keeps for that event id,
 * what the vendor must hear. Pure: no services, no side effects.
 *
 * Rules (and the reason for each):
 * - No record for the id -> nothing. Events without our conference, with someone else's
 *   conference, and edited instances of our series (their id is `<series>_<start>`) all land here,
 *   so an edited occurrence never touches the series' conference.
 * - Cancelled item -> DELETE every conference recorded for that id. A cancelled occurrence has its
 *   own id, so it never deletes the series' conference; a deleted series (or single event) does.
 * - Live item carrying the recorded conference -> PATCH with the full synced fields when they differ
 *   from what the vendor last acknowledged; otherwise nothing (description/colour edits, re-fires).
 * - Live item carrying no conference or another one (removed, or switched to Meet) -> DELETE,
 *   except for a conference onCreate made moments ago that has not reached the saved event yet
 *   (the user may still be editing): that one is only deleted once it is old and still absent.
 */
export type Decision =
  | { kind: 'patch'; record: ConferenceRecord; fields: SyncedFields; hash: string; event: CalendarEvent }
  | { kind: 'delete'; record: ConferenceRecord; reason: string }
  /** Record metadata to refresh (seen, end time, confirmed) without any vendor call. */
  | { kind: 'seen'; record: ConferenceRecord; endMin: number | null; hash: string };

export function eventEndMinutes(event: CalendarEvent): number | null {
  if (Array.isArray(event.recurrence) && event.recurrence.length > 0) return null;
  const end = instantOf(event.end) ?? instantOf(event.start);
  return end === null ? null : Math.floor(end / 60000);
}

export function classify(item: CalendarEvent, records: readonly ConferenceRecord[]): Decision[] {
  if (records.length === 0) return [];
  if (item.status === 'cancelled') {
    return records.map((record) => ({ kind: 'delete', record, reason: 'event deleted' }));
  }
  const liveConferenceId = item.conferenceData?.conferenceId;
  const decisions: Decision[] = [];
  for (const record of records) {
    if (typeof liveConferenceId === 'string' && record.conferenceId === liveConferenceId) {
      const fields = syncedFieldsOf(item);
      const hash = syncedFieldsHash(fields);
      decisions.push({ kind: 'seen', record, endMin: eventEndMinutes(item), hash });
      if (hash !== record.sentHash) {
        decisions.push({ kind: 'patch', record, fields, hash, event: item });
      }
    } else if (!record.unconfirmed) {
      decisions.push({
        kind: 'delete',
        record,
        reason: liveConferenceId ? 'conference replaced on the event' : 'conference removed from the event',
      });
    }
  }
  return decisions;
}
