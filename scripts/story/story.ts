import { randomBytes } from 'node:crypto';
import { createEmulator, type Emulator, type TriggerRun } from '../../emulator';
import type { EventDateTime } from '../../emulator/calendar/types';
import type { Conference, RequestLogEntry } from '../../vendor-server/app';
import { DEFAULT_CLI_PATH, startVendorWorker, type VendorHandle } from '../../vendor-server/worker';
import { type CalendarSnapshot, type ConsistencyReport, checkConsistency } from './consistency';

/**
 * The `npm start` story: the built bundle (dist/Code.js) in the emulator, talking over real HTTP to the
 * reference vendor server, through a user's week in Google Calendar. Each step reports what changed in
 * Calendar, what the add-on did and sent (from the vendor's own request log), and what the vendor holds
 * for the conferences involved. It ends with a vendor == calendar consistency check.
 */

export const VENDOR_HOST = 'conference.example.com';
export const CALENDAR = 'alice@example.com';
export const DEFAULT_DATA_FILE = '.vendor-data/start.json';

export interface StoryOptions {
  /** Vendor server port; 0 (default) = any free port. */
  port?: number;
  /** Vendor data file, removed at start. Default .vendor-data/start.json. */
  dataFile?: string;
  /** Built vendor server entry point. Default build/vendor-server/cli.js. */
  vendorCliPath?: string;
  /** Default dist/Code.js. */
  bundlePath?: string;
  /** Default: random per run. Never part of any report. */
  apiKey?: string;
  /** Leave the vendor server running; the caller closes `result.vendor`. */
  keepVendor?: boolean;
  /** Called with the vendor URL once the server is up. */
  onStart?: (info: { vendorUrl: string; dataFile: string }) => void;
  /** Called after each step (awaited: a caller may pause here). */
  onStep?: (step: StepReport) => void | Promise<void>;
}

/** A vendor API call as the vendor logged it. Status 0 = the connection was refused (vendor down). */
export interface SentCall {
  method: string;
  path: string;
  status: number;
}

export interface VendorView {
  id: string;
  /** Label used in the story, e.g. "Design review". */
  label: string;
  state: 'live' | 'deleted';
  title?: string | null;
  start?: EventDateTime | null;
  end?: EventDateTime | null;
  attendees?: string[];
  recurrence?: string[];
  version?: number;
}

export interface StepReport {
  n: number;
  id: string;
  title: string;
  /** What changed in Calendar (the user's or an admin's doing). */
  calendar: string[];
  /** What the add-on ran and logged (callbacks, triggers, warnings). */
  addOn: string[];
  /** Vendor API calls received during the step, in arrival order. */
  sent: SentCall[];
  /** The calls this step should cause; `×1+` = one or more. */
  expected: string[];
  asExpected: boolean;
  /** What the vendor now holds for the conferences involved. */
  vendor: VendorView[];
}

export interface StoryResult {
  ok: boolean;
  steps: StepReport[];
  consistency: ConsistencyReport;
  vendorUrl: string;
  /** Only with `keepVendor`. */
  vendor?: VendorHandle;
}

/** One expected vendor call: `call` is "METHOD /path STATUS". */
interface Expectation {
  call: string;
  min: number;
  max: number;
}

interface StepOutcome {
  calendar: string[];
  /** Conferences whose vendor state the step shows. */
  focus: string[];
  expect: Expectation[];
  /** Lines shown before the trigger runs / after them. */
  addOn?: string[];
  /** The trigger runs the step caused (emu.settle() / emu.advance()). */
  settle: TriggerRun[];
  after?: string[];
}

const once = (call: string): Expectation => ({ call, min: 1, max: 1 });
const oneOrMore = (call: string): Expectation => ({ call, min: 1, max: Number.POSITIVE_INFINITY });

export function callString(c: SentCall): string {
  return `${c.method} ${c.path} ${c.status}`;
}

/** True when `sent` holds exactly the expected calls (any order). */
export function matchesExpectations(sent: SentCall[], expected: Expectation[]): boolean {
  const counts = new Map<string, number>();
  for (const c of sent) counts.set(callString(c), (counts.get(callString(c)) ?? 0) + 1);
  const wanted = new Map<string, { min: number; max: number }>();
  for (const e of expected) {
    const w = wanted.get(e.call) ?? { min: 0, max: 0 };
    wanted.set(e.call, { min: w.min + e.min, max: w.max + e.max });
  }
  for (const [call, n] of counts) {
    const w = wanted.get(call);
    if (!w || n < w.min || n > w.max) return false;
  }
  for (const [call, w] of wanted) if ((counts.get(call) ?? 0) < w.min) return false;
  return true;
}

