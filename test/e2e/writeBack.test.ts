import { at, createWorld, meetingWithConference, movingJoinUrl, type World } from './world';

const CAL = 'alice@example.com';

describe('writing a new join URL back to the event', () => {
  let world: World;
  afterEach(() => world.close());

  async function worldWithMovingJoinUrl(onPatch?: () => void) {
    world = await createWorld({ vendorAnswer: movingJoinUrl(onPatch) });
  }

  it('patches the event conditionally; the re-fire it causes sends nothing', async () => {
    await worldWithMovingJoinUrl();
    const { eventId } = meetingWithConference(world, CAL, {
      summary: 'a',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    world.settle();
    const video = world.emu.calendar
      .peek(CAL, eventId)
      ?.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video');
    expect(video?.uri).toMatch(/\?v=1$/);
    expect(world.vendor.requests().map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(world.emu.meter.get('calendar.events.patch')).toBe(1);
  });

  it('on 412 (the user edited meanwhile) re-reads the event and retries once, keeping the user’s edit', async () => {
    let edited = false;
    let eventId = '';
    await worldWithMovingJoinUrl(() => {
      if (!edited && eventId) {
        edited = true;
        world.emu.calendar.editEvent(CAL, eventId, { description: 'typed by the user meanwhile' });
      }
    });
    eventId = meetingWithConference(world, CAL, {
      summary: 'a',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    }).eventId;
    world.settle();
    const event = world.emu.calendar.peek(CAL, eventId)!;
    expect((event as { description?: string }).description).toBe('typed by the user meanwhile');
    expect(event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri).toMatch(
      /\?v=1$/,
    );
    expect(world.emu.meter.get('calendar.events.patch')).toBe(2); // one 412, one success
    expect(world.emu.meter.get('calendar.events.get')).toBeGreaterThanOrEqual(1);
  });
});
