import { syncedFieldsHash, syncedFieldsOf } from '../calendar/syncedFields';
import type { CalendarEvent, EventDateTime } from '../calendar/types';
import { SOLUTION_PARAMETER } from '../conference/createConference';
import { type ConferenceRecord, isCarried, isQueued, vendorHolds } from '../conference/lifecycle';
import { BRAND, solutionById } from '../config/brand';
import type { CalendarTrigger } from '../platform/ports';
import type { CalendarState, ProblemKind, RunProblem, SetupProblem, UserState } from '../state/userState';
import { SYNC_HANDLER } from '../triggers/triggers';
import type { MeetingOptions } from '../vendor/options';

/**
 * What the cards show, as plain data (no CardService here, no wording either: src/cards turns these
 * into short sentences). Built from the stored user state, plus what Calendar and the vendor say.
 */

export interface ProblemEntry {
  at: number;
  op: string;
  reason: string;
  problem: ProblemKind;
  conferenceId?: string;
  eventId?: string;
  /** The event's title, when it was looked up (so the card can name the meeting). */
  title?: string;
}

/** What the status card shows for one watched calendar. */
export interface CalendarStatus {
  calendarId: string;
  lastSyncAt?: number;
  /** The last run that finished cleanly. */
  lastOkAt?: number;
  lastOutcome?: 'ok' | 'partial' | 'rate-limited' | 'lost-access' | 'error';
  /** What stopped the last run (it ended in an error). */
  lastProblem?: RunProblem;
  itemsHandled: number;
  conferences: number;
  /** Queued vendor calls (updates + removals) waiting for a retry. */
  pending: number;
  pendingUpdates: number;
  pendingRemovals: number;
  /** Earliest time (ms) a queued call is retried. */
  nextRetryAt?: number;
  /** Conferences whose latest update failed permanently (parked until the event changes again). */
  notSent: number;
  deadLetters: ProblemEntry[];
  deadLetterTotal: number;
  /** Why the calendar could not be watched. */
  setupProblem?: SetupProblem['kind'];
  /** A long sync is under way (continued by a follow-up run). */
  syncing: boolean;
  /** Whether the calendar's change trigger exists (undefined when triggers were not looked up). */
  watching?: boolean;
  /** Calendar answered "not found" since then (deleted, unsubscribed, sharing revoked): not synced. */
  lostAccessAt?: number;
  /** Meetings restored from the trash whose conference has to be added again. */
  needsConference?: number;
}

/**
 * `removals`: queued removals of conferences no event carries any more (they belong to no calendar;
 * calendarStatuses shows them with the first calendar).
 */
function calendarStatus(
  cal: CalendarState,
  triggers?: readonly CalendarTrigger[],
  removals: readonly ConferenceRecord[] = [],
): CalendarStatus {
  const records = cal.allRecords();
  const queued = [...records.filter(isQueued), ...removals];
  const status: CalendarStatus = {
    calendarId: cal.id,
    itemsHandled: cal.meta.last?.items ?? 0,
    conferences: records.length,
    pending: queued.length,
    pendingUpdates: queued.filter((r) => r.state === 'queued-update').length,
    pendingRemovals: queued.filter((r) => r.state === 'queued-delete').length,
    notSent: records.filter((r) => r.state === 'refused').length,
    needsConference: records.filter((r) => r.state === 'lost').length,
    deadLetters: cal.deadLetters.map((d) => ({
      at: d.at,
      op: d.op,
      reason: d.reason,
      problem: d.problem,
      ...(d.conferenceId ? { conferenceId: d.conferenceId } : {}),
      ...(d.eventId ? { eventId: d.eventId } : {}),
    })),
    deadLetterTotal: cal.deadLetterTotal,
    syncing: cal.meta.checkpoint !== undefined,
  };
  if (queued.length > 0) status.nextRetryAt = Math.min(...queued.map((r) => r.retryAt * 1000));
  if (cal.meta.last) {
    status.lastSyncAt = cal.meta.last.at;
    status.lastOutcome = cal.meta.last.outcome;
    if (cal.meta.last.problem) status.lastProblem = cal.meta.last.problem;
  }
  if (cal.meta.lastOkAt) status.lastOkAt = cal.meta.lastOkAt;
  if (cal.meta.lostAt) status.lostAccessAt = cal.meta.lostAt;
  if (cal.setupProblem) status.setupProblem = cal.setupProblem.kind ?? 'other';
  if (triggers) {
    status.watching = triggers.some((t) => t.handler === SYNC_HANDLER && t.calendarId === cal.id);
  }
  return status;
}

