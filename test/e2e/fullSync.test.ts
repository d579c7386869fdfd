import {
  afterSettle,
  at,
  calendarMeta,
  createWorld,
  meetings,
  meetingWithConference,
  type World,
} from './world';

const CAL = 'alice@example.com';

describe('after the sync token is rejected (410)', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(() => world.close());

  it('falls back to a windowed full sync, reconciles, and stores a new token', () => {
    const ms = meetings(world, CAL, 6);
    world.settle();
    world.takeVendorCalls();
    const tokenBefore = calendarMeta(world).token;

    world.emu.calendar.invalidateSyncTokens(CAL);
    // While the token is invalid: one deleted, one moved, one description-only, one conference removed.
    world.emu.ui.deleteEvent(CAL, ms[0]!.eventId);
    world.emu.calendar.purgeDeleted(CAL); // the cancelled stub is gone too: only reconciliation can find it
    world.emu.calendar.editEvent(CAL, ms[1]!.eventId, {
      start: at('2026-11-26T10:00:00Z'),
      end: at('2026-11-26T11:00:00Z'),
    });
    world.emu.calendar.editEvent(CAL, ms[2]!.eventId, { description: 'x' });
    world.emu.ui.removeConference(CAL, ms[3]!.eventId);
    world.settle();

    // The event missing from the full listing (not read: a series would be) may have moved: its
    // conference waits the settle; the conference taken off a live event goes at once.
    expect(world.takeVendorCalls().sort()).toEqual(
      [
        `PATCH /conferences/${ms[1]!.conferenceId} 200`,
        `DELETE /conferences/${ms[3]!.conferenceId} 204`,
      ].sort(),
    );
    afterSettle(world);
    expect(world.takeVendorWrites()).toEqual([`DELETE /conferences/${ms[0]!.conferenceId} 204`]);
    const meta = calendarMeta(world);
    expect(meta.token).toBeTruthy();
    expect(meta.token).not.toBe(tokenBefore);
    expect(world.emu.logs.some((l) => l.message.includes('sync token rejected (410)'))).toBe(true);

    // And the next change goes incremental again: one list call, one PATCH.
    world.emu.calendar.editEvent(CAL, ms[4]!.eventId, { summary: 'renamed' });
    const before = world.emu.meter.snapshot();
    world.settle();
    expect(world.emu.meter.since(before)['calendar.events.list']).toBe(1);
    expect(world.takeVendorCalls()).toEqual([`PATCH /conferences/${ms[4]!.conferenceId} 200`]);
  });

  it('a recurring series that vanished while the token was invalid is checked with Events.get before deleting', () => {
    const series = meetingWithConference(world, CAL, {
      summary: 'Weekly',
      start: at('2026-11-24T09:00:00Z'),
      end: at('2026-11-24T09:30:00Z'),
      recurrence: ['RRULE:FREQ=WEEKLY'],
    });
    const live = meetingWithConference(world, CAL, {
      summary: 'Daily',
      start: at('2026-11-24T08:00:00Z'),
      end: at('2026-11-24T08:15:00Z'),
      recurrence: ['RRULE:FREQ=DAILY'],
    });
    world.settle();
    world.takeVendorCalls();
    world.emu.calendar.invalidateSyncTokens(CAL);
    world.emu.ui.deleteEvent(CAL, series.eventId);
    world.settle();
    // Read (not listed) cancelled: no settle, every editable calendar is listed in the same run.
    expect(world.takeVendorCalls()).toEqual([`DELETE /conferences/${series.conferenceId} 204`]);
    expect(world.vendor.conference(live.conferenceId)?.deleted).toBeFalsy();
  });
});
