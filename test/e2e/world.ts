import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, type Emulator, type EmulatorOptions, type TriggerRun } from '../../emulator';
import type { CalendarEvent } from '../../emulator/calendar/types';
import { type ConferenceRecord, decodeRecord } from '../../src/conference/lifecycle';
import {
  createVendorApp,
  type VendorApp,
  type VendorRequest,
  type VendorResponse,
} from '../../vendor-server/app';
import { startVendorWorker, type VendorHandle } from '../../vendor-server/worker';
import { createZoomApp, type ZoomApp } from '../../vendor-server/zoomApp';

import { VENDOR_TARGETS, type VendorKind } from '../../vendor-server/zoomWorker';

export type { VendorKind };

export interface WorldOptions {
  http?: boolean;
  /** The in-process vendor's trash (days a deleted conference can be restored; 0 = never). */
  vendorTrashDays?: number;
  /**
   * `false`: a vendor that cannot undo a delete (the vendor port makes undo optional): the Acme
   * server's trash off (restore answers 404), Zoom's recover off (404). Default: it can.
   */
  vendorUndo?: boolean;
  scriptProperties?: Record<string, string>;
  emulator?: EmulatorOptions;
  /** Rewrites the in-process vendor's answers: a vendor that behaves unlike the reference one. */
  vendorAnswer?: (req: VendorRequest, res: VendorResponse) => VendorResponse;
}

export const VENDOR_HOST = 'conference.example.com';
export const API_KEY = 'test-key-not-a-secret';
export const BASE_URL = `https://${VENDOR_HOST}/`;

export interface World<App = VendorApp> {
  kind: VendorKind;
  emu: Emulator;
  /** The in-process vendor (its state is also what the HTTP process would hold in `remote`). */
  vendor: App;
  /** With `{ http: true }`: the vendor server process on 127.0.0.1 the add-on talks to. */
  remote?: VendorHandle;
  /** Vendor API calls (no admin calls) received since the last `takeVendorCalls()`. */
  takeVendorCalls(): string[];
  /**
   * Like `takeVendorCalls()`, without the reads (GET): the hourly run's audit reads upcoming meetings
   * (issue 17), which tests of what the sync sends leave aside.
   */
  takeVendorWrites(): string[];
  /** Runs every pending calendar trigger until quiet; returns the trigger runs. */
  settle(): ReturnType<Emulator['settle']>;
  close(): Promise<void>;
}

/**
 * The built bundle in the emulator, talking to the reference vendor server: in-process by default
 * (fast, synchronous), or over real HTTP on 127.0.0.1 with `{ http: true }`. `vendor: 'zoom'` loads
 * the add-on built on the Zoom adapter and talks to the Zoom-shaped reference server.
 */
export async function createWorld(options?: WorldOptions & { vendor?: 'acme' }): Promise<World>;
export async function createWorld(options: WorldOptions & { vendor: 'zoom' }): Promise<World<ZoomApp>>;
export async function createWorld(
  options: WorldOptions & { vendor?: VendorKind } = {},
): Promise<World<VendorApp | ZoomApp>> {
  const kind = options.vendor ?? 'acme';
  const noUndo = options.vendorUndo === false ? 0 : undefined;
  const trashDays = options.vendorTrashDays ?? noUndo;
  const vendor: VendorApp | ZoomApp =
    kind === 'zoom'
      ? createZoomApp({ apiKey: API_KEY, idSeed: 42, ...(noUndo === undefined ? {} : { recoverDays: 0 }) })
      : createVendorApp({ apiKey: API_KEY, idSeed: 42, ...(trashDays === undefined ? {} : { trashDays }) });
  let remote: VendorHandle | undefined;
  let route: NonNullable<EmulatorOptions['routes']>[string];
  if (options.http) {
    remote = await startVendorWorker({
      apiKey: API_KEY,
      dataFile: join(mkdtempSync(join(tmpdir(), 'vendor-')), 'conferences.json'),
      cliPath: VENDOR_TARGETS[kind].cliPath,
    });
    route = { kind: 'http', target: remote.url };
  } else {
    // Like an HTTP server, the vendor sees lower-case header names.
    const answer = options.vendorAnswer ?? ((_req: VendorRequest, res: VendorResponse) => res);
    route = {
      kind: 'inprocess',
      handle: (req: VendorRequest) =>
        answer(
          req,
          vendor.handle({
            ...req,
            headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
          }),
        ),
    };
  }
  const emu = createEmulator({
    scriptProperties: options.scriptProperties ?? {
      CONFERENCE_API_BASE_URL: BASE_URL,
      CONFERENCE_API_KEY: API_KEY,
    },
    routes: { [VENDOR_HOST]: route },
    seed: 7,
    ...options.emulator,
  });
  emu.load(VENDOR_TARGETS[kind].bundlePath);
  let seen = 0;
  const takeVendorCalls = () => {
    const fresh = vendor.requests().slice(seen);
    seen += fresh.length;
    return fresh.map((r) => `${r.method} ${r.path} ${r.status}`);
  };
  return {
    kind,
    emu,
    vendor,
    ...(remote ? { remote } : {}),
    takeVendorCalls,
    takeVendorWrites: () => takeVendorCalls().filter((c) => !c.startsWith('GET ')),
    settle: () => emu.settle(),
    async close() {
      emu.close();
      await remote?.close();
    },
  };
}

