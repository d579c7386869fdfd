import {
  expandStarts,
  formatBasicDate,
  lastStart,
  parseRecurrence,
  RecurrenceError,
} from '../../../emulator/calendar/recurrence';
import { addOnConference, CAL, series, setup, thrown } from './helpers';

const U = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString();
const expand = (start: string, lines: string[], until = '2030-01-01T00:00:00Z') =>
  expandStarts(U(start), parseRecurrence(lines), { untilMs: U(until) }).map(iso);

describe('recurrence rules (RFC 5545 subset)', () => {
  it('FREQ=WEEKLY with BYDAY and COUNT counts occurrences from the first one', () => {
    expect(expand('2026-11-23T10:00:00Z', ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=4'])).toEqual([
      '2026-11-23T10:00:00.000Z',
      '2026-11-25T10:00:00.000Z',
      '2026-11-27T10:00:00.000Z',
      '2026-11-30T10:00:00.000Z',
    ]);
  });

  it('FREQ=DAILY with INTERVAL and an inclusive UNTIL', () => {
    expect(expand('2026-11-23T10:00:00Z', ['RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20261127T100000Z'])).toEqual([
      '2026-11-23T10:00:00.000Z',
      '2026-11-25T10:00:00.000Z',
      '2026-11-27T10:00:00.000Z',
    ]);
  });

  it('FREQ=MONTHLY skips months without that day; INTERVAL applies to weeks too', () => {
    expect(expand('2026-01-31T10:00:00Z', ['RRULE:FREQ=MONTHLY;COUNT=3'])).toEqual([
      '2026-01-31T10:00:00.000Z',
      '2026-03-31T10:00:00.000Z',
      '2026-05-31T10:00:00.000Z',
    ]);
    expect(expand('2026-11-23T10:00:00Z', ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=2'])).toEqual([
      '2026-11-23T10:00:00.000Z',
      '2026-12-07T10:00:00.000Z',
    ]);
  });

  it('EXDATE removes occurrences (COUNT still counts them)', () => {
    expect(
      expand('2026-11-23T10:00:00Z', ['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;TZID=UTC:20261124T100000']),
    ).toEqual(['2026-11-23T10:00:00.000Z', '2026-11-25T10:00:00.000Z']);
  });

  it('an unbounded rule has no last occurrence; a bounded one does', () => {
    expect(lastStart(U('2026-11-23T10:00:00Z'), parseRecurrence(['RRULE:FREQ=DAILY']))).toBe(Infinity);
    expect(iso(lastStart(U('2026-11-23T10:00:00Z'), parseRecurrence(['RRULE:FREQ=DAILY;COUNT=3'])))).toBe(
      '2026-11-25T10:00:00.000Z',
    );
  });

  it('unsupported or malformed lines are rejected', () => {
    expect(() => parseRecurrence(['RRULE:FREQ=HOURLY'])).toThrow(RecurrenceError);
    expect(() => parseRecurrence(['RRULE:FREQ=DAILY;COUNT=2;UNTIL=20261201'])).toThrow(RecurrenceError);
    expect(() => parseRecurrence(['nonsense'])).toThrow(RecurrenceError);
  });

  it('instance ids use the original start in UTC basic format, or the date for all-day events', () => {
    expect(formatBasicDate(U('2026-11-23T10:00:00Z'), false)).toBe('20261123T100000Z');
    expect(formatBasicDate(U('2026-11-23T00:00:00Z'), true)).toBe('20261123');
  });
});

