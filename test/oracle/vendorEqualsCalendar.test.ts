/**
 * The shared oracle on hand-made snapshots: one case per rule of issue 13 (moves, copies, splits,
 * restores, lost calendars, guests' copies) and the date-time / attendee equality it defines.
 */
import {
  type CalendarView,
  deletionsOfCarried,
  describeDifference,
  duplicateCreates,
  meetingOf,
  normalAttendees,
  normalRecurrence,
  type OracleEvent,
  sameTime,
  type VendorConference,
  vendorEqualsCalendar,
} from './vendorEqualsCalendar';

const A = 'alice@example.com';
const B = 'team@example.com';

const ours = (conferenceId: string) => ({ conferenceId, conferenceSolution: { key: { type: 'addOn' } } });

function event(id: string, conferenceId: string | undefined, over: Partial<OracleEvent> = {}): OracleEvent {
  return {
    id,
    status: 'confirmed',
    summary: 'Design review',
    start: { dateTime: '2026-12-01T10:00:00Z', timeZone: 'UTC' },
    end: { dateTime: '2026-12-01T11:00:00Z', timeZone: 'UTC' },
    attendees: [{ email: 'Bob@Example.com' }, { email: 'ann@example.com' }],
    organizer: { email: A, self: true },
    ...(conferenceId ? { conferenceData: ours(conferenceId) } : {}),
    ...over,
  };
}

/** The vendor's copy of `ev`'s fields, made for `home`. */
function conference(id: string, ev: OracleEvent, over: Partial<VendorConference> = {}): VendorConference {
  return {
    id,
    calendarId: A,
    eventId: ev.id!,
    solutionId: 'acme-web',
    title: ev.summary ?? null,
    start: ev.start ?? null,
    end: ev.end ?? null,
    attendees: (ev.attendees ?? []).map((a) => a.email!.toLowerCase()).sort(),
    recurrence: ev.recurrence ?? [],
    ...over,
  };
}

const cal = (calendarId: string, events: OracleEvent[], accessible = true): CalendarView => ({
  calendarId,
  accessible,
  events,
});

function kinds(calendars: CalendarView[], conferences: VendorConference[]): string[] {
  return vendorEqualsCalendar({ calendars, conferences }).differences.map((d) => d.kind);
}

