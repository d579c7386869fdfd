import { afterSettle, at, createWorld, meetingWithConference, type World } from './world';

describe('the bundle talks to the reference vendor server over real HTTP on 127.0.0.1', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ http: true });
  });
  afterAll(() => world.close());

  it('creates, patches and deletes a conference with real requests', async () => {
    const cal = 'http@example.com';
    const { eventId, conferenceId } = meetingWithConference(world, cal, {
      summary: 'Over the wire',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T10:30:00Z'),
    });
    world.settle();
    expect((await world.remote!.conferences()).find((c) => c.id === conferenceId)).toMatchObject({
      title: 'Over the wire',
    });
    world.emu.ui.deleteEvent(cal, eventId);
    afterSettle(world); // the DELETE waits the settle (a cancelled event may have moved), then the hourly run
    const log = (await world.remote!.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(log).toEqual([
      'POST /conferences 201',
      `PATCH /conferences/${conferenceId} 200`,
      `DELETE /conferences/${conferenceId} 204`,
    ]);
    expect(await world.remote!.conferences()).toEqual([]);
  });
});
