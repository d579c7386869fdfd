/**
 * Economy benchmark: fixed, seeded workloads that drive the built bundle (dist/Code.js) in the
 * emulator against the in-process reference vendor, and compare what the add-on spent (metered
 * calls, simulated time) with a lower bound computed from each workload itself.
 *
 * Everything here is deterministic: the vendor's ids come from `idSeed`, the emulator's from `seed`,
 * the clock starts at a fixed instant and only moves by the emulator's latency model, and workload
 * edits come from a seeded PRNG. Running it twice gives byte-identical results.
 *
 * Lower bounds (per workload, see `LowerBound`):
 * - vendor calls: conferences whose synced fields (title, start, end, attendees, recurrence) differ
 *   between the start and the end of the measured phase, plus conferences whose event was deleted or
 *   whose conference was removed. Intermediate states do not count (several edits of one event
 *   between two runs need one call; an edit that is reverted needs none).
 * - calendar list calls: per sync run max(1, ceil(changed items / 2500)) pages (2500 = maxResults
 *   cap); a full sync lists every live event in the window; a sync token rejected with 410 costs the
 *   one call that discovers it. No other calendar call is needed.
 * - properties: 2 reads (the user's state, the script's vendor config) + 1 write per run.
 * - simulated time: list calls x list latency + fetch round trips x round-trip latency, with
 *   ceil(vendor calls of the run / batch) round trips per run. Property, lock and trigger latencies
 *   are not in the bound (so a ratio of 1.00 is unreachable there; ~1.1 is excellent).
 */

import { createEmulator, type Emulator } from '../emulator';
import { seededRandom } from '../emulator/appsscript/utilities';
import type { CalendarEvent } from '../emulator/calendar/types';
import { DEFAULT_LATENCY_MS } from '../emulator/context';
import type { ExecutionRecord } from '../emulator/execution';
import type { MeterCounts } from '../emulator/meter';
import { syncedFieldsOf } from '../src/calendar/syncedFields';
import { VENDOR_BATCH_SIZE } from '../src/sync/send';
import { createVendorApp, type VendorApp } from '../vendor-server/app';

export const CAL = 'bench@example.com';
export const VENDOR_HOST = 'conference.example.com';
export const API_KEY = 'bench-key-not-a-secret';
/** Fixed simulated start: Monday 2026-11-23 09:00 UTC. */
export const START_MS = Date.UTC(2026, 10, 23, 9, 0, 0);
export const EMULATOR_SEED = 7;
export const VENDOR_ID_SEED = 42;
export const PAGE_CAP = 2500;
export const BATCH = VENDOR_BATCH_SIZE;
export const LIST_MS = DEFAULT_LATENCY_MS['calendar.events.list']!;
export const ROUNDTRIP_MS = DEFAULT_LATENCY_MS['urlfetch.roundtrip']!;
/** Lower bound of property operations per run: read state, read config, write state. */
export const PROPS_READS_PER_RUN = 2;
export const PROPS_WRITES_PER_RUN = 1;
/** The add-on's own per-run budget (src/sync/runSync.ts TRIGGER_BUDGET_MS). */
export const RUN_BUDGET_MS = 270_000;

/** The emulator's seeded PRNG (mulberry32): workloads replay exactly. */
export const rng = seededRandom;

