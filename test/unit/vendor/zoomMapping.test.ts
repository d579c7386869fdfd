import type { SyncedFields } from '../../../src/calendar/syncedFields';
import { rruleOf, zoomMeetingBody, zoomRecurrence } from '../../../src/vendor/adapters/zoomMapping';

/**
 * Calendar's fields in Zoom's Meetings API terms (docs/zoom-mapping.md). Limits from Zoom's
 * "Recurrence Object Definitions": daily interval <= 90, weekly <= 12, monthly <= 3; end_times 1..50
 * or end_date_time; weekly_days 1 = Sunday .. 7 = Saturday; monthly_week -1 or 1..4.
 */
const base: SyncedFields = {
  title: 'Review',
  start: { dateTime: '2026-11-25T10:00:00-05:00', timeZone: 'America/New_York' },
  end: { dateTime: '2026-11-25T11:30:00-05:00', timeZone: 'America/New_York' },
  attendees: ['bob@example.com'],
  recurrence: [],
};

describe('zoomMeetingBody', () => {
  it('a timed event: type 2, start in UTC with the event time zone, whole minutes, invitees', () => {
    expect(zoomMeetingBody(base, { recorded: false })).toEqual({
      body: {
        topic: 'Review',
        type: 2,
        start_time: '2026-11-25T15:00:00Z',
        timezone: 'America/New_York',
        duration: 90,
        settings: { meeting_invitees: [{ email: 'bob@example.com' }] },
      },
    });
  });

  it('the recorded solution asks for cloud recording; topics are cut to 200 characters', () => {
    const { body } = zoomMeetingBody({ ...base, title: 'x'.repeat(300) }, { recorded: true });
    expect(body.settings.auto_recording).toBe('cloud');
    expect(body.topic).toHaveLength(200);
  });

  it('an all-day event or an unsaved event (no time yet): type 3, no fixed time, said so', () => {
    const allDay = zoomMeetingBody(
      { ...base, start: { date: '2026-11-25' }, end: { date: '2026-11-26' } },
      { recorded: false },
    );
    expect(allDay).toMatchObject({ body: { type: 3 }, fallback: 'all-day' });
    expect(allDay.body.start_time).toBeUndefined();
    const unsaved = zoomMeetingBody({ ...base, title: null, start: null, end: null }, { recorded: false });
    expect(unsaved).toMatchObject({ body: { type: 3 }, fallback: 'time-unknown' });
    expect(unsaved.body.topic).toBeUndefined();
  });

  it('an expressible series: type 8 with the recurrence object', () => {
    const { body } = zoomMeetingBody(
      { ...base, recurrence: ['RRULE:FREQ=DAILY;INTERVAL=2;COUNT=10'] },
      { recorded: false },
    );
    expect(body).toMatchObject({ type: 8, recurrence: { type: 1, repeat_interval: 2, end_times: 10 } });
  });

  it('a series Zoom cannot express: type 3 (one link for every occurrence), no start time', () => {
    const result = zoomMeetingBody(
      { ...base, recurrence: ['RRULE:FREQ=YEARLY;COUNT=3'] },
      { recorded: false },
    );
    expect(result).toMatchObject({ body: { type: 3 }, fallback: 'recurrence-not-expressible' });
    expect(result.body.start_time).toBeUndefined();
  });
});

describe('zoomRecurrence', () => {
  const on = (line: string, date = '2026-11-25') => zoomRecurrence([line], date); // a Wednesday

  it.each([
    ['RRULE:FREQ=DAILY;COUNT=5', { type: 1, repeat_interval: 1, end_times: 5 }],
    [
      'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20261231T235959Z',
      { type: 2, repeat_interval: 1, weekly_days: '2,4,6', end_date_time: '2026-12-31T23:59:59Z' },
    ],
    ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4', { type: 2, repeat_interval: 2, weekly_days: '4', end_times: 4 }],
    [
      'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=20',
      { type: 2, repeat_interval: 1, weekly_days: '2,3,4,5,6', end_times: 20 },
    ],
    ['RRULE:FREQ=MONTHLY;COUNT=6', { type: 3, repeat_interval: 1, monthly_day: 25, end_times: 6 }],
    [
      'RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270601',
      {
        type: 3,
        repeat_interval: 1,
        monthly_week: -1,
        monthly_week_day: 6,
        end_date_time: '2027-06-01T23:59:59Z',
      },
    ],
    [
      'RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2;COUNT=3',
      { type: 3, repeat_interval: 1, monthly_week: 2, monthly_week_day: 3, end_times: 3 },
    ],
  ])('%s', (line, expected) => {
    expect(on(line)).toEqual(expected);
    expect(rruleOf(on(line)!)).toMatch(/^RRULE:FREQ=/);
  });

  it.each([
    ['no end (Zoom needs end_times or end_date_time)', 'RRULE:FREQ=WEEKLY;BYDAY=MO'],
    ['more than 50 occurrences', 'RRULE:FREQ=DAILY;COUNT=51'],
    ['a daily interval over 90', 'RRULE:FREQ=DAILY;INTERVAL=91;COUNT=2'],
    ['a weekly interval over 12', 'RRULE:FREQ=WEEKLY;INTERVAL=13;COUNT=2'],
    ['a monthly interval over 3', 'RRULE:FREQ=MONTHLY;INTERVAL=4;COUNT=2'],
    ['yearly', 'RRULE:FREQ=YEARLY;COUNT=2'],
    ['the fifth Monday', 'RRULE:FREQ=MONTHLY;BYDAY=5MO;COUNT=2'],
    ['BYMONTH', 'RRULE:FREQ=WEEKLY;BYMONTH=1;COUNT=2'],
    ['every other day on weekdays', 'RRULE:FREQ=DAILY;INTERVAL=2;BYDAY=MO,WE;COUNT=4'],
  ])('not expressible: %s', (_why, line) => {
    expect(on(line)).toBeNull();
  });

  it('EXDATE or a second rule cannot be held by Zoom', () => {
    expect(zoomRecurrence(['RRULE:FREQ=DAILY;COUNT=5', 'EXDATE:20261126T100000Z'], '2026-11-25')).toBeNull();
  });

  it('round-trips through rruleOf', () => {
    expect(rruleOf(on('RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10')!)).toBe(
      'RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10',
    );
  });
});
