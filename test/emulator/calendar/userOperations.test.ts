import { TRASH_RETENTION_MS } from '../../../emulator/calendar/calendarEmulator';
import { addOnConference, CAL, series, setup, thrown, timed } from './helpers';

/*
 * What users do to events beyond editing, each modelled from a Google page:
 * MOVE  = developers.google.com/workspace/calendar/api/v3/reference/events/move ("Moves an event to another
 *         calendar, i.e. changes an event's organizer." — it does not say the id is kept: ASSUMPTION)
 * EVRES = developers.google.com/workspace/calendar/api/v3/reference/events (status "cancelled")
 * RECUR = developers.google.com/workspace/calendar/api/guides/recurringevents ("Modifying all following instances")
 * ERR   = developers.google.com/workspace/calendar/api/guides/errors (404 notFound)
 * CLIST = developers.google.com/workspace/calendar/api/v3/reference/calendarList/list
 * Choices the pages leave open are ASSUMPTIONS, listed in emulator/calendar/README.md.
 */
const TEAM = 'team@example.com';
const withConference = (start = '2026-11-24T10:00:00Z') =>
  timed(start, 60, { conferenceData: addOnConference, summary: 'Planning' });

function syncToken(Calendar: ReturnType<typeof setup>['Calendar'], cal: string): string {
  return Calendar.Events.list(cal).nextSyncToken!;
}

describe('moving an event to another calendar (MOVE: "changes an event\'s organizer")', () => {
  it('the destination calendar organizes it; it keeps (ASSUMPTION, MOVE is silent) its id and conferenceData', () => {
    const { emu, Calendar } = setup();
    emu.addCalendar(TEAM);
    const ev = emu.putEvent(CAL, withConference());
    const moved = emu.moveEvent(CAL, ev.id!, TEAM);
    expect(moved.id).toBe(ev.id);
    expect(moved.conferenceData).toEqual(addOnConference);
    expect(moved.organizer).toEqual({ email: TEAM, self: true });
    expect(Calendar.Events.get(TEAM, ev.id!).summary).toBe('Planning');
  });

  // EVRES (status): "If an event changes its organizer (for example via the move operation) and the
  // original organizer is not on the attendee list, it will leave behind a cancelled event where only the
  // id field is guaranteed to be populated."
  it('original organizer not on the attendee list: the source keeps a cancelled event where only the id is guaranteed (EVRES)', () => {
    const { emu, Calendar } = setup();
    emu.addCalendar(TEAM);
    const ev = emu.putEvent(CAL, { ...withConference(), attendees: [{ email: 'bob@example.com' }] });
    const token = syncToken(Calendar, CAL);
    emu.moveEvent(CAL, ev.id!, TEAM);
    const items = Calendar.Events.list(CAL, { syncToken: token }).items;
    expect(items).toEqual([
      { kind: 'calendar#event', id: ev.id, status: 'cancelled', etag: expect.any(String) },
    ]);
    expect(Calendar.Events.get(CAL, ev.id!)).toEqual({
      kind: 'calendar#event',
      id: ev.id,
      status: 'cancelled',
      etag: expect.any(String),
    });
  });

  // Google is silent when the original organizer *is* an attendee (ASSUMPTION): still a cancelled entry,
  // but it keeps its details (Events.get shows them, as for cancelled events on the organizer's calendar);
  // lists show it as a stub like every cancelled entry.
  it('original organizer on the attendee list: the entry left behind is cancelled but keeps its details (ASSUMPTION)', () => {
    const { emu, Calendar } = setup();
    emu.addCalendar(TEAM);
    const ev = emu.putEvent(CAL, {
      ...withConference(),
      attendees: [{ email: CAL, organizer: true, responseStatus: 'accepted' }, { email: 'bob@example.com' }],
    });
    const token = syncToken(Calendar, CAL);
    Calendar.Events.move(CAL, ev.id!, TEAM);
    expect(Calendar.Events.list(CAL, { syncToken: token }).items).toEqual([
      { kind: 'calendar#event', id: ev.id, status: 'cancelled', etag: expect.any(String) },
    ]);
    const left = Calendar.Events.get(CAL, ev.id!);
    expect(left).toMatchObject({ id: ev.id, status: 'cancelled', summary: 'Planning' });
    expect(left.conferenceData).toEqual(addOnConference);
    expect(Calendar.Events.get(TEAM, ev.id!)).toMatchObject({
      status: 'confirmed',
      organizer: { email: TEAM, self: true },
    });
    expect(() => emu.restoreEvent(CAL, ev.id!)).toThrow(/not in the trash/);
  });

  it('fires EventUpdated for both calendars (a human change)', () => {
    const { emu } = setup();
    emu.addCalendar(TEAM);
    const ev = emu.putEvent(CAL, withConference());
    const seen: string[] = [];
    emu.onChange((id, origin) => seen.push(`${id}:${origin}`));
    emu.moveEvent(CAL, ev.id!, TEAM);
    expect(seen).toEqual([`${CAL}:user`, `${TEAM}:user`]);
  });

  it('Calendar.Events.move(calendarId, eventId, destination) does the same through the API', () => {
    const { emu, Calendar } = setup();
    emu.addCalendar(TEAM);
    const ev = emu.putEvent(CAL, withConference());
    const moved = Calendar.Events.move(CAL, ev.id!, TEAM);
    expect(moved.organizer).toEqual({ email: TEAM, self: true });
    expect(emu.peek(TEAM, ev.id!)?.conferenceData).toEqual(addOnConference);
    expect(emu.peek(CAL, ev.id!)?.status).toBe('cancelled');
  });

  it('a series moves with its exceptions; a single instance cannot be moved (400)', () => {
    const { emu, Calendar } = setup();
    emu.addCalendar(TEAM);
    const s = emu.putEvent(CAL, series('2026-11-24T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=5'));
    emu.editOccurrence(CAL, s.id!, '2026-11-25T10:00:00Z', { summary: 'special' });
    const instanceId = `${s.id}_20261126T100000Z`;
    expect(thrown(() => Calendar.Events.move(CAL, instanceId, TEAM)).details.code).toBe(400);
    Calendar.Events.move(CAL, s.id!, TEAM);
    expect(Calendar.Events.get(TEAM, `${s.id}_20261125T100000Z`).summary).toBe('special');
    expect(Calendar.Events.instances(TEAM, s.id!).items).toHaveLength(5);
  });
});