function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
    .join(',')}}`;
}

// ------------------------------------------------------------------------------------------ world

export interface ConferenceRef {
  eventId: string;
  conferenceId: string;
}

/** One emulator + vendor pair, with per-execution metering. */
export class BenchWorld {
  readonly emu: Emulator;
  readonly vendor: VendorApp;
  readonly conferences: ConferenceRef[] = [];
  /** Event ids changed since the last trigger delivery (for the list-page bound). */
  private touched = new Set<string>();
  private measuring = false;
  private lastSnapshot: MeterCounts = {};
  readonly execs: ExecRun[] = [];
  /** Hourly safety-net runs in the measured phase that sent nothing (see onExecEnd). */
  idleSafetyNetRuns = 0;

  constructor() {
    let emuRef: Emulator | undefined;
    this.vendor = createVendorApp({
      apiKey: API_KEY,
      idSeed: VENDOR_ID_SEED,
      now: () => emuRef?.clock.now() ?? START_MS,
      requestLogLimit: 1_000_000,
    });
    const vendor = this.vendor;
    this.emu = createEmulator({
      startTime: START_MS,
      seed: EMULATOR_SEED,
      scriptProperties: { CONFERENCE_API_BASE_URL: `https://${VENDOR_HOST}/`, CONFERENCE_API_KEY: API_KEY },
      routes: {
        [VENDOR_HOST]: {
          kind: 'inprocess',
          handle: (req) =>
            vendor.handle({
              ...req,
              headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
            }),
        },
      },
    });
    emuRef = this.emu;
    this.emu.load('dist/Code.js');
    this.emu.exec.onEnd((record) => this.onExecEnd(record));
  }

  private onExecEnd(record: ExecutionRecord): void {
    if (!this.measuring) return;
    const counts = this.emu.meter.since(this.lastSnapshot);
    this.lastSnapshot = this.emu.meter.snapshot();
    if (record.functionName === 'safetyNetSync' && !counts['urlfetch.request']) {
      // The hourly safety net found nothing to send: a fixed background cost (one list call per
      // calendar per hour), reported apart from the workload's own runs.
      this.idleSafetyNetRuns++;
      return;
    }
    this.execs.push({
      functionName: record.functionName,
      outcome: record.outcome,
      simMs: (record.end ?? record.start) - record.start,
      counts,
    });
  }

  /** A plain event (no conference), via the admin API (not metered). */
  putPlainEvent(r: () => number, index: number): string {
    const fields = eventFields(r, index, `Event ${index}`);
    const saved = this.emu.calendar.putEvent(CAL, fields);
    this.touched.add(saved.id!);
    return saved.id!;
  }

  /** An event with our conference, the way a user makes one (onCreate runs, then the save). */
  addConferenceEvent(r: () => number, index: number): ConferenceRef {
    const eventId = this.emu.ui.newEventId();
    const added = this.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    if (!added.ok) throw new Error(`conference not created: ${JSON.stringify(added.error)}`);
    this.emu.ui.saveEvent(CAL, eventId, eventFields(r, index, `Meeting ${index}`));
    const ref = { eventId, conferenceId: added.conferenceData.conferenceId! };
    this.conferences.push(ref);
    this.touched.add(eventId);
    return ref;
  }

  edit(eventId: string, changes: CalendarEvent): void {
    this.emu.calendar.editEvent(CAL, eventId, changes);
    this.touched.add(eventId);
  }

  remove(eventId: string): void {
    this.emu.calendar.deleteEvent(CAL, eventId);
    this.touched.add(eventId);
  }

  removeConference(eventId: string): void {
    this.emu.ui.removeConference(CAL, eventId);
    this.touched.add(eventId);
  }

  live(eventId: string): CalendarEvent | undefined {
    const ev = this.emu.calendar.peek(CAL, eventId);
    return ev && ev.status !== 'cancelled' ? ev : undefined;
  }

  /** Items an incremental list would return now (distinct events changed since the last delivery). */
  changedItems(): number {
    return this.touched.size;
  }

  /** Runs the calendar trigger until quiet; returns the number of trigger runs. */
  deliver(): number {
    this.touched = new Set();
    return this.emu.settle().length;
  }

  /** Advances simulated time, firing due time-based triggers (retry runs). */
  advance(ms: number): number {
    return this.emu.advance(ms).length;
  }

  /** The synced view of every conference: fields, or 'gone' (event deleted / conference removed). */
  syncedView(): Map<string, string> {
    const view = new Map<string, string>();
    for (const c of this.conferences) {
      const ev = this.live(c.eventId);
      view.set(
        c.conferenceId,
        ev && ev.conferenceData?.conferenceId === c.conferenceId ? stable(syncedFieldsOf(ev)) : 'gone',
      );
    }
    return view;
  }

  /** Vendor state agrees with the calendar for every conference. Returns the disagreeing ids. */
  inconsistencies(): string[] {
    const bad: string[] = [];
    for (const [id, want] of this.syncedView()) {
      const c = this.vendor.conference(id);
      if (!c) {
        bad.push(id);
        continue;
      }
      const have = c.deleted
        ? 'gone'
        : stable({
            title: c.title,
            start: c.start,
            end: c.end,
            attendees: c.attendees,
            recurrence: c.recurrence,
          });
      if (have !== want) bad.push(id);
    }
    return bad;
  }

  startMeasuring(): void {
    this.measuring = true;
    this.lastSnapshot = this.emu.meter.snapshot();
    this.execs.length = 0;
    this.idleSafetyNetRuns = 0;
  }

  stopMeasuring(): void {
    this.measuring = false;
  }

  vendorLogLength(): number {
    return this.vendor.requests().length;
  }

  close(): void {
    this.emu.close();
  }
}

