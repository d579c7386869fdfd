import { createEmulator, type Emulator } from '../../emulator';
import { createVendorApp, type VendorApp } from '../../vendor-server/app';
import { acmeConferenceIdOf } from '../oracle/vendors';
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

/** Told about vendor requests as they arrive, before the vendor answers them (see `createModelWorld`). */
export interface VendorWatcher {
  /** A DELETE of `conferenceId` reached the vendor; `answered` is called with its status once answered. */
  deleteArrived?(conferenceId: string): ((status: number) => void) | undefined;
  /** The vendor made `conferenceId` (a 2xx answer to a create). */
  made?(conferenceId: string): void;
  /** After every request: the vendor's fault state may have changed (a counted fault used up). */
  answered?(): void;
}

/**
 * Issue 16 item 7's platform switches. They belong to the emulator (branch h-google adds them); the
 * model test names them here so the oracle can read them and the soak can vary them. Until the
 * emulator has them, turning one on throws (see `applySwitches`).
 */
export interface ModelSwitches {
  /** Calendar refuses a client's write of an add-on conference's conferenceData (a copy's write-back). */
  calendarRefusesConferenceWrites?: boolean;
  /** The script's own Calendar API writes fire its EventUpdated triggers (today: never). */
  apiWritesFireTriggers?: boolean;
  /**
   * Not the emulator's: the reference vendor cannot undo a delete (its trash off: every restore
   * answers 404), as a vendor without the port's optional `undoesDeletes` would behave (issue 22).
   */
  vendorCannotUndo?: boolean;
}

/**
 * The user's calendars with the role their calendar list gives them. The oracle's rule at a DELETE
 * looks at every calendar the user can edit (owner or writer), watched by the add-on or not.
 */
export const CALENDAR_ROLES: Record<(typeof CALENDARS)[number], 'owner' | 'writer'> = {
  'user@example.com': 'owner',
  'team@example.com': 'writer',
  'room@example.com': 'owner',
};

export interface ModelWorld {
  emu: Emulator;
  vendor: VendorApp;
  journal: VendorCall[];
  switches: ModelSwitches;
  /** Set by the runner: its oracle hears of every vendor request as it arrives. */
  watcher: VendorWatcher;
}

/**
 * A fresh emulator running the built bundle against the reference vendor, routed in-process. The
 * vendor's clock is the emulator's simulated clock, so everything is deterministic for a given seed.
 */
export function createModelWorld(
  options: {
    seed?: number;
    bundle?: string;
    apiKey?: string;
    sharedContext?: boolean;
    switches?: ModelSwitches;
  } = {},
): ModelWorld {
  let now: () => number = () => 0;
  const journal: VendorCall[] = [];
  const watcher: VendorWatcher = {};
  const vendor = createVendorApp({
    apiKey: API_KEY,
    idSeed: options.seed ?? 1,
    now: () => now(),
    ...(options.switches?.vendorCannotUndo ? { trashDays: 0 } : {}),
  });
  const emu = createEmulator({
    scriptProperties: { CONFERENCE_API_BASE_URL: BASE_URL, CONFERENCE_API_KEY: options.apiKey ?? API_KEY },
    routes: {
      [VENDOR_HOST]: {
        kind: 'inprocess',
        handle: (req) => {
          const call: VendorCall = { method: req.method.toUpperCase(), path: req.path, status: 0 };
          journal.push(call);
          // The oracle judges a DELETE on the calendars as they are when it arrives, before it is
          // answered (a refused or failed DELETE was still meant to kill the conference).
          const answered =
            call.method === 'DELETE' ? watcher.deleteArrived?.(acmeConferenceIdOf(req.path)) : undefined;
          let res: ReturnType<VendorApp['handle']>;
          try {
            res = vendor.handle({
              ...req,
              headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
            });
          } catch (refused) {
            answered?.(0);
            watcher.answered?.();
            throw refused;
          }
          call.status = res.status;
          answered?.(res.status);
          if (call.method === 'POST' && res.status >= 200 && res.status < 300) {
            try {
              const b = JSON.parse(req.body) as { calendarId: string; eventId: string; solutionId: string };
              call.triple = `${b.calendarId} / ${b.eventId} / ${b.solutionId}`;
              call.createdId = (JSON.parse(res.body) as { id: string }).id;
              watcher.made?.(call.createdId);
            } catch {
              // not JSON: the add-on deals with it
            }
          }
          watcher.answered?.();
          return res;
        },
      },
    },
    seed: options.seed ?? 1,
    sharedContext: options.sharedContext,
  });
  now = () => emu.clock.now();
  // The user's other calendars exist before the sequence starts (the primary one always does).
  for (const cal of CALENDARS.slice(1)) emu.calendar.addCalendar(cal, CALENDAR_ROLES[cal]);
  const switches = { ...options.switches };
  applySwitches(emu, switches);
  emu.load(options.bundle ?? 'dist/Code.js');
  return { emu, vendor, journal, switches, watcher };
}

