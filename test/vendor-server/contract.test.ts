import { API_KEY, type HttpResult, http, type Started, start, VALID_CREATE } from './helpers';
import { OpenApiContract } from './openapi';

/**
 * The reference server against docs/vendor-api.openapi.json, over real HTTP: every response's status
 * must be documented for its operation, its body must validate against the documented schema and its
 * required headers must be there; at the end, every documented (operation, status) pair must have
 * been exercised.
 */

const contract = new OpenApiContract();
const exercised = new Set<string>();
let s: Started;
let key = 0;
const nextKey = () => `idem-${++key}`;

interface CallOpts {
  id?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  auth?: string | null;
  /** A query string (`?ids=...`), for the batch read. */
  query?: string;
}

/** Calls an operation, checks the response against the document and returns it (with parsed JSON). */
async function call(operationId: string, opts: CallOpts = {}): Promise<HttpResult & { json: unknown }> {
  const op = contract.operation(operationId);
  const path = op.path.replace('{id}', encodeURIComponent(opts.id ?? '')) + (opts.query ?? '');
  const res = await http(s.server.url + path, op.method.toUpperCase(), opts);
  const where = `${operationId} -> ${res.status} ${res.text}`;
  if (!contract.response(operationId, res.status)) throw new Error(`undocumented status: ${where}`);
  const validate = contract.responseValidator(operationId, res.status);
  let json: unknown;
  if (validate) {
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    json = JSON.parse(res.text);
    if (!validate(json)) throw new Error(`${where}\nschema errors: ${JSON.stringify(validate.errors)}`);
  } else {
    expect(res.text).toBe('');
  }
  for (const h of contract.requiredHeaders(operationId, res.status)) {
    if (!res.headers.has(h)) throw new Error(`${where}: missing required header ${h}`);
  }
  exercised.add(`${operationId} ${res.status}`);
  return { ...res, json };
}

async function createOne(body: object = VALID_CREATE): Promise<{ id: string; version: number }> {
  const r = await call('createConference', { body, headers: { 'idempotency-key': nextKey() } });
  expect(r.status).toBe(201);
  return r.json as { id: string; version: number };
}

beforeAll(async () => {
  s = await start();
});
afterAll(async () => {
  await s.server.close();
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.0 with an operationId and documented responses for every operation', () => {
    expect(String(contract.doc.openapi)).toMatch(/^3\.0\./);
    const ids = contract.operations().map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['createConference', 'getConference', 'updateConference', 'deleteConference']),
    );
    // Every schema compiles (strict ajv: no unknown keywords, all $refs resolve).
    const schemas = (contract.doc.components as { schemas: object }).schemas;
    for (const name of Object.keys(schemas)) contract.componentValidator(name);
    for (const o of contract.operations()) {
      for (const status of Object.keys(o.op.responses as object)) {
        contract.responseValidator(o.operationId, Number(status));
      }
    }
  });

  it('its schemas really constrain: a broken conference or error body fails validation', async () => {
    const c = await createOne();
    const ok = contract.responseValidator('getConference', 200)!;
    const good = (await call('getConference', { id: c.id })).json as Record<string, unknown>;
    expect(ok(good)).toBe(true);
    expect(ok({ ...good, recorded: 'no' })).toBe(false);
    expect(ok({ ...good, extra: 1 })).toBe(false);
    expect(ok({ ...good, start: { dateTime: 5 } })).toBe(false);
    expect(ok({ ...good, title: null, start: null })).toBe(true);
    expect(ok({ ...good, createdAt: 'yesterday' })).toBe(false);
    const { joinUrl: _j, ...noJoin } = good;
    expect(ok(noJoin)).toBe(false);
    expect(contract.responseValidator('getConference', 404)!({ message: 'x' })).toBe(false);
  });
});