export interface ExecRun {
  functionName: string;
  outcome: string;
  simMs: number;
  counts: MeterCounts;
}

const DAY = 24 * 3600_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A one-hour event somewhere in the next 90 days, 0-3 attendees. */
function eventFields(r: () => number, index: number, summary: string): CalendarEvent {
  const day = Math.floor(r() * 90) + 1;
  const hour = 8 + Math.floor(r() * 10);
  const start = Date.UTC(2026, 10, 23) + day * DAY + hour * 3600_000;
  const attendees = Array.from({ length: Math.floor(r() * 4) }, (_, k) => ({
    email: `person${(index * 7 + k) % 500}@example.com`,
  }));
  return {
    summary,
    start: { dateTime: iso(start), timeZone: 'UTC' },
    end: { dateTime: iso(start + 3600_000), timeZone: 'UTC' },
    ...(attendees.length ? { attendees } : {}),
  };
}

/**
 * Setup (not measured): `events` events of which `conferences` carry our conference, spread
 * evenly; then the trigger runs until quiet so every conference is confirmed and in sync.
 */
export function setUp(world: BenchWorld, seed: number, events: number, conferences: number): void {
  const r = rng(seed);
  const every = events / conferences;
  let nextConference = 0;
  for (let i = 0; i < events; i++) {
    if (nextConference < conferences && i >= Math.floor(nextConference * every)) {
      world.addConferenceEvent(r, i);
      nextConference++;
    } else world.putPlainEvent(r, i);
  }
  world.deliver();
  world.advance(6 * 3600_000); // lets any retry trigger of the setup run out
  const bad = world.inconsistencies();
  if (bad.length > 0) throw new Error(`setup: ${bad.length} conferences out of sync at the vendor`);
}

// ------------------------------------------------------------------------------------------ results

export interface LowerBound {
  runs: number;
  vendorCalls: number;
  listCalls: number;
  fetchRoundTrips: number;
  propertiesOps: number;
  simMs: number;
}

export interface WorkloadResult {
  name: string;
  description: string;
  size: Record<string, number>;
  runs: number;
  /** Every metered call of the measured phase, by kind (sorted). */
  calls: MeterCounts;
  /** Vendor requests that the vendor applied (2xx, or 404 for a delete). */
  vendorDelivered: number;
  /** Vendor requests that failed (outage): attempts beyond the delivered ones. */
  vendorFailed: number;
  /** Lower bound of failed attempts: one probe per run made while the vendor is down. */
  vendorFailedBound: number;
  listCalls: number;
  otherCalendarCalls: number;
  fetchRoundTrips: number;
  propertiesOps: number;
  maxPropertiesOpsPerRun: number;
  /** Sum of the simulated durations of the measured executions. */
  simMs: number;
  /** Longest single run (simulated), to compare with the per-run budget. */
  maxRunMs: number;
  outcomes: Record<string, number>;
  bound: LowerBound;
  ratios: { vendor: number; list: number; properties: number; time: number };
  consistent: boolean;
  /** Time-based (retry) triggers still waiting after the phase: 0 once everything has drained. */
  pendingRetryTriggers: number;
  /** Hourly safety-net runs that found nothing to send (not counted in `runs` or `calls`). */
  idleSafetyNetRuns: number;
  /** Each measured execution (only when there are at most MAX_PER_RUN of them). */
  perRun?: ExecRun[];
}

export const MAX_PER_RUN = 20;

function ratio(actual: number, bound: number): number {
  if (bound === 0) return actual === 0 ? 1 : Number.POSITIVE_INFINITY;
  return Math.round((actual / bound) * 100) / 100;
}