/** Every watched calendar, in a stable order. Pass the calendar triggers to report missing ones. */
export function calendarStatuses(state: UserState, triggers?: readonly CalendarTrigger[]): CalendarStatus[] {
  const removals = state.book.all().filter((r) => r.state === 'queued-delete' && !isCarried(r));
  return state
    .calendars()
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((cal, i) => calendarStatus(cal, triggers, i === 0 ? removals : []));
}

/**
 * Adds the event titles to the latest `shown` problems of each calendar (the ones a card lists), so
 * the card can say which meeting could not be updated. `titleOf` returns undefined when the event
 * cannot be read; that problem stays unnamed.
 */
export function withEventTitles(
  statuses: CalendarStatus[],
  shown: number,
  titleOf: (calendarId: string, eventId: string) => string | undefined,
): CalendarStatus[] {
  return statuses.map((s) => {
    const named = s.deadLetters.map((d, i) => {
      if (i < s.deadLetters.length - shown || !d.eventId) return d;
      const title = titleOf(s.calendarId, d.eventId);
      return title === undefined ? d : { ...d, title };
    });
    return { ...s, deadLetters: named };
  });
}

/** The synced fields as the vendor holds them (GET /conferences/{id}). */
export interface VendorSnapshot {
  /** The meeting options the vendor holds (issue 23), and the passcode it gives now. */
  options?: MeetingOptions;
  passcode?: string;
  title: string | null;
  start: EventDateTime | null;
  end: EventDateTime | null;
  attendees: string[];
  recurrence: string[];
  updatedAt?: string;
}

export type VendorView =
  | { kind: 'ok'; conference: VendorSnapshot }
  | { kind: 'missing' }
  | { kind: 'unauthorized' }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'skipped' };

/**
 * Where the vendor stands for one event's conference:
 * - `up-to-date`: the vendor acknowledged exactly what the event says now;
 * - `changed`: the event changed since; the next sync sends it (normally within a minute);
 * - `queued-update` / `queued-removal`: a call failed for a while and is retried automatically;
 * - `not-sent`: the last update failed permanently; "Resend" tries again;
 * - `not-saved`: created moments ago, not yet seen on the saved event;
 * - `not-tracked`: our conference, but this calendar is not synced (stopped, or never started);
 * - `needs-conference`: a meeting restored from the trash whose conference no longer exists and
 *   could not be replaced on the event: the user has to add it again.
 */
export type EventSyncState =
  | 'up-to-date'
  | 'changed'
  | 'queued-update'
  | 'queued-removal'
  | 'not-sent'
  | 'not-saved'
  | 'not-tracked'
  /** Restored from the trash: the add-on is asking the vendor for its conference back (or a new one). */
  | 'restoring'
  /** The vendor lost it (deleted on its side): the add-on is asking for it back (or a new one). */
  | 'vendor-lost'
  /** The vendor lost it and Calendar would not take the new one: the user's move (the card's button). */
  | 'needs-conference';

export interface EventConferenceStatus {
  calendarId: string;
  eventId: string;
  title?: string;
  /** The event carries a conference made by this add-on. */
  ours: boolean;
  /** Some conference (ours or another one) is on the event. */
  hasConference: boolean;
  conferenceId?: string;
  /** The conference solution's name as Calendar shows it (vendor.config.json), e.g. "Acme Meeting". */
  solutionName?: string;
  joinUrl?: string;
  /** When the meeting got this conference because its earlier one was gone for good (its link changed). */
  relinkedAt?: number;
  state?: EventSyncState;
  nextRetryAt?: number;
  problems: ProblemEntry[];
  vendor: VendorView;
}

