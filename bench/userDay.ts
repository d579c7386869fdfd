/**
 * A user-day (issue 24): what one user of the add-on costs in 24 hours, Calendar requests above all,
 * since every user's requests count against the deployment's one Cloud project.
 *
 * - `idleDay`: 3 watched calendars, nothing changes for 24 h, 9 upcoming meetings of ours.
 * - `typicalDay`: the same user; 40 event changes between 9:00 and 18:00 (8 on meetings of ours, 2 of
 *   those making one), and the vendor down for 20 minutes at 13:00.
 *
 * Both measure every execution of the day (hourly runs included) against lower bounds: Calendar =
 * one `Events.list` per calendar-trigger fire (what Google's sample spends: it lists on every fire and
 * never otherwise); vendor writes = the conferences whose synced fields changed (a conference picked
 * on an unsaved event needs its create and one update once the event is saved).
 */
import {
  BenchWorld,
  type BoundBuilder,
  CONSUMER_TRIGGER_QUOTA_MS,
  CONSUMER_URLFETCH_QUOTA,
  type ConferenceRef,
  calendarIds,
  changedCount,
  type ExecRun,
  iso,
  measure,
  rng,
  USER_DAY,
  type UserDaySizes,
  type WorkloadResult,
} from './workloads';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Apps Script's daily property read/write quota for consumer accounts (QUOTAS): 50,000. */
export const CONSUMER_PROPERTIES_QUOTA = 50_000;
/** Calendar API daily billing threshold per project (Usage limits page, updated 1 May 2026). */
export const CALENDAR_DAILY_THRESHOLD = 1_000_000;

/** What one user costs in a day: everything every execution of the day spent. */
export interface UserDayFigures {
  calendars: number;
  /** Meetings of ours that start after the day began (the audit's work). */
  upcomingMeetings: number;
  /** Calendar-trigger fires of the day (one per change). */
  triggerFires: number;
  calendar: {
    list: number;
    get: number;
    calendarList: number;
    writes: number;
    total: number;
    /** One list per trigger fire: what Google's sample spends. */
    bound: number;
    /** The most Calendar requests in one clock hour of the day (the per-minute limits' load). */
    peakHour: number;
  };
  /** reads: read requests; conferencesRead: the conferences they read (a batch read reads many). */
  vendor: { writes: number; writesBound: number; reads: number; conferencesRead: number; failed: number };
  /** Vendor read requests per upcoming meeting. */
  readsPerMeeting: number;
  urlFetch: number;
  properties: { reads: number; writes: number };
  triggerRuntimeMs: number;
  /** Shares of the per-user consumer quotas (UrlFetch 20,000, properties 50,000, trigger runtime 90 min). */
  shares: { urlFetch: number; properties: number; triggerRuntime: number };
}

function sum(runs: ExecRun[], pick: (r: ExecRun) => number): number {
  return runs.reduce((n, r) => n + pick(r), 0);
}

