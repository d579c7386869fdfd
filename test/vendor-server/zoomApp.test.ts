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

  /**
   * Zoom's Meetings API reference, "Update meeting status" (`PUT /meetings/{meetingId}/status`, as
   * Zoom's OpenAPI document gives it to client libraries): body `{action}`, `end` or `recover`
   * ("Recover a deleted meeting"), answers 204 / 400 / 404. How long a deleted meeting can be
   * recovered is not in the documents we have: the server's `recoverDays` (default 7) is an assumption.
   */
  describe('recover a deleted meeting (PUT /meetings/{id}/status)', () => {
    const DAY = 24 * 3600_000;
    function deletedMeeting(options: { recoverDays?: number } = {}) {
      let now = Date.parse('2026-11-20T09:00:00Z');
      const app = createZoomApp({ apiKey: KEY, idSeed: 3, now: () => now, ...options });
      const made = JSON.parse(
        call(app, 'POST', '/users/me/meetings', { topic: 'R', type: 2, start_time: '2026-11-25T15:00:00Z' })
          .body,
      );
      expect(call(app, 'DELETE', `/meetings/${made.id}`).status).toBe(204);
      return { app, made, later: (ms: number) => (now += ms) };
    }

    it('204: the same meeting is back (id, join_url, password), GET and PATCH work again', () => {
      const { app, made, later } = deletedMeeting();
      later(6 * DAY);
      expect(call(app, 'PUT', `/v2/meetings/${made.id}/status`, { action: 'recover' }).status).toBe(204);
      const back = JSON.parse(call(app, 'GET', `/meetings/${made.id}`).body);
      expect(back).toMatchObject({
        id: made.id,
        join_url: made.join_url,
        password: made.password,
        topic: 'R',
      });
      expect(back).not.toHaveProperty('deleted');
      expect(call(app, 'PATCH', `/meetings/${made.id}`, { topic: 'Back' }).status).toBe(204);
      expect(app.conferences().map((m) => m.topic)).toEqual(['Back']);
      // A meeting that is not deleted: recover changes nothing (an assumption, see zoomApp.ts).
      expect(call(app, 'PUT', `/meetings/${made.id}/status`, { action: 'recover' }).status).toBe(204);
    });

    it('404 code 3001 after the recover period, for a meeting never made, and when recovering is off', () => {
      const expired = deletedMeeting();
      expired.later(7 * DAY);
      const res = call(expired.app, 'PUT', `/meetings/${expired.made.id}/status`, { action: 'recover' });
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body)).toMatchObject({ code: 3001 });
      expect(call(expired.app, 'PUT', '/meetings/81234567890/status', { action: 'recover' }).status).toBe(
        404,
      );
      const off = deletedMeeting({ recoverDays: 0 });
      expect(call(off.app, 'PUT', `/meetings/${off.made.id}/status`, { action: 'recover' }).status).toBe(404);
    });

    it("a meeting deleted in Zoom's own UI can be recovered too; a bad action is 400, another method 405", () => {
      const app = createZoomApp({ apiKey: KEY, idSeed: 4 });
      const made = JSON.parse(call(app, 'POST', '/users/me/meetings', { topic: 'UI' }).body);
      expect(app.vendorSide.deleteConference(String(made.id))).toBe(true);
      expect(call(app, 'PUT', `/meetings/${made.id}/status`, { action: 'undo' }).status).toBe(400);
      expect(call(app, 'PUT', `/meetings/${made.id}/status`, { action: 'recover', x: 1 }).status).toBe(400);
      expect(call(app, 'POST', `/meetings/${made.id}/status`, { action: 'recover' }).status).toBe(405);
      expect(call(app, 'PUT', `/meetings/${made.id}/status`, { action: 'recover' }).status).toBe(204);
      expect(app.conference(String(made.id))?.deleted).toBeUndefined();
    });
  });

  it('meeting settings and the passcode: a PATCH changes what it carries; a new passcode is in the join link', () => {
    const app = createZoomApp({ apiKey: KEY, idSeed: 2 });
    const body = {
      topic: 'O',
      type: 2,
      start_time: '2026-11-25T15:00:00Z',
      duration: 30,
      settings: { waiting_room: true },
    };
    const m = JSON.parse(call(app, 'POST', '/users/me/meetings', body).body);
    expect(m.settings).toMatchObject({ waiting_room: true, join_before_host: false, mute_upon_entry: false });
    expect(
      m.settings.global_dial_in_numbers.map(
        (d: { country: string; type: string }) => `${d.country} ${d.type}`,
      ),
    ).toEqual(['US toll', 'DE toll', 'US tollfree']);
    const patch = (b: unknown) => call(app, 'PATCH', `/meetings/${m.id}`, b).status;
    expect(patch({ password: '', settings: { alternative_hosts: 'a@x.com,b@x.com' } })).toBe(204);
    const off = JSON.parse(call(app, 'GET', `/meetings/${m.id}`).body);
    expect(off).toMatchObject({ password: '', join_url: `https://zoom.example.com/j/${m.id}` });
    expect(off.settings).toMatchObject({ waiting_room: true, alternative_hosts: 'a@x.com,b@x.com' });
    expect(patch({ password: 'abc123' })).toBe(204);
    expect(JSON.parse(call(app, 'GET', `/meetings/${m.id}`).body).join_url).toMatch(/\?pwd=abc123$/);
    expect(patch({ password: 'with space' })).toBe(400);
    expect(patch({ password: '12345678901' })).toBe(400);
    expect(patch({ settings: { waiting_room: 'yes' } })).toBe(400);
  });
});
