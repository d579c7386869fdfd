import {
  afterSettle,
  at,
  calendarMeta,
  createWorld,
  meetingWithConference,
  plainEvents,
  syncedMeeting,
  type World,
} from './world';

const CAL = 'alice@example.com';
const TEAM = 'team@group.calendar.google.com';

describe('syncing event changes to the vendor (syncEvents trigger on the built bundle)', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(() => world.close());

  const meeting = (calendarId = CAL, summary = 'Planning') => syncedMeeting(world, calendarId, summary);

  it('a moved meeting costs exactly one PATCH carrying every synced field', () => {
    const { eventId, conferenceId } = meeting();
    world.emu.calendar.editEvent(CAL, eventId, {
      start: at('2026-11-24T14:00:00Z'),
      end: at('2026-11-24T15:00:00Z'),
    });
    world.emu.calendar.editEvent(CAL, eventId, {
      attendees: [{ email: 'zed@example.com' }, { email: 'Amy@example.com' }],
    });
    world.settle();
    expect(world.takeVendorWrites()).toEqual([`PATCH /conferences/${conferenceId} 200`]);
    const patch = world.vendor.requests().at(-1)!;
    expect(patch.body).toEqual({
      title: 'Planning',
      start: at('2026-11-24T14:00:00Z'),
      end: at('2026-11-24T15:00:00Z'),
      attendees: ['amy@example.com', 'zed@example.com'],
      recurrence: [],
    });
  });

  it('description, colour and reminder edits send nothing', () => {
    const { eventId } = meeting();
    world.emu.calendar.editEvent(CAL, eventId, { description: 'notes', colorId: '4' } as never);
    world.settle();
    expect(world.takeVendorWrites()).toEqual([]);
  });

  it('a deleted event (cancelled stub with only an id) costs exactly one DELETE', () => {
    const { eventId, conferenceId } = meeting();
    world.emu.ui.deleteEvent(CAL, eventId);
    world.settle();
    // A cancelled entry may be a move: the conference waits the settle, then the delete gate runs.
    expect(world.takeVendorWrites()).toEqual([]);
    afterSettle(world);
    expect(world.takeVendorWrites()).toEqual([`DELETE /conferences/${conferenceId} 204`]);
    expect(world.vendor.conferences()).toEqual([]);
  });

  it('removing the conference, or switching to Meet, deletes ours', () => {
    const a = meeting(CAL, 'A');
    const b = meeting(CAL, 'B');
    world.emu.ui.removeConference(CAL, a.eventId);
    world.emu.ui.switchToMeet(CAL, b.eventId);
    world.settle();
    expect(world.takeVendorWrites().sort()).toEqual(
      [`DELETE /conferences/${a.conferenceId} 204`, `DELETE /conferences/${b.conferenceId} 204`].sort(),
    );
  });

  it('removing our conference and adding it again gives a new, live conference', () => {
    const { eventId, conferenceId } = meeting();
    world.emu.ui.removeConference(CAL, eventId);
    world.settle();
    const again = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    expect(again.ok && again.conferenceData.conferenceId).not.toBe(conferenceId);
    world.settle();
    expect(world.vendor.conferences().map((c) => c.id)).toEqual([
      again.ok && again.conferenceData.conferenceId,
    ]);
  });

  it('recurring: a cancelled or edited occurrence keeps the series conference; deleting the series deletes it', () => {
    const { eventId, conferenceId } = meetingWithConference(world, CAL, {
      summary: 'Weekly',
      start: at('2026-11-24T09:00:00Z'),
      end: at('2026-11-24T09:30:00Z'),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=10'],
    });
    world.settle();
    expect(world.vendor.conference(conferenceId)?.recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=10']);
    world.takeVendorWrites();

    world.emu.calendar.cancelOccurrence(CAL, eventId, '2026-12-01T09:00:00Z');
    world.emu.calendar.editOccurrence(CAL, eventId, '2026-12-08T09:00:00Z', {
      start: at('2026-12-08T13:00:00Z'),
      end: at('2026-12-08T13:30:00Z'),
    });
    world.settle();
    expect(world.takeVendorWrites()).toEqual([]);
    expect(world.vendor.conference(conferenceId)?.deleted).toBeFalsy();

    world.emu.ui.deleteEvent(CAL, eventId);
    afterSettle(world); // the series' cancelled entry waits the settle (it may have moved)
    expect(world.takeVendorWrites()).toEqual([`DELETE /conferences/${conferenceId} 204`]);
  });

  it('ignores hundreds of unrelated events and foreign conferences without a call or a throw', () => {
    meeting();
    for (let i = 0; i < 300; i++) {
      world.emu.calendar.putEvent(CAL, {
        summary: `Other ${i}`,
        start: at('2026-11-26T10:00:00Z'),
        end: at('2026-11-26T10:30:00Z'),
        ...(i % 3 === 0 ? { conferenceData: world.emu.calendar.newMeetConference() } : {}),
        ...(i % 7 === 0 ? { start: { date: '2026-11-28' }, end: { date: '2026-11-29' } } : {}),
      });
    }
    const runs = world.settle();
    expect(runs.map((r) => r.error)).toEqual(runs.map(() => undefined));
    expect(world.takeVendorWrites()).toEqual([]);
  });

  it('every calendar keeps its own sync token and its own trigger', () => {
    const a = meeting(CAL, 'Mine');
    const b = meeting(TEAM, 'Team');
    world.emu.calendar.editEvent(TEAM, b.eventId, { summary: 'Team sync' });
    const runs = world.settle();
    expect(runs.map((r) => r.calendarId)).toEqual([TEAM]);
    expect(world.takeVendorWrites()).toEqual([`PATCH /conferences/${b.conferenceId} 200`]);
    world.emu.calendar.editEvent(CAL, a.eventId, { summary: 'Mine, renamed' });
    world.settle();
    expect(world.takeVendorWrites()).toEqual([`PATCH /conferences/${a.conferenceId} 200`]);
  });

  it('pages through more than 250 changes (several short pages) and stores the token only at the end', async () => {
    await world.close();
    world = await createWorld({ emulator: { calendar: { pageSize: () => 100 } } });
    const meetings = Array.from({ length: 60 }, (_, i) => meeting(CAL, `m${i}`));
    plainEvents(world, CAL, 300, 'noise');
    for (const m of meetings)
      world.emu.calendar.editEvent(CAL, m.eventId, { summary: `${m.eventId} renamed` });
    const before = world.emu.meter.snapshot();
    world.settle();
    const used = world.emu.meter.since(before);
    expect(used['calendar.events.list']).toBe(4); // 360 changes in pages of 100
    expect(world.takeVendorWrites()).toHaveLength(60);
    expect(used['urlfetch.fetchAll']).toBeLessThanOrEqual(4);
    expect(calendarMeta(world).checkpoint).toBeUndefined();
  });

  it('writes one structured log line per run, with no API key and no event text', () => {
    const { eventId } = meeting(CAL, 'Secret project X');
    world.emu.logs.length = 0;
    world.emu.calendar.editEvent(CAL, eventId, { summary: 'Secret project Y', description: 'confidential' });
    world.settle();
    const lines = world.emu.logs.map((l) => l.message);
    const syncLines = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'sync');
    expect(syncLines).toHaveLength(1);
    expect(syncLines[0]).toMatchObject({
      calendar: CAL,
      items: 1,
      patches: 1,
      deletes: 0,
      outcome: 'ok',
    });
    expect(typeof syncLines[0].durationMs).toBe('number');
    const text = lines.join('\n');
    expect(text).not.toContain('test-key-not-a-secret');
    expect(text).not.toContain('Secret project');
    expect(text).not.toContain('confidential');
  });

  it('a save consumed by a run that did not know the new conference yet is caught up within the hour', () => {
    meeting(CAL, 'Already watched');
    // A long run holds the lock while the user adds our conference and saves the event...
    world.emu.locks.holdUserLockExternally();
    const eventId = world.emu.ui.newEventId();
    const added = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    const conferenceId = added.ok ? added.conferenceData.conferenceId! : '';
    world.emu.ui.saveEvent(CAL, eventId, {
      summary: 'Raced',
      start: at('2026-11-26T10:00:00Z'),
      end: at('2026-11-26T11:00:00Z'),
    });
    // ...and that run, which loaded its state before onCreate wrote the record, lists the save.
    const store = world.emu.properties.stores.user;
    const fresh = [...store.keys()].filter((k) => k.startsWith('n:'));
    const stashed = fresh.map((k) => [k, store.get(k)!] as const);
    for (const [k] of stashed) store.delete(k);
    world.emu.locks.releaseExternal();
    world.settle();
    for (const [k, v] of stashed) store.set(k, v);
    world.emu.script!.call('syncEvents', { calendarId: CAL }); // the holder's rerun: merges the record, nothing new listed
    world.takeVendorWrites();
    expect(world.vendor.conference(conferenceId)?.title).toBeNull();
    world.emu.advance(65 * 60_000); // the hourly run looks the unconfirmed conference up (no minute timers)
    expect(world.takeVendorWrites()).toEqual([`PATCH /conferences/${conferenceId} 200`]);
    expect(world.vendor.conference(conferenceId)?.title).toBe('Raced');
  });

  it('a conference created for an event that is never saved is deleted after the grace period', () => {
    const eventId = world.emu.ui.newEventId();
    const added = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    world.emu.ui.discardEvent(CAL, eventId);
    const conferenceId = added.ok ? added.conferenceData.conferenceId! : '';
    world.emu.advance(25 * 3600_000);
    world.emu.calendar.putEvent(CAL, {
      summary: 'unrelated',
      start: at('2026-11-26T10:00:00Z'),
      end: at('2026-11-26T10:30:00Z'),
    });
    world.settle();
    expect(world.takeVendorWrites()).toContain(`DELETE /conferences/${conferenceId} 204`);
  });
});
