import { calendarMeta, createWorld, syncedMeeting, type World } from './world';

/*
 * Calendar API errors guide (developers.google.com/workspace/calendar/api/guides/errors):
 * "500: Backend error" (`backendError`, domain global) — "Suggested action: Use exponential backoff."
 * "401: Invalid Credentials" (`authError`) — the access token is invalid; a script cannot mend that itself.
 * The built add-on backs off on a 500 like on a rate limit: short waits inside the run, then the run ends
 * quietly and keeps its place; the change is synced by a later run. Nothing is deleted either way.
 */
const CAL = 'alice@example.com';
const HOUR = 3_600_000;

let world: World;
afterEach(() => world.close());

describe('Calendar answering 500 or 401 (built bundle)', () => {
  it('a 500 backendError: the run backs off, ends without an error and keeps its place; the edit arrives once Calendar is back', async () => {
    world = await createWorld();
    const { eventId, conferenceId } = syncedMeeting(world, CAL);
    const tokenBefore = calendarMeta(world).token;
    world.emu.calendar.injectFault({
      code: 500,
      reason: 'backendError',
      api: 'calendar.events.list',
      calls: 4,
    });
    world.emu.calendar.editEvent(CAL, eventId, { summary: 'Edited while Calendar failed' });
    const listsBefore = world.emu.meter.get('calendar.events.list');
    const runs = world.settle();
    expect(runs.map((r) => [r.outcome, r.error])).toEqual([['ok', undefined]]);
    // Exponential backoff inside the run: the first call and three retries (1 s, 2 s, 4 s apart).
    expect(world.emu.meter.get('calendar.events.list') - listsBefore).toBe(4);
    const meta = calendarMeta(world);
    expect(meta.last).toMatchObject({ outcome: 'rate-limited', error: 'Calendar: backend-error' });
    expect(meta.token ?? meta.checkpoint?.syncToken).toBe(tokenBefore); // its place is kept
    expect(world.emu.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(world.takeVendorWrites()).toEqual([]);
    world.emu.advance(HOUR); // the hourly run, Calendar answering again
    expect(world.takeVendorWrites()).toEqual([`PATCH /conferences/${conferenceId} 200`]);
    expect(world.vendor.conference(conferenceId)?.title).toBe('Edited while Calendar failed');
  });

  it('a single 500 is absorbed by the backoff inside the run: the edit is synced at once', async () => {
    world = await createWorld();
    const { eventId, conferenceId } = syncedMeeting(world, CAL);
    world.emu.calendar.injectFault({ code: 500, reason: 'backendError', api: 'calendar.events.list' });
    world.emu.calendar.editEvent(CAL, eventId, { summary: 'One blip' });
    world.settle();
    expect(world.takeVendorWrites()).toEqual([`PATCH /conferences/${conferenceId} 200`]);
    expect(calendarMeta(world).last.outcome).toBe('ok');
  });

  it('a 401 authError: the run stops, keeps its place and deletes nothing; the next run catches up', async () => {
    world = await createWorld();
    const { eventId, conferenceId } = syncedMeeting(world, CAL);
    world.emu.calendar.injectFault({ code: 401, reason: 'authError', api: 'calendar.events.list' });
    world.emu.calendar.editEvent(CAL, eventId, { summary: 'Edited during a 401' });
    world.settle();
    expect(world.takeVendorWrites()).toEqual([]);
    expect(calendarMeta(world).last.outcome).toBe('error');
    world.emu.advance(HOUR);
    expect(world.takeVendorWrites()).toEqual([`PATCH /conferences/${conferenceId} 200`]);
    expect(world.vendor.conference(conferenceId)?.title).toBe('Edited during a 401');
  });
});