/** The record for an opened event: by its own id, or by its series id for an occurrence. */
export function recordForEvent(
  cal: CalendarState | undefined,
  eventId: string,
  seriesId?: string,
  conferenceId?: string,
): ConferenceRecord | undefined {
  if (!cal) return undefined;
  const candidates = [...cal.recordsForEvent(eventId), ...(seriesId ? cal.recordsForEvent(seriesId) : [])];
  return candidates.find((r) => !conferenceId || r.conferenceId === conferenceId) ?? candidates[0];
}

/** The id of the event in this calendar that carries the record's conference. */
export function carrierEventId(record: ConferenceRecord, cal: CalendarState | undefined): string | undefined {
  return [...record.carriers, ...record.meeting].find((c) => c.cal === cal?.index)?.eventId;
}

export function isOurConference(event: CalendarEvent | undefined): boolean {
  const params = event?.conferenceData?.parameters?.addOnParameters?.parameters;
  return !!params && params[BRAND.marker.key] === BRAND.marker.value;
}

/** Why a live meeting's conference is LOST, and whether the add-on is already fixing it. */
function lostState(record: ConferenceRecord): EventSyncState {
  if (record.carriers.some((c) => c.shared)) return 'needs-conference';
  // A tombstone of ours carried again: the meeting came back from the trash.
  return record.deletedMin !== undefined ? 'restoring' : 'vendor-lost';
}

export function eventConferenceStatus(
  state: UserState,
  calendarId: string,
  eventId: string,
  event: CalendarEvent | undefined,
  vendor: VendorView,
  seriesId?: string,
): EventConferenceStatus {
  const cd = event?.conferenceData;
  const liveId = typeof cd?.conferenceId === 'string' ? cd.conferenceId : undefined;
  const cal = state.find(calendarId);
  const record = recordForEvent(cal, eventId, seriesId, liveId);
  const ours = isOurConference(event) || (!!record && (!liveId || liveId === record.conferenceId));
  const status: EventConferenceStatus = {
    calendarId,
    eventId,
    ours,
    hasConference: !!liveId,
    problems: [],
    vendor,
  };
  if (typeof event?.summary === 'string') status.title = event.summary;
  if (!ours) return status;
  const solutionId = cd?.parameters?.addOnParameters?.parameters?.[SOLUTION_PARAMETER];
  status.solutionName = (solutionById(BRAND, String(solutionId)) ?? BRAND.solutions[0]).name;
  status.conferenceId = liveId ?? record?.conferenceId;
  const video = cd?.entryPoints?.find((e) => e.entryPointType === 'video');
  if (video?.uri) status.joinUrl = video.uri;
  status.problems = (cal?.deadLetters ?? [])
    .filter((d) => d.conferenceId === status.conferenceId)
    .map((d) => ({
      at: d.at,
      op: d.op,
      reason: d.reason,
      problem: d.problem,
    }));
  if (!record) status.state = 'not-tracked';
  else if (record.state === 'lost') status.state = lostState(record);
  else if (record.state === 'queued-update') status.state = 'queued-update';
  else if (record.state === 'queued-delete') status.state = 'queued-removal';
  else if (record.state === 'refused') status.state = 'not-sent';
  else if (record.unconfirmed && !liveId) status.state = 'not-saved';
  else if (event && !vendorHolds(record, syncedFieldsHash(syncedFieldsOf(event)))) status.state = 'changed';
  else status.state = 'up-to-date';
  if (record && isQueued(record)) status.nextRetryAt = record.retryAt * 1000;
  if (record?.relinkedMin !== undefined) status.relinkedAt = record.relinkedMin * 60_000;
  return status;
}
