import type { SyncedFields } from '../../../src/calendar/syncedFields';
import { BRAND } from '../../../src/config/brand';
import type { HttpClient, HttpResult } from '../../../src/platform/ports';
import { ZoomAdapter } from '../../../src/vendor/adapters/zoom';
import { createZoomApp } from '../../../vendor-server/zoomApp';

/** The Zoom adapter's outcome kinds, against the Zoom-shaped reference server in process. */
function setup() {
  const zoom = createZoomApp({ apiKey: 'tok', idSeed: 9 });
  const http: HttpClient = {
    fetchAll: (requests) =>
      requests.map((r): HttpResult => {
        const path = new URL(r.url).pathname;
        try {
          const res = zoom.handle({
            method: r.method,
            path,
            headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])),
            body: r.payload ?? '',
          });
          return { kind: 'response', status: res.status, body: res.body, headers: res.headers };
        } catch (e) {
          return { kind: 'network-error', message: (e as Error).message };
        }
      }),
  };
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
      phone: { number: '+1 555 0199', pin: outcome.value.id },
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
});