describe('createConference', () => {
  it('201 on a first create, 200 with the same conference on a replay of the key', async () => {
    const headers = { 'idempotency-key': nextKey() };
    const first = await call('createConference', { body: VALID_CREATE, headers });
    expect(first.status).toBe(201);
    const c = first.json as Record<string, unknown>;
    expect(c).toMatchObject({
      calendarId: 'primary',
      eventId: 'evt123',
      title: 'Weekly sync',
      attendees: VALID_CREATE.attendees,
      recurrence: VALID_CREATE.recurrence,
      start: VALID_CREATE.start,
      recorded: false,
      version: 1,
      phone: { number: '+1 555 0100' },
      dialIn: [
        { number: '+1 555 0100', regionCode: 'US', tollFree: false },
        { number: '+49 30 5550100', regionCode: 'DE', tollFree: false },
        { number: '+1 800 555 0100', regionCode: 'US', tollFree: true },
      ].map((d) => ({ ...d, pin: (c.phone as { pin: string }).pin })),
      dialInUrl: `https://conference.example.com/dial-in/${c.id}`,
    });
    expect(c.id).toMatch(/^cnf_[0-9a-z]{10}$/);
    expect(c.joinUrl).toBe(`https://conference.example.com/j/${c.id}`);
    expect(first.headers.get('location')).toBe(`/conferences/${c.id}`);

    const again = await call('createConference', { body: { ...VALID_CREATE, title: 'other' }, headers });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(c);
    expect(s.app.conferences().filter((x) => x.id === c.id)).toHaveLength(1);
  });

  it("gives recorded: true for solutionId 'acme-recorded', and defaults for left-out fields", async () => {
    const r = await call('createConference', {
      body: { calendarId: 'c', eventId: 'e', solutionId: 'acme-recorded' },
      headers: { 'idempotency-key': nextKey() },
    });
    expect(r.json).toMatchObject({ recorded: true, title: null, start: null, end: null, attendees: [] });
  });

  it('400 without an Idempotency-Key, or on malformed JSON', async () => {
    expect((await call('createConference', { body: VALID_CREATE })).status).toBe(400);
    const headers = { 'idempotency-key': nextKey() };
    expect((await call('createConference', { rawBody: '{"calendarId": ', headers })).status).toBe(400);
    expect((await call('createConference', { rawBody: '', headers })).status).toBe(400);
    expect((await call('createConference', { body: [VALID_CREATE], headers })).status).toBe(400);
  });

  // Each body is judged by the document's request schema and by the server; they must agree.
  const bodies: Record<string, unknown> = {
    'full valid body': VALID_CREATE,
    'only required fields': { calendarId: 'c', eventId: 'e', solutionId: 's' },
    'null title/start/end': { ...VALID_CREATE, title: null, start: null, end: null },
    'all-day dates': { ...VALID_CREATE, start: { date: '2026-01-05' }, end: { date: '2026-01-06' } },
    'unknown top-level field': { ...VALID_CREATE, conferenceData: {} },
    'unknown field in start': { ...VALID_CREATE, start: { dateTime: '2026-01-05T10:00:00Z', foo: 1 } },
    'missing eventId': { calendarId: 'c', solutionId: 's' },
    'empty calendarId': { ...VALID_CREATE, calendarId: '' },
    'numeric title': { ...VALID_CREATE, title: 5 },
    'attendees not strings': { ...VALID_CREATE, attendees: [{ email: 'a@example.com' }] },
    'recurrence a string': { ...VALID_CREATE, recurrence: 'RRULE:FREQ=DAILY' },
    'start a string': { ...VALID_CREATE, start: '2026-01-05' },
    'dateTime a number': { ...VALID_CREATE, start: { dateTime: 1 } },
    'null solutionId': { ...VALID_CREATE, solutionId: null },
    'dateTime in UTC with fractions': { ...VALID_CREATE, start: { dateTime: '2026-01-05T10:00:00.5Z' } },
    'dateTime without an offset': { ...VALID_CREATE, start: { dateTime: '2026-01-05T10:00:00' } },
    'dateTime on February 30th': { ...VALID_CREATE, end: { dateTime: '2026-02-30T10:00:00Z' } },
    'date in another format': { ...VALID_CREATE, start: { date: '05/01/2026' } },
    'date on a leap day': { ...VALID_CREATE, start: { date: '2028-02-29' }, end: { date: '2028-03-01' } },
    'time zone with a space': { ...VALID_CREATE, start: { date: '2026-01-05', timeZone: 'Europe Berlin' } },
    'title of 8192 characters': { ...VALID_CREATE, title: 't'.repeat(8192) },
    'title of 8193 characters': { ...VALID_CREATE, title: 't'.repeat(8193) },
    'eventId of 1025 characters': { ...VALID_CREATE, eventId: 'e'.repeat(1025) },
    'an attendee of 321 characters': { ...VALID_CREATE, attendees: ['a'.repeat(321)] },
  };
  it.each(Object.entries(bodies))('request schema and server agree on: %s', async (_name, body) => {
    const schemaOk = contract.requestValidator('createConference')(body);
    const r = await call('createConference', { body, headers: { 'idempotency-key': nextKey() } });
    expect(r.status).toBe(schemaOk ? 201 : 400);
  });
});

