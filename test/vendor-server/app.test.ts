import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVendorApp, LIMITS, type VendorApp, type VendorRequest } from '../../vendor-server/app';
import { API_KEY, VALID_CREATE } from './helpers';

/** The app in-process, as the emulator uses it: synchronous `handle`. */

const auth = { authorization: `Bearer ${API_KEY}` };

function req(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): VendorRequest {
  return {
    method,
    path,
    headers: { ...auth, ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

function create(app: VendorApp, key: string, body: unknown = VALID_CREATE) {
  return app.handle(req('POST', '/conferences', body, { 'idempotency-key': key }));
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vendor-app-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('createVendorApp in-process', () => {
  it('creates, replays by idempotency key, updates and deletes synchronously', () => {
    let t = Date.UTC(2026, 0, 1);
    const app = createVendorApp({ apiKey: API_KEY, now: () => t, idSeed: 1 });
    const r = create(app, 'k1');
    expect(r.status).toBe(201);
    const c = JSON.parse(r.body);
    expect(c.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(c.phone.pin).toMatch(/^\d{6}$/);
    expect(typeof c.passcode).toBe('string');
    expect(JSON.parse(create(app, 'k1').body).id).toBe(c.id);
    expect(create(app, 'k1').status).toBe(200);
    t += 60_000;
    const u = app.handle(req('PATCH', `/conferences/${c.id}?x=1`, { title: 'New' }));
    expect(JSON.parse(u.body)).toMatchObject({
      title: 'New',
      version: 2,
      updatedAt: '2026-01-01T00:01:00.000Z',
    });
    expect(app.conferences()).toHaveLength(1);
    expect(app.handle(req('DELETE', `/conferences/${c.id}`)).status).toBe(204);
    expect(app.handle(req('DELETE', `/conferences/${c.id}`)).status).toBe(404);
    expect(app.conferences()).toEqual([]);
    expect(app.conference(c.id)).toMatchObject({ id: c.id, deleted: true });
  });

  it('makes the same ids for the same seed, different ones for another seed', () => {
    const ids = (seed: number) => {
      const app = createVendorApp({ apiKey: API_KEY, idSeed: seed });
      return [1, 2, 3].map((i) => JSON.parse(create(app, `k${i}`).body).id);
    };
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
    expect(new Set(ids(7)).size).toBe(3);
  });

  it('answers 401 to a missing or wrong key, 404/405 to unknown paths and methods', () => {
    const app = createVendorApp({ apiKey: API_KEY });
    expect(app.handle({ method: 'GET', path: '/conferences/x', headers: {}, body: '' }).status).toBe(401);
    expect(app.handle(req('GET', '/conferences/x', undefined, { authorization: 'Bearer nope' })).status).toBe(
      401,
    );
    expect(app.handle(req('GET', '/nothing')).status).toBe(404);
    expect(app.handle(req('DELETE', '/conferences')).status).toBe(405);
    expect(app.handle(req('PUT', '/conferences/x')).status).toBe(405);
    expect(app.handle(req('GET', '/conferences/%E0%A4%A')).status).toBe(400);
  });

  it('logs requests with time, status, idempotency key and body, never the key', () => {
    const app = createVendorApp({ apiKey: API_KEY, now: () => 1234, requestLogLimit: 3 });
    create(app, 'key-a');
    app.handle({ ...req('PATCH', '/conferences/nope'), body: 'not json at all' });
    app.handle({ method: 'POST', path: '/conferences', headers: {}, body: '{' });
    app.handle(req('GET', '/conferences/nope'));
    const log = app.requests();
    expect(log).toHaveLength(3); // the limit drops the oldest
    expect(log[0]).toEqual({
      at: 1234,
      method: 'PATCH',
      path: '/conferences/nope',
      status: 400,
      body: 'not json at all',
    });
    expect(log[1]).toMatchObject({ status: 401, body: '{' });
    expect(log[2]).toEqual({ at: 1234, method: 'GET', path: '/conferences/nope', status: 404 });
    const app2 = createVendorApp({ apiKey: API_KEY });
    create(app2, 'key-b');
    expect(app2.requests()[0]).toMatchObject({ idempotencyKey: 'key-b', body: VALID_CREATE, status: 201 });
    expect(JSON.stringify(app2.requests())).not.toContain(API_KEY);
  });
});

describe('fault modes in-process', () => {
  it("'down' makes handle throw ECONNREFUSED for `count` requests, then the app is up again", () => {
    const app = createVendorApp({ apiKey: API_KEY });
    app.faults.set({ mode: 'down', count: 2 });
    for (let i = 0; i < 2; i++) {
      expect(() => create(app, 'k')).toThrow(expect.objectContaining({ code: 'ECONNREFUSED' }));
    }
    expect(create(app, 'k').status).toBe(201);
    expect(app.requests().map((r) => r.status)).toEqual([0, 0, 201]);
    expect(app.faults.get()).toMatchObject({ mode: 'up', remaining: null });
  });

  it("'http429' (Retry-After), 'http500', 'http403' and 'garbage' answer without touching state", () => {
    const app = createVendorApp({ apiKey: API_KEY });
    app.faults.set({ mode: 'http429', retryAfterSeconds: 30 });
    for (let i = 0; i < 3; i++) {
      const r = create(app, 'k');
      expect(r.status).toBe(429);
      expect(r.headers['retry-after']).toBe('30');
    }
    app.faults.set({ mode: 'http500', count: 1 });
    expect(create(app, 'k').status).toBe(500);
    app.faults.set({ mode: 'http403', count: 1 });
    expect(create(app, 'k').status).toBe(403);
    app.faults.set({ mode: 'garbage', count: 1 });
    const g = create(app, 'k');
    expect(g.status).toBe(200);
    expect(() => JSON.parse(g.body)).toThrow();
    expect(app.conferences()).toEqual([]);
    expect(create(app, 'k').status).toBe(201);
  });

  it("'slow' answers normally in-process; 'up' and count 0 clear faults; bad settings throw", () => {
    const app = createVendorApp({ apiKey: API_KEY });
    app.faults.set({ mode: 'slow', slowMs: 5000 });
    expect(create(app, 'k').status).toBe(201);
    expect(app.dispatch(req('GET', '/conferences/x'))).toMatchObject({ kind: 'respond', delayMs: 5000 });
    app.faults.set({ mode: 'up' });
    expect(app.dispatch(req('GET', '/conferences/x'))).toMatchObject({ delayMs: 0 });
    app.faults.set({ mode: 'http500', count: 0 });
    expect(app.faults.get().mode).toBe('up');
    expect(() => app.faults.set({ mode: 'nope' as 'up' })).toThrow(/mode/);
    expect(() => app.faults.set({ mode: 'slow', slowMs: -1 })).toThrow(/slowMs/);
  });
});

describe('persistence', () => {
  it('conferences, deletions and idempotency keys survive a restart; writes are atomic', () => {
    const dataFile = join(dir, 'nested', 'conferences.json');
    const a = createVendorApp({ apiKey: API_KEY, dataFile, idSeed: 5 });
    const c1 = JSON.parse(create(a, 'k1').body);
    const c2 = JSON.parse(create(a, 'k2').body);
    a.handle(req('PATCH', `/conferences/${c1.id}`, { attendees: ['x@example.com'] }));
    a.handle(req('DELETE', `/conferences/${c2.id}`));
    expect(readdirSync(join(dir, 'nested'))).toEqual(['conferences.json']); // no temp file left

    // Same seed: the restarted app must not hand out an id already taken.
    const b = createVendorApp({ apiKey: API_KEY, dataFile, idSeed: 5 });
    expect(b.conferences()).toEqual([
      expect.objectContaining({ id: c1.id, attendees: ['x@example.com'], version: 2 }),
    ]);
    expect(b.handle(req('DELETE', `/conferences/${c2.id}`)).status).toBe(404);
    const replay = create(b, 'k1');
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.body).id).toBe(c1.id);
    const c3 = JSON.parse(create(b, 'k3').body);
    expect([c1.id, c2.id]).not.toContain(c3.id);
    expect(b.requests()).toHaveLength(3); // the request log starts afresh: it is not persisted

    b.reset();
    expect(createVendorApp({ apiKey: API_KEY, dataFile }).conferences()).toEqual([]);
  });

  it('starts empty without a file, and refuses a corrupt one', () => {
    const dataFile = join(dir, 'conferences.json');
    expect(createVendorApp({ apiKey: API_KEY, dataFile }).conferences()).toEqual([]);
    expect(existsSync(dataFile)).toBe(false); // nothing written until something changes
    writeFileSync(dataFile, '{"format": "vendor-server/1", "conf');
    expect(() => createVendorApp({ apiKey: API_KEY, dataFile })).toThrow(/not valid JSON/);
    writeFileSync(dataFile, '{"conferences": 1}');
    expect(() => createVendorApp({ apiKey: API_KEY, dataFile })).toThrow(/unknown format/);
    expect(readFileSync(dataFile, 'utf8')).toBe('{"conferences": 1}');
  });
});

describe('a failed write of the data file changes nothing (persisted and in memory, or neither)', () => {
  // The data file's folder replaced by a plain file: every write fails for real (ENOTDIR), as on a full
  // or read-only disk; putting the folder back makes writes work again.
  const folder = () => join(dir, 'data');
  const breakDisk = () => {
    rmSync(folder(), { recursive: true, force: true });
    writeFileSync(folder(), 'not a folder');
  };
  const repairDisk = () => {
    rmSync(folder(), { force: true });
    mkdirSync(folder());
  };

  it('create: 500, no conference; the retry with the same key creates it exactly once', () => {
    const dataFile = join(folder(), 'conferences.json');
    const app = createVendorApp({ apiKey: API_KEY, dataFile, idSeed: 1 });
    breakDisk();
    const failed = create(app, 'k1');
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body).error).toMatch(/could not save the change, so nothing was changed/);
    expect(app.conferences()).toEqual([]);

    repairDisk();
    const retried = create(app, 'k1');
    expect(retried.status).toBe(201); // a new create, not a replay of a conference nobody was told about
    expect(app.conferences()).toHaveLength(1);
    expect(createVendorApp({ apiKey: API_KEY, dataFile }).conferences()).toEqual(app.conferences());
  });

  it('update and delete: 500, and the conference keeps its fields, version and life, in memory and on disk', () => {
    const dataFile = join(folder(), 'conferences.json');
    mkdirSync(folder());
    const app = createVendorApp({ apiKey: API_KEY, dataFile, idSeed: 1 });
    const c = JSON.parse(create(app, 'k1').body);
    const saved = readFileSync(dataFile, 'utf8');
    // A failing rename (the target is a folder) fails after the temporary file was written.
    rmSync(dataFile);
    mkdirSync(dataFile);
    expect(app.handle(req('PATCH', `/conferences/${c.id}`, { title: 'Renamed' })).status).toBe(500);
    expect(app.handle(req('DELETE', `/conferences/${c.id}`)).status).toBe(500);
    expect(app.conferences()).toEqual([c]);
    expect(readdirSync(folder())).toEqual(['conferences.json']); // no temporary file left behind
    rmSync(dataFile, { recursive: true });
    writeFileSync(dataFile, saved);
    expect(app.handle(req('PATCH', `/conferences/${c.id}`, { title: 'Renamed' })).status).toBe(200);
    expect(createVendorApp({ apiKey: API_KEY, dataFile }).conferences()).toEqual([
      expect.objectContaining({ id: c.id, title: 'Renamed', version: 2 }),
    ]);
  });
});

describe('request validation: RFC 3339 dates and times, lengths', () => {
  const withStart = (start: unknown) => ({ ...VALID_CREATE, start });
  const accepted: Record<string, unknown> = {
    'dateTime in UTC': withStart({ dateTime: '2026-01-05T10:00:00Z' }),
    'dateTime with an offset and fractions': withStart({ dateTime: '2026-01-05T10:00:00.250-05:30' }),
    'a leap day': withStart({ date: '2028-02-29' }),
    'a time zone with three parts': withStart({
      dateTime: '2026-01-05T10:00:00Z',
      timeZone: 'America/Argentina/Buenos_Aires',
    }),
    'Etc/GMT+5': withStart({ dateTime: '2026-01-05T10:00:00Z', timeZone: 'Etc/GMT+5' }),
    'every field at its longest': {
      calendarId: 'c'.repeat(LIMITS.id),
      eventId: 'e'.repeat(LIMITS.id),
      solutionId: 's'.repeat(LIMITS.solutionId),
      title: 't'.repeat(LIMITS.title),
      attendees: ['a'.repeat(LIMITS.attendee)],
      recurrence: ['R'.repeat(LIMITS.recurrenceLine)],
    },
  };
  const refused: Record<string, [unknown, RegExp]> = {
    'dateTime without an offset': [
      withStart({ dateTime: '2026-01-05T10:00:00' }),
      /start.dateTime must be an RFC 3339/,
    ],
    'dateTime with a space': [withStart({ dateTime: '2026-01-05 10:00:00Z' }), /start.dateTime/],
    'February 30th': [withStart({ dateTime: '2026-02-30T10:00:00Z' }), /start.dateTime/],
    'hour 24': [withStart({ dateTime: '2026-01-05T24:00:00Z' }), /start.dateTime/],
    'a date that is a time': [withStart({ date: '2026-01-05T10:00:00Z' }), /start.date must be a date/],
    'month 13': [withStart({ date: '2026-13-01' }), /start.date must be a date/],
    'not a leap year': [withStart({ date: '2026-02-29' }), /start.date/],
    'a time zone with spaces': [withStart({ date: '2026-01-05', timeZone: 'Central Europe' }), /timeZone/],
    'title too long': [{ ...VALID_CREATE, title: 't'.repeat(LIMITS.title + 1) }, /title is longer than 8192/],
    'eventId too long': [{ ...VALID_CREATE, eventId: 'e'.repeat(LIMITS.id + 1) }, /eventId is longer/],
    'an attendee too long': [
      { ...VALID_CREATE, attendees: ['a'.repeat(LIMITS.attendee + 1)] },
      /attendees has an entry/,
    ],
    'too many recurrence lines': [
      { ...VALID_CREATE, recurrence: Array(LIMITS.recurrence + 1).fill('RDATE:20260105') },
      /recurrence has more than/,
    ],
  };

  it.each(Object.entries(accepted))('accepts %s', (_name, body) => {
    const app = createVendorApp({ apiKey: API_KEY });
    expect(create(app, 'k', body).status).toBe(201);
  });

  it.each(Object.entries(refused))(
    'refuses %s with 400 and says why, storing nothing',
    (_name, [body, why]) => {
      const app = createVendorApp({ apiKey: API_KEY });
      const r = create(app, 'k', body);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body).error).toMatch(why);
      expect(app.conferences()).toEqual([]);
    },
  );

  it('PATCH is held to the same rules', () => {
    const app = createVendorApp({ apiKey: API_KEY });
    const c = JSON.parse(create(app, 'k').body);
    const patch = (body: unknown) => app.handle(req('PATCH', `/conferences/${c.id}`, body)).status;
    expect(patch({ end: { dateTime: '2026-01-05T11:00:00' } })).toBe(400);
    expect(patch({ title: 'x'.repeat(LIMITS.title + 1) })).toBe(400);
    expect(patch({ end: { dateTime: '2026-01-05T11:00:00+01:00' } })).toBe(200);
  });
});

