import { randomBytes } from 'node:crypto';
import { createEmulator, type Emulator, type TriggerRun } from '../../emulator';
import type { EventDateTime } from '../../emulator/calendar/types';
import type { RequestLogEntry } from '../../vendor-server/app';
import { startVendorWorker, type VendorHandle } from '../../vendor-server/worker';
import type { CalendarSnapshot, ConsistencyReport } from './consistency';
import { type HeldConference, STORY_VENDORS, type StoryVendor, type VendorKind } from './vendors';

/**
 * The `npm start` story: the built bundle (dist/Code.js) in the emulator, talking over real HTTP to the
 * reference vendor server, through a user's week in Google Calendar. With `vendor: 'zoom'`, the same
 * story on the bundle built on the Zoom adapter against the Zoom-shaped server (./vendors.ts). Each step reports what changed in
 * Calendar, what the add-on did and sent (from the vendor's own request log), and what the vendor holds
 * for the conferences involved. It ends with a vendor == calendar consistency check.
 */

export const VENDOR_HOST = 'conference.example.com';
export const CALENDAR = 'alice@example.com';
export const DEFAULT_DATA_FILE = STORY_VENDORS.acme.defaultDataFile;

export interface StoryOptions {
  /** Which reference vendor, and the add-on built on its adapter. Default 'acme'. */
  vendor?: VendorKind;
  /** Vendor server port; 0 (default) = any free port. */
  port?: number;
  /** Vendor data file, removed at start. Default: the vendor's (.vendor-data/start.json for Acme). */
  dataFile?: string;
  /** Built vendor server entry point. Default: the vendor's (build/vendor-server/cli.js for Acme). */
  vendorCliPath?: string;
  /** Default: the bundle built on the vendor's adapter (dist/Code.js for Acme). */
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
  /**
   * The step lets an hourly run happen, which also reads upcoming meetings from the vendor (its
   * audit, issue 17): those reads are expected, as many as it makes.
   */
  hourlyReads?: true;
  after?: string[];
}

const once = (call: string): Expectation => ({ call, min: 1, max: 1 });

/**
 * A conference whose last event was cancelled waits 10 minutes (a deleted event may have been moved to
 * another calendar, whose own trigger then lists it) before the delete gate; with nothing else changing,
 * the first run after that is the hourly one. 71 minutes always hold an hourly run 10 minutes on.
 */
const SETTLE_AND_HOURLY_RUN_MS = 71 * 60_000;
const WAITS_LINE =
  'Nothing else changes; an hour passes (a deleted event may have moved: its conference waits 10 minutes, then the next run deletes it)';
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
  const profile = STORY_VENDORS[options.vendor ?? 'acme'];
  const apiKey = options.apiKey ?? randomBytes(24).toString('base64url');
  const vendor = await startVendorWorker({
    apiKey,
    port: options.port ?? 0,
    dataFile: options.dataFile ?? profile.defaultDataFile,
    cliPath: options.vendorCliPath ?? profile.cliPath,
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
    emu.load(options.bundlePath ?? profile.bundlePath);
    const result = await play({
      emu,
      vendor,
      profile,
      options,
      labels: new Map(),
      steps: [],
      seenRequests: 0,
    });
    return { ...result, vendorUrl: vendor.url, ...(options.keepVendor ? { vendor } : {}) };
  } finally {
    emu?.close();
    if (!options.keepVendor) await vendor.close();
  }
}

/** Everything the steps share while the story plays. */
interface Play {
  emu: Emulator;
  vendor: VendorHandle;
  profile: StoryVendor;
  options: StoryOptions;
  /** Conference id -> the story's name for its meeting. */
  labels: Map<string, string>;
  steps: StepReport[];
  /** How much of the vendor's request log earlier steps already showed. */
  seenRequests: number;
}

/** A meeting made in the story: its event and the conference the vendor made for it. */
interface Meeting {
  eventId: string;
  conferenceId: string;
}

async function play(p: Play): Promise<{ ok: boolean; steps: StepReport[]; consistency: ConsistencyReport }> {
  const designReview = await firstMeeting(p);
  const standup = await weeklySeries(p);
  const planning = await bookAndDelete(p);
  await vendorOutage(p, designReview);
  await lostSyncToken(p, planning, [designReview, standup]);
  const snapshot: CalendarSnapshot = {};
  for (const id of p.emu.calendar.calendars()) snapshot[id] = p.emu.calendar.liveEvents(id);
  const consistency = await p.profile.consistency(snapshot, p.vendor);
  return { ok: consistency.ok && p.steps.every((s) => s.asExpected), steps: p.steps, consistency };
}

/** Adds our conference to a new, unsaved event as the user does in the editor. */
function addConference(p: Play, label: string): Meeting {
  const eventId = p.emu.ui.newEventId();
  const added = p.emu.ui.addConference({ calendarId: CALENDAR, eventId, solutionId: 'acme-web' });
  if (!added.ok) throw new Error(`no conference for "${label}": ${JSON.stringify(added.error)}`);
  const conferenceId = added.conferenceData.conferenceId as string;
  p.labels.set(conferenceId, label);
  return { eventId, conferenceId };
}

