import type { TriggerRun } from '../../emulator';
import {
  afterSettle,
  at,
  createWorld,
  movingJoinUrl,
  syncedMeeting,
  type World,
  type WorldOptions,
} from './world';

/*
 * The add-on's write-backs (Events.patch with conferenceDataVersion=1) under the two emulator switches
 * for what Google leaves open (docs/google-fidelity.md):
 * - apiWritesFireTriggers: "Script executions and API requests don't cause triggers to run"
 *   (installable-triggers guide) is a general rule; the conferencing sync guide only says EventUpdated
 *   triggers fire "when a user creates, modifies, or deletes any event". If the add-on's own write does
 *   fire its trigger, that run must be a no-op: no vendor call, no further write, no loop.
 * - addOnConferenceWrites: conferenceDataVersion "Version 1 enables support for copying of ConferenceData
 *   as well as for creating new conferences using the createRequest field"; writing a new third-party
 *   conference id is undocumented. If Calendar refuses it, the add-on must stay safe (no dead link).
 */
const CAL = 'alice@example.com';

let world: World;
afterEach(() => world.close());

/** Runs every pending trigger until quiet; fails if the add-on keeps re-triggering itself. */
function settleQuietly(): TriggerRun[] {
  const runs = world.settle();
  expect(world.emu.pendingCalendarChanges()).toEqual([]);
  expect(runs.every((r) => r.outcome === 'ok')).toBe(true);
  return runs;
}

/** A synced meeting deleted, synced past the settle, then restored from the trash: what the restore's runs did. */
async function restoredMeeting(options: WorldOptions) {
  world = await createWorld(options);
  const { eventId, conferenceId } = syncedMeeting(world, CAL);
  world.emu.ui.deleteEvent(CAL, eventId);
  settleQuietly();
  afterSettle(world); // restored later than the settle: the DELETE went out first
  expect(world.takeVendorWrites()).toEqual([`DELETE /conferences/${conferenceId} 204`]);
  world.takeVendorCalls();
  world.emu.calendar.restoreEvent(CAL, eventId);
  const runs = settleQuietly().length;
  const carried = world.emu.calendar.peek(CAL, eventId)?.conferenceData?.conferenceId;
  const live = world.vendor.conferences().map((c) => c.id);
  return { calls: world.takeVendorCalls(), runs, result: { carried, live, conferenceId } };
}

/** The same scenario with the script's writes firing triggers or not: same vendor calls, at most one more run. */
async function bothWays<T>(
  scenario: (fire: boolean) => Promise<{ calls: string[]; runs: number; result: T }>,
) {
  const quiet = await scenario(false);
  await world.close();
  const firing = await scenario(true);
  expect(firing.calls).toEqual(quiet.calls);
  expect(firing.runs).toBeGreaterThanOrEqual(quiet.runs);
  expect(firing.runs).toBeLessThanOrEqual(quiet.runs + 1); // one no-op run for the add-on's own write
  return { quiet, firing };
}