describe('duplicating or copying an event ("Duplicate", "Copy to")', () => {
  it('makes a new event id with the same fields and (ASSUMPTION) the same conferenceData', () => {
    const { emu } = setup();
    emu.addCalendar(TEAM);
    const ev = emu.putEvent(CAL, withConference());
    const dup = emu.duplicateEvent(CAL, ev.id!);
    expect(dup.id).not.toBe(ev.id);
    expect(dup.conferenceData).toEqual(addOnConference);
    expect(dup.summary).toBe('Planning');
    const copy = emu.duplicateEvent(CAL, ev.id!, TEAM);
    expect(emu.peek(TEAM, copy.id!)?.organizer).toEqual({ email: TEAM, self: true });
    expect(emu.peek(CAL, ev.id!)?.status).toBe('confirmed');
  });
});

describe('"this and following events" on a series (RECUR: "Modifying all following instances")', () => {
  it('trims the original with UNTIL before the occurrence and creates <id>_R<start> carrying the conference', () => {
    const { emu, Calendar } = setup();
    const s = emu.putEvent(CAL, series('2026-11-24T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=5', withConference()));
    const next = emu.splitSeries(CAL, s.id!, '2026-11-26T10:00:00Z', { summary: 'Planning v2' });
    expect(next.id).toBe(`${s.id}_R20261126T100000Z`);
    expect(next.conferenceData).toEqual(addOnConference);
    expect(next.summary).toBe('Planning v2');
    expect(next.recurrence).toEqual(['RRULE:FREQ=DAILY;COUNT=3']);
    expect(next.start?.dateTime).toBe('2026-11-26T10:00:00Z');
    expect(emu.peek(CAL, s.id!)?.recurrence).toEqual(['RRULE:FREQ=DAILY;UNTIL=20261126T095959Z']);
    const starts = (id: string) => Calendar.Events.instances(CAL, id).items.map((i) => i.start?.dateTime);
    expect(starts(s.id!)).toEqual(['2026-11-24T10:00:00Z', '2026-11-25T10:00:00Z']);
    expect(starts(next.id!)).toEqual([
      '2026-11-26T10:00:00Z',
      '2026-11-27T10:00:00Z',
      '2026-11-28T10:00:00Z',
    ]);
  });

  it('both series appear in incremental sync: the trimmed original and the new one', () => {
    const { emu, Calendar } = setup();
    const s = emu.putEvent(CAL, series('2026-11-24T10:00:00Z', 'RRULE:FREQ=DAILY', withConference()));
    const token = syncToken(Calendar, CAL);
    const next = emu.splitSeries(CAL, s.id!, '2026-11-30T10:00:00Z');
    const ids = Calendar.Events.list(CAL, { syncToken: token }).items.map((i) => i.id);
    expect(ids.sort()).toEqual([s.id, next.id].sort());
  });
});