/** Runs one step, then reports what the add-on did, what the vendor received and what it holds. */
async function step(p: Play, id: string, title: string, run: () => Promise<StepOutcome> | StepOutcome) {
  const logMark = p.emu.logs.length;
  const execMark = p.emu.exec.history.length;
  const outcome = await run();
  const all: RequestLogEntry[] = await p.vendor.requests();
  const sent = all.slice(p.seenRequests).map((r) => ({ method: r.method, path: r.path, status: r.status }));
  p.seenRequests = all.length;
  const live = new Map((await p.profile.held(p.vendor)).map((c) => [c.id, c]));
  const report: StepReport = {
    n: p.steps.length + 1,
    id,
    title,
    calendar: outcome.calendar,
    addOn: [...(outcome.addOn ?? []), ...addOnLines(p.emu, execMark, logMark), ...(outcome.after ?? [])],
    sent,
    expected: outcome.expect.map(describeExpectation),
    asExpected: matchesExpectations(
      outcome.hourlyReads ? sent.filter((c) => c.method !== 'GET') : sent,
      outcome.expect,
    ),
    vendor: [...new Set(outcome.focus)].map((cid) =>
      vendorView(cid, p.labels.get(cid) ?? cid, live.get(cid)),
    ),
  };
  p.steps.push(report);
  await p.options.onStep?.(report);
}

/** Steps 1-5: one meeting from the editor to its guests; each synced change reaches the vendor once. */
async function firstMeeting(p: Play): Promise<Meeting> {
  const { emu, profile } = p;
  // 1. A new event: the user picks our conference before saving anything.
  let a: Meeting = { eventId: '', conferenceId: '' };
  await step(p, 'create', 'Create a conference on a new, unsaved event', () => {
    a = addConference(p, 'Design review');
    return {
      calendar: ['New event opened in the editor (not saved); "Acme Meeting" picked as conferencing'],
      focus: [a.conferenceId],
      expect: [once(profile.createCall)],
      settle: emu.settle(),
    };
  });
  const updated = { focus: [a.conferenceId], expect: [once(profile.updateCall(a.conferenceId))] };
  // 2. Saving fills in what the vendor could not know yet.
  await step(p, 'save', 'Save the event with its title and time', () => {
    const fields = {
      summary: 'Design review',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    };
    emu.ui.saveEvent(CALENDAR, a.eventId, fields);
    return {
      calendar: [`Saved "${fields.summary}", ${when(fields.start, fields.end)}`],
      ...updated,
      settle: emu.settle(),
    };
  });
  await step(p, 'move', 'Move it to another day', () => {
    const start = at('2026-11-25T14:00:00Z');
    const end = at('2026-11-25T15:00:00Z');
    emu.calendar.editEvent(CALENDAR, a.eventId, { start, end });
    return { calendar: [`"Design review" moved to ${when(start, end)}`], ...updated, settle: emu.settle() };
  });
  await step(p, 'invite', 'Invite people', () => {
    const attendees = [{ email: 'bob@example.com' }, { email: 'Carol@Example.com' }];
    emu.calendar.editEvent(CALENDAR, a.eventId, { attendees });
    const who = attendees.map((x) => x.email).join(', ');
    return { calendar: [`Invited ${who} to "Design review"`], ...updated, settle: emu.settle() };
  });
  await step(p, 'describe', 'Change only the description', () => {
    emu.calendar.editEvent(CALENDAR, a.eventId, { description: 'Agenda: API review, then open questions.' });
    return {
      calendar: ['Added an agenda to the description of "Design review" (no synced field changed)'],
      focus: [a.conferenceId],
      expect: [],
      settle: emu.settle(),
    };
  });
  return a;
}

/** Steps 6-7: a weekly series carries one conference; its occurrences are not conferences of their own. */
async function weeklySeries(p: Play): Promise<Meeting> {
  const { emu, profile } = p;
  let b: Meeting = { eventId: '', conferenceId: '' };
  await step(p, 'series', 'Make a weekly series with a conference', () => {
    b = addConference(p, 'Team standup');
    const fields = {
      summary: 'Team standup',
      start: at('2026-11-30T09:30:00Z'),
      end: at('2026-11-30T09:45:00Z'),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=8'],
    };
    emu.ui.saveEvent(CALENDAR, b.eventId, fields);
    return {
      calendar: [`Saved "${fields.summary}", ${when(fields.start, fields.end)}, ${fields.recurrence[0]}`],
      focus: [b.conferenceId],
      expect: [once(profile.createCall), once(profile.updateCall(b.conferenceId))],
      settle: emu.settle(),
    };
  });
  await step(p, 'cancel-occurrence', 'Cancel one occurrence of the series', () => {
    const original = at('2026-12-07T09:30:00Z');
    emu.calendar.cancelOccurrence(CALENDAR, b.eventId, original);
    return {
      calendar: [`"Team standup" on ${when(original)}: "delete this event only" (the series goes on)`],
      focus: [b.conferenceId],
      expect: [],
      settle: emu.settle(),
    };
  });
  return b;
}