describe('meeting options (docs/vendor-api.md, "Meeting options")', () => {
  it('a create may carry options; a PATCH sets those it carries and keeps the rest', () => {
    const app = createVendorApp({ apiKey: API_KEY, idSeed: 9 });
    const c = JSON.parse(create(app, 'k', { ...VALID_CREATE, options: { waitingRoom: true } }).body);
    expect(c.options).toEqual({
      passcode: true,
      waitingRoom: true,
      joinBeforeHost: false,
      muteOnEntry: false,
      autoRecording: false,
      alternativeHosts: [],
    });
    const patch = (body: unknown) => JSON.parse(app.handle(req('PATCH', `/conferences/${c.id}`, body)).body);
    const off = patch({ options: { passcode: false, alternativeHosts: ['B@example.com'] } });
    expect(off.passcode).toBeUndefined();
    expect(off.options).toMatchObject({
      passcode: false,
      waitingRoom: true,
      alternativeHosts: ['b@example.com'],
    });
    const renamed = patch({ title: 'Renamed' }); // the sync's PATCH: no options, none changed
    expect(renamed.options).toEqual(off.options);
    const on = patch({ options: { passcode: true, autoRecording: true } });
    expect(on.passcode).toMatch(/^\w{8}$/);
    expect(on).toMatchObject({ recorded: true, options: { passcode: true, autoRecording: true } });
  });

  it('refuses unknown options, values that are not on/off, and too many alternative hosts', () => {
    const app = createVendorApp({ apiKey: API_KEY });
    const c = JSON.parse(create(app, 'k').body);
    const patch = (options: unknown) => app.handle(req('PATCH', `/conferences/${c.id}`, { options }));
    expect(JSON.parse(patch({ lobby: true }).body).error).toMatch(/unknown field options.lobby/);
    expect(patch({ waitingRoom: 'yes' }).status).toBe(400);
    expect(patch({ alternativeHosts: Array.from({ length: 51 }, (_, i) => `h${i}@x.com`) }).status).toBe(400);
    expect(app.conference(c.id)!.version).toBe(1);
  });
});
