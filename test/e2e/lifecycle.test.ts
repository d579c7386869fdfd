import { at, createWorld, meetingWithConference, type World } from './world';

const CAL = 'alice@example.com';

describe('conference lifecycle on the built bundle', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(() => world.close());

  it('creates a conference for an unsaved event, then fills in title and time on the first sync', () => {
    const { eventId, conferenceId } = meetingWithConference(world, CAL, {
      summary: 'Kickoff',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    expect(world.takeVendorCalls()).toEqual(['POST /conferences 201']);
    const created = world.vendor.conference(conferenceId)!;
    expect(created.eventId).toBe(eventId);
    expect(created.title).toBeNull();

    world.settle();
    expect(world.takeVendorCalls()).toEqual([`PATCH /conferences/${conferenceId} 200`]);
    expect(world.vendor.conference(conferenceId)).toMatchObject({
      title: 'Kickoff',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    // A re-fire with nothing new costs no vendor call.
    world.emu.calendar.editEvent(CAL, eventId, { description: 'agenda' });
    world.settle();
    expect(world.takeVendorCalls()).toEqual([]);
  });
});