/** Steps 8-9: two more meetings, then one of them deleted. Returns the one that stays. */
async function bookAndDelete(p: Play): Promise<Meeting> {
  const { emu, profile } = p;
  const book = (label: string, start: string, end: string) => {
    const m = addConference(p, label);
    const fields = { summary: label, start: at(start), end: at(end) };
    emu.ui.saveEvent(CALENDAR, m.eventId, fields);
    return { m, line: `Saved "${label}", ${when(fields.start, fields.end)}` };
  };
  let c: Meeting = { eventId: '', conferenceId: '' };
  let d: Meeting = { eventId: '', conferenceId: '' };
  await step(p, 'book', 'Book two more meetings with conferences', () => {
    const sam = book('1:1 with Sam', '2026-11-26T15:00:00Z', '2026-11-26T15:30:00Z');
    const planning = book('Quarterly planning', '2026-11-27T13:00:00Z', '2026-11-27T15:00:00Z');
    c = sam.m;
    d = planning.m;
    return {
      calendar: [sam.line, planning.line],
      focus: [c.conferenceId, d.conferenceId],
      expect: [
        once(profile.createCall),
        once(profile.createCall),
        once(profile.updateCall(c.conferenceId)),
        once(profile.updateCall(d.conferenceId)),
      ],
      settle: emu.settle(),
    };
  });
  await step(p, 'delete', 'Delete an event', () => {
    emu.calendar.deleteEvent(CALENDAR, c.eventId);
    return {
      calendar: ['Deleted "1:1 with Sam"', WAITS_LINE],
      focus: [c.conferenceId],
      expect: [once(profile.deleteCall(c.conferenceId))],
      settle: [...emu.settle(), ...emu.advance(SETTLE_AND_HOURLY_RUN_MS)],
      hourlyReads: true,
    };
  });
  return d;
}

/** The add-on's time-driven triggers still to fire, as narration lines. */
function pendingTimers(emu: Emulator): string[] {
  return emu.triggers
    .list()
    .filter((t) => t.eventType === 'CLOCK' && !t.spent && !t.disabled && t.nextFireAt !== undefined)
    .map(
      (t) =>
        `time-based trigger ${t.handler} scheduled in ${Math.round(((t.nextFireAt as number) - emu.clock.now()) / 1000)} s`,
    );
}

/** Steps 10-11: an edit while the vendor is down is queued, and delivered once it is back. */
async function vendorOutage(p: Play, a: Meeting): Promise<void> {
  const { emu, vendor, profile } = p;
  const A = a.conferenceId;
  await step(p, 'vendor-down', 'The vendor goes down; a meeting is edited meanwhile', async () => {
    await vendor.setFault({ mode: 'down' });
    emu.calendar.editEvent(CALENDAR, a.eventId, { summary: 'Design review (final)' });
    const runs = emu.settle();
    return {
      calendar: ['Renamed "Design review" to "Design review (final)"'],
      addOn: ['(vendor fault mode "down": every API connection is refused)'],
      focus: [A],
      // Refused attempts (retried inline with short backoff), then the call is queued.
      expect: [oneOrMore(profile.updateCall(A, 0))],
      settle: runs,
      after: pendingTimers(emu),
    };
  });
  // Add-ons get time-driven triggers at most once an hour: with no further edit, the queued call goes
  // out on the hourly run (an edit would send it sooner, on that calendar trigger's run).
  await step(
    p,
    'vendor-back',
    'The vendor is back; within the hour the hourly trigger resends it',
    async () => {
      await vendor.setFault({ mode: 'up' });
      return {
        calendar: ['Nothing changed in Calendar; an hour passes (add-ons get no shorter timer)'],
        addOn: ['(vendor fault mode "up")'],
        focus: [A],
        expect: [once(profile.updateCall(A))],
        settle: emu.advance(61 * 60_000),
        hourlyReads: true,
      };
    },
  );
}

/** Step 12: a full sync after the sync token is lost still finds a deletion (and leaves `others` be). */
async function lostSyncToken(p: Play, d: Meeting, others: Meeting[]): Promise<void> {
  const { emu, profile } = p;
  await step(p, 'sync-token', 'The sync token is invalidated; an event is deleted meanwhile', () => {
    emu.calendar.invalidateSyncTokens(CALENDAR);
    emu.calendar.deleteEvent(CALENDAR, d.eventId);
    return {
      calendar: [
        'Every sync token of the calendar now fails with 410 (as after an ACL change)',
        'Deleted "Quarterly planning" (an incremental sync cannot report it: the token is gone)',
        WAITS_LINE,
      ],
      focus: [d.conferenceId, ...others.map((m) => m.conferenceId)],
      expect: [once(profile.deleteCall(d.conferenceId))],
      settle: [...emu.settle(), ...emu.advance(SETTLE_AND_HOURLY_RUN_MS)],
      hourlyReads: true,
    };
  });
}

function vendorView(id: string, label: string, c: HeldConference | undefined): VendorView {
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
    ...(c.version === undefined ? {} : { version: c.version }),
  };
}
