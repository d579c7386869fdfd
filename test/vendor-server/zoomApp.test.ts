import { createZoomApp } from '../../vendor-server/zoomApp';

/**
 * The Zoom-shaped reference server, as Zoom's Meetings API reference documents the calls the
 * add-on makes (create 201, update 204, delete 204, get 200, unknown meeting 404 code 3001,
 * invalid token 401 code 124) and the recurrence limits of "Recurrence Object Definitions".
 */
const KEY = 'zoom-token';
const auth = { authorization: `Bearer ${KEY}` };
const call = (
  app: ReturnType<typeof createZoomApp>,
  method: string,
  path: string,
  body?: unknown,
  headers = auth,
) => app.handle({ method, path, headers, body: body === undefined ? '' : JSON.stringify(body) });

describe('Zoom reference server', () => {
  it("vendor-side changes (Zoom's own UI, not the API): a deleted meeting answers 404, a moved one its new UTC time", () => {
    const app = createZoomApp({ apiKey: KEY, idSeed: 1 });
    const body = { topic: 'R', type: 2, start_time: '2026-11-25T15:00:00Z', duration: 30 };
    const a = JSON.parse(call(app, 'POST', '/users/me/meetings', body).body);
    const b = JSON.parse(call(app, 'POST', '/users/me/meetings', body).body);
    expect(
      app.vendorSide.moveConference(String(a.id), '2026-11-25T17:00:00+01:00', '2026-11-25T17:45:00+01:00'),
    ).toBe(true);
    expect(JSON.parse(call(app, 'GET', `/meetings/${a.id}`).body)).toMatchObject({
      start_time: '2026-11-25T16:00:00Z',
      duration: 45,
    });
    expect(app.vendorSide.deleteConference(String(b.id))).toBe(true);
    expect(call(app, 'GET', `/meetings/${b.id}`).status).toBe(404);
    expect(app.vendorSide.deleteConference(String(b.id))).toBe(false);
    app.faults.set({ mode: 'http401', count: 1 });
    expect(call(app, 'GET', `/meetings/${a.id}`).status).toBe(401);
  });

  it('create 201 (numeric id, join_url, password), get 200, update 204, delete 204, then 404 code 3001', () => {
    const app = createZoomApp({ apiKey: KEY, idSeed: 1 });
    const created = call(app, 'POST', '/v2/users/me/meetings', {
      topic: 'Review',
      type: 2,
      start_time: '2026-11-25T15:00:00Z',
      duration: 30,
      settings: { meeting_invitees: [{ email: 'bob@example.com' }] },
    });
    expect(created.status).toBe(201);
    const meeting = JSON.parse(created.body);
    expect(typeof meeting.id).toBe('number');
    expect(meeting).toMatchObject({
      topic: 'Review',
      duration: 30,
      join_url: expect.stringMatching(/^https:/),
    });
    expect(meeting.password).toMatch(/^\d{6}$/);
    expect(call(app, 'GET', `/meetings/${meeting.id}`).status).toBe(200);
    const patched = call(app, 'PATCH', `/meetings/${meeting.id}`, { topic: 'Renamed' });
    expect(patched).toMatchObject({ status: 204, body: '' });
    expect(JSON.parse(call(app, 'GET', `/meetings/${meeting.id}`).body).topic).toBe('Renamed');
    expect(call(app, 'DELETE', `/meetings/${meeting.id}`).status).toBe(204);
    const gone = call(app, 'GET', `/meetings/${meeting.id}`);
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.body).code).toBe(3001);
  });

  it('a wrong token: 401 code 124', () => {
    const app = createZoomApp({ apiKey: KEY });
    const res = call(app, 'GET', '/users/me', undefined, { authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).code).toBe(124);
  });

  it.each([
    ['weekly without weekly_days', { type: 2, repeat_interval: 1, end_times: 2 }],
    ['a weekly interval over 12', { type: 2, repeat_interval: 13, weekly_days: '2', end_times: 2 }],
    ['end_times over 50', { type: 1, end_times: 51 }],
    ['end_times with end_date_time', { type: 1, end_times: 2, end_date_time: '2027-01-01T00:00:00Z' }],
  ])('a recurring meeting with %s is refused (400)', (_why, recurrence) => {
    const app = createZoomApp({ apiKey: KEY });
    const res = call(app, 'POST', '/users/me/meetings', {
      type: 8,
      start_time: '2026-11-25T15:00:00Z',
      recurrence,
    });
    expect(res.status).toBe(400);
  });

  it('fault modes as the Acme server: 429 with Retry-After, 500, garbage, down', () => {
    const app = createZoomApp({ apiKey: KEY });
    app.faults.set({ mode: 'http429', count: 1, retryAfterSeconds: 3 });
    expect(call(app, 'GET', '/users/me')).toMatchObject({ status: 429, headers: { 'retry-after': '3' } });
    app.faults.set({ mode: 'http500', count: 1 });
    expect(call(app, 'GET', '/users/me').status).toBe(500);
    app.faults.set({ mode: 'garbage', count: 1 });
    expect(() => JSON.parse(call(app, 'GET', '/users/me').body)).toThrow();
    app.faults.set({ mode: 'down', count: 1 });
    expect(() => call(app, 'GET', '/users/me')).toThrow(/ECONNREFUSED/);
    expect(call(app, 'GET', '/users/me').status).toBe(200);
    expect(app.requests().map((r) => r.status)).toEqual([429, 500, 200, 0, 200]);
  });
});
