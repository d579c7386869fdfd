/**
 * The per-vendor normalisers: an Acme conference and a Zoom meeting become the oracle's
 * VendorConference, and the oracle judges them the same way.
 */

import { createZoomApp } from '../../vendor-server/zoomApp';
import { type OracleEvent, vendorEqualsCalendar } from './vendorEqualsCalendar';
import {
  acmeChanges,
  acmeConferenceIdOf,
  fromAcme,
  fromZoom,
  ZOOM_TOPIC_MAX,
  zoomConferences,
} from './vendors';

const CAL = 'alice@example.com';
const ev: OracleEvent = {
  id: 'e1',
  summary: 'Design review',
  start: { dateTime: '2026-12-01T11:00:00+01:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-12-01T11:45:00+01:00', timeZone: 'Europe/Berlin' },
  attendees: [{ email: 'Bob@Example.com' }],
  conferenceData: { conferenceId: '85746065432', conferenceSolution: { key: { type: 'addOn' } } },
};

describe('fromZoom', () => {
  const meeting = {
    id: 85746065432,
    topic: 'Design review',
    type: 2,
    start_time: '2026-12-01T10:00:00Z',
    duration: 45,
    timezone: 'Europe/Berlin',
    settings: { meeting_invitees: [{ email: 'bob@example.com' }] },
  };

  it('a scheduled meeting equals its event: start_time in UTC + timezone, end = start + duration', () => {
    const report = vendorEqualsCalendar({
      calendars: [{ calendarId: CAL, events: [ev] }],
      conferences: [fromZoom(meeting)],
    });
    expect(report.differences).toEqual([]);
  });

  it('a moved event shows as a stale start and end', () => {
    const moved = { ...meeting, start_time: '2026-12-01T11:00:00Z' };
    const d = vendorEqualsCalendar({
      calendars: [{ calendarId: CAL, events: [ev] }],
      conferences: [fromZoom(moved)],
    });
    expect(d.differences.map((x) => (x.kind === 'fieldDiffers' ? x.field : x.kind))).toEqual([
      'start',
      'end',
    ]);
  });

  it('no fixed time (all-day, or a recurrence Zoom cannot express) and a cut topic are not compared', () => {
    const allDay: OracleEvent = {
      ...ev,
      summary: 'x'.repeat(250),
      start: { date: '2026-12-01' },
      end: { date: '2026-12-02' },
    };
    const noTime = fromZoom({ ...meeting, type: 3, topic: 'x'.repeat(ZOOM_TOPIC_MAX) });
    expect(noTime.start).toBeUndefined();
    expect(noTime.title).toBeUndefined();
    const report = vendorEqualsCalendar({
      calendars: [{ calendarId: CAL, events: [allDay] }],
      conferences: [noTime],
    });
    expect(report.differences).toEqual([]);
  });

  it('Zoom keeps no calendar: an uncarried meeting is an orphan only when every calendar is visible', () => {
    const orphan = fromZoom({ ...meeting, id: 1 });
    const seen = [{ calendarId: CAL, events: [] }];
    expect(vendorEqualsCalendar({ calendars: seen, conferences: [orphan] }).differences).toEqual([
      { kind: 'orphan', conferenceId: '1', calendarId: undefined, eventId: undefined },
    ]);
    const partly = [...seen, { calendarId: 'lost@example.com', accessible: false, events: [] }];
    expect(vendorEqualsCalendar({ calendars: partly, conferences: [orphan] }).ok).toBe(true);
  });

  it('a deleted meeting the event still carries is a dead link', () => {
    const report = vendorEqualsCalendar({
      calendars: [{ calendarId: CAL, events: [ev] }],
      conferences: [fromZoom({ ...meeting, deleted: true })],
    });
    expect(report.differences.map((d) => d.kind)).toEqual(['carriedNotLive']);
  });
});

describe('zoomConferences against the Zoom-shaped reference server', () => {
  it('a meeting made through its API equals the event; deleted, the event carries a dead link', () => {
    const zoom = createZoomApp({ apiKey: 'zoom-test-token', idSeed: 3 });
    const call = (method: string, path: string, body?: unknown) =>
      zoom.handle({
        method,
        path,
        headers: { authorization: 'Bearer zoom-test-token', 'content-type': 'application/json' },
        body: body === undefined ? '' : JSON.stringify(body),
      });
    const made = call('POST', '/users/me/meetings', {
      topic: 'Design review',
      type: 2,
      start_time: '2026-12-01T10:00:00Z',
      duration: 45,
      timezone: 'Europe/Berlin',
      settings: { meeting_invitees: [{ email: 'bob@example.com' }] },
    });
    expect(made.status).toBe(201);
    const id = String((JSON.parse(made.body) as { id: number }).id);
    const event = { ...ev, conferenceData: { ...ev.conferenceData, conferenceId: id } };
    const calendars = [{ calendarId: CAL, events: [event] }];
    expect(vendorEqualsCalendar({ calendars, conferences: zoomConferences(zoom, calendars) }).ok).toBe(true);
    expect(call('DELETE', `/meetings/${id}`).status).toBe(204);
    const after = vendorEqualsCalendar({ calendars, conferences: zoomConferences(zoom, calendars) });
    expect(after.differences).toEqual([
      { kind: 'carriedNotLive', conferenceId: id, vendorState: 'deleted', calendarId: CAL, eventId: 'e1' },
    ]);
  });
});

describe('Acme', () => {
  it('keeps the home calendar, event and solution', () => {
    const c = fromAcme({
      id: 'c1',
      joinUrl: 'https://x/j/c1',
      solutionId: 'acme-web',
      calendarId: CAL,
      eventId: 'e1',
      title: 't',
      start: null,
      end: null,
      attendees: [],
      recurrence: [],
      recorded: false,
      createdAt: '',
      updatedAt: '',
      version: 1,
      deleted: true,
    });
    expect(c).toMatchObject({
      id: 'c1',
      calendarId: CAL,
      eventId: 'e1',
      solutionId: 'acme-web',
      deleted: true,
    });
  });

  it('reads creates and applied deletes from the request log, in order', () => {
    expect(acmeConferenceIdOf('/conferences/a%2Fb?x=1')).toBe('a/b');
    const created = { conferenceId: 'c1', calendarId: CAL, eventId: 'e1', solutionId: 'acme-web' };
    expect(
      acmeChanges([
        { method: 'POST', path: '/conferences', status: 201, created },
        { method: 'POST', path: '/conferences', status: 200, created },
        { method: 'DELETE', path: '/conferences/c1', status: 500 },
        { method: 'DELETE', path: '/conferences/c1', status: 204 },
      ]),
    ).toEqual([
      { kind: 'created', ...created },
      { kind: 'deleted', conferenceId: 'c1' },
    ]);
  });
});
