import { at, createWorld, meetingWithConference, type World } from './world';

/*
 * "Each add-on can only have one trigger of each type, per user, per document."
 * (developers.google.com/workspace/add-ons/concepts/editor-triggers, "Restrictions" of installable triggers
 * in add-ons; the Workspace add-on triggers page says the same of manifest triggers.) For a Google
 * Workspace add-on's installable triggers Google is silent, so the emulator refuses a second trigger of a
 * type by default (switch `oneTriggerPerType`): one time-driven trigger per user, one EventUpdated trigger
 * per user and calendar. The built add-on must never ask for a second one, whatever happens to its
 * triggers (disabled by the platform, replaced by the daily check).
 */
const CAL = 'alice@example.com';
const TEAM = 'team@group.calendar.google.com';
const HOUR = 3_600_000;

/** Triggers the user sees, by kind: time-driven, and calendar triggers per calendar. */
function visibleTriggers(world: World) {
  const visible = world.emu.triggers.list().filter((t) => !t.disabled || t.listed);
  const perCalendar = new Map<string, number>();
  for (const t of visible.filter((x) => x.eventType === 'ON_EVENT_UPDATED'))
    perCalendar.set(t.sourceId!, (perCalendar.get(t.sourceId!) ?? 0) + 1);
  return { clock: visible.filter((t) => t.eventType === 'CLOCK').length, perCalendar };
}

function expectOneOfEachType(world: World) {
  const { clock, perCalendar } = visibleTriggers(world);
  expect(clock).toBeLessThanOrEqual(1);
  for (const n of perCalendar.values()) expect(n).toBe(1);
  expect(world.emu.triggers.refusals).toEqual([]);
}

describe('one trigger of each type per user (built bundle, emulator oneTriggerPerType on)', () => {
  it.each([false, true])(
    'the add-on never asks for a second time-driven or calendar trigger, through days of runs, platform-disabled triggers and daily replacement (disabled still listed: %s)',
    async (listed) => {
      const world = await createWorld({ emulator: { disabledTriggersListed: listed } });
      world.emu.calendar.addCalendar(TEAM);
      const a = meetingWithConference(world, CAL, {
        summary: 'a',
        start: at('2026-11-24T10:00:00Z'),
        end: at('2026-11-24T11:00:00Z'),
      });
      const b = meetingWithConference(world, TEAM, {
        summary: 'b',
        start: at('2026-11-24T10:00:00Z'),
        end: at('2026-11-24T11:00:00Z'),
      });
      world.settle();
      expectOneOfEachType(world);
      for (let day = 0; day < 3; day++) {
        // The platform disables the hourly trigger and one calendar trigger; the daily check replaces them.
        const safetyNet = world.emu.triggers.list().find((t) => t.eventType === 'CLOCK' && !t.disabled);
        if (safetyNet) world.emu.triggers.disable(safetyNet.uid);
        const calTrigger = world.emu.triggers.list().find((t) => t.sourceId === CAL && !t.disabled)!;
        world.emu.triggers.disable(calTrigger.uid);
        for (let h = 0; h < 25; h++) {
          world.emu.calendar.editEvent(TEAM, b.eventId, { summary: `b day ${day} hour ${h}` });
          world.settle();
          world.emu.advance(HOUR);
          expectOneOfEachType(world);
        }
      }
      const enabled = world.emu.triggers.list().filter((t) => !t.disabled);
      expect(enabled.filter((t) => t.eventType === 'CLOCK').map((t) => t.handler)).toEqual(['safetyNetSync']);
      expect(
        enabled
          .filter((t) => t.eventType === 'ON_EVENT_UPDATED')
          .map((t) => t.sourceId)
          .sort(),
      ).toEqual([CAL, TEAM, 'user@example.com'].sort()); // and every other calendar the user can edit
      // And the meetings are still followed: an edit in the calendar whose trigger was disabled arrives.
      world.emu.calendar.editEvent(CAL, a.eventId, { summary: 'a, three days later' });
      world.settle();
      expect(world.vendor.conference(a.conferenceId)?.title).toBe('a, three days later');
      await world.close();
    },
  );
});