describe('write-backs work whether or not the script’s own Calendar writes fire its trigger', () => {
  it.each(['accept', 'refuse'] as const)(
    'a copy gets its own conference written back (Calendar %ss the new id): same vendor calls either way',
    async (writes) => {
      const { quiet, firing } = await bothWays(async (fire) => {
        world = await createWorld({
          emulator: { apiWritesFireTriggers: fire, calendar: { addOnConferenceWrites: writes } },
        });
        const { eventId, conferenceId } = syncedMeeting(world, CAL);
        const copy = world.emu.calendar.duplicateEvent(CAL, eventId);
        const runs = settleQuietly().length;
        const onCopy = world.emu.calendar.peek(CAL, copy.id!)?.conferenceData?.conferenceId;
        const live = world.vendor.conferences().map((c) => c.id);
        expect(live).toContain(conferenceId);
        expect(live).toContain(onCopy); // never a dead link on the copy
        return { calls: world.takeVendorCalls(), runs, result: { conferenceId, onCopy } };
      });
      // The written copy fires one more (no-op) run; a refused write changes nothing, so fires nothing.
      expect(firing.runs).toBe(quiet.runs + (writes === 'accept' ? 1 : 0));
      if (writes === 'accept') {
        expect(quiet.calls).toEqual(['POST /conferences 201']);
        expect(quiet.result.onCopy).not.toBe(quiet.result.conferenceId);
      } else {
        // Refused: the new conference nobody carries is taken back; the copy shares the original's.
        expect(quiet.calls).toEqual([
          'POST /conferences 201',
          expect.stringMatching(/^DELETE \/conferences\/\S+ 204$/),
        ]);
        expect(quiet.result.onCopy).toBe(quiet.result.conferenceId);
      }
    },
  );

  it.each(['accept', 'refuse'] as const)(
    'a meeting restored from the trash, the vendor still holding it (Calendar %ss new ids): the same conference back, nothing written',
    async (writes) => {
      const { quiet, firing } = await bothWays(async (fire) => {
        return restoredMeeting({
          emulator: { apiWritesFireTriggers: fire, calendar: { addOnConferenceWrites: writes } },
        });
      });
      expect(firing.runs).toBe(quiet.runs); // no write, so nothing for a trigger to fire on
      expect(quiet.calls).toEqual([`POST /conferences/${quiet.result.conferenceId}/restore 200`]);
      expect(quiet.result.carried).toBe(quiet.result.conferenceId);
      expect(quiet.result.live).toEqual([quiet.result.conferenceId]);
    },
  );

  it.each(['accept', 'refuse'] as const)(
    'a meeting restored after the vendor emptied its trash (Calendar %ss the new id): same vendor calls either way, no dead link',
    async (writes) => {
      const { quiet, firing } = await bothWays(async (fire) => {
        return restoredMeeting({
          vendorTrashDays: 0,
          emulator: { apiWritesFireTriggers: fire, calendar: { addOnConferenceWrites: writes } },
        });
      });
      expect(firing.runs).toBe(quiet.runs + (writes === 'accept' ? 1 : 0));
      const tried = expect.stringMatching(/^POST \/conferences\/\S+\/restore 404$/);
      if (writes === 'accept') {
        expect(quiet.calls).toEqual([tried, 'POST /conferences 201']);
        expect(quiet.result.live).toEqual([quiet.result.carried]);
      } else {
        // Refused: the event keeps its old (deleted) conference and the add-on records it as lost (the
        // event card asks to add it again); the new one nobody carries is taken back.
        expect(quiet.calls).toEqual([
          tried,
          'POST /conferences 201',
          expect.stringMatching(/^DELETE \/conferences\/\S+ 204$/),
        ]);
        expect(quiet.result.live).toEqual([]);
      }
    },
  );

  it('a new join URL from the vendor is written back once; a run fired by that write sends nothing', async () => {
    const { quiet, firing } = await bothWays(async (fire) => {
      world = await createWorld({ vendorAnswer: movingJoinUrl(), emulator: { apiWritesFireTriggers: fire } });
      const { eventId } = syncedMeeting(world, CAL);
      world.takeVendorCalls();
      world.emu.calendar.editEvent(CAL, eventId, {
        start: at('2026-11-24T12:00:00Z'),
        end: at('2026-11-24T13:00:00Z'),
      });
      const patchesBefore = world.emu.meter.get('calendar.events.patch');
      const runs = settleQuietly().length;
      const video = world.emu.calendar
        .peek(CAL, eventId)
        ?.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video');
      expect(world.emu.meter.get('calendar.events.patch') - patchesBefore).toBe(1);
      return { calls: world.takeVendorWrites(), runs, result: video?.uri };
    });
    expect(firing.runs).toBe(quiet.runs + 1);
    expect(quiet.calls).toEqual([expect.stringMatching(/^PATCH \/conferences\/\S+ 200$/)]);
    expect(quiet.result).toMatch(/\?v=\d+$/);
  });
});