describe('restoring a deleted event from the trash (EVRES: cancelled events "can be restored (undeleted)")', () => {
  it('brings the event back live with its conferenceData, a new etag, and in incremental sync', () => {
    const { emu, Calendar } = setup();
    const ev = emu.putEvent(CAL, withConference());
    emu.deleteEvent(CAL, ev.id!);
    const deleted = emu.peek(CAL, ev.id!)!;
    const token = syncToken(Calendar, CAL);
    const restored = emu.restoreEvent(CAL, ev.id!);
    expect(restored.status).toBe('confirmed');
    expect(restored.conferenceData).toEqual(addOnConference);
    expect(restored.etag).not.toBe(deleted.etag);
    expect(Calendar.Events.list(CAL, { syncToken: token }).items.map((i) => [i.id, i.status])).toEqual([
      [ev.id, 'confirmed'],
    ]);
  });

  it("works only on the organizer's calendar and only for 30 days, after which the event is purged", () => {
    const { emu, ctx } = setup();
    const ev = emu.putEvent(CAL, withConference());
    emu.deleteEvent(CAL, ev.id!);
    ctx.clock.advance(TRASH_RETENTION_MS + 1);
    expect(() => emu.restoreEvent(CAL, ev.id!)).toThrow(/30 days/);
    expect(emu.peek(CAL, ev.id!)).toBeUndefined();
    const invite = emu.receiveInvitation(CAL, { ...withConference(), id: 'abcdef123' }, 'boss@corp.com');
    emu.guestRemoves(CAL, invite.id!);
    expect(() => emu.restoreEvent(CAL, invite.id!)).toThrow();
  });

  it('a restored series gets back the exceptions its deletion took along', () => {
    const { emu, Calendar } = setup();
    const s = emu.putEvent(CAL, series('2026-11-24T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=3', withConference()));
    emu.editOccurrence(CAL, s.id!, '2026-11-25T10:00:00Z', { summary: 'moved' });
    emu.deleteEvent(CAL, s.id!);
    emu.restoreEvent(CAL, s.id!);
    expect(Calendar.Events.get(CAL, `${s.id}_20261125T100000Z`)).toMatchObject({
      summary: 'moved',
      status: 'confirmed',
    });
  });
});