function sortCounts(c: MeterCounts): MeterCounts {
  return Object.fromEntries(Object.entries(c).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What a measured phase told the bound, run by run. */
interface PhaseBound {
  runs: number;
  listCalls: number;
  fetchRoundTrips: number;
  vendorCalls: number;
  failedBound: number;
}

class BoundBuilder {
  b: PhaseBound = { runs: 0, listCalls: 0, fetchRoundTrips: 0, vendorCalls: 0, failedBound: 0 };
  listMs = LIST_MS;

  /** Work that cannot fit one run's budget needs more runs (each with its own property ops). */
  atLeastRuns(runs: number): void {
    this.b.runs = Math.max(this.b.runs, runs);
  }

  /** An incremental run that sees `items` changed entries and must make `vendorCalls`. */
  incremental(items: number, vendorCalls: number): void {
    this.b.runs++;
    this.b.listCalls += Math.max(1, Math.ceil(items / PAGE_CAP));
    this.b.fetchRoundTrips += Math.ceil(vendorCalls / BATCH);
    this.b.vendorCalls += vendorCalls;
  }

  /** A run whose token is rejected (410), then lists `liveItems` in full. */
  fullAfter410(liveItems: number, vendorCalls: number): void {
    this.b.runs++;
    this.b.listCalls += 1 + Math.max(1, Math.ceil(liveItems / PAGE_CAP));
    this.b.fetchRoundTrips += Math.ceil(vendorCalls / BATCH);
    this.b.vendorCalls += vendorCalls;
  }

  /** A run during an outage: it lists, and learns the vendor is down with one probe. */
  outageRun(items: number): void {
    this.b.runs++;
    this.b.listCalls += Math.max(1, Math.ceil(items / PAGE_CAP));
    this.b.fetchRoundTrips += 1;
    this.b.failedBound += 1;
  }

  done(): LowerBound {
    const { runs, listCalls, fetchRoundTrips, vendorCalls } = this.b;
    return {
      runs,
      vendorCalls,
      listCalls,
      fetchRoundTrips,
      propertiesOps: runs * (PROPS_READS_PER_RUN + PROPS_WRITES_PER_RUN),
      simMs: listCalls * this.listMs + fetchRoundTrips * ROUNDTRIP_MS,
    };
  }
}

function changedCount(before: Map<string, string>, after: Map<string, string>): number {
  let n = 0;
  for (const [id, a] of after) {
    const b = before.get(id);
    if (b === 'gone' && a === 'gone') continue;
    if (a !== b) n++;
  }
  return n;
}

function summarize(
  world: BenchWorld,
  name: string,
  description: string,
  size: Record<string, number>,
  bound: BoundBuilder,
  vendorLogStart: number,
): WorkloadResult {
  const execs = world.execs;
  const calls: MeterCounts = {};
  const outcomes: Record<string, number> = {};
  let maxProps = 0;
  let simMs = 0;
  let maxRunMs = 0;
  for (const e of execs) {
    for (const [k, n] of Object.entries(e.counts)) calls[k] = (calls[k] ?? 0) + n;
    const props = (e.counts['properties.read'] ?? 0) + (e.counts['properties.write'] ?? 0);
    maxProps = Math.max(maxProps, props);
    simMs += e.simMs;
    maxRunMs = Math.max(maxRunMs, e.simMs);
    const key = `${e.functionName}:${e.outcome}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  const log = world.vendor.requests().slice(vendorLogStart);
  const delivered = log.filter(
    (r) => (r.status >= 200 && r.status < 300) || (r.method === 'DELETE' && r.status === 404),
  ).length;
  const requests = calls['urlfetch.request'] ?? 0;
  const lb = bound.done();
  const listCalls = calls['calendar.events.list'] ?? 0;
  let calendarTotal = 0;
  for (const [k, n] of Object.entries(calls)) if (k.startsWith('calendar.')) calendarTotal += n;
  const propertiesOps = (calls['properties.read'] ?? 0) + (calls['properties.write'] ?? 0);
  return {
    name,
    description,
    size,
    runs: execs.length,
    calls: sortCounts(calls),
    vendorDelivered: delivered,
    vendorFailed: requests - delivered,
    vendorFailedBound: bound.b.failedBound,
    listCalls,
    otherCalendarCalls: calendarTotal - listCalls,
    fetchRoundTrips: calls['urlfetch.roundtrip'] ?? 0,
    propertiesOps,
    maxPropertiesOpsPerRun: maxProps,
    simMs,
    maxRunMs,
    outcomes: sortCounts(outcomes),
    bound: lb,
    ratios: {
      vendor: ratio(delivered, lb.vendorCalls),
      list: ratio(listCalls, lb.listCalls),
      properties: ratio(propertiesOps, lb.propertiesOps),
      time: ratio(simMs, lb.simMs),
    },
    consistent: world.inconsistencies().length === 0,
    pendingRetryTriggers: world.emu.triggers
      .enabled()
      .filter((t) => t.eventType === 'CLOCK' && !t.spent && !t.disabled && t.handler !== 'safetyNetSync')
      .length,
    idleSafetyNetRuns: world.idleSafetyNetRuns,
    ...(execs.length <= MAX_PER_RUN
      ? { perRun: execs.map((e) => ({ ...e, counts: sortCounts(e.counts) })) }
      : {}),
  };
}

// ------------------------------------------------------------------------------------------ workloads

export interface Sizes {
  steady: { events: number; conferences: number };
  burst: { events: number; conferences: number; changes: number };
  noise: { events: number; conferences: number; edits: number; editsPerRun: number };
  resync: { events: number; conferences: number; changed: number; cosmetic: number; deleted: number };
  outage: { events: number; conferences: number; runs: number; editsPerRun: number };
  checkpoint: { events: number; conferences: number; changed: number; listLatencyMs: number };
}

export const FULL_SIZES: Sizes = {
  steady: { events: 5000, conferences: 100 },
  burst: { events: 5000, conferences: 100, changes: 500 },
  noise: { events: 5000, conferences: 100, edits: 1000, editsPerRun: 1 },
  resync: { events: 10_000, conferences: 200, changed: 40, cosmetic: 20, deleted: 15 },
  outage: { events: 2000, conferences: 50, runs: 10, editsPerRun: 3 },
  checkpoint: { events: 10_000, conferences: 200, changed: 40, listLatencyMs: 100_000 },
};

/** Reduced sizes for the test suite (same shapes, seconds instead of tens of seconds). */
export const SMALL_SIZES: Sizes = {
  steady: { events: 600, conferences: 20 },
  burst: { events: 600, conferences: 60, changes: 300 },
  noise: { events: 600, conferences: 20, edits: 60, editsPerRun: 1 },
  resync: { events: 3000, conferences: 40, changed: 12, cosmetic: 6, deleted: 5 },
  outage: { events: 300, conferences: 20, runs: 4, editsPerRun: 3 },
  checkpoint: { events: 6000, conferences: 40, changed: 10, listLatencyMs: 100_000 },
};

function measure(
  world: BenchWorld,
  name: string,
  description: string,
  size: Record<string, number>,
  body: (bound: BoundBuilder) => void,
): WorkloadResult {
  const bound = new BoundBuilder();
  const logStart = world.vendorLogLength();
  world.startMeasuring();
  body(bound);
  world.advance(6 * 3600_000); // anything left for the retry trigger is part of the cost
  world.stopMeasuring();
  return summarize(world, name, description, size, bound, logStart);
}

export function steadyState(s: Sizes['steady']): WorkloadResult {
  const world = new BenchWorld();
  try {
    setUp(world, 101, s.events, s.conferences);
    const target = world.conferences[Math.floor(s.conferences / 2)]!;
    return measure(
      world,
      'steady',
      'one title edit of a conference event, one trigger run',
      { ...s },
      (bound) => {
        const before = world.syncedView();
        world.edit(target.eventId, { summary: 'Renamed meeting' });
        const items = world.changedItems();
        world.deliver();
        bound.incremental(items, changedCount(before, world.syncedView()));
      },
    );
  } finally {
    world.close();
  }
}

/** Changes made to one conference event in the burst and the outage workloads. */
function randomChange(world: BenchWorld, r: () => number, ref: ConferenceRef, k: number): void {
  const ev = world.live(ref.eventId);
  if (!ev || ev.conferenceData?.conferenceId !== ref.conferenceId) return;
  const x = r();
  if (x < 0.2) world.edit(ref.eventId, { summary: `Meeting v${k}` });
  else if (x < 0.35) {
    const shift = (Math.floor(r() * 5) - 2) * 1800_000 || 1800_000;
    const start = Date.parse(ev.start!.dateTime!) + shift;
    world.edit(ref.eventId, {
      start: { dateTime: iso(start), timeZone: 'UTC' },
      end: { dateTime: iso(start + 3600_000), timeZone: 'UTC' },
    });
  } else if (x < 0.45) {
    const attendees = [...(ev.attendees ?? []), { email: `guest${k % 37}@example.com` }];
    world.edit(ref.eventId, { attendees });
  } else if (x < 0.52) {
    // Same people, other order and case: not a synced change.
    const attendees = [...(ev.attendees ?? [])]
      .reverse()
      .map((a) => ({ ...a, email: a.email?.toUpperCase() }));
    world.edit(ref.eventId, { attendees });
  } else if (x < 0.72) world.edit(ref.eventId, { description: `Agenda ${k}` });
  else if (x < 0.85) world.edit(ref.eventId, { colorId: String(1 + (k % 11)) });
  else if (x < 0.93) world.edit(ref.eventId, { location: `Room ${k % 17}` });
  else if (x < 0.97)
    world.edit(ref.eventId, { summary: ev.summary }); // re-save, nothing new
  else if (x < 0.985) world.remove(ref.eventId);
  else world.removeConference(ref.eventId);
}

export function burst(s: Sizes['burst']): WorkloadResult {
  const world = new BenchWorld();
  try {
    setUp(world, 202, s.events, s.conferences);
    return measure(
      world,
      'burst',
      `${s.changes} changes (synced and not, a few deletes) over ${s.conferences} conferences between two runs`,
      { ...s },
      (bound) => {
        const r = rng(2020);
        const before = world.syncedView();
        for (let k = 0; k < s.changes; k++) {
          const ref = world.conferences[Math.floor(r() * world.conferences.length)]!;
          randomChange(world, r, ref, k);
        }
        const items = world.changedItems();
        world.deliver();
        bound.incremental(items, changedCount(before, world.syncedView()));
      },
    );
  } finally {
    world.close();
  }
}

export function noise(s: Sizes['noise']): WorkloadResult {
  const world = new BenchWorld();
  try {
    setUp(world, 303, s.events, s.conferences);
    const withConference = new Set(world.conferences.map((c) => c.eventId));
    const plain = world.emu.calendar
      .liveEvents(CAL)
      .map((e) => e.id!)
      .filter((id) => !withConference.has(id))
      .sort();
    return measure(
      world,
      'noise',
      `${s.edits} edits of events without our conference, a trigger run after every ${s.editsPerRun}`,
      { ...s },
      (bound) => {
        const r = rng(3030);
        let pendingEdits = 0;
        for (let k = 0; k < s.edits; k++) {
          const id = plain[Math.floor(r() * plain.length)]!;
          const x = r();
          if (x < 0.4) world.edit(id, { summary: `Other ${k}` });
          else if (x < 0.7) world.edit(id, { description: `Notes ${k}` });
          else if (x < 0.9) {
            const ev = world.live(id)!;
            const start = Date.parse(ev.start!.dateTime!) + 3600_000;
            world.edit(id, {
              start: { dateTime: iso(start), timeZone: 'UTC' },
              end: { dateTime: iso(start + 3600_000), timeZone: 'UTC' },
            });
          } else world.putPlainEvent(r, 100_000 + k);
          pendingEdits++;
          if (pendingEdits >= s.editsPerRun || k === s.edits - 1) {
            const items = world.changedItems();
            world.deliver();
            bound.incremental(items, 0);
            pendingEdits = 0;
          }
        }
      },
    );
  } finally {
    world.close();
  }
}

/** Changes made while the sync token is invalid: synced edits, cosmetic edits, deletions. */
function changeWhileInvalid(
  world: BenchWorld,
  r: () => number,
  changed: number,
  cosmetic: number,
  deleted: number,
): void {
  const order = world.conferences.slice();
  // Deterministic shuffle.
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let i = 0;
  for (let k = 0; k < changed; k++) world.edit(order[i++]!.eventId, { summary: `Moved meeting ${k}` });
  for (let k = 0; k < cosmetic; k++) world.edit(order[i++]!.eventId, { description: `New agenda ${k}` });
  for (let k = 0; k < deleted; k++) world.remove(order[i++]!.eventId);
}

export function fullResync(s: Sizes['resync']): WorkloadResult {
  const world = new BenchWorld();
  try {
    setUp(world, 404, s.events, s.conferences);
    return measure(
      world,
      'resync',
      `410 on a ${s.events}-event calendar; ${s.changed} conferences changed, ${s.cosmetic} edited cosmetically, ${s.deleted} deleted while the token was invalid`,
      { ...s },
      (bound) => {
        const before = world.syncedView();
        world.emu.calendar.invalidateSyncTokens(CAL);
        changeWhileInvalid(world, rng(4040), s.changed, s.cosmetic, s.deleted);
        world.deliver();
        bound.fullAfter410(
          world.emu.calendar.liveEvents(CAL).length,
          changedCount(before, world.syncedView()),
        );
      },
    );
  } finally {
    world.close();
  }
}

/**
 * The same resync on a slow calendar (each list call takes `listLatencyMs`): the full sync cannot
 * finish in one run, so it must checkpoint and continue in the retry run without resending anything.
 */
export function resyncCheckpoint(s: Sizes['checkpoint']): WorkloadResult {
  const world = new BenchWorld();
  try {
    setUp(world, 505, s.events, s.conferences);
    return measure(
      world,
      'checkpoint',
      `410 on a ${s.events}-event calendar whose list calls take ${s.listLatencyMs / 1000} s: the full sync checkpoints`,
      { ...s },
      (bound) => {
        const before = world.syncedView();
        world.emu.calendar.invalidateSyncTokens(CAL);
        changeWhileInvalid(world, rng(5050), s.changed, 0, 0);
        setListLatency(world, s.listLatencyMs);
        world.deliver();
        world.advance(3600_000);
        bound.listMs = s.listLatencyMs;
        bound.fullAfter410(
          world.emu.calendar.liveEvents(CAL).length,
          changedCount(before, world.syncedView()),
        );
        bound.atLeastRuns(Math.ceil(bound.done().simMs / RUN_BUDGET_MS));
      },
    );
  } finally {
    world.close();
  }
}

/**
 * The emulator takes latencies only at creation (EmulatorOptions.latency), and the setup must run
 * at normal speed; so this reaches into the execution manager's latency table (a private field,
 * plain at run time) to slow the list calls of the measured phase only.
 */
function setListLatency(world: BenchWorld, ms: number): void {
  const latency = (world.emu.exec as unknown as { latency: Record<string, number> }).latency;
  latency['calendar.events.list'] = ms;
}

export function outage(s: Sizes['outage']): WorkloadResult {
  const world = new BenchWorld();
  try {
    setUp(world, 606, s.events, s.conferences);
    return measure(
      world,
      'outage',
      `vendor down (HTTP 500) for ${s.runs} runs of ${s.editsPerRun} synced edits each; then it recovers and the retry trigger drains`,
      { ...s },
      (bound) => {
        const before = world.syncedView();
        const r = rng(6060);
        world.vendor.faults.set({ mode: 'http500' });
        for (let run = 0; run < s.runs; run++) {
          for (let k = 0; k < s.editsPerRun; k++) {
            const ref = world.conferences[Math.floor(r() * world.conferences.length)]!;
            world.edit(ref.eventId, { summary: `Outage edit ${run}.${k}` });
          }
          const items = world.changedItems();
          world.deliver();
          bound.outageRun(items);
          world.advance(10_000); // edits arrive some seconds apart
        }
        world.vendor.faults.set({ mode: 'up' });
        // Recovery: the retry trigger's run (no calendar change) lists once and sends everything.
        bound.incremental(0, changedCount(before, world.syncedView()));
      },
    );
  } finally {
    world.close();
  }
}

export type WorkloadName = 'steady' | 'burst' | 'noise' | 'resync' | 'checkpoint' | 'outage';

export function runAll(sizes: Sizes, only?: WorkloadName[]): WorkloadResult[] {
  const all: Array<[WorkloadName, () => WorkloadResult]> = [
    ['steady', () => steadyState(sizes.steady)],
    ['burst', () => burst(sizes.burst)],
    ['noise', () => noise(sizes.noise)],
    ['resync', () => fullResync(sizes.resync)],
    ['checkpoint', () => resyncCheckpoint(sizes.checkpoint)],
    ['outage', () => outage(sizes.outage)],
  ];
  return all.filter(([n]) => !only || only.includes(n)).map(([, f]) => f());
}