export const at = (iso: string) => ({ dateTime: iso, timeZone: 'UTC' });

/**
 * A vendor that moves a meeting to a new join URL whenever it is patched (`?v=<n>` added), for
 * `vendorAnswer`; `onPatch` runs as each such answer is sent.
 */
export function movingJoinUrl(onPatch?: () => void): NonNullable<WorldOptions['vendorAnswer']> {
  let patches = 0;
  return (req, res) => {
    if (req.method !== 'PATCH' || res.status !== 200) return res;
    patches++;
    onPatch?.();
    const body = JSON.parse(res.body);
    return { ...res, body: JSON.stringify({ ...body, joinUrl: `${body.joinUrl}?v=${patches}` }) };
  };
}

/** Creates an event with our conference the way a user does: pick the solution, then save. */
export function meetingWithConference(
  world: World,
  calendarId: string,
  fields: CalendarEvent,
  solutionId = 'acme-web',
): { eventId: string; conferenceId: string } {
  const eventId = world.emu.ui.newEventId();
  const added = world.emu.ui.addConference({ calendarId, eventId, solutionId });
  if (!added.ok) throw new Error(`conference not created: ${JSON.stringify(added.error)}`);
  world.emu.ui.saveEvent(calendarId, eventId, fields);
  return { eventId, conferenceId: added.conferenceData.conferenceId! };
}

/** The user's property store (where the add-on keeps its state), as a plain object. */
export function userProps(world: World): Record<string, string> {
  return Object.fromEntries(world.emu.properties.stores.user.entries());
}

/** The conference records the add-on stored (decoded from its `k:` shards). */
export function storedRecords(world: World): ConferenceRecord[] {
  return Object.entries(userProps(world))
    .filter(([k]) => k.startsWith('k:'))
    .flatMap(([, v]) => v.split('\n').filter(Boolean))
    .map((line) => decodeRecord(line))
    .filter((r): r is ConferenceRecord => r !== null);
}

/** A saved meeting with our conference, already synced; the vendor call log is cleared. */
export function syncedMeeting(world: World, calendarId: string, summary = 'Planning') {
  const m = meetingWithConference(world, calendarId, {
    summary,
    start: at('2026-11-24T10:00:00Z'),
    end: at('2026-11-24T11:00:00Z'),
  });
  world.settle();
  world.takeVendorCalls();
  return m;
}

/** The add-on's stored meta of the (only, or first) watched calendar: token, checkpoint, last run. */
export function calendarMeta(world: World) {
  const entry = Object.entries(userProps(world)).find(([k]) => k.startsWith('c:'));
  if (!entry) throw new Error('no calendar is watched');
  return JSON.parse(entry[1]);
}

/** `count` meetings with our conference, saved, all at the same time (not yet synced). */
export function meetings(world: World, calendarId: string, count: number) {
  return Array.from({ length: count }, (_, i) =>
    meetingWithConference(world, calendarId, {
      summary: `m${i}`,
      start: at('2026-11-25T10:00:00Z'),
      end: at('2026-11-25T11:00:00Z'),
    }),
  );
}

/** `count` plain events (no conference) added through the calendar, as other people's edits. */
export function plainEvents(world: World, calendarId: string, count: number, label = 'bulk') {
  for (let i = 0; i < count; i++) {
    world.emu.calendar.putEvent(calendarId, {
      summary: `${label} ${i}`,
      start: at('2026-11-26T10:00:00Z'),
      end: at('2026-11-26T11:00:00Z'),
    });
  }
}

/** How long a conference whose last event was cancelled waits before the delete gate (src/sync/decide.ts). */
export const SETTLE_MS = 10 * 60_000;

/**
 * After an event of ours was cancelled (deleted, or moved away: a cancelled entry only says "not here
 * any more"): delivers the pending calendar triggers, lets the 10-minute settle pass, then runs the
 * first sync after it that needs no calendar change, the hourly `safetyNetSync`, whose delete gate
 * lists every calendar the user can edit and deletes what no live event carries. Returns every run.
 */
export function afterSettle(world: { emu: Emulator }): TriggerRun[] {
  const runs = world.emu.settle();
  runs.push(...world.emu.advance(SETTLE_MS + 1000));
  for (let minute = 0; minute < 60; minute++) {
    const fired = world.emu.advance(60_000);
    runs.push(...fired);
    if (fired.length > 0) return runs;
  }
  throw new Error('no time-based run within the hour after the settle');
}
