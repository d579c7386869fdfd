import { differences, expectedAtVendor } from '../../../src/audit/compare';
import type { SyncedFields } from '../../../src/calendar/syncedFields';
import { BRAND } from '../../../src/config/brand';
import { adapterFor } from '../../../src/vendor/openVendor';

const EVENT: SyncedFields = {
  title: 'Planning',
  start: { dateTime: '2026-11-24T11:00:00+01:00', timeZone: 'Europe/Zurich' },
  end: { dateTime: '2026-11-24T11:30:00+01:00', timeZone: 'Europe/Zurich' },
  attendees: ['bob@example.com', 'carol@example.com'],
  recurrence: [],
};

describe('does the vendor hold what the event says', () => {
  it('the same meeting written differently is no difference (offset vs UTC, guest order and case)', () => {
    const held: SyncedFields = {
      ...EVENT,
      start: { dateTime: '2026-11-24T10:00:00.000Z' },
      end: { dateTime: '2026-11-24T10:30:00Z' },
      attendees: ['Carol@example.com', 'bob@example.com'],
    };
    expect(differences(EVENT, held)).toEqual([]);
  });

  it('names each aspect a user would call different', () => {
    const held: SyncedFields = {
      title: 'Other',
      start: { dateTime: '2026-11-24T12:00:00Z' },
      end: EVENT.end,
      attendees: ['bob@example.com'],
      recurrence: ['RRULE:FREQ=DAILY;COUNT=2'],
    };
    expect(differences(EVENT, held)).toEqual(['title', 'time', 'guests', 'recurrence']);
  });

  it('an event without a title does not compare the title (the vendor shows its own default)', () => {
    expect(differences({ ...EVENT, title: null }, { ...EVENT, title: 'Zoom Meeting' })).toEqual([]);
  });

  it("Zoom's rounding is not a change: seconds and the all-day fallback go through heldView", () => {
    const zoom = adapterFor(
      { brand: { ...BRAND, adapter: 'zoom' }, http: { fetchAll: () => [] }, clock: { now: () => 0 } },
      { baseUrl: 'https://api.zoom.us/v2/' },
      { bearer: 'x', source: 'api-key' },
    );
    const allDay: SyncedFields = { ...EVENT, start: { date: '2026-11-24' }, end: { date: '2026-11-25' } };
    // Zoom has no all-day meetings: it holds a meeting with no fixed time, and reads back no time.
    const heldAllDay: SyncedFields = { ...EVENT, start: null, end: null };
    expect(differences(expectedAtVendor(zoom, allDay), heldAllDay)).toEqual([]);
    expect(differences(allDay, heldAllDay)).toEqual(['time']);
  });
});