function describeExpectation(e: Expectation): string {
  return e.max === Number.POSITIVE_INFINITY ? `${e.call} ×1+` : e.call;
}

const at = (iso: string): EventDateTime => ({ dateTime: iso, timeZone: 'UTC' });
const conferencePath = (id: string) => `/conferences/${encodeURIComponent(id)}`;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 24 Nov 10:00–11:00 UTC" (times are UTC throughout the story). */
export function when(start?: EventDateTime | null, end?: EventDateTime | null): string {
  if (!start) return '(no time)';
  if (start.date) return `${start.date} (all day)`;
  const s = new Date(start.dateTime ?? '');
  const e = end?.dateTime ? new Date(end.dateTime) : undefined;
  const hm = (d: Date) => d.toISOString().slice(11, 16);
  const day = `${DAYS[s.getUTCDay()]} ${s.getUTCDate()} ${MONTHS[s.getUTCMonth()]}`;
  return `${day} ${hm(s)}${e ? `–${hm(e)}` : ''} UTC`;
}

/** Short lines for each execution of the add-on since `execMark`, with what it logged. */
function addOnLines(emu: Emulator, execMark: number, logMark: number): string[] {
  const lines: string[] = [];
  const logs = emu.logs.slice(logMark);
  for (const rec of emu.exec.history.slice(execMark)) {
    const kind = rec.kind === 'addon' ? 'add-on callback' : rec.kind;
    lines.push(`${kind} ${rec.functionName}: ${rec.outcome}${rec.error ? ` (${rec.error})` : ''}`);
    for (const entry of logs) {
      if (entry.executionId !== rec.id) continue;
      const line = logLine(entry.level, entry.message);
      if (line) lines.push(`  ${line}`);
    }
  }
  return lines;
}

/** The add-on logs one JSON object per line; shows the interesting ones briefly. */
function logLine(level: string, message: string): string | undefined {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(message) as Record<string, unknown>;
  } catch {
    return level === 'warn' || level === 'error' ? `${level}: ${message}` : undefined;
  }
  if (typeof record.msg !== 'string') return undefined;
  if (record.msg === 'sync') {
    const parts = [`${record.items} event(s) listed`];
    for (const k of ['patches', 'deletes', 'queued', 'deadLetters'] as const) {
      if (typeof record[k] === 'number' && (record[k] as number) > 0) parts.push(`${k}: ${record[k]}`);
    }
    return `sync (${record.reason}, ${record.mode}): ${parts.join(', ')}`;
  }
  if (level === 'warn' || level === 'error') {
    const detail = [record.op, record.reason].filter((v) => typeof v === 'string').join(': ');
    return `${level}: ${record.msg}${detail ? ` (${detail})` : ''}`;
  }
  if (record.msg === 'conference created') {
    return `conference created${record.eventSaved ? '' : ' (the event is not saved yet)'}`;
  }
  return undefined;
}

export async function runStory(options: StoryOptions = {}): Promise<StoryResult> {
  const apiKey = options.apiKey ?? randomBytes(24).toString('base64url');
  const vendor = await startVendorWorker({
    apiKey,
    port: options.port ?? 0,
    dataFile: options.dataFile ?? DEFAULT_DATA_FILE,
    cliPath: options.vendorCliPath ?? DEFAULT_CLI_PATH,
  });
  let emu: Emulator | undefined;
  try {
    options.onStart?.({ vendorUrl: vendor.url, dataFile: vendor.dataFile });
    emu = createEmulator({
      userEmail: CALENDAR,
      scriptProperties: { CONFERENCE_API_BASE_URL: `https://${VENDOR_HOST}/`, CONFERENCE_API_KEY: apiKey },
      routes: { [VENDOR_HOST]: { kind: 'http', target: vendor.url } },
      seed: 7,
    });
    emu.load(options.bundlePath ?? 'dist/Code.js');
    const result = await play(emu, vendor, options);
    return { ...result, vendorUrl: vendor.url, ...(options.keepVendor ? { vendor } : {}) };
  } finally {
    emu?.close();
    if (!options.keepVendor) await vendor.close();
  }
}