describe('getConference', () => {
  it('200 for a live conference (id URL-decoded), 404 for unknown and deleted ones', async () => {
    const c = await createOne();
    expect((await call('getConference', { id: c.id })).json).toMatchObject({ id: c.id });
    const encoded = await http(`${s.server.url}/conferences/${c.id.replace('_', '%5F')}`, 'GET');
    expect(encoded.status).toBe(200);
    expect((await call('getConference', { id: 'cnf_nosuchthing' })).status).toBe(404);
    expect((await call('getConference', { id: 'weird id/with ? chars' })).status).toBe(404);
    await call('deleteConference', { id: c.id });
    expect((await call('getConference', { id: c.id })).status).toBe(404);
  });
});

describe('updateConference', () => {
  it('200 replaces the synced fields and bumps version; partial bodies keep the rest', async () => {
    const c = await createOne();
    const patch = {
      title: 'Renamed',
      start: { date: '2026-02-01' },
      end: { date: '2026-02-02' },
      attendees: ['z@example.com'],
      recurrence: [],
    };
    const r = await call('updateConference', { id: c.id, body: patch });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ...patch, id: c.id, version: 2, calendarId: 'primary' });
    const r2 = await call('updateConference', { id: c.id, body: { title: null } });
    expect(r2.json).toMatchObject({ title: null, attendees: ['z@example.com'], version: 3 });
  });

  const bodies: Record<string, unknown> = {
    'all synced fields': { title: 't', start: null, end: null, attendees: [], recurrence: [] },
    'empty object': {},
    'calendarId (not a synced field)': { calendarId: 'x' },
    'solutionId (not a synced field)': { solutionId: 'acme-recorded' },
    'wrong attendees type': { attendees: 'a@example.com' },
    'unknown field in end': { end: { dateTime: '2026-01-05T10:00:00Z', tz: 'UTC' } },
    'dateTime with an offset': { end: { dateTime: '2026-01-05T10:00:00-08:00' } },
    'dateTime with a bad offset': { end: { dateTime: '2026-01-05T10:00:00+1:00' } },
    'too many recurrence lines': { recurrence: Array(1001).fill('EXDATE:20260105T100000Z') },
  };
  it.each(Object.entries(bodies))('request schema and server agree on: %s', async (_name, body) => {
    const c = await createOne();
    const schemaOk = contract.requestValidator('updateConference')(body);
    const r = await call('updateConference', { id: c.id, body });
    expect(r.status).toBe(schemaOk ? 200 : 400);
  });

  it('400 on malformed JSON, 404 for unknown or deleted ids', async () => {
    const c = await createOne();
    expect((await call('updateConference', { id: c.id, rawBody: 'not json' })).status).toBe(400);
    expect((await call('updateConference', { id: 'cnf_unknown000', body: { title: 'x' } })).status).toBe(404);
    await call('deleteConference', { id: c.id });
    expect((await call('updateConference', { id: c.id, body: { title: 'x' } })).status).toBe(404);
  });
});

describe('deleteConference', () => {
  it('204 once, then 404; unknown ids 404', async () => {
    const c = await createOne();
    expect((await call('deleteConference', { id: c.id })).status).toBe(204);
    expect((await call('deleteConference', { id: c.id })).status).toBe(404);
    expect((await call('deleteConference', { id: 'cnf_neverexist' })).status).toBe(404);
    expect(s.app.conferences().map((x) => x.id)).not.toContain(c.id);
    expect(s.app.conference(c.id)?.deleted).toBe(true);
  });
});

