import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import type { CalendarEvent } from '../../emulator/calendar/types';
import { createVendorApp, type VendorApp } from '../../vendor-server/app';
import { startVendorServer } from '../../vendor-server/server';

export const VENDOR_HOST = 'conference.example.com';
export const API_KEY = 'test-key-not-a-secret';
export const BASE_URL = `https://${VENDOR_HOST}/`;

export interface World {
  emu: Emulator;
  vendor: VendorApp;
  /** Vendor API calls (no admin calls) received since the last `takeVendorCalls()`. */
  takeVendorCalls(): string[];
  /** Runs every pending calendar trigger until quiet; returns the trigger runs. */
  settle(): ReturnType<Emulator['settle']>;
  close(): Promise<void>;
}

/**
 * The built bundle in the emulator, talking to the reference vendor server: in-process by default
 * (fast, synchronous), or over real HTTP on 127.0.0.1 with `{ http: true }`.
 */
export async function createWorld(
  options: { http?: boolean; scriptProperties?: Record<string, string>; emulator?: EmulatorOptions } = {},
): Promise<World> {
  const vendor = createVendorApp({ apiKey: API_KEY, idSeed: 42 });
  let server: Awaited<ReturnType<typeof startVendorServer>> | undefined;
  let route: NonNullable<EmulatorOptions['routes']>[string];
  if (options.http) {
    server = await startVendorServer({ app: vendor, port: 0 });
    route = { kind: 'http', target: server.url };
  } else {
    // Like an HTTP server, the vendor sees lower-case header names.
    route = {
      kind: 'inprocess',
      handle: (req) =>
        vendor.handle({
          ...req,
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
        }),
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
  emu.load('dist/Code.js');
  let seen = 0;
  return {
    emu,
    vendor,
    takeVendorCalls() {
      const all = vendor.requests();
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh.map((r) => `${r.method} ${r.path} ${r.status}`);
    },
    settle: () => emu.settle(),
    async close() {
      emu.close();
      await server?.close();
    },
  };
}

export const at = (iso: string) => ({ dateTime: iso, timeZone: 'UTC' });

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