async function play(
  emu: Emulator,
  vendor: VendorHandle,
  options: StoryOptions,
): Promise<{ ok: boolean; steps: StepReport[]; consistency: ConsistencyReport }> {
  const cal = emu.calendar;
  const ui = emu.ui;
  const labels = new Map<string, string>();
  const steps: StepReport[] = [];
  let seenRequests = 0;

  /** Adds our conference to a new, unsaved event as the user does in the editor. */
  const addConference = (label: string): { eventId: string; conferenceId: string } => {
    const eventId = ui.newEventId();
    const added = ui.addConference({ calendarId: CALENDAR, eventId, solutionId: 'acme-web' });
    if (!added.ok) throw new Error(`no conference for "${label}": ${JSON.stringify(added.error)}`);
    const conferenceId = added.conferenceData.conferenceId as string;
    labels.set(conferenceId, label);
    return { eventId, conferenceId };
  };

  const step = async (id: string, title: string, run: () => Promise<StepOutcome> | StepOutcome) => {
    const logMark = emu.logs.length;
    const execMark = emu.exec.history.length;
    const outcome = await run();
    const all: RequestLogEntry[] = await vendor.requests();
    const sent = all.slice(seenRequests).map((r) => ({ method: r.method, path: r.path, status: r.status }));
    seenRequests = all.length;
    const live = new Map((await vendor.conferences()).map((c) => [c.id, c]));
    const focus = [...new Set(outcome.focus)];
    const report: StepReport = {
      n: steps.length + 1,
      id,
      title,
      calendar: outcome.calendar,
      addOn: [...(outcome.addOn ?? []), ...addOnLines(emu, execMark, logMark), ...(outcome.after ?? [])],
      sent,
      expected: outcome.expect.map(describeExpectation),
      asExpected: matchesExpectations(sent, outcome.expect),
      vendor: focus.map((cid) => vendorView(cid, labels.get(cid) ?? cid, live.get(cid))),
    };
    steps.push(report);
    await options.onStep?.(report);
  };

  // 1. A new event: the user picks our conference before saving anything.
  let a = { eventId: '', conferenceId: '' };
  await step('create', 'Create a conference on a new, unsaved event', () => {
    a = addConference('Design review');
    return {
      calendar: ['New event opened in the editor (not saved); "Acme Meeting" picked as conferencing'],
      focus: [a.conferenceId],
      expect: [once('POST /conferences 201')],
      settle: emu.settle(),
    };
  });
  const A = a.conferenceId;

  // 2. Saving fills in what the vendor could not know yet.
  await step('save', 'Save the event with its title and time', () => {
    const fields = {
      summary: 'Design review',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    };
    ui.saveEvent(CALENDAR, a.eventId, fields);
    return {
      calendar: [`Saved "${fields.summary}", ${when(fields.start, fields.end)}`],
      focus: [A],
      expect: [once(`PATCH ${conferencePath(A)} 200`)],
      settle: emu.settle(),
    };
  });

  await step('move', 'Move it to another day', () => {
    const start = at('2026-11-25T14:00:00Z');
    const end = at('2026-11-25T15:00:00Z');
    cal.editEvent(CALENDAR, a.eventId, { start, end });
    return {
      calendar: [`"Design review" moved to ${when(start, end)}`],
      focus: [A],
      expect: [once(`PATCH ${conferencePath(A)} 200`)],
      settle: emu.settle(),
    };
  });

  await step('invite', 'Invite people', () => {
    const attendees = [{ email: 'bob@example.com' }, { email: 'Carol@Example.com' }];
    cal.editEvent(CALENDAR, a.eventId, { attendees });
    return {
      calendar: [`Invited ${attendees.map((x) => x.email).join(', ')} to "Design review"`],
      focus: [A],
      expect: [once(`PATCH ${conferencePath(A)} 200`)],
      settle: emu.settle(),
    };
  });

  await step('describe', 'Change only the description', () => {
    cal.editEvent(CALENDAR, a.eventId, { description: 'Agenda: API review, then open questions.' });
    return {
      calendar: ['Added an agenda to the description of "Design review" (no synced field changed)'],
      focus: [A],
      expect: [],
      settle: emu.settle(),
    };
  });

  // A weekly series carries one conference; its occurrences are not conferences of their own.
  let b = { eventId: '', conferenceId: '' };
  const seriesStart = at('2026-11-30T09:30:00Z');
  await step('series', 'Make a weekly series with a conference', () => {
    b = addConference('Team standup');
    const fields = {
      summary: 'Team standup',
      start: seriesStart,
      end: at('2026-11-30T09:45:00Z'),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=8'],
    };
    ui.saveEvent(CALENDAR, b.eventId, fields);
    return {
      calendar: [`Saved "${fields.summary}", ${when(fields.start, fields.end)}, ${fields.recurrence[0]}`],
      focus: [b.conferenceId],
      expect: [once('POST /conferences 201'), once(`PATCH ${conferencePath(b.conferenceId)} 200`)],
      settle: emu.settle(),
    };
  });
  const B = b.conferenceId;

  await step('cancel-occurrence', 'Cancel one occurrence of the series', () => {
    const original = at('2026-12-07T09:30:00Z');
    cal.cancelOccurrence(CALENDAR, b.eventId, original);
    return {
      calendar: [`"Team standup" on ${when(original)}: "delete this event only" (the series goes on)`],
      focus: [B],
      expect: [],
      settle: emu.settle(),
    };
  });

  let c = { eventId: '', conferenceId: '' };
  let d = { eventId: '', conferenceId: '' };
  await step('book', 'Book two more meetings with conferences', () => {
    c = addConference('1:1 with Sam');
    const cFields = {
      summary: '1:1 with Sam',
      start: at('2026-11-26T15:00:00Z'),
      end: at('2026-11-26T15:30:00Z'),
    };
    ui.saveEvent(CALENDAR, c.eventId, cFields);
    d = addConference('Quarterly planning');
    const dFields = {
      summary: 'Quarterly planning',
      start: at('2026-11-27T13:00:00Z'),
      end: at('2026-11-27T15:00:00Z'),
    };
    ui.saveEvent(CALENDAR, d.eventId, dFields);
    return {
      calendar: [
        `Saved "${cFields.summary}", ${when(cFields.start, cFields.end)}`,
        `Saved "${dFields.summary}", ${when(dFields.start, dFields.end)}`,
      ],
      focus: [c.conferenceId, d.conferenceId],
      expect: [
        once('POST /conferences 201'),
        once('POST /conferences 201'),
        once(`PATCH ${conferencePath(c.conferenceId)} 200`),
        once(`PATCH ${conferencePath(d.conferenceId)} 200`),
      ],
      settle: emu.settle(),
    };
  });

  await step('delete', 'Delete an event', () => {
    cal.deleteEvent(CALENDAR, c.eventId);
    return {
      calendar: ['Deleted "1:1 with Sam"'],
      focus: [c.conferenceId],
      expect: [once(`DELETE ${conferencePath(c.conferenceId)} 204`)],
      settle: emu.settle(),
    };
  });

  await step('vendor-down', 'The vendor goes down; a meeting is edited meanwhile', async () => {
    await vendor.setFault({ mode: 'down' });
    cal.editEvent(CALENDAR, a.eventId, { summary: 'Design review (final)' });
    const runs = emu.settle();
    const retry = emu.triggers
      .list()
      .filter((t) => t.eventType === 'CLOCK' && !t.spent && !t.disabled && t.nextFireAt !== undefined)
      .map(
        (t) =>
          `time-based trigger ${t.handler} scheduled in ${Math.round(((t.nextFireAt as number) - emu.clock.now()) / 1000)} s`,
      );
    return {
      calendar: ['Renamed "Design review" to "Design review (final)"'],
      addOn: ['(vendor fault mode "down": every API connection is refused)'],
      focus: [A],
      // Refused attempts (retried inline with short backoff), then the call is queued.
      expect: [oneOrMore(`PATCH ${conferencePath(A)} 0`)],
      settle: runs,
      after: retry,
    };
  });

  await step('vendor-back', 'The vendor is back; within the hour the hourly trigger resends it', async () => {
    await vendor.setFault({ mode: 'up' });
    return {
      calendar: ['Nothing changed in Calendar; an hour passes (add-ons get no shorter timer)'],
      addOn: ['(vendor fault mode "up")'],
      focus: [A],
      expect: [once(`PATCH ${conferencePath(A)} 200`)],
      settle: emu.advance(61 * 60_000),
    };
  });

  await step('sync-token', 'The sync token is invalidated; an event is deleted meanwhile', () => {
    cal.invalidateSyncTokens(CALENDAR);
    cal.deleteEvent(CALENDAR, d.eventId);
    return {
      calendar: [
        'Every sync token of the calendar now fails with 410 (as after an ACL change)',
        'Deleted "Quarterly planning" (an incremental sync cannot report it: the token is gone)',
      ],
      focus: [d.conferenceId, A, B],
      expect: [once(`DELETE ${conferencePath(d.conferenceId)} 204`)],
      settle: emu.settle(),
    };
  });

  const snapshot: CalendarSnapshot = {};
  for (const id of cal.calendars()) snapshot[id] = cal.liveEvents(id);
  const consistency = checkConsistency(snapshot, await vendor.conferences());
  return { ok: consistency.ok && steps.every((s) => s.asExpected), steps, consistency };
}

function vendorView(id: string, label: string, c: Conference | undefined): VendorView {
  if (!c) return { id, label, state: 'deleted' };
  return {
    id,
    label,
    state: 'live',
    title: c.title,
    start: c.start,
    end: c.end,
    attendees: c.attendees,
    recurrence: c.recurrence,
    version: c.version,
  };
}