describe('restoreConference (optional capability)', () => {
  it("200 brings a deleted conference back with its id and join URL and the body's fields; 404 when gone; 400 on malformed JSON", async () => {
    const c = await createOne();
    const joinUrl = s.app.conference(c.id)?.joinUrl;
    expect((await call('deleteConference', { id: c.id })).status).toBe(204);
    const back = await call('restoreConference', { id: c.id, body: { title: 'Back' } });
    expect(back.status).toBe(200);
    expect(back.json).toMatchObject({ id: c.id, joinUrl, title: 'Back' });
    expect(s.app.conferences().map((x) => x.id)).toContain(c.id);
    expect((await call('restoreConference', { id: c.id, rawBody: '' })).status).toBe(200); // live: unchanged
    expect((await call('restoreConference', { id: 'cnf_neverexist' })).status).toBe(404);
    expect((await call('restoreConference', { id: c.id, rawBody: '{nope' })).status).toBe(400);
  });
});

describe('readConferences (optional capability)', () => {
  it('200 answers the live ones as GET /conferences/{id} does and lists unknown or deleted ids as missing; 400 without ids or with more than 100', async () => {
    const a = await createOne();
    const b = await createOne();
    expect((await call('deleteConference', { id: b.id })).status).toBe(204);
    const r = await call('readConferences', { query: `?ids=${a.id},${b.id},cnf_neverexist` });
    expect(r.status).toBe(200);
    const one = await call('getConference', { id: a.id });
    expect(r.json).toEqual({ conferences: [one.json], missing: [b.id, 'cnf_neverexist'] });
    expect((await call('readConferences', { query: '?ids=' })).status).toBe(400);
    expect((await call('readConferences', {})).status).toBe(400);
    const tooMany = Array.from({ length: 101 }, (_, i) => `cnf_${i}`).join(',');
    expect((await call('readConferences', { query: `?ids=${tooMany}` })).status).toBe(400);
  });
});

describe('every API operation', () => {
  const apiOps = [
    'readConferences',
    'createConference',
    'getConference',
    'updateConference',
    'deleteConference',
    'restoreConference',
  ];
  const argsFor = async (operationId: string): Promise<CallOpts> => {
    if (operationId === 'createConference')
      return { body: VALID_CREATE, headers: { 'idempotency-key': nextKey() } };
    const c = await createOne();
    if (operationId === 'readConferences') return { query: `?ids=${c.id}` };
    return operationId === 'updateConference' || operationId === 'restoreConference'
      ? { id: c.id, body: { title: 'x' } }
      : { id: c.id };
  };

  it.each(apiOps)(
    '%s: 401 without a key, with a wrong key, or with a non-Bearer scheme',
    async (operationId) => {
      const args = await argsFor(operationId);
      for (const auth of [null, 'Bearer wrong-key', `Basic ${API_KEY}`, 'Bearer ', `Bearer ${API_KEY}x`]) {
        const r = await call(operationId, { ...args, auth });
        expect(r.status).toBe(401);
      }
    },
  );

  it.each(apiOps)('%s: injected 403, 429 (with Retry-After) and 500', async (operationId) => {
    for (const [mode, status] of [
      ['http403', 403],
      ['http429', 429],
      ['http500', 500],
    ] as const) {
      const args = await argsFor(operationId);
      s.app.faults.set({ mode, count: 1, retryAfterSeconds: 7 });
      const r = await call(operationId, args);
      expect(r.status).toBe(status);
      if (status === 429) expect(r.headers.get('retry-after')).toBe('7');
    }
  });
});