/** How a run of many sequences sets the switches: all off, one setting for all, or varied by seed. */
export type SwitchMode = 'off' | 'refuse' | 'fire' | 'both' | 'vary';
export const SWITCH_MODES: readonly SwitchMode[] = ['off', 'refuse', 'fire', 'both', 'vary'];

/** The switches of sequence `seed` under `mode` ('vary': the seed's two low bits pick them). */
export function switchesFor(mode: SwitchMode, seed: number): ModelSwitches {
  const bits = mode === 'vary' ? seed & 3 : { off: 0, refuse: 1, fire: 2, both: 3 }[mode];
  return {
    ...(bits & 1 ? { calendarRefusesConferenceWrites: true } : {}),
    ...(bits & 2 ? { apiWritesFireTriggers: true } : {}),
  };
}

/** Whether the vendor can undo a delete: yes, no, or varied by seed. */
export type UndoMode = 'on' | 'off' | 'vary';
export const UNDO_MODES: readonly UndoMode[] = ['on', 'off', 'vary'];

/**
 * The vendor switch of sequence `seed` under `mode` ('vary': the seed's third bit, independent of the
 * two `switchesFor` reads, so every combination is played).
 */
export function undoFor(mode: UndoMode, seed: number): ModelSwitches {
  const cannot = mode === 'off' || (mode === 'vary' && (seed & 4) !== 0);
  return cannot ? { vendorCannotUndo: true } : {};
}

/** Whether this emulator has both of issue 16 item 7's switches (branch h-google merged). */
export function emulatorHasSwitches(): boolean {
  const world = createModelWorld({ seed: 1 });
  try {
    return 'addOnConferenceWrites' in world.emu.calendar && 'apiWritesFireTriggers' in world.emu;
  } finally {
    world.emu.close();
  }
}

/**
 * Where issue 16 item 7's emulator switches are wired in. Branch h-google adds them to the emulator as
 * settable properties (`emu.apiWritesFireTriggers`, `emu.calendar.addOnConferenceWrites = 'refuse'`);
 * until that branch is merged, asking for one fails loudly instead of silently testing the default.
 */
function applySwitches(emu: Emulator, switches: ModelSwitches): void {
  const platform = emu as unknown as { apiWritesFireTriggers?: boolean };
  const calendar = emu.calendar as unknown as { addOnConferenceWrites?: 'accept' | 'refuse' };
  if (switches.calendarRefusesConferenceWrites) {
    if (!('addOnConferenceWrites' in calendar))
      throw new Error('model world: this emulator has no addOnConferenceWrites switch (branch h-google)');
    calendar.addOnConferenceWrites = 'refuse';
  }
  if (switches.apiWritesFireTriggers) {
    if (!('apiWritesFireTriggers' in platform))
      throw new Error('model world: this emulator has no apiWritesFireTriggers switch (branch h-google)');
    platform.apiWritesFireTriggers = true;
  }
}