describe('recurring series in the Calendar emulator', () => {
  it('singleEvents expands a series into instances with recurringEventId, originalStartTime and no recurrence', () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(
      CAL,
      series('2026-11-23T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=3', { summary: 'standup' }),
    );
    const items = Calendar.Events.list('primary', { singleEvents: true }).items;
    expect(items.map((e) => e.id)).toEqual([
      `${m.id}_20261123T100000Z`,
      `${m.id}_20261124T100000Z`,
      `${m.id}_20261125T100000Z`,
    ]);
    expect(items[1]).toMatchObject({
      summary: 'standup',
      recurringEventId: m.id,
      originalStartTime: { dateTime: '2026-11-24T10:00:00Z', timeZone: 'UTC' },
      start: { dateTime: '2026-11-24T10:00:00Z' },
      end: { dateTime: '2026-11-24T11:00:00Z' },
    });
    expect(items[1].recurrence).toBeUndefined();
    expect(Calendar.Events.list('primary').items.map((e) => e.id)).toEqual([m.id]);
  });

  it('all-day series instances are keyed by date', () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(CAL, {
      summary: 'holiday',
      start: { date: '2026-11-23' },
      end: { date: '2026-11-24' },
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2'],
    });
    expect(Calendar.Events.list('primary', { singleEvents: true }).items.map((e) => e.id)).toEqual([
      `${m.id}_20261123`,
      `${m.id}_20261130`,
    ]);
  });

  it('singleEvents with a time window returns only the overlapping instances', () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(CAL, series('2026-01-01T10:00:00Z', 'RRULE:FREQ=DAILY'));
    const items = Calendar.Events.list('primary', {
      singleEvents: true,
      timeMin: '2026-11-24T10:30:00Z',
      timeMax: '2026-11-26T10:00:00Z',
    }).items;
    expect(items.map((e) => e.id)).toEqual([`${m.id}_20261124T100000Z`, `${m.id}_20261125T100000Z`]);
  });

  it('a recurring event inserted through the API needs a time zone on dateTime start (400)', () => {
    const { Calendar } = setup();
    const err = thrown(() =>
      Calendar.Events.insert(
        {
          start: { dateTime: '2026-11-23T10:00:00Z' },
          end: { dateTime: '2026-11-23T11:00:00Z' },
          recurrence: ['RRULE:FREQ=DAILY'],
        },
        'primary',
      ),
    );
    expect(err.details.code).toBe(400);
  });

  it('a cancelled instance comes back in incremental sync as a stub with id, recurringEventId and originalStartTime', () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(CAL, series('2026-11-23T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=3'));
    const token = Calendar.Events.list('primary').nextSyncToken!;
    emu.cancelOccurrence(CAL, m.id!, '2026-11-24T10:00:00Z');
    const items = Calendar.Events.list('primary', { syncToken: token }).items;
    expect(items).toEqual([
      {
        kind: 'calendar#event',
        id: `${m.id}_20261124T100000Z`,
        status: 'cancelled',
        etag: expect.stringMatching(/^".+"$/),
        recurringEventId: m.id,
        originalStartTime: { dateTime: '2026-11-24T10:00:00Z', timeZone: 'UTC' },
      },
    ]);
    expect(Calendar.Events.list('primary', { singleEvents: true }).items).toHaveLength(2);
  });

  it('cancelled instances of a live series are listed when showDeleted and singleEvents are both false', () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(CAL, series('2026-11-23T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=3'));
    emu.cancelOccurrence(CAL, m.id!, { dateTime: '2026-11-24T10:00:00Z' });
    const items = Calendar.Events.list('primary').items;
    expect(items.map((e) => [e.id, e.status])).toEqual([
      [m.id, 'confirmed'],
      [`${m.id}_20261124T100000Z`, 'cancelled'],
    ]);
    expect(
      Calendar.Events.list('primary', { singleEvents: true }).items.every((e) => e.status !== 'cancelled'),
    ).toBe(true);
  });

  it("exceptions inherit the master's fields, including conferenceData, when created", () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(
      CAL,
      series('2026-11-23T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=3', {
        conferenceData: addOnConference,
        description: 'd',
      }),
    );
    const ex = emu.editOccurrence(CAL, m.id!, '2026-11-24T10:00:00Z', {
      summary: 'moved',
      start: { dateTime: '2026-11-24T15:00:00Z' },
      end: { dateTime: '2026-11-24T16:00:00Z' },
    });
    expect(ex).toMatchObject({
      id: `${m.id}_20261124T100000Z`,
      summary: 'moved',
      description: 'd',
      conferenceData: addOnConference,
      recurringEventId: m.id,
      originalStartTime: { dateTime: '2026-11-24T10:00:00Z' },
      start: { dateTime: '2026-11-24T15:00:00Z' },
    });
    expect(ex.recurrence).toBeUndefined();
    const single = Calendar.Events.list('primary', { singleEvents: true }).items;
    expect(single.map((e) => e.summary)).toEqual(['Meeting', 'Meeting', 'moved']);
    expect(Calendar.Events.list('primary').items.map((e) => e.id)).toEqual([m.id, ex.id]);
  });

  it('get of an instance id returns the generated instance; patching it stores an exception', () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(CAL, series('2026-11-23T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=3'));
    const id = `${m.id}_20261125T100000Z`;
    expect(Calendar.Events.get('primary', id).recurringEventId).toBe(m.id);
    expect(thrown(() => Calendar.Events.get('primary', `${m.id}_20261125T110000Z`)).details.code).toBe(404);
    const p = Calendar.Events.patch({ description: 'only this one' }, 'primary', id);
    expect(p.description).toBe('only this one');
    expect(emu.peek(CAL, id)?.description).toBe('only this one');
  });

  it('removing a series cancels its exceptions too', () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(CAL, series('2026-11-23T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=3'));
    const ex = emu.editOccurrence(CAL, m.id!, '2026-11-24T10:00:00Z', { summary: 'x' });
    const token = Calendar.Events.list('primary').nextSyncToken!;
    Calendar.Events.remove('primary', m.id!);
    expect(emu.peek(CAL, ex.id!)?.status).toBe('cancelled');
    const items = Calendar.Events.list('primary', { syncToken: token }).items;
    expect(items.map((e) => [e.id, e.status]).sort()).toEqual(
      [
        [m.id, 'cancelled'],
        [ex.id, 'cancelled'],
      ].sort(),
    );
    expect(emu.liveEvents(CAL)).toEqual([]);
  });

  it('with singleEvents, a change to the series reports its instances in incremental sync', () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(CAL, series('2026-11-23T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=2'));
    const token = Calendar.Events.list('primary', { singleEvents: true }).nextSyncToken!;
    emu.editEvent(CAL, m.id!, { summary: 'renamed' });
    const items = Calendar.Events.list('primary', { singleEvents: true, syncToken: token }).items;
    expect(items.map((e) => [e.id, e.summary])).toEqual([
      [`${m.id}_20261123T100000Z`, 'renamed'],
      [`${m.id}_20261124T100000Z`, 'renamed'],
    ]);
  });

  it("Events.instances lists a series' occurrences, exceptions included", () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(CAL, series('2026-11-23T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=3'));
    emu.editOccurrence(CAL, m.id!, '2026-11-24T10:00:00Z', { summary: 'x' });
    emu.cancelOccurrence(CAL, m.id!, '2026-11-25T10:00:00Z');
    const r = Calendar.Events.instances('primary', m.id!);
    expect(r.items.map((e) => e.summary)).toEqual(['Meeting', 'x']);
    expect(Calendar.Events.instances('primary', m.id!, { showDeleted: true }).items).toHaveLength(3);
    const page = Calendar.Events.instances('primary', m.id!, { maxResults: 1 });
    expect(page.nextPageToken).toBeDefined();
    expect(thrown(() => Calendar.Events.instances('primary', 'nosuchevent')).details.code).toBe(404);
  });

  it('sequence bumps on a series when its recurrence changes', () => {
    const { emu } = setup();
    const m = emu.putEvent(CAL, series('2026-11-23T10:00:00Z', 'RRULE:FREQ=DAILY;COUNT=3'));
    expect(emu.editEvent(CAL, m.id!, { recurrence: ['RRULE:FREQ=DAILY;COUNT=5'] }).sequence).toBe(1);
  });
});

