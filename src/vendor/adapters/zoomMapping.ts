/**
 * Calendar's synced fields in the terms of Zoom's Meetings API (docs/zoom-mapping.md has the table
 * and the reasons). Pure functions: no HTTP, no clock.
 *
 * Zoom meeting types used: 2 scheduled, 8 recurring with a fixed time, 3 recurring with no fixed
 * time. Type 3 is the honest fallback whenever Calendar says something Zoom cannot hold: an
 * all-day event, an event whose time is not known yet, or a series Zoom's `recurrence` object
 * cannot express. Its one join link works for every occurrence; Zoom just shows no schedule.
 */
import type { SyncedFields } from '../../calendar/syncedFields';
import type { EventDateTime } from '../../calendar/types';
import { emailList, type MeetingOptions } from '../options';

export const ZOOM_SCHEDULED = 2;
export const ZOOM_NO_FIXED_TIME = 3;
export const ZOOM_RECURRING_FIXED_TIME = 8;

/** Zoom's limits (Meetings API reference and "Recurrence Object Definitions"). */
export const ZOOM_LIMITS = {
  topic: 200,
  dailyInterval: 90,
  weeklyInterval: 12,
  monthlyInterval: 3,
  endTimes: 50,
} as const;

export interface ZoomRecurrence {
  /** 1 daily, 2 weekly, 3 monthly. */
  type: 1 | 2 | 3;
  repeat_interval: number;
  /** Weekly: comma-separated, 1 = Sunday ... 7 = Saturday. */
  weekly_days?: string;
  monthly_day?: number;
  /** -1 last, 1..4. */
  monthly_week?: number;
  monthly_week_day?: number;
  end_times?: number;
  /** UTC, `yyyy-MM-ddTHH:mm:ssZ`. */
  end_date_time?: string;
}

export interface ZoomMeetingBody {
  topic?: string;
  type: number;
  start_time?: string;
  timezone?: string;
  duration?: number;
  recurrence?: ZoomRecurrence;
  /** Only at create, from the meeting options (a sync's PATCH never carries it). */
  password?: string;
  settings: { meeting_invitees: Array<{ email: string }> } & ZoomOptionSettings;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** Why a field could not be mapped exactly (logged by the adapter, documented in docs/zoom-mapping.md). */
export type MappingFallback = 'all-day' | 'time-unknown' | 'recurrence-not-expressible';

/** The body of `POST /users/me/meetings` and `PATCH /meetings/{id}` for these fields. */
export function zoomMeetingBody(
  fields: SyncedFields,
  options: { recorded: boolean },
): { body: ZoomMeetingBody; fallback?: MappingFallback } {
  const settings: ZoomMeetingBody['settings'] = {
    meeting_invitees: fields.attendees.map((email) => ({ email })),
  };
  if (options.recorded) settings.auto_recording = 'cloud';
  const body: ZoomMeetingBody = { type: ZOOM_NO_FIXED_TIME, settings };
  if (fields.title !== null) body.topic = fields.title.slice(0, ZOOM_LIMITS.topic);
  const when = timing(fields.start, fields.end);
  if (when.kind !== 'timed') return { body, fallback: when.kind };
  body.start_time = when.startUtc;
  body.duration = when.minutes;
  if (when.timeZone) body.timezone = when.timeZone;
  const rules = fields.recurrence.filter((line) => line.trim() !== '');
  if (rules.length === 0) return { body: { ...body, type: ZOOM_SCHEDULED } };
  const recurrence = zoomRecurrence(rules, when.localDate);
  if (!recurrence) {
    const { start_time: _s, duration: _d, ...untimed } = body;
    return { body: untimed, fallback: 'recurrence-not-expressible' };
  }
  return { body: { ...body, type: ZOOM_RECURRING_FIXED_TIME, recurrence } };
}

type Timing =
  | { kind: 'timed'; startUtc: string; minutes: number; timeZone?: string; localDate: string }
  | { kind: 'all-day' }
  | { kind: 'time-unknown' };

/** A Calendar start/end as Zoom's UTC start time and whole minutes. */
export function timing(start: EventDateTime | null, end: EventDateTime | null): Timing {
  if (start?.date && !start.dateTime) return { kind: 'all-day' };
  const from = start?.dateTime ? Date.parse(start.dateTime) : Number.NaN;
  if (!Number.isFinite(from)) return { kind: 'time-unknown' };
  const to = end?.dateTime ? Date.parse(end.dateTime) : Number.NaN;
  const minutes = Number.isFinite(to) ? Math.max(1, Math.round((to - from) / 60000)) : 60;
  const timed: Timing = {
    kind: 'timed',
    startUtc: `${new Date(from).toISOString().slice(0, 19)}Z`,
    minutes,
    // The wall-clock date the event starts on, as Calendar wrote it (in the event's own offset).
    localDate: start!.dateTime!.slice(0, 10),
  };
  if (start?.timeZone) timed.timeZone = start.timeZone;
  return timed;
}

function parseRule(line: string): Map<string, string> | null {
  const m = /^RRULE:(.+)$/i.exec(line.trim());
  if (!m) return null;
  const parts = new Map<string, string>();
  for (const part of m[1]!.split(';')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined) return null;
    parts.set(key.toUpperCase(), value.toUpperCase());
  }
  return parts;
}

