/**
 * One conference the add-on created, as remembered between runs. Cancelled events come back from
 * Calendar as stubs carrying only their id, so this record is the only way to find the conference
 * to delete. Records are stored as compact tab-separated lines (about 70 bytes each) so thousands
 * fit in Apps Script's 500 KB property store.
 */

/** What still has to reach the vendor for this conference. */
export type Pending =
  | '' // nothing: the vendor has what the event says (as of the last run)
  | 'P' // a PATCH failed transiently and is queued
  | 'D' // a DELETE failed transiently and is queued
  | 'X'; // a PATCH failed permanently (dead letter); retried only if the event changes again

export interface ConferenceRecord {
  conferenceId: string;
  eventId: string;
  solutionId: string;
  /** Hash of the synced fields the vendor last acknowledged. */
  sentHash: string;
  /** Event end in epoch minutes; null when unknown or for a recurring series. */
  endMin: number | null;
  /** Created by onCreate but not yet seen on the saved event. */
  unconfirmed: boolean;
  /** Epoch minutes the conference was created (meaningful while unconfirmed). */
  createdMin: number;
  pending: Pending;
  attempts: number;
  /** Epoch seconds before which a queued call is not retried. */
  retryAt: number;
  /** Full-sync generation in which the event was last seen (for reconciliation after a 410). */
  seenGen: number;
}

const FIELD_COUNT = 11;

/** A record with nothing queued, not yet seen by a full sync; `fields` says what is known. */
export function newRecord(
  fields: Pick<ConferenceRecord, 'conferenceId' | 'eventId'> & Partial<ConferenceRecord>,
): ConferenceRecord {
  return {
    solutionId: '',
    sentHash: '',
    endMin: null,
    unconfirmed: false,
    createdMin: 0,
    pending: '',
    attempts: 0,
    retryAt: 0,
    seenGen: 0,
    ...fields,
  };
}

export function isStorableId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= 512 && !/[\t\n\r]/.test(id);
}

const num = (n: number | null): string => (n === null ? '' : Math.round(n).toString(36));
const parseNum = (s: string): number | null => (s === '' ? null : Number.parseInt(s, 36));

export function encodeRecord(r: ConferenceRecord): string {
  return [
    r.conferenceId,
    r.eventId,
    r.solutionId,
    r.sentHash,
    num(r.endMin),
    r.unconfirmed ? 'U' : '',
    num(r.createdMin),
    r.pending,
    r.attempts ? num(r.attempts) : '',
    r.retryAt ? num(r.retryAt) : '',
    r.seenGen ? num(r.seenGen) : '',
  ].join('\t');
}

export function decodeRecord(line: string): ConferenceRecord | null {
  const f = line.split('\t');
  if (f.length !== FIELD_COUNT || !f[0] || !f[1]) return null;
  const pending = f[7] as Pending;
  return {
    conferenceId: f[0],
    eventId: f[1],
    solutionId: f[2] ?? '',
    sentHash: f[3] ?? '',
    endMin: parseNum(f[4] ?? ''),
    unconfirmed: f[5] === 'U',
    createdMin: parseNum(f[6] ?? '') ?? 0,
    pending: pending === 'P' || pending === 'D' || pending === 'X' ? pending : '',
    attempts: parseNum(f[8] ?? '') ?? 0,
    retryAt: parseNum(f[9] ?? '') ?? 0,
    seenGen: parseNum(f[10] ?? '') ?? 0,
  };
}

/** Nothing left to send for this conference: forget any queued call and its back-off. */
export function clearQueue(record: ConferenceRecord): void {
  record.pending = '';
  record.attempts = 0;
  record.retryAt = 0;
}