/*
 * Time-zone series. The Events resource requires a time zone on the start of a recurring event "to
 * specify how the recurrence is expanded"; RFC 5545 (3.3.5) says a time that occurs twice means the first
 * one and a time that does not exist is read with the offset from before the gap. Dates used: Europe/Berlin
 * leaves summer time on 2026-10-25 (01:00Z), America/New_York enters it on 2026-03-08 (07:00Z).
 */
describe('recurring series in real time zones (expanded with rrule, DST-correct)', () => {
  const zoned = (startIso: string, timeZone: string, rrule: string, minutes = 60) => ({
    summary: 'standup',
    start: { dateTime: startIso, timeZone },
    end: { dateTime: new Date(Date.parse(startIso) + minutes * 60_000).toISOString(), timeZone },
    recurrence: [rrule],
  });

  it('a weekly 10:00 Berlin meeting stays at 10:00 local when summer time ends (08:00Z, then 09:00Z)', () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(CAL, zoned('2026-10-19T08:00:00Z', 'Europe/Berlin', 'RRULE:FREQ=WEEKLY;COUNT=3'));
    const items = Calendar.Events.list('primary', { singleEvents: true }).items;
    expect(items.map((e) => [e.id, e.start?.dateTime, e.end?.dateTime])).toEqual([
      [`${m.id}_20261019T080000Z`, '2026-10-19T08:00:00Z', '2026-10-19T09:00:00Z'],
      [`${m.id}_20261026T090000Z`, '2026-10-26T09:00:00Z', '2026-10-26T10:00:00Z'],
      [`${m.id}_20261102T090000Z`, '2026-11-02T09:00:00Z', '2026-11-02T10:00:00Z'],
    ]);
    expect(items[1].start?.timeZone).toBe('Europe/Berlin');
  });

  it('a daily 09:00 New York meeting moves from 14:00Z to 13:00Z when summer time starts', () => {
    const lines = ['RRULE:FREQ=DAILY;COUNT=4'];
    expect(
      expandStarts(U('2026-03-06T14:00:00Z'), parseRecurrence(lines, 'America/New_York'), {
        untilMs: U('2027-01-01T00:00:00Z'),
      }).map(iso),
    ).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
  });

  it('a local time that does not exist on the DST day is moved forward by the gap (RFC 5545)', () => {
    const starts = expandStarts(
      U('2026-03-07T07:30:00Z'), // 02:30 EST
      parseRecurrence(['RRULE:FREQ=DAILY;COUNT=3'], 'America/New_York'),
      { untilMs: U('2027-01-01T00:00:00Z') },
    ).map(iso);
    expect(starts).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:30:00.000Z', // 02:30 does not exist: 03:30 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
  });

  it('EXDATE with TZID and UNTIL in UTC are compared as instants', () => {
    const rec = parseRecurrence(
      ['RRULE:FREQ=WEEKLY;UNTIL=20261102T090000Z', 'EXDATE;TZID=Europe/Berlin:20261026T100000'],
      'Europe/Berlin',
    );
    expect(
      expandStarts(U('2026-10-19T08:00:00Z'), rec, { untilMs: U('2027-01-01T00:00:00Z') }).map(iso),
    ).toEqual(['2026-10-19T08:00:00.000Z', '2026-11-02T09:00:00.000Z']);
  });

  it('BYDAY with MONTHLY (second Tuesday) is supported, as Calendar offers it', () => {
    const rec = parseRecurrence(['RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3'], 'Europe/Berlin');
    expect(
      expandStarts(U('2026-09-08T08:00:00Z'), rec, { untilMs: U('2027-01-01T00:00:00Z') }).map(iso),
    ).toEqual(['2026-09-08T08:00:00.000Z', '2026-10-13T08:00:00.000Z', '2026-11-10T09:00:00.000Z']);
  });

  it('"this and following" across a DST change: the new series starts at the local time of that occurrence', () => {
    const { Calendar, emu } = setup();
    const m = emu.putEvent(CAL, zoned('2026-10-19T08:00:00Z', 'Europe/Berlin', 'RRULE:FREQ=WEEKLY;COUNT=4'));
    const next = emu.splitSeries(CAL, m.id!, '2026-10-26T09:00:00Z');
    expect(next.id).toBe(`${m.id}_R20261026T090000Z`);
    expect(next.start).toEqual({ dateTime: '2026-10-26T09:00:00Z', timeZone: 'Europe/Berlin' });
    expect(Calendar.Events.instances(CAL, next.id!).items.map((i) => i.start?.dateTime)).toEqual([
      '2026-10-26T09:00:00Z',
      '2026-11-02T09:00:00Z',
      '2026-11-09T09:00:00Z',
    ]);
    expect(Calendar.Events.instances(CAL, m.id!).items.map((i) => i.start?.dateTime)).toEqual([
      '2026-10-19T08:00:00Z',
    ]);
  });

  it('an unknown time zone on a recurring event is refused (400)', () => {
    const { Calendar } = setup();
    const err = thrown(() =>
      Calendar.Events.insert(zoned('2026-10-19T08:00:00Z', 'Mars/Olympus', 'RRULE:FREQ=DAILY'), 'primary'),
    );
    expect(err.details.code).toBe(400);
  });
});
