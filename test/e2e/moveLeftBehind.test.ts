import { afterSettle, at, createWorld, meetingWithConference, type World } from './world';

/*
 * Events resource, `status`: "If an event changes its organizer (for example via the move operation) and
 * the original organizer is not on the attendee list, it will leave behind a cancelled event where only
 * the id field is guaranteed to be populated." When the organizer is an attendee the emulator leaves a
 * cancelled entry that keeps its details (ASSUMPTION, docs/google-fidelity.md). Either way the built add-on
 * must not read the entry left behind as "the meeting was deleted".
 */
const CAL = 'alice@example.com';
const TEAM = 'team@group.calendar.google.com';

let world: World;
afterEach(() => world.close());

describe('a meeting moved to another calendar, whatever the source keeps (built bundle)', () => {
  it.each([
    ['not on the attendee list (only the id is guaranteed)', [{ email: 'bob@example.com' }]],
    [
      'on the attendee list (ASSUMPTION: the cancelled entry keeps its details)',
      [{ email: CAL, organizer: true, responseStatus: 'accepted' }, { email: 'bob@example.com' }],
    ],
  ])('original organizer %s: the conference lives on and follows the meeting', async (_case, attendees) => {
    world = await createWorld();
    world.emu.calendar.addCalendar(TEAM);
    const { eventId, conferenceId } = meetingWithConference(world, CAL, {
      summary: 'Planning',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
      attendees,
    });
    world.settle();
    world.takeVendorWrites();
    world.emu.calendar.moveEvent(CAL, eventId, TEAM);
    world.settle();
    world.emu.advance(26 * 3600_000); // hourly runs and the daily check
    expect(world.takeVendorWrites()).toEqual([]);
    expect(world.vendor.conference(conferenceId)).toBeDefined();
    world.emu.calendar.editEvent(TEAM, eventId, { summary: 'Planning (team)' });
    world.settle();
    expect(world.takeVendorWrites()).toEqual([`PATCH /conferences/${conferenceId} 200`]);
    world.emu.ui.deleteEvent(TEAM, eventId);
    afterSettle(world); // a cancelled event may have moved: the DELETE waits the settle
    expect(world.takeVendorWrites()).toEqual([`DELETE /conferences/${conferenceId} 204`]);
  });
});
