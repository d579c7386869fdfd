import type { SyncedFields } from '../../../src/calendar/syncedFields';
import { BRAND } from '../../../src/config/brand';
import type { HttpClient, HttpResult } from '../../../src/platform/ports';
import { ZoomAdapter } from '../../../src/vendor/adapters/zoom';
import { createZoomApp } from '../../../vendor-server/zoomApp';

/** The Zoom adapter's outcome kinds, against the Zoom-shaped reference server in process. */
function setup(options: { recoverDays?: number } = {}) {
  const zoom = createZoomApp({ apiKey: 'tok', idSeed: 9, ...options });
  const http = httpTo(zoom);
  const adapter = new ZoomAdapter({
    endpoint: { baseUrl: 'https://api.zoom.example/v2/' },
    bearer: 'tok',
    brand: BRAND,
    http,
    clock: { now: () => 0 },
  });
  return { zoom, adapter };
}

const fields: SyncedFields = {
  title: 'Sync',
  start: { dateTime: '2026-11-24T10:00:00Z', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-11-24T10:45:00Z', timeZone: 'Europe/Berlin' },
  attendees: ['x@example.com'],
  recurrence: [],
};
const create = (adapter: ZoomAdapter, solutionId = 'acme-web') =>
  adapter.create({ calendarId: 'c', eventId: 'e', solutionId, fields });

describe('ZoomAdapter', () => {
  it('create: the numeric id as a string, join_url, password; the dial-in with the meeting id as PIN', () => {
    const { adapter } = setup();
    const outcome = create(adapter);
    expect(outcome.kind).toBe('applied');
    if (outcome.kind !== 'applied') return;
    expect(outcome.value.id).toMatch(/^\d+$/);
    expect(outcome.value).toMatchObject({
      joinUrl: expect.stringMatching(/^https:\/\//),
      passcode: expect.stringMatching(/^\d{6}$/),
      dialIn: [
        { number: '+1 555 0199', pin: outcome.value.id, regionCode: 'US', charge: 'toll' },
        { number: '+49 69 5550199', pin: outcome.value.id, regionCode: 'DE', charge: 'toll' },
        { number: '+1 888 555 0199', pin: outcome.value.id, regionCode: 'US', charge: 'toll-free' },
      ],
      dialInListUrl: `https://zoom.example.com/zoomconference?m=${outcome.value.id}`,
    });
    expect(adapter.idempotentCreate).toBe(false);
  });

  it('update (204) is applied without a body; lookup maps the meeting back; delete then already-gone', () => {
    const { adapter } = setup();
    const made = create(adapter);
    if (made.kind !== 'applied') throw new Error('not created');
    const id = made.value.id;
    const [updated] = adapter.send([
      { op: 'update', conferenceId: id, fields: { ...fields, title: 'Renamed' } },
    ]);
    expect(updated).toEqual({ kind: 'applied', value: null });
    const [lookup] = adapter.send([{ op: 'lookup', conferenceId: id }]);
    expect(lookup).toMatchObject({
      kind: 'applied',
      value: {
        title: 'Renamed',
        start: { dateTime: '2026-11-24T10:00:00.000Z', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-11-24T10:45:00.000Z' },
        attendees: ['x@example.com'],
      },
    });
    expect(adapter.send([{ op: 'delete', conferenceId: id }])[0]).toEqual({ kind: 'applied', value: null });
    expect(adapter.send([{ op: 'delete', conferenceId: id }])[0]).toEqual({ kind: 'already-gone' });
  });

  it('faults: 429 is retry-later (rate limited, Retry-After), down unreachable, garbage a bad answer, 401 unauthorized', () => {
    const { zoom, adapter } = setup();
    zoom.faults.set({ mode: 'http429', count: 1, retryAfterSeconds: 2 });
    expect(create(adapter)).toMatchObject({ kind: 'retry-later', delayMs: 2000, rateLimited: true });
    zoom.faults.set({ mode: 'down', count: 1 });
    expect(create(adapter).kind).toBe('unreachable');
    zoom.faults.set({ mode: 'garbage', count: 1 });
    expect(create(adapter)).toMatchObject({ kind: 'refused', reason: 'bad-answer' });
    const wrong = new ZoomAdapter({
      endpoint: { baseUrl: 'https://api.zoom.example/v2/' },
      bearer: 'nope',
      brand: BRAND,
      http: (adapter as unknown as { options: { http: HttpClient } }).options.http,
      clock: { now: () => 0 },
    });
    expect(wrong.testConnection().kind).toBe('unauthorized');
    expect(adapter.testConnection()).toEqual({ kind: 'applied', value: null });
  });

  it('the recorded solution asks Zoom for cloud recording', () => {
    const { zoom, adapter } = setup();
    create(adapter, 'acme-recorded');
    expect(zoom.conferences()[0]?.settings.auto_recording).toBe('cloud');
  });

  /**
   * Undo a delete with Zoom's `PUT /meetings/{meetingId}/status` action `recover` ("Recover a deleted
   * meeting", Zoom Meetings API reference, "Update meeting status"), then the event's fields.
   */
  describe('undelete (recover)', () => {
    function deleted(options: { recoverDays?: number } = {}) {
      const { zoom, adapter } = setup(options);
      const made = create(adapter);
      if (made.kind !== 'applied') throw new Error('not created');
      adapter.send([{ op: 'delete', conferenceId: made.value.id }]);
      return { zoom, adapter, made: made.value };
    }

    it('the same meeting back (id, join link, passcode) with the restored event fields: recover, then PATCH and GET together', () => {
      const { zoom, adapter, made } = deleted();
      const back = adapter.send([
        { op: 'undelete', conferenceId: made.id, fields: { ...fields, title: 'Back again' } },
      ])[0];
      expect(back).toEqual({ kind: 'applied', value: made });
      expect(zoom.conference(made.id)).toMatchObject({ topic: 'Back again' });
      expect(zoom.conference(made.id)?.deleted).toBeUndefined();
      const calls = zoom.requests().slice(-3);
      expect(calls.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        `PUT /v2/meetings/${made.id}/status 204`,
        `PATCH /v2/meetings/${made.id} 204`,
        `GET /v2/meetings/${made.id} 200`,
      ]);
      expect(calls[0]?.body).toEqual({ action: 'recover' });
      // Asked again (a run cut off after the recover): the same answer, nothing else changes.
      expect(
        adapter.send([
          { op: 'undelete', conferenceId: made.id, fields: { ...fields, title: 'Back again' } },
        ])[0],
      ).toEqual(back);
    });

    it('already-gone when Zoom cannot recover it (past the period, or recovering off); transient faults stay transient', () => {
      const off = deleted({ recoverDays: 0 });
      expect(off.adapter.send([{ op: 'undelete', conferenceId: off.made.id, fields }])[0]).toEqual({
        kind: 'already-gone',
      });
      expect(off.zoom.requests().at(-1)?.method).toBe('PUT'); // no PATCH after a 404
      const down = deleted();
      down.zoom.faults.set({ mode: 'down', count: 1 });
      expect(down.adapter.send([{ op: 'undelete', conferenceId: down.made.id, fields }])[0].kind).toBe(
        'unreachable',
      );
      down.zoom.faults.set({ mode: 'http500', count: 1 });
      expect(down.adapter.send([{ op: 'undelete', conferenceId: down.made.id, fields }])[0].kind).toBe(
        'retry-later',
      );
      expect(down.adapter.send([{ op: 'undelete', conferenceId: down.made.id, fields }])[0].kind).toBe(
        'applied',
      );
    });
  });
});

/** An HttpClient for the adapter that talks to `zoom` in process. */
function httpTo(zoom: ReturnType<typeof createZoomApp>): HttpClient {
  return {
    fetchAll: (requests) =>
      requests.map((r): HttpResult => {
        try {
          const res = zoom.handle({
            method: r.method,
            path: new URL(r.url).pathname,
            headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])),
            body: r.payload ?? '',
          });
          return { kind: 'response', status: res.status, body: res.body, headers: res.headers };
        } catch (e) {
          return { kind: 'network-error', message: (e as Error).message };
        }
      }),
  };
}
