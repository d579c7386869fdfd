import { createEmulator, type Emulator } from '../../emulator';
import { createVendorApp, type VendorApp } from '../../vendor-server/app';
import { CALENDARS } from './ops';

export const VENDOR_HOST = 'conference.example.com';
export const API_KEY = 'model-test-key';
export const BASE_URL = `https://${VENDOR_HOST}/`;

/** A vendor API call as the add-on saw it (request and answer), for the oracle's create check. */
export interface VendorCall {
  method: string;
  path: string;
  status: number;
  /** `calendarId / eventId / solutionId` of a create. */
  triple?: string;
  /** Conference id in a 2xx answer to a create. */
  createdId?: string;
}

export interface ModelWorld {
  emu: Emulator;
  vendor: VendorApp;
  journal: VendorCall[];
}

/**
 * A fresh emulator running the built bundle against the reference vendor, routed in-process. The
 * vendor's clock is the emulator's simulated clock, so everything is deterministic for a given seed.
 */
export function createModelWorld(
  options: { seed?: number; bundle?: string; apiKey?: string; sharedContext?: boolean } = {},
): ModelWorld {
  let now: () => number = () => 0;
  const journal: VendorCall[] = [];
  const vendor = createVendorApp({ apiKey: API_KEY, idSeed: options.seed ?? 1, now: () => now() });
  const emu = createEmulator({
    scriptProperties: { CONFERENCE_API_BASE_URL: BASE_URL, CONFERENCE_API_KEY: options.apiKey ?? API_KEY },
    routes: {
      [VENDOR_HOST]: {
        kind: 'inprocess',
        handle: (req) => {
          const call: VendorCall = { method: req.method.toUpperCase(), path: req.path, status: 0 };
          journal.push(call);
          const res = vendor.handle({
            ...req,
            headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
          });
          call.status = res.status;
          if (call.method === 'POST' && res.status >= 200 && res.status < 300) {
            try {
              const b = JSON.parse(req.body) as { calendarId: string; eventId: string; solutionId: string };
              call.triple = `${b.calendarId} / ${b.eventId} / ${b.solutionId}`;
              call.createdId = (JSON.parse(res.body) as { id: string }).id;
            } catch {
              // not JSON: the add-on deals with it
            }
          }
          return res;
        },
      },
    },
    seed: options.seed ?? 1,
    sharedContext: options.sharedContext,
  });
  now = () => emu.clock.now();
  // The user's other calendars exist before the sequence starts (the primary one always does).
  for (const cal of CALENDARS.slice(1)) emu.calendar.addCalendar(cal);
  emu.load(options.bundle ?? 'dist/Code.js');
  return { emu, vendor, journal };
}