describe('losing access to a calendar (ERR: 404 notFound)', () => {
  it('every API call on a revoked or deleted calendar answers 404; grantAccess makes it work again', () => {
    const { emu, Calendar } = setup();
    emu.addCalendar(TEAM);
    const ev = emu.putEvent(TEAM, withConference());
    const token = syncToken(Calendar, TEAM);
    emu.revokeAccess(TEAM);
    for (const call of [
      () => Calendar.Events.list(TEAM),
      () => Calendar.Events.get(TEAM, ev.id!),
      () => Calendar.Events.patch({ summary: 'x' }, TEAM, ev.id!),
      () => Calendar.Events.move(TEAM, ev.id!, CAL),
      () => Calendar.Events.move(CAL, 'whatever1', TEAM),
      () => Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), TEAM),
      () => Calendar.Events.remove(TEAM, ev.id!),
      () => Calendar.Events.instances(TEAM, ev.id!),
    ]) {
      const err = thrown(call);
      expect(err.details.code).toBe(404);
      expect(err.details.errors[0].reason).toBe('notFound');
    }
    expect(Calendar.CalendarList.list().items.map((c) => c.id)).toEqual([CAL]);
    emu.grantAccess(TEAM);
    expect(Calendar.Events.get(TEAM, ev.id!).conferenceData).toEqual(addOnConference);
    // ASSUMPTION: tokens from before the loss need a full sync.
    expect(thrown(() => Calendar.Events.list(TEAM, { syncToken: token })).details.code).toBe(410);
  });

  it('a deleted calendar never comes back', () => {
    const { emu, Calendar } = setup();
    emu.addCalendar(TEAM);
    emu.deleteCalendar(TEAM);
    expect(() => emu.grantAccess(TEAM)).toThrow();
    expect(thrown(() => Calendar.Events.list(TEAM)).details.code).toBe(404);
  });
});

describe("a guest's copy of someone else's meeting", () => {
  it("has the organizer's id and conferenceData, organizer.self absent (false), the user as attendee", () => {
    const { emu } = setup();
    const invite = emu.receiveInvitation(CAL, { ...withConference(), id: 'abcdef123' }, 'boss@corp.com');
    expect(invite.id).toBe('abcdef123');
    expect(invite.conferenceData).toEqual(addOnConference);
    expect(invite.organizer).toEqual({ email: 'boss@corp.com' });
    expect(invite.organizer?.self).not.toBe(true);
    expect(invite.attendees).toContainEqual({ email: CAL, self: true, responseStatus: 'needsAction' });
  });

  it("follows the organizer's edits, the guest's answer, and the guest removing it", () => {
    const { emu } = setup();
    const invite = emu.receiveInvitation(CAL, { ...withConference(), id: 'abcdef123' }, 'boss@corp.com');
    expect(emu.organizerEdits(CAL, invite.id!, { summary: 'Moved room' }).summary).toBe('Moved room');
    const declined = emu.guestResponds(CAL, invite.id!, 'declined');
    expect(declined.attendees?.find((a) => a.self)?.responseStatus).toBe('declined');
    emu.guestRemoves(CAL, invite.id!);
    expect(emu.peek(CAL, invite.id!)?.status).toBe('cancelled');
    expect(() => emu.organizerEdits(CAL, emu.putEvent(CAL, timed('2026-11-24T10:00:00Z')).id!, {})).toThrow();
  });
});

describe('Calendar.CalendarList.list (CLIST)', () => {
  it('lists the calendars the user can see with id, accessRole and primary', () => {
    const { emu, Calendar } = setup();
    emu.addCalendar(TEAM);
    const items = Calendar.CalendarList.list().items;
    expect(items[0]).toMatchObject({ id: CAL, accessRole: 'owner', primary: true });
    expect(items.find((c) => c.id === TEAM)).toMatchObject({ id: TEAM, accessRole: 'owner' });
    expect(items.find((c) => c.id === TEAM)?.primary).toBeUndefined();
  });
});

describe('events created by the user', () => {
  it('carry organizer {email: <calendar>, self: true} unless given', () => {
    const { emu } = setup();
    expect(emu.putEvent(TEAM, timed('2026-11-24T10:00:00Z')).organizer).toEqual({ email: TEAM, self: true });
  });
});
