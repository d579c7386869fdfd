import type { CalendarEvent } from '../../../emulator/calendar/types';
import { CAL, series, setup, thrown, timed } from './helpers';

function fill(emu: ReturnType<typeof setup>['emu'], n: number): CalendarEvent[] {
  const out: CalendarEvent[] = [];
  for (let i = 0; i < n; i++)
    out.push(emu.putEvent(CAL, timed('2026-11-24T10:00:00Z', 30, { summary: `e${i}` })));
  return out;
}

describe('Calendar.Events.list: paging and sync tokens', () => {
  it('the result carries calendar#events, etag, summary, updated, timeZone and accessRole', () => {
    const { Calendar } = setup();
    const r = Calendar.Events.list('primary');
    expect(r).toMatchObject({
      kind: 'calendar#events',
      summary: CAL,
      timeZone: 'UTC',
      accessRole: 'owner',
      items: [],
    });
    expect(r.etag).toMatch(/^".+"$/);
    expect(r.updated).toMatch(/Z$/);
  });

  it('maxResults defaults to 250', () => {
    const { Calendar, emu } = setup();
    fill(emu, 260);
    const r = Calendar.Events.list('primary');
    expect(r.items).toHaveLength(250);
    expect(r.nextPageToken).toBeDefined();
  });

  it('maxResults above 2500 is clamped to 2500', () => {
    const { Calendar, emu } = setup();
    fill(emu, 2600);
    const r = Calendar.Events.list('primary', { maxResults: 5000 });
    expect(r.items).toHaveLength(2500);
    expect(
      Calendar.Events.list('primary', { maxResults: 5000, pageToken: r.nextPageToken }).items,
    ).toHaveLength(100);
  });

  it('maxResults below 1 is invalid (400)', () => {
    const { Calendar } = setup();
    expect(thrown(() => Calendar.Events.list('primary', { maxResults: 0 })).details.code).toBe(400);
  });

  it('nextSyncToken appears only on the last page; pages in between carry nextPageToken only', () => {
    const { Calendar, emu } = setup();
    const events = fill(emu, 5);
    const p1 = Calendar.Events.list('primary', { maxResults: 2 });
    const p2 = Calendar.Events.list('primary', { maxResults: 2, pageToken: p1.nextPageToken });
    const p3 = Calendar.Events.list('primary', { maxResults: 2, pageToken: p2.nextPageToken });
    expect([p1, p2].map((p) => [!!p.nextPageToken, !!p.nextSyncToken])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(p3.nextPageToken).toBeUndefined();
    expect(p3.nextSyncToken).toBeDefined();
    const ids = [...p1.items, ...p2.items, ...p3.items].map((e) => e.id).sort();
    expect(ids).toEqual(events.map((e) => e.id).sort());
  });

  it('a page token must be used with the same query (400 otherwise)', () => {
    const { Calendar, emu } = setup();
    fill(emu, 3);
    const p1 = Calendar.Events.list('primary', { maxResults: 1, singleEvents: true });
    const err = thrown(() => Calendar.Events.list('primary', { maxResults: 1, pageToken: p1.nextPageToken }));
    expect(err.details.code).toBe(400);
    expect(thrown(() => Calendar.Events.list('primary', { pageToken: 'garbage' })).details.code).toBe(400);
  });

  it('a page may be requested with the same syncToken and a pageToken', () => {
    const { Calendar, emu } = setup();
    const events = fill(emu, 2);
    const token = Calendar.Events.list('primary').nextSyncToken!;
    for (const e of events) emu.editEvent(CAL, e.id!, { summary: 'changed' });
    const p1 = Calendar.Events.list('primary', { syncToken: token, maxResults: 1 });
    expect(p1.nextSyncToken).toBeUndefined();
    const p2 = Calendar.Events.list('primary', {
      syncToken: token,
      maxResults: 1,
      pageToken: p1.nextPageToken,
    });
    expect([...p1.items, ...p2.items].map((e) => e.summary)).toEqual(['changed', 'changed']);
    expect(p2.nextSyncToken).toBeDefined();
    expect(Calendar.Events.list('primary', { syncToken: p2.nextSyncToken }).items).toEqual([]);
  });

  it('a page may hold fewer items, even none, while more exist (pageSize option)', () => {
    const { Calendar, emu } = setup({ pageSize: (i, max) => (i === 0 ? 0 : max) });
    fill(emu, 2);
    const p1 = Calendar.Events.list('primary');
    expect(p1.items).toEqual([]);
    expect(p1.nextPageToken).toBeDefined();
    expect(p1.nextSyncToken).toBeUndefined();
    const p2 = Calendar.Events.list('primary', { pageToken: p1.nextPageToken });
    expect(p2.items).toHaveLength(2);
    expect(p2.nextSyncToken).toBeDefined();
  });

  it('an incremental sync returns only entries changed since the token, each once in its latest state', () => {
    const { Calendar, emu } = setup();
    const [a, b] = fill(emu, 3);
    const token = Calendar.Events.list('primary').nextSyncToken!;
    emu.editEvent(CAL, a.id!, { summary: 'a1' });
    emu.editEvent(CAL, b.id!, { summary: 'b1' });
    emu.editEvent(CAL, a.id!, { summary: 'a2' });
    const created = emu.putEvent(CAL, timed('2026-11-25T10:00:00Z', 30, { summary: 'new' }));
    const r = Calendar.Events.list('primary', { syncToken: token });
    expect(r.items.map((e) => [e.id, e.summary])).toEqual([
      [b.id, 'b1'],
      [a.id, 'a2'],
      [created.id, 'new'],
    ]);
  });

  it('a deleted event comes back in incremental sync as a cancelled stub with only kind/id/status/etag', () => {
    const { Calendar, emu } = setup();
    const [a] = fill(emu, 1);
    const token = Calendar.Events.list('primary').nextSyncToken!;
    Calendar.Events.remove('primary', a.id!);
    const [stub] = Calendar.Events.list('primary', { syncToken: token }).items;
    expect(stub).toEqual({
      kind: 'calendar#event',
      id: a.id,
      status: 'cancelled',
      etag: emu.peek(CAL, a.id!)!.etag,
    });
  });

  it.each([
    ['iCalUID', 'x@google.com'],
    ['orderBy', 'updated'],
    ['privateExtendedProperty', 'a=1'],
    ['q', 'x'],
    ['sharedExtendedProperty', 'a=1'],
    ['timeMin', '2026-11-23T00:00:00Z'],
    ['timeMax', '2026-11-23T00:00:00Z'],
    ['updatedMin', '2026-11-23T00:00:00Z'],
  ])('syncToken cannot be combined with %s (400)', (param, value) => {
    const { Calendar } = setup();
    const token = Calendar.Events.list('primary').nextSyncToken!;
    const err = thrown(() => Calendar.Events.list('primary', { syncToken: token, [param]: value }));
    expect(err.details.code).toBe(400);
  });

  it('showDeleted=false is not allowed with syncToken (400); showDeleted=true is', () => {
    const { Calendar } = setup();
    const token = Calendar.Events.list('primary').nextSyncToken!;
    expect(
      thrown(() => Calendar.Events.list('primary', { syncToken: token, showDeleted: false })).details.code,
    ).toBe(400);
    expect(() => Calendar.Events.list('primary', { syncToken: token, showDeleted: true })).not.toThrow();
  });

  it("an invalidated sync token fails with 410 and Apps Script's message", () => {
    const { Calendar, emu } = setup();
    const token = Calendar.Events.list('primary').nextSyncToken!;
    emu.invalidateSyncTokens(CAL);
    const err = thrown(() => Calendar.Events.list('primary', { syncToken: token }));
    expect(err.message).toBe(
      'API call to calendar.events.list failed with error: Sync token is no longer valid, a full sync is required.',
    );
    expect(err.details.code).toBe(410);
    expect(err.details.errors[0].reason).toBe('fullSyncRequired');
    const fresh = Calendar.Events.list('primary').nextSyncToken!;
    expect(() => Calendar.Events.list('primary', { syncToken: fresh })).not.toThrow();
  });

  it('a sync token older than tokenTtlMs fails with 410', () => {
    const { Calendar, ctx } = setup({ tokenTtlMs: 3_600_000 });
    const token = Calendar.Events.list('primary').nextSyncToken!;
    expect(() => Calendar.Events.list('primary', { syncToken: token })).not.toThrow();
    ctx.clock.advance(3_600_001);
    expect(thrown(() => Calendar.Events.list('primary', { syncToken: token })).details.code).toBe(410);
  });

  it('a sync token of another calendar, or from a singleEvents listing used without it, fails with 410', () => {
    const { Calendar, emu } = setup();
    emu.addCalendar('team@x.com');
    const other = Calendar.Events.list('team@x.com').nextSyncToken!;
    expect(thrown(() => Calendar.Events.list('primary', { syncToken: other })).details.code).toBe(410);
    const single = Calendar.Events.list('primary', { singleEvents: true }).nextSyncToken!;
    expect(thrown(() => Calendar.Events.list('primary', { syncToken: single })).details.code).toBe(410);
    expect(() => Calendar.Events.list('primary', { syncToken: single, singleEvents: true })).not.toThrow();
  });

  it('once deleted entries are purged, tokens that predate the deletion fail with 410', () => {
    const { Calendar, emu } = setup();
    const [a] = fill(emu, 2);
    const old = Calendar.Events.list('primary').nextSyncToken!;
    emu.deleteEvent(CAL, a.id!);
    const recent = Calendar.Events.list('primary').nextSyncToken!;
    expect(emu.purgeDeleted(CAL)).toBe(1);
    expect(thrown(() => Calendar.Events.list('primary', { syncToken: old })).details.code).toBe(410);
    expect(() => Calendar.Events.list('primary', { syncToken: recent })).not.toThrow();
    expect(thrown(() => Calendar.Events.get('primary', a.id!)).details.code).toBe(404);
  });

  it('changes made while a full listing is paged are not lost: they come back in the next incremental sync', () => {
    const { Calendar, emu } = setup();
    const [a, b, c] = fill(emu, 3);
    const p1 = Calendar.Events.list('primary', { maxResults: 2 });
    expect(p1.items.map((e) => e.id)).toEqual([a.id, b.id]);
    emu.deleteEvent(CAL, c.id!);
    emu.editEvent(CAL, a.id!, { summary: 'edited' });
    const p2 = Calendar.Events.list('primary', { maxResults: 2, pageToken: p1.nextPageToken });
    const inc = Calendar.Events.list('primary', { syncToken: p2.nextSyncToken });
    expect(inc.items.map((e) => [e.id, e.status])).toEqual([
      [c.id, 'cancelled'],
      [a.id, 'confirmed'],
    ]);
  });
});

describe('Calendar.Events.list: filters', () => {
  it('a full listing includes cancelled events only with showDeleted=true', () => {
    const { Calendar, emu } = setup();
    const [a] = fill(emu, 2);
    emu.deleteEvent(CAL, a.id!);
    expect(Calendar.Events.list('primary').items).toHaveLength(1);
    const all = Calendar.Events.list('primary', { showDeleted: true }).items;
    expect(all.find((e) => e.id === a.id)).toEqual({
      kind: 'calendar#event',
      id: a.id,
      status: 'cancelled',
      etag: expect.any(String),
    });
  });

  it('timeMin/timeMax select events with end > timeMin and start < timeMax', () => {
    const { Calendar, emu } = setup();
    const before = emu.putEvent(CAL, timed('2026-11-24T08:00:00Z', 60)); // ends exactly at timeMin
    const overlapping = emu.putEvent(CAL, timed('2026-11-24T08:30:00Z', 60));
    const inside = emu.putEvent(CAL, timed('2026-11-24T10:00:00Z', 60));
    const after = emu.putEvent(CAL, timed('2026-11-24T12:00:00Z', 60)); // starts exactly at timeMax
    const allDay = emu.putEvent(CAL, {
      summary: 'day',
      start: { date: '2026-11-24' },
      end: { date: '2026-11-25' },
    });
    const ids = Calendar.Events.list('primary', {
      timeMin: '2026-11-24T09:00:00Z',
      timeMax: '2026-11-24T12:00:00Z',
    }).items.map((e) => e.id);
    expect(ids.sort()).toEqual([overlapping.id, inside.id, allDay.id].sort());
    expect(ids).not.toContain(before.id);
    expect(ids).not.toContain(after.id);
  });

  it('timeMin must be an RFC 3339 timestamp with an offset (400)', () => {
    const { Calendar } = setup();
    expect(thrown(() => Calendar.Events.list('primary', { timeMin: '2026-11-24 10:00' })).details.code).toBe(
      400,
    );
    expect(
      thrown(() => Calendar.Events.list('primary', { timeMin: '2026-11-24T10:00:00' })).details.code,
    ).toBe(400);
  });

  it('a recurring master is listed when any occurrence could overlap the window (singleEvents=false)', () => {
    const { Calendar, emu } = setup();
    const unbounded = emu.putEvent(CAL, series('2026-01-05T10:00:00Z', 'RRULE:FREQ=WEEKLY'));
    const ended = emu.putEvent(CAL, series('2026-01-05T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=3'));
    const future = emu.putEvent(CAL, series('2027-06-01T10:00:00Z', 'RRULE:FREQ=DAILY'));
    const ids = Calendar.Events.list('primary', {
      timeMin: '2026-11-23T00:00:00Z',
      timeMax: '2026-12-01T00:00:00Z',
    }).items.map((e) => e.id);
    expect(ids).toEqual([unbounded.id]);
    expect(ids).not.toContain(ended.id);
    expect(ids).not.toContain(future.id);
  });

  it('a full sync limited by timeMin still returns a nextSyncToken, and incremental results are not limited by it', () => {
    const { Calendar, emu } = setup();
    const old = emu.putEvent(CAL, timed('2026-01-01T10:00:00Z'));
    const r = Calendar.Events.list('primary', { timeMin: '2026-11-01T00:00:00Z' });
    expect(r.items).toEqual([]);
    expect(r.nextSyncToken).toBeDefined();
    emu.editEvent(CAL, old.id!, { summary: 'edited' });
    expect(Calendar.Events.list('primary', { syncToken: r.nextSyncToken }).items.map((e) => e.id)).toEqual([
      old.id,
    ]);
  });

  it('updatedMin keeps entries modified since then, and always includes deletions since then', () => {
    const { Calendar, emu, ctx } = setup();
    const [a, b, c] = fill(emu, 3);
    ctx.clock.advance(60_000);
    const since = new Date(ctx.clock.now()).toISOString();
    emu.editEvent(CAL, b.id!, { summary: 'b2' });
    emu.deleteEvent(CAL, c.id!);
    const items = Calendar.Events.list('primary', { updatedMin: since }).items;
    expect(items.map((e) => [e.id, e.status])).toEqual([
      [b.id, 'confirmed'],
      [c.id, 'cancelled'],
    ]);
    expect(items.map((e) => e.id)).not.toContain(a.id);
  });

  it('q matches summary, description, location and attendees', () => {
    const { Calendar, emu } = setup();
    const hit = emu.putEvent(CAL, timed('2026-11-24T10:00:00Z', 30, { description: 'Quarterly REVIEW' }));
    emu.putEvent(CAL, timed('2026-11-24T10:00:00Z', 30, { summary: 'lunch' }));
    const guest = emu.putEvent(
      CAL,
      timed('2026-11-24T10:00:00Z', 30, { attendees: [{ email: 'review@x.com' }] }),
    );
    expect(Calendar.Events.list('primary', { q: 'review' }).items.map((e) => e.id)).toEqual([
      hit.id,
      guest.id,
    ]);
  });

  it('privateExtendedProperty and iCalUID filter the listing', () => {
    const { Calendar, emu } = setup();
    const tagged = emu.putEvent(
      CAL,
      timed('2026-11-24T10:00:00Z', 30, { extendedProperties: { private: { conf: '1' } } }),
    );
    emu.putEvent(CAL, timed('2026-11-24T10:00:00Z', 30));
    expect(
      Calendar.Events.list('primary', { privateExtendedProperty: 'conf=1' }).items.map((e) => e.id),
    ).toEqual([tagged.id]);
    expect(Calendar.Events.list('primary', { iCalUID: tagged.iCalUID }).items.map((e) => e.id)).toEqual([
      tagged.id,
    ]);
  });

  it('orderBy=startTime needs singleEvents=true (400) and sorts by start', () => {
    const { Calendar, emu } = setup();
    const late = emu.putEvent(CAL, timed('2026-11-26T10:00:00Z'));
    const early = emu.putEvent(CAL, timed('2026-11-24T10:00:00Z'));
    expect(thrown(() => Calendar.Events.list('primary', { orderBy: 'startTime' })).details.code).toBe(400);
    const r = Calendar.Events.list('primary', { orderBy: 'startTime', singleEvents: true, maxResults: 1 });
    const r2 = Calendar.Events.list('primary', {
      orderBy: 'startTime',
      singleEvents: true,
      maxResults: 1,
      pageToken: r.nextPageToken,
    });
    expect([r.items[0].id, r2.items[0].id]).toEqual([early.id, late.id]);
  });

  /*
   * The homepage's query (issue 23): the coming week's entries, one per occurrence, by start. Google's
   * "Events: list" (developers.google.com/calendar/api/v3/reference/events/list): singleEvents "Whether
   * to expand recurring events into instances and only return single one-off events and instances of
   * recurring events, but not the underlying recurring events themselves"; orderBy "startTime": "Order
   * by the start date/time (ascending). This is only available when querying single events (i.e. the
   * parameter singleEvents is True)"; timeMin "Lower bound (exclusive) for an event's end time";
   * timeMax "Upper bound (exclusive) for an event's start time ... If timeMin is set, timeMax must be
   * greater than timeMin."
   */
  it("the homepage's query: a week's occurrences and one-off events, by start, within timeMin/timeMax", () => {
    const { Calendar, emu } = setup();
    const weekly = emu.putEvent(CAL, series('2026-11-02T12:00:00Z', 'RRULE:FREQ=WEEKLY;BYDAY=MO,TH'));
    const underWay = emu.putEvent(CAL, timed('2026-11-23T08:30:00Z', 60)); // ends after timeMin
    const over = emu.putEvent(CAL, timed('2026-11-23T08:00:00Z', 60)); // ends exactly at timeMin
    const atMax = emu.putEvent(CAL, timed('2026-11-30T09:00:00Z', 30)); // starts exactly at timeMax
    const tuesday = emu.putEvent(CAL, timed('2026-11-24T10:00:00Z', 30));
    const query = {
      timeMin: '2026-11-23T09:00:00.000Z',
      timeMax: '2026-11-30T09:00:00.000Z',
      singleEvents: true,
      orderBy: 'startTime',
      maxResults: 250,
    };
    const items = Calendar.Events.list('primary', query).items;
    expect(items.map((e) => [e.id, e.start?.dateTime])).toEqual([
      [underWay.id, '2026-11-23T08:30:00Z'],
      [`${weekly.id}_20261123T120000Z`, '2026-11-23T12:00:00Z'],
      [tuesday.id, '2026-11-24T10:00:00Z'],
      [`${weekly.id}_20261126T120000Z`, '2026-11-26T12:00:00Z'],
    ]);
    expect(items.every((e) => e.recurrence === undefined)).toBe(true);
    expect(items.filter((e) => e.recurringEventId === weekly.id)).toHaveLength(2);
    expect(items.map((e) => e.id)).not.toContain(over.id);
    expect(items.map((e) => e.id)).not.toContain(atMax.id);
    const empty = { ...query, timeMax: query.timeMin };
    expect(thrown(() => Calendar.Events.list('primary', empty)).details.code).toBe(400);
  });
});