describe('vendor equals calendar: plain meetings', () => {
  const ev = event('e1', 'c1');

  it('holds when the vendor has the event fields (attendees as a set of lower-case emails)', () => {
    const report = vendorEqualsCalendar({ calendars: [cal(A, [ev])], conferences: [conference('c1', ev)] });
    expect(report).toEqual({ ok: true, events: 1, conferences: 1, differences: [] });
  });

  it('reports each stale field with both values', () => {
    const vendor = conference('c1', ev, { title: 'Old', attendees: ['ann@example.com'] });
    const d = vendorEqualsCalendar({ calendars: [cal(A, [ev])], conferences: [vendor] }).differences;
    expect(d.map((x) => (x.kind === 'fieldDiffers' ? x.field : x.kind))).toEqual(['title', 'attendees']);
    expect(d[0]).toMatchObject({ calendar: 'Design review', vendor: 'Old', calendarId: A, eventId: 'e1' });
    expect(describeDifference(d[0]!)).toContain('title vendor "Old" != calendar "Design review"');
  });

  it('an event carrying a deleted or unknown conference is a difference (a dead join link)', () => {
    const deleted = conference('c1', ev, { deleted: true });
    expect(vendorEqualsCalendar({ calendars: [cal(A, [ev])], conferences: [deleted] }).differences).toEqual([
      { kind: 'carriedNotLive', conferenceId: 'c1', vendorState: 'deleted', calendarId: A, eventId: 'e1' },
    ]);
    expect(kinds([cal(A, [ev])], [])).toEqual(['carriedNotLive']);
  });

  it('a live conference no live event carries is an orphan', () => {
    expect(kinds([cal(A, [])], [conference('c1', ev)])).toEqual(['orphan']);
    expect(kinds([cal(A, [event('e1', undefined)])], [conference('c1', ev)])).toEqual(['orphan']);
  });

  it("ignores other solutions' conferences (Google Meet) and conferences still being created", () => {
    const meet = event('m1', undefined, {
      conferenceData: { conferenceId: 'abc-defg-hij', conferenceSolution: { key: { type: 'hangoutsMeet' } } },
    });
    const pending = event('p1', undefined, {
      conferenceData: { conferenceSolution: { key: { type: 'addOn' } } },
    });
    expect(kinds([cal(A, [meet, pending])], [])).toEqual([]);
  });

  it('does not compare a field the vendor cannot hold (undefined in its normal form)', () => {
    const recurring = event('e1', 'c1', { recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=-1FR'] });
    const vendor = conference('c1', recurring, { recurrence: undefined });
    expect(kinds([cal(A, [recurring])], [vendor])).toEqual([]);
  });

  it('several live conferences for one calendar + event + solution are a difference', () => {
    const other = conference('c2', ev);
    expect(kinds([cal(A, [ev])], [conference('c1', ev), other])).toEqual(['orphan', 'duplicateLive']);
  });
});

describe('date-time, attendee and recurrence equality (defined once)', () => {
  it('compares dateTime values as instants, with their time zone', () => {
    const utc = { dateTime: '2026-12-01T10:00:00Z', timeZone: 'UTC' };
    expect(sameTime(utc, { dateTime: '2026-12-01T10:00:00.000Z', timeZone: 'UTC' })).toBe(true);
    expect(sameTime(utc, { dateTime: '2026-12-01T11:00:00+01:00', timeZone: 'Etc/UTC' })).toBe(true);
    expect(sameTime(utc, { dateTime: '2026-12-01T10:00:00Z', timeZone: 'Europe/Berlin' })).toBe(false);
    expect(sameTime(utc, { dateTime: '2026-12-01T10:30:00Z', timeZone: 'UTC' })).toBe(false);
  });

  it('reads a dateTime without an offset as wall-clock time in its zone (across DST)', () => {
    const winter = { dateTime: '2026-12-01T10:00:00', timeZone: 'Europe/Berlin' };
    expect(sameTime(winter, { dateTime: '2026-12-01T09:00:00Z', timeZone: 'Europe/Berlin' })).toBe(true);
    const summer = { dateTime: '2026-07-01T10:00:00', timeZone: 'Europe/Berlin' };
    expect(sameTime(summer, { dateTime: '2026-07-01T08:00:00Z', timeZone: 'Europe/Berlin' })).toBe(true);
  });

  it('compares all-day values by date (a time zone on them is irrelevant), never equal to a dateTime', () => {
    expect(sameTime({ date: '2026-12-01' }, { date: '2026-12-01', timeZone: 'UTC' })).toBe(true);
    expect(sameTime({ date: '2026-12-01' }, { date: '2026-12-02' })).toBe(false);
    expect(sameTime({ date: '2026-12-01' }, { dateTime: '2026-12-01T00:00:00Z', timeZone: 'UTC' })).toBe(
      false,
    );
    expect(sameTime(null, undefined)).toBe(true);
  });

  it('attendees are sorted unique trimmed lower-case emails', () => {
    expect(normalAttendees([' Ann@Example.com', 'ann@example.com', 'bob@x.org', '', undefined])).toEqual([
      'ann@example.com',
      'bob@x.org',
    ]);
  });

  it('recurrence rules compare by their parts, not their spelling order', () => {
    expect(normalRecurrence(['RRULE:FREQ=WEEKLY;COUNT=5'])).toEqual(
      normalRecurrence(['RRULE:COUNT=5;FREQ=WEEKLY']),
    );
    expect(normalRecurrence(['RRULE:FREQ=WEEKLY'])).not.toEqual(normalRecurrence(['RRULE:FREQ=DAILY']));
  });
});

describe('what users do to meetings (issue 13)', () => {
  it('a meeting moved to another calendar keeps its conference (same id, source has only a cancelled stub)', () => {
    const moved = event('e1', 'c1', { summary: 'Moved and renamed' });
    const stub: OracleEvent = { id: 'e1', status: 'cancelled' };
    const calendars = [cal(A, [stub]), cal(B, [moved])];
    expect(kinds(calendars, [conference('c1', moved)])).toEqual([]); // made for A, carried from B: fine
    expect(kinds(calendars, [conference('c1', moved, { deleted: true })])).toEqual(['carriedNotLive']);
    expect(kinds(calendars, [conference('c1', event('e1', 'c1'))])).toEqual(['fieldDiffers']);
  });

  it('a copy sharing the original conference is a difference; with its own conference it is fine', () => {
    const original = event('e1', 'c1');
    const copy = event('copy1', 'c1', { summary: 'Copy of design review' });
    const shared = vendorEqualsCalendar({
      calendars: [cal(A, [original]), cal(B, [copy])],
      conferences: [conference('c1', original)],
    }).differences;
    expect(shared).toEqual([
      {
        kind: 'sharedConference',
        conferenceId: 'c1',
        events: [
          { calendarId: A, eventId: 'e1' },
          { calendarId: B, eventId: 'copy1' },
        ],
      },
    ]);
    // The original deleted, the copy alone still carries the original's conference: not its own.
    expect(
      vendorEqualsCalendar({
        calendars: [cal(A, []), cal(B, [copy])],
        conferences: [conference('c1', original)],
      }).differences,
    ).toEqual([
      {
        kind: 'carriedByOtherMeeting',
        conferenceId: 'c1',
        madeForEventId: 'e1',
        calendarId: B,
        eventId: 'copy1',
      },
    ]);
    const own = event('copy1', 'c2', { summary: 'Copy of design review' });
    const conferences = [conference('c1', original), conference('c2', own, { calendarId: B })];
    expect(kinds([cal(A, [original]), cal(B, [own])], conferences)).toEqual([]);
  });

  describe('"this and following": the split parts share one conference', () => {
    const early = event('s1', 'c1', {
      summary: 'Weekly',
      recurrence: ['RRULE:FREQ=WEEKLY;UNTIL=20261207T235959Z'],
    });
    const later = event('s1_R20261208T100000', 'c1', {
      summary: 'Weekly (new room)',
      start: { dateTime: '2026-12-08T10:00:00Z', timeZone: 'UTC' },
      end: { dateTime: '2026-12-08T11:00:00Z', timeZone: 'UTC' },
      recurrence: ['RRULE:FREQ=WEEKLY'],
    });

    it('names the same meeting', () => {
      expect(meetingOf('s1_R20261208T100000')).toBe('s1');
      expect(meetingOf('s1_R20261208T100000_R20270105T100000')).toBe('s1');
      expect(meetingOf('s1_R2026')).toBe('s1_R2026');
    });

    it('the vendor holds the fields of the latest-starting part', () => {
      const calendars = [cal(A, [early, later])];
      expect(kinds(calendars, [conference('c1', later, { eventId: 's1' })])).toEqual([]);
      const stale = vendorEqualsCalendar({
        calendars,
        conferences: [conference('c1', early)],
      }).differences;
      expect(stale.every((d) => d.kind === 'fieldDiffers' && d.eventId === later.id)).toBe(true);
      expect(stale.map((d) => (d.kind === 'fieldDiffers' ? d.field : ''))).toEqual([
        'title',
        'start',
        'end',
        'recurrence',
      ]);
    });

    it("two parts with one id and one start in two calendars: either part's fields will do", () => {
      // Event ids are unique per calendar only (Events resource): the later part moved to another
      // calendar, then the series split again at that occurrence (soak seed 1508221).
      const moved = { ...later, organizer: { email: B, self: true } };
      const again = { ...later, summary: 'Weekly (split again)', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] };
      const calendars = [cal(A, [early, again]), cal(B, [moved])];
      for (const held of [moved, again])
        expect(kinds(calendars, [conference('c1', held, { eventId: 's1' })])).toEqual([]);
      const neither = conference('c1', { ...moved, summary: 'Weekly' }, { eventId: 's1' });
      expect(new Set(kinds(calendars, [neither]))).toEqual(new Set(['fieldDiffers']));
    });

    it('deleting one part must not delete the conference the other part still uses', () => {
      const onlyLater = [cal(A, [later])];
      expect(kinds(onlyLater, [conference('c1', later, { eventId: 's1', deleted: true })])).toEqual([
        'carriedNotLive',
      ]);
      expect(deletionsOfCarried(onlyLater, ['c1'])).toEqual([
        { kind: 'deletedWhileCarried', conferenceId: 'c1', calendarId: A, eventId: later.id },
      ]);
    });
  });

  it('a restored meeting that still points at its deleted conference is a difference until it has a live one', () => {
    const restored = event('e1', 'c1');
    expect(kinds([cal(A, [restored])], [conference('c1', restored, { deleted: true })])).toEqual([
      'carriedNotLive',
    ]);
    const rewritten = event('e1', 'c2');
    const conferences = [conference('c1', restored, { deleted: true }), conference('c2', rewritten)];
    expect(kinds([cal(A, [rewritten])], conferences)).toEqual([]);
  });

  describe('a calendar the user cannot access any more is not evidence of deletion', () => {
    const ev = event('e1', 'c1');

    it('its conferences are not orphans, even with no visible event', () => {
      expect(kinds([cal(A, [], false)], [conference('c1', ev)])).toEqual([]);
      expect(kinds([cal(B, [])], [conference('c1', ev)])).toEqual([]); // A not given at all
    });

    it('an event still there (admin view) must keep a live conference, but its fields are not compared', () => {
      expect(kinds([cal(A, [ev], false)], [conference('c1', ev, { deleted: true })])).toEqual([
        'carriedNotLive',
      ]);
      expect(kinds([cal(A, [ev], false)], [conference('c1', ev, { title: 'Old' })])).toEqual([]);
      expect(deletionsOfCarried([cal(A, [ev], false)], ['c1'])).toHaveLength(1);
    });
  });

  describe("a guest's copy of someone else's meeting (not organized on this calendar) is ignored", () => {
    const guestCopy = event('e9', 'c9', { organizer: { email: 'carol@example.com', self: false } });

    it('whatever the vendor holds for it', () => {
      expect(kinds([cal(A, [guestCopy])], [])).toEqual([]);
      expect(kinds([cal(A, [guestCopy])], [conference('c9', guestCopy, { deleted: true })])).toEqual([]);
      expect(deletionsOfCarried([cal(A, [guestCopy])], ['c9'])).toEqual([]);
    });

    it('and it does not keep our own conference alive once our event is gone', () => {
      const mine = event('e1', 'c1');
      const copyOfMine = event('e1', 'c1', { organizer: { email: A, self: false } });
      expect(kinds([cal(A, []), cal(B, [copyOfMine])], [conference('c1', mine)])).toEqual(['orphan']);
    });

    it('an event with no organizer given is the user own', () => {
      const { organizer: _organizer, ...noOrganizer } = event('e1', 'c1');
      expect(kinds([cal(A, [noOrganizer])], [])).toEqual(['carriedNotLive']);
    });

    it('organizer.self defaults to false (events reference): someone else named as organizer is a guest copy', () => {
      const invited = event('e9', 'c9', { organizer: { email: 'carol@example.com' } });
      expect(kinds([cal(A, [invited])], [])).toEqual([]);
      const mineByEmail = event('e1', 'c1', { organizer: { email: A } });
      expect(kinds([cal(A, [mineByEmail])], [])).toEqual(['carriedNotLive']);
    });
  });

  describe('recurring exceptions', () => {
    const series = event('s1', 'c1', { recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5'] });
    const exception = event('s1_20261208T100000Z', 'c1', {
      recurringEventId: 's1',
      summary: 'One week later, longer',
      recurrence: undefined,
    });

    it('an edited occurrence defers to its live series (fields come from the series)', () => {
      expect(kinds([cal(A, [series, exception])], [conference('c1', series)])).toEqual([]);
      // The series dropped our conference; an exception still showing it is the series' business.
      const seriesWithout = event('s1', undefined, { recurrence: series.recurrence });
      expect(
        kinds([cal(A, [seriesWithout, exception])], [conference('c1', series, { deleted: true })]),
      ).toEqual([]);
    });

    it('an occurrence without its series in view still needs a live conference', () => {
      expect(kinds([cal(A, [exception])], [conference('c1', series, { deleted: true })])).toEqual([
        'carriedNotLive',
      ]);
    });
  });
});

describe('duplicate creates (replayed from the vendor changes in order)', () => {
  const made = (conferenceId: string) =>
    ({ kind: 'created', conferenceId, calendarId: A, eventId: 'e1', solutionId: 'acme-web' }) as const;

  it('a second create while the first is live is a difference; after a delete it is not', () => {
    expect(duplicateCreates([made('c1'), made('c2')])).toEqual([
      expect.objectContaining({ kind: 'duplicateCreate', conferenceId: 'c2', liveConferenceId: 'c1' }),
    ]);
    expect(duplicateCreates([made('c1'), { kind: 'deleted', conferenceId: 'c1' }, made('c2')])).toEqual([]);
    expect(duplicateCreates([made('c1'), made('c1')])).toEqual([]); // a replay of the same create
  });
});