describe('admin endpoints', () => {
  it('list conferences and requests, get and set faults, reset', async () => {
    await createOne();
    const list = await call('adminListConferences', { auth: null });
    expect((list.json as unknown[]).length).toBe(s.app.conferences().length);
    const reqs = await call('adminListRequests', { auth: null });
    expect((reqs.json as unknown[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(reqs.json)).not.toContain(API_KEY);
    expect((await call('adminGetFaults', { auth: null })).json).toMatchObject({ mode: 'up' });
    const set = await call('adminSetFaults', { auth: null, body: { mode: 'http500', count: 2 } });
    expect(set.json).toEqual({ mode: 'http500', remaining: 2, retryAfterSeconds: 1, slowMs: 1000 });
    expect((await call('adminSetFaults', { auth: null, body: { mode: 'sideways' } })).status).toBe(400);
    expect((await call('adminSetFaults', { auth: null, rawBody: '{' })).status).toBe(400);
    expect((await call('adminSetFaults', { auth: null, body: { mode: 'up', count: -1 } })).status).toBe(400);
    expect((await call('adminSetFaults', { auth: null, body: { mode: 'up' } })).json).toMatchObject({
      mode: 'up',
    });
    expect((await call('adminReset', { auth: null })).status).toBe(204);
    expect((await call('adminListConferences', { auth: null })).json).toEqual([]);
    expect((await call('adminListRequests', { auth: null })).json).toEqual([]);
  });
});

describe('vendor-side changes (admin, not part of the contract)', () => {
  it('delete and move a conference behind the client: a GET then shows it gone or moved', async () => {
    const a = await createOne();
    const b = await createOne();
    expect((await call('adminDeleteConference', { auth: null, id: a.id })).status).toBe(204);
    expect((await call('getConference', { id: a.id })).status).toBe(404);
    expect((await call('adminDeleteConference', { auth: null, id: a.id })).status).toBe(404);
    const move = { start: '2026-12-01T15:00:00Z', end: '2026-12-01T15:30:00Z' };
    expect((await call('adminMoveConference', { auth: null, id: b.id, body: move })).status).toBe(204);
    const moved = (await call('getConference', { id: b.id })).json as { start: { dateTime: string } };
    expect(moved.start.dateTime).toBe(move.start);
    expect(
      (await call('adminMoveConference', { auth: null, id: b.id, body: { start: 'soon' } })).status,
    ).toBe(400);
    expect((await call('adminMoveConference', { auth: null, id: a.id, body: move })).status).toBe(404);
  });

  it("fault 'http401': the next requests answer 401 as for a revoked key", async () => {
    const c = await createOne();
    s.app.faults.set({ mode: 'http401', count: 1 });
    expect((await call('getConference', { id: c.id })).status).toBe(401);
    expect((await call('getConference', { id: c.id })).status).toBe(200);
  });
});

describe('413 and 405', () => {
  const huge = { ...VALID_CREATE, title: 'x'.repeat(1024 * 1024) };

  it('a body over 1 MiB gets 413, on every operation that takes a body', async () => {
    const c = await createOne();
    const headers = { 'idempotency-key': nextKey() };
    expect((await call('createConference', { body: huge, headers })).status).toBe(413);
    expect((await call('updateConference', { id: c.id, body: huge })).status).toBe(413);
    expect((await call('adminSetFaults', { auth: null, body: { mode: 'up', pad: huge } })).status).toBe(413);
    expect(s.app.conference(c.id)).toMatchObject({ title: VALID_CREATE.title, version: 1 });
  });

  // OpenAPI lists only the methods a path has; every other method gets the MethodNotAllowed response.
  const undocumented = contract.doc.paths
    ? Object.entries(contract.doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
        ['get', 'put', 'post', 'patch', 'delete']
          .filter((m) => !(m in item))
          .map((m) => [path, m, ['get', 'put', 'post', 'patch', 'delete'].filter((x) => x in item)] as const),
      )
    : [];
  it.each(undocumented)(
    '%s with %s: 405, with an Allow header naming the documented methods',
    async (path, m, allowed) => {
      const r = await http(s.server.url + path.replace('{id}', 'cnf_whatever0'), m.toUpperCase(), {
        body: m === 'get' ? undefined : {},
      });
      expect(r.status).toBe(405);
      const validate = contract.componentValidator('Error');
      expect(validate(JSON.parse(r.text))).toBe(true);
      const allow = (r.headers.get('allow') ?? '').split(',').map((x) => x.trim().toLowerCase());
      expect(allow.sort()).toEqual([...allowed].sort());
    },
  );

  it('the document describes both', () => {
    const responses = (contract.doc.components as { responses: Record<string, { headers?: object }> })
      .responses;
    expect(responses.MethodNotAllowed?.headers).toHaveProperty('Allow');
    expect(responses.PayloadTooLarge).toBeDefined();
    expect(String((contract.doc.info as { description: string }).description)).toMatch(/405.*413/);
  });
});

describe('coverage of the document', () => {
  it('every documented (operation, status) pair was exercised', () => {
    const documented = contract
      .operations()
      .flatMap((o) => Object.keys(o.op.responses as object).map((st) => `${o.operationId} ${st}`));
    expect(documented.filter((d) => !exercised.has(d))).toEqual([]);
  });
});