function count(runs: ExecRun[], prefix: string): number {
  return sum(runs, (r) =>
    Object.entries(r.counts)
      .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`))
      .reduce((n, [, v]) => n + v, 0),
  );
}

/** The most Calendar requests the user's executions made in one clock hour. */
function peakHour(world: BenchWorld): number {
  const byHour = new Map<number, number>();
  for (const { at, requests } of world.calendarRequestsAt) {
    const hour = Math.floor(at / HOUR);
    byHour.set(hour, (byHour.get(hour) ?? 0) + requests);
  }
  return Math.max(0, ...byHour.values());
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function figures(
  world: BenchWorld,
  s: UserDaySizes,
  bound: BoundBuilder,
  writesBound: number,
  upcoming: number,
): UserDayFigures {
  const runs = [...world.execs, ...world.idleRuns];
  const list = count(runs, 'calendar.events.list');
  const get = count(runs, 'calendar.events.get');
  const calendarList = count(runs, 'calendar.calendarList');
  const total = count(runs, 'calendar');
  const urlFetch = count(runs, 'urlfetch.request');
  const propsRead = count(runs, 'properties.read');
  const propsWrite = count(runs, 'properties.write');
  const reads = sum(runs, (r) => r.vendor.reads);
  const runtime = world.triggerRuntimeMs();
  return {
    calendars: s.calendars,
    upcomingMeetings: upcoming,
    triggerFires: bound.b.runs,
    calendar: {
      list,
      get,
      calendarList,
      writes: total - list - get - calendarList,
      total,
      bound: bound.b.runs,
      peakHour: peakHour(world),
    },
    vendor: {
      writes: sum(runs, (r) => r.vendor.writes),
      writesBound,
      reads,
      conferencesRead: sum(runs, (r) => r.vendor.conferencesRead),
      failed: sum(runs, (r) => r.vendor.failed),
    },
    readsPerMeeting: round4(reads / Math.max(1, upcoming)),
    urlFetch,
    properties: { reads: propsRead, writes: propsWrite },
    triggerRuntimeMs: runtime,
    shares: {
      urlFetch: round4(urlFetch / CONSUMER_URLFETCH_QUOTA),
      properties: round4((propsRead + propsWrite) / CONSUMER_PROPERTIES_QUOTA),
      triggerRuntime: round4(runtime / CONSUMER_TRIGGER_QUOTA_MS),
    },
  };
}

/** A 30-minute meeting of ours at `startMs`, made the way a user makes one (onCreate, then the save). */
function addMeetingAt(world: BenchWorld, calendarId: string, index: number, startMs: number): ConferenceRef {
  const eventId = world.emu.ui.newEventId();
  const added = world.emu.ui.addConference({ calendarId, eventId, solutionId: 'acme-web' });
  if (!added.ok) throw new Error(`conference not created: ${JSON.stringify(added.error)}`);
  world.emu.ui.saveEvent(calendarId, eventId, {
    summary: `Meeting ${index}`,
    start: { dateTime: iso(startMs), timeZone: 'UTC' },
    end: { dateTime: iso(startMs + 1800_000), timeZone: 'UTC' },
    attendees: [{ email: `p${index % 50}@example.com` }, { email: `q${index % 31}@example.com` }],
  });
  const ref = { calendarId, eventId, conferenceId: added.conferenceData.conferenceId! };
  world.conferences.push(ref);
  world.touch(calendarId, eventId);
  return ref;
}

interface UserWorld {
  world: BenchWorld;
  calendars: string[];
  plain: Map<string, string[]>;
  meetings: ConferenceRef[];
  /** The measured day begins here: the first midnight (UTC) after the setup settled. */
  dayStart: number;
}

/**
 * Not measured: 3 calendars with plain events and 9 meetings of ours (the first at 16:00 on the
 * measured day, then every 37 h, so they span the next 14 days), synced and checked by the hourly runs;
 * time then runs on to the next midnight, where the measured day begins.
 */
function setUpUser(s: UserDaySizes, seed: number): UserWorld {
  const world = new BenchWorld();
  const r = rng(seed);
  const calendars = calendarIds(s.calendars);
  const plain = new Map<string, string[]>();
  const dayStart = Math.ceil((world.emu.clock.now() + 6 * HOUR) / DAY) * DAY;
  const meetings: ConferenceRef[] = [];
  calendars.forEach((calendarId, c) => {
    plain.set(
      calendarId,
      Array.from({ length: s.plainEventsPerCalendar }, (_, i) =>
        world.putPlainEvent(r, c * 1000 + i, calendarId),
      ),
    );
    for (let k = c; k < s.meetings; k += s.calendars)
      meetings.push(addMeetingAt(world, calendarId, k, dayStart + 16 * HOUR + k * 37 * HOUR));
    world.deliver();
  });
  world.advance(dayStart - world.emu.clock.now());
  const bad = world.inconsistencies();
  if (bad.length > 0) throw new Error(`setup: ${bad.length} conferences out of sync at the vendor`);
  return { world, calendars, plain, meetings, dayStart };
}

function upcomingOf(world: BenchWorld, dayStart: number): number {
  return world.conferences.filter((c) => {
    const ev = world.live(c.eventId, c.calendarId);
    return (
      !!ev && ev.conferenceData?.conferenceId === c.conferenceId && Date.parse(ev.start!.dateTime!) > dayStart
    );
  }).length;
}

export function idleDay(s: UserDaySizes = USER_DAY): WorkloadResult {
  const { world, dayStart } = setUpUser(s, 2401);
  try {
    let day: UserDayFigures | undefined;
    const result = measure(
      world,
      'idleDay',
      `${s.calendars} watched calendars, nothing changes for 24 h, ${s.meetings} upcoming meetings of ours (one on the day)`,
      { ...s },
      (bound) => {
        const upcoming = upcomingOf(world, dayStart);
        world.advance(DAY);
        day = figures(world, s, bound, 0, upcoming);
      },
      0,
    );
    return { ...result, userDay: day! };
  } finally {
    world.close();
  }
}

/** The day's changes: seeded instants between 9:00 and 18:00, which of them touch meetings of ours. */
function typicalSchedule(s: UserDaySizes, dayStart: number) {
  const r = rng(2424);
  const at = Array.from({ length: s.changes }, () => dayStart + 9 * HOUR + Math.floor(r() * 9 * HOUR)).sort(
    (a, b) => a - b,
  );
  // Every fifth change is on a meeting of ours (8 of 40); the second and the sixth of those make one.
  const ours = Array.from({ length: s.ourChanges }, (_, k) =>
    Math.floor(((k + 0.5) * s.changes) / s.ourChanges),
  );
  // The vendor goes down 5 minutes before the fifth of them (an edit), for `outageMinutes`: so one
  // change of ours meets the outage, and the day's queue and recovery are exercised.
  const outageStart = at[ours[4]!]! - 5 * 60_000;
  return { r, at, ours: new Set(ours), outageStart };
}

/** A change to one of our meetings: title, time, guests, a cosmetic edit (the vendor needs nothing). */
function changeOurs(world: BenchWorld, ref: ConferenceRef, k: number): void {
  const ev = world.live(ref.eventId, ref.calendarId)!;
  const kind = k % 4;
  if (kind === 0) world.edit(ref.eventId, { summary: `Meeting renamed ${k}` }, ref.calendarId);
  else if (kind === 1) {
    const start = Date.parse(ev.start!.dateTime!) + HOUR;
    world.edit(
      ref.eventId,
      {
        start: { dateTime: iso(start), timeZone: 'UTC' },
        end: { dateTime: iso(start + 1800_000), timeZone: 'UTC' },
      },
      ref.calendarId,
    );
  } else if (kind === 2)
    world.edit(
      ref.eventId,
      { attendees: [...(ev.attendees ?? []), { email: `guest${k}@example.com` }] },
      ref.calendarId,
    );
  else world.edit(ref.eventId, { description: `Agenda ${k}` }, ref.calendarId);
}

function changePlain(world: BenchWorld, r: () => number, u: UserWorld, k: number): void {
  const calendarId = u.calendars[Math.floor(r() * u.calendars.length)]!;
  const ids = u.plain.get(calendarId)!;
  const x = r();
  if (x < 0.25) {
    ids.push(world.putPlainEvent(r, 50_000 + k, calendarId));
    return;
  }
  const id = ids[Math.floor(r() * ids.length)]!;
  if (x < 0.55) world.edit(id, { summary: `Other ${k}` }, calendarId);
  else if (x < 0.8) world.edit(id, { description: `Notes ${k}` }, calendarId);
  else {
    const ev = world.live(id, calendarId)!;
    const start = Date.parse(ev.start!.dateTime!) + HOUR;
    world.edit(
      id,
      {
        start: { dateTime: iso(start), timeZone: 'UTC' },
        end: { dateTime: iso(start + HOUR), timeZone: 'UTC' },
      },
      calendarId,
    );
  }
}

export function typicalDay(s: UserDaySizes = USER_DAY): WorkloadResult {
  const u = setUpUser(s, 2402);
  const { world, dayStart } = u;
  try {
    let day: UserDayFigures | undefined;
    const result = measure(
      world,
      'typicalDay',
      `${s.calendars} watched calendars, ${s.changes} changes between 9:00 and 18:00 (${s.ourChanges} on meetings of ours, ${s.creations} making one), the vendor down for ${s.outageMinutes} min`,
      { ...s },
      (bound) => {
        const upcoming = upcomingOf(world, dayStart);
        const { r, at, ours, outageStart } = typicalSchedule(s, dayStart);
        const outageEnd = outageStart + s.outageMinutes * 60_000;
        // Time runs to `t`, the vendor going down and coming back at its instants on the way.
        const advanceTo = (t: number) => {
          for (const [edge, mode] of [
            [outageStart, 'http500'],
            [outageEnd, 'up'],
          ] as const) {
            const now = world.emu.clock.now();
            if (now < edge && edge <= t) {
              world.advance(edge - now);
              world.vendor.faults.set({ mode });
            }
          }
          world.advance(Math.max(0, t - world.emu.clock.now()));
        };
        let ourK = 0;
        at.forEach((when, k) => {
          advanceTo(when);
          let vendorCalls = 0;
          if (ours.has(k)) {
            const n = ourK++;
            if (n === 1 || n === 5) {
              addMeetingAt(world, u.calendars[n % u.calendars.length]!, 100 + n, when + 26 * HOUR);
              vendorCalls = 2; // its create, then one update once the event is saved
            } else {
              const ref = u.meetings[n % u.meetings.length]!;
              const was = world.syncedView([ref]);
              changeOurs(world, ref, n);
              vendorCalls = changedCount(was, world.syncedView([ref]));
            }
          } else changePlain(world, r, u, k);
          const items = world.changedItems();
          world.deliver();
          if (vendorCalls > 0 && when >= outageStart && when < outageEnd) {
            bound.outageRun(items); // one failed probe; the calls go once the vendor is back
            bound.b.vendorCalls += vendorCalls;
          } else bound.incremental(items, vendorCalls);
        });
        world.advance(Math.max(0, dayStart + DAY - world.emu.clock.now()));
        day = figures(world, s, bound, bound.b.vendorCalls, upcoming + s.creations);
      },
      0,
    );
    return { ...result, userDay: day! };
  } finally {
    world.close();
  }
}
