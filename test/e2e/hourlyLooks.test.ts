import { at, createWorld, meetingWithConference, userProps, type World } from './world';

/**
 * Issue 24: the hourly run lists a calendar only where something can have changed unseen: something
 * pending, one of our meetings in it starting within 2 hours, or no complete look for 12 hours
 * (docs/capacity.md). A calendar trigger that never fired is what those looks are for: the change
 * still reaches the vendor. (In the emulator a change reaches the trigger only through `settle()`: one
 * made and never settled is a trigger that did not fire.)
 */

const CAL = 'alice@example.com';
const HOUR = 3600_000;

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const watched = (world: World) => Object.keys(userProps(world)).filter((k) => k.startsWith('c:')).length;
const lists = (world: World) => world.emu.meter.get('calendar.events.list');

describe('what the hourly run lists (issue 24)', () => {
  let world: World;
  afterEach(() => world.close());

  it('an unchanged calendar is listed at most every 12 hours; a change whose trigger never fired reaches the vendor within 12 hours', async () => {
    world = await createWorld();
    const m = meetingWithConference(world, CAL, {
      summary: 'Planning',
      start: at('2026-12-20T10:00:00Z'),
      end: at('2026-12-20T11:00:00Z'),
    });
    world.settle();
    world.emu.advance(13 * HOUR);
    const before = lists(world);
    world.emu.advance(24 * HOUR);
    expect(lists(world) - before).toBeLessThanOrEqual(2 * watched(world)); // was 24 per calendar
    world.takeVendorCalls();
    world.emu.calendar.editEvent(CAL, m.eventId, { summary: 'Planning, renamed' }); // its trigger never fires
    world.emu.advance(12 * HOUR + 10 * 60_000);
    expect(world.takeVendorWrites()).toEqual([`PATCH /conferences/${m.conferenceId} 200`]);
    expect(world.vendor.conference(m.conferenceId)?.title).toBe('Planning, renamed');
  });

  it('a meeting of ours starting within 2 hours: its calendar is looked at before it starts, so a change whose trigger never fired is there in time', async () => {
    world = await createWorld();
    const start = world.emu.clock.now() + 9 * HOUR + 30 * 60_000;
    const m = meetingWithConference(world, CAL, {
      summary: 'Review',
      start: at(iso(start)),
      end: at(iso(start + HOUR)),
    });
    world.settle();
    world.emu.advance(HOUR);
    world.takeVendorCalls();
    world.emu.calendar.editEvent(CAL, m.eventId, { summary: 'Review, renamed' }); // its trigger never fires
    world.emu.advance(start - 2 * HOUR - world.emu.clock.now());
    expect(world.takeVendorWrites()).toEqual([]); // nothing pending, looked at less than 12 hours ago
    world.emu.advance(2 * HOUR - 10 * 60_000); // 10 minutes before it starts
    expect(world.takeVendorWrites()).toEqual([`PATCH /conferences/${m.conferenceId} 200`]);
    expect(world.vendor.conference(m.conferenceId)?.title).toBe('Review, renamed');
  });
});