/** Keys Zoom's recurrence object can hold (WKST does not change a rule without BYSETPOS). */
const EXPRESSIBLE = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYSETPOS',
  'WKST',
]);

/**
 * Zoom's recurrence for exactly one RRULE line that it can express, else null (then the caller
 * falls back to type 3). `localDate` (yyyy-MM-dd) is the first occurrence's date, which a rule
 * without BYDAY / BYMONTHDAY repeats on.
 */
export function zoomRecurrence(lines: readonly string[], localDate: string): ZoomRecurrence | null {
  if (lines.length !== 1) return null; // EXDATE, RDATE, EXRULE or a second RRULE: Zoom has no place for them
  const rule = parseRule(lines[0]!);
  if (!rule || [...rule.keys()].some((k) => !EXPRESSIBLE.has(k))) return null;
  const interval = Number(rule.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return null;
  const pattern = frequencyPart(rule, interval, localDate);
  const ending = pattern && endPart(rule);
  return pattern && ending ? { ...pattern, ...ending } : null;
}

function frequencyPart(
  rule: Map<string, string>,
  interval: number,
  localDate: string,
): ZoomRecurrence | null {
  const freq = rule.get('FREQ');
  const byDay = rule.get('BYDAY');
  const weekdayOfStart = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  // Every day limited to some weekdays is the same series as weekly on those days.
  const weekdaysOnly = freq === 'DAILY' && byDay !== undefined && interval === 1;
  if (freq === 'DAILY' && !weekdaysOnly) {
    if (byDay || rule.has('BYMONTHDAY') || rule.has('BYSETPOS') || interval > ZOOM_LIMITS.dailyInterval)
      return null;
    return { type: 1, repeat_interval: interval };
  }
  if (freq === 'WEEKLY' || weekdaysOnly) {
    if (rule.has('BYMONTHDAY') || rule.has('BYSETPOS') || interval > ZOOM_LIMITS.weeklyInterval) return null;
    const days = byDay ? byDay.split(',').map((d) => WEEKDAYS.indexOf(d)) : [weekdayOfStart];
    if (days.some((d) => d < 0)) return null; // an ordinal such as 1MO is not weekly
    const list = [...new Set(days)].sort((a, b) => a - b).map((d) => d + 1);
    return { type: 2, repeat_interval: interval, weekly_days: list.join(',') };
  }
  if (freq === 'MONTHLY' && interval <= ZOOM_LIMITS.monthlyInterval)
    return monthlyPart(rule, interval, localDate);
  return null; // YEARLY, HOURLY, ...: not in Zoom's recurrence object
}

function monthlyPart(rule: Map<string, string>, interval: number, localDate: string): ZoomRecurrence | null {
  const byDay = rule.get('BYDAY');
  const byMonthDay = rule.get('BYMONTHDAY');
  if (byDay && byMonthDay) return null;
  if (!byDay) {
    const day = Number(byMonthDay ?? localDate.slice(8, 10));
    if (!Number.isInteger(day) || day < 1 || day > 31 || rule.has('BYSETPOS')) return null;
    return { type: 3, repeat_interval: interval, monthly_day: day };
  }
  // "2TU" or "TU" with BYSETPOS=2: the nth weekday of the month, n in 1..4 or -1 (Zoom's range).
  const m = /^(-?\d)?(SU|MO|TU|WE|TH|FR|SA)$/.exec(byDay);
  const week = Number(m?.[1] ?? rule.get('BYSETPOS') ?? Number.NaN);
  if (!m || (m[1] && rule.has('BYSETPOS')) || !(week === -1 || (week >= 1 && week <= 4))) return null;
  return {
    type: 3,
    repeat_interval: interval,
    monthly_week: week,
    monthly_week_day: WEEKDAYS.indexOf(m[2]!) + 1,
  };
}

/** COUNT up to Zoom's 50 occurrences, or UNTIL; a series without an end cannot be expressed. */
function endPart(rule: Map<string, string>): Pick<ZoomRecurrence, 'end_times' | 'end_date_time'> | null {
  const count = rule.get('COUNT');
  if (count !== undefined) {
    const n = Number(count);
    return Number.isInteger(n) && n >= 1 && n <= ZOOM_LIMITS.endTimes ? { end_times: n } : null;
  }
  const until = rule.get('UNTIL');
  const m = until && /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(until);
  if (!m) return null;
  const [, y, mo, d, h = '23', mi = '59', s = '59'] = m;
  return { end_date_time: `${y}-${mo}-${d}T${h}:${mi}:${s}Z` };
}

/** Zoom's recurrence back as an RRULE line (for the cards' "what the vendor holds"). */
export function rruleOf(r: ZoomRecurrence): string {
  const freq = r.type === 1 ? 'DAILY' : r.type === 2 ? 'WEEKLY' : 'MONTHLY';
  const parts = [`FREQ=${freq}`];
  if (r.repeat_interval > 1) parts.push(`INTERVAL=${r.repeat_interval}`);
  if (r.weekly_days) {
    parts.push(
      `BYDAY=${r.weekly_days
        .split(',')
        .map((d) => WEEKDAYS[Number(d) - 1])
        .join(',')}`,
    );
  }
  if (r.monthly_day !== undefined) parts.push(`BYMONTHDAY=${r.monthly_day}`);
  if (r.monthly_week !== undefined && r.monthly_week_day !== undefined) {
    parts.push(`BYDAY=${r.monthly_week}${WEEKDAYS[r.monthly_week_day - 1]}`);
  }
  if (r.end_times !== undefined) parts.push(`COUNT=${r.end_times}`);
  if (r.end_date_time) parts.push(`UNTIL=${r.end_date_time.replace(/[-:]/g, '')}`);
  return `RRULE:${parts.join(';')}`;
}

/** Zoom's meeting settings for the add-on's meeting options (docs/vendors.md, "Zoom"). */
export interface ZoomOptionSettings {
  waiting_room?: boolean;
  join_before_host?: boolean;
  mute_upon_entry?: boolean;
  auto_recording?: 'cloud' | 'none';
  /** "Alternative host's emails or IDs: multiple values separated by a comma." */
  alternative_hosts?: string;
}

/**
 * The part of a create or PATCH body that sets `options`: `settings.*`, and `password` for the
 * passcode (on: `newPasscode()`, a new one; off: empty). Only the options given are in it, so a
 * PATCH leaves the others as they are.
 */
export function zoomOptionsBody(
  options: MeetingOptions,
  newPasscode: () => string,
): { password?: string; settings: ZoomOptionSettings } {
  const settings: ZoomOptionSettings = {};
  if (options.waitingRoom !== undefined) settings.waiting_room = options.waitingRoom;
  if (options.joinBeforeHost !== undefined) settings.join_before_host = options.joinBeforeHost;
  if (options.muteOnEntry !== undefined) settings.mute_upon_entry = options.muteOnEntry;
  if (options.autoRecording !== undefined) settings.auto_recording = options.autoRecording ? 'cloud' : 'none';
  if (options.alternativeHosts !== undefined) settings.alternative_hosts = options.alternativeHosts.join(',');
  if (options.passcode === undefined) return { settings };
  return { password: options.passcode ? newPasscode() : '', settings };
}

/** The options a Zoom meeting object holds (a GET's answer). */
export function zoomOptionsOf(meeting: Record<string, unknown>): MeetingOptions {
  const s = (meeting.settings ?? {}) as Record<string, unknown>;
  const options: MeetingOptions = {
    passcode: typeof meeting.password === 'string' && meeting.password !== '',
  };
  if (typeof s.waiting_room === 'boolean') options.waitingRoom = s.waiting_room;
  if (typeof s.join_before_host === 'boolean') options.joinBeforeHost = s.join_before_host;
  if (typeof s.mute_upon_entry === 'boolean') options.muteOnEntry = s.mute_upon_entry;
  if (typeof s.auto_recording === 'string') options.autoRecording = s.auto_recording !== 'none';
  if (typeof s.alternative_hosts === 'string') {
    options.alternativeHosts = emailList(s.alternative_hosts.split(/[,;]/));
  }
  return options;
}
