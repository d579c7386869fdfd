import type { SyncedFields } from '../../../src/calendar/syncedFields';
import type { HttpClient, HttpRequest, HttpResult } from '../../../src/platform/ports';
import { AcmeAdapter } from '../../../src/vendor/adapters/acme';
import { createVendorApp, type VendorApp } from '../../../vendor-server/app';

/**
 * The Acme adapter against the Acme reference server (vendor-server/app.ts) in process: what the
 * vendor received, and the outcome *kind* the rest of the add-on sees. Answers the reference
 * server never gives (408, a Retry-After date, a 2xx without an id) come from `answering`.
 */
const BASE = 'https://conference.example.com/';
const NOW = 4_000;

function referenceHttp(app: VendorApp, sent: HttpRequest[]): HttpClient {
  return {
    fetchAll: (requests) =>
      requests.map((r): HttpResult => {
        sent.push(r);
        const url = new URL(r.url);
        try {
          const res = app.handle({
            method: r.method,
            path: url.pathname + url.search,
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

function setup(apiKey = 'sekret') {
  const app = createVendorApp({ apiKey: 'sekret', idSeed: 3, now: () => NOW });
  const sent: HttpRequest[] = [];
  const adapter = new AcmeAdapter({ baseUrl: BASE, apiKey }, referenceHttp(app, sent), { now: () => NOW });
  return { app, sent, adapter };
}

/** A vendor that gives one fixed answer (status, body, headers) to every request. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const http: HttpClient = {
    fetchAll: (requests) => requests.map(() => ({ kind: 'response', status, body: text, headers })),
  };
  return new AcmeAdapter({ baseUrl: BASE, apiKey: 'sekret' }, http, { now: () => NOW });
}

const fields: SyncedFields = {
  title: 'Planning',
  start: { dateTime: '2026-11-24T10:00:00Z', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-11-24T10:45:00Z', timeZone: 'Europe/Berlin' },
  attendees: ['x@example.com'],
  recurrence: [],
};
const createFor = (adapter: AcmeAdapter, eventId = 'e', solutionId = 'acme-web', after?: string) =>
  adapter.create({ calendarId: 'c', eventId, solutionId, fields, ...(after ? { after } : {}) });

function createdId(adapter: AcmeAdapter): string {
  const outcome = createFor(adapter);
  if (outcome.kind !== 'applied') throw new Error(`not created: ${outcome.kind}`);
  return outcome.value.id;
}

describe('AcmeAdapter: requests', () => {
  it('a stable Idempotency-Key per calendar+event+solution: a repeated create is the same conference', () => {
    const { app, sent, adapter } = setup();
    const first = createFor(adapter);
    const again = createFor(adapter);
    expect(first).toMatchObject({ kind: 'applied' });
    expect(again).toMatchObject({ kind: 'applied', replay: true });
    if (first.kind !== 'applied' || again.kind !== 'applied') return;
    expect(again.value.id).toBe(first.value.id);
    expect(sent[1]?.headers['Idempotency-Key']).toBe(sent[0]?.headers['Idempotency-Key']);
    createFor(adapter, 'e', 'acme-recorded');
    createFor(adapter, 'e2');
    expect(app.conferences()).toHaveLength(3);
    const keys = new Set(app.requests().map((r) => r.idempotencyKey));
    expect(keys.size).toBe(3);
  });

  it('`after` (the earlier conference was deleted) makes a new, still idempotent create', () => {
    const { app, adapter } = setup();
    const first = createdId(adapter);
    const next = createFor(adapter, 'e', 'acme-web', first);
    const nextAgain = createFor(adapter, 'e', 'acme-web', first);
    expect(next).toMatchObject({ kind: 'applied' });
    if (next.kind !== 'applied') return;
    expect(next.value.id).not.toBe(first);
    expect(nextAgain).toMatchObject({ kind: 'applied', replay: true, value: { id: next.value.id } });
    expect(app.conferences()).toHaveLength(2);
  });

  it('encodes ids placed in URLs, with the key as a bearer token', () => {
    const { sent, adapter } = setup();
    const [outcome] = adapter.send([{ op: 'delete', conferenceId: 'a/b?c' }]);
    expect(sent[0]).toMatchObject({
      method: 'delete',
      url: `${BASE}conferences/a%2Fb%3Fc`,
      headers: { Authorization: 'Bearer sekret' },
    });
    // One path segment at the vendor: an unknown conference, not another path.
    expect(outcome).toEqual({ kind: 'already-gone' });
  });

  it('sends only the synced fields (the vendor stores exactly them)', () => {
    const { app, sent, adapter } = setup();
    const id = createdId(adapter);
    const withExtras = { ...fields, title: 'Renamed', description: 'private notes', location: 'Room 1' };
    const [updated] = adapter.send([{ op: 'update', conferenceId: id, fields: withExtras }]);
    expect(updated).toMatchObject({ kind: 'applied' });
    const patch = sent.find((r) => r.method === 'patch');
    expect(Object.keys(JSON.parse(patch?.payload ?? '{}')).sort()).toEqual(
      ['attendees', 'end', 'recurrence', 'start', 'title'].sort(),
    );
    expect(Object.keys(JSON.parse(sent[0]?.payload ?? '{}')).sort()).toEqual(
      ['attendees', 'calendarId', 'end', 'eventId', 'recurrence', 'solutionId', 'start', 'title'].sort(),
    );
    expect(app.conference(id)).toMatchObject({ title: 'Renamed', attendees: ['x@example.com'] });
  });
});

describe('AcmeAdapter: answers become outcome kinds', () => {
  it('2xx applied: create, update, lookup (the vendor state) and delete', () => {
    const { adapter } = setup();
    const id = createdId(adapter);
    const [updated, lookup] = adapter.send([
      { op: 'update', conferenceId: id, fields: { ...fields, title: 'Later' } },
      { op: 'lookup', conferenceId: id },
    ]);
    expect(updated).toMatchObject({ kind: 'applied', value: { id } });
    expect(lookup).toMatchObject({
      kind: 'applied',
      value: { conference: { id }, attendees: ['x@example.com'] },
    });
    expect(adapter.send([{ op: 'delete', conferenceId: id }])).toEqual([{ kind: 'applied', value: null }]);
  });

  it('404 already-gone: a deleted or unknown conference, for delete, update and lookup', () => {
    const { adapter } = setup();
    const id = createdId(adapter);
    adapter.send([{ op: 'delete', conferenceId: id }]);
    const outcomes = adapter.send([
      { op: 'delete', conferenceId: id },
      { op: 'update', conferenceId: id, fields },
      { op: 'lookup', conferenceId: 'never-made' },
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['already-gone', 'already-gone', 'already-gone']);
  });

  it('undelete: a deleted conference comes back with its id, join URL and the event fields; gone for good is already-gone', () => {
    const { app, adapter, sent } = setup();
    const made = createFor(adapter);
    if (made.kind !== 'applied') throw new Error('create failed');
    adapter.send([{ op: 'delete', conferenceId: made.value.id }]);
    const back = adapter.send([
      { op: 'undelete', conferenceId: made.value.id, fields: { ...fields, title: 'Planning, restored' } },
    ])[0];
    expect(back).toMatchObject({
      kind: 'applied',
      value: { id: made.value.id, joinUrl: made.value.joinUrl },
    });
    expect(sent.at(-1)).toMatchObject({ method: 'post', url: `${BASE}conferences/${made.value.id}/restore` });
    expect(app.conference(made.value.id)).toMatchObject({ title: 'Planning, restored' });
    expect(app.conference(made.value.id)?.deleted).toBeUndefined();
    expect(adapter.send([{ op: 'undelete', conferenceId: 'cnf_neverexist', fields }])[0]).toEqual({
      kind: 'already-gone',
    });
  });

  it('readMany: one GET /conferences?ids= for up to 50 ids, each answered as a lookup would (found, or gone)', () => {
    const { adapter, sent } = setup();
    const ids = Array.from({ length: 60 }, (_, i) => {
      const made = createFor(adapter, `e${i}`);
      if (made.kind !== 'applied') throw new Error('create failed');
      return made.value.id;
    });
    adapter.send([{ op: 'delete', conferenceId: ids[1]! }]);
    const before = sent.length;
    const many = adapter.readMany([...ids, 'cnf_neverexist'])!;
    expect(sent.slice(before).map((r) => r.url.split('?')[0])).toEqual([
      `${BASE}conferences`,
      `${BASE}conferences`,
    ]);
    expect(many.map((o) => o.kind).slice(0, 3)).toEqual(['applied', 'already-gone', 'applied']);
    expect(many).toHaveLength(61);
    expect(many[60]).toEqual({ kind: 'already-gone' });
    expect(many[0]).toEqual(adapter.send([{ op: 'lookup', conferenceId: ids[0]! }])[0]);
  });

  it('readMany: a server without it (404, 405) gives undefined, so the caller reads one by one; a 503 is the answer for every id', () => {
    expect(answering(405, { error: 'GET not allowed on /conferences' }).readMany(['a', 'b'])).toBeUndefined();
    expect(answering(404, { error: 'no such path' }).readMany(['a'])).toBeUndefined();
    expect(
      answering(503, { error: 'down' })
        .readMany(['a', 'b'])
        ?.map((o) => o.kind),
    ).toEqual(['retry-later', 'retry-later']);
    expect(
      answering(401, { error: 'no' })
        .readMany(['a'])
        ?.map((o) => o.kind),
    ).toEqual(['unauthorized']);
  });

  it('401 unauthorized: a key the vendor refuses (create and test connection)', () => {
    const { app, adapter } = setup('wrong-key');
    expect(createFor(adapter).kind).toBe('unauthorized');
    expect(adapter.testConnection().kind).toBe('unauthorized');
    expect(app.conferences()).toHaveLength(0);
  });

  it('test connection: the 404 for a conference that cannot exist proves key and reachability', () => {
    const { app, adapter } = setup();
    expect(adapter.testConnection()).toEqual({ kind: 'applied', value: null });
    expect(app.conferences()).toHaveLength(0);
  });

  it('403 refused as forbidden; another 4xx refused as an invalid request', () => {
    const { app, adapter } = setup();
    const id = createdId(adapter);
    app.faults.set({ mode: 'http403', count: 1 });
    expect(createFor(adapter, 'e3')).toMatchObject({ kind: 'refused', reason: 'forbidden' });
    const badTitle = { ...fields, title: 42 } as unknown as SyncedFields;
    const [outcome] = adapter.send([{ op: 'update', conferenceId: id, fields: badTitle }]);
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'invalid-request' });
  });

  it('429 retry-later, rate limited, after the Retry-After seconds', () => {
    const { app, adapter } = setup();
    app.faults.set({ mode: 'http429', count: 1, retryAfterSeconds: 7 });
    expect(createFor(adapter)).toEqual({
      kind: 'retry-later',
      delayMs: 7000,
      rateLimited: true,
      detail: expect.any(String),
    });
    expect(createFor(adapter).kind).toBe('applied');
  });

  it('5xx and 408 retry-later, not marked rate limited', () => {
    const { app, adapter } = setup();
    app.faults.set({ mode: 'http500', count: 1 });
    const outcome = createFor(adapter);
    expect(outcome.kind).toBe('retry-later');
    expect(outcome).not.toHaveProperty('rateLimited');
    const timeout = answering(408, { error: 'request timeout' }).send([{ op: 'delete', conferenceId: 'x' }]);
    expect(timeout[0]?.kind).toBe('retry-later');
  });

  it('no answer at all (connection refused) is unreachable', () => {
    const { app, adapter } = setup();
    app.faults.set({ mode: 'down', count: 2 });
    expect(createFor(adapter).kind).toBe('unreachable');
    expect(adapter.send([{ op: 'delete', conferenceId: 'x' }])[0]?.kind).toBe('unreachable');
  });

  it('Retry-After as an HTTP date counts from now; an unreadable one gives no delay', () => {
    const at = new Date(10_000).toUTCString();
    expect(createFor(answering(503, '', { 'Retry-After': at }))).toMatchObject({
      kind: 'retry-later',
      delayMs: 10_000 - NOW,
    });
    const unreadable = createFor(answering(503, '', { 'retry-after': 'soon' }));
    expect(unreadable.kind).toBe('retry-later');
    expect(unreadable).not.toHaveProperty('delayMs');
  });

  it('a 2xx that is garbage or lacks an id or a usable joinUrl is refused as a bad answer', () => {
    const { app, adapter } = setup();
    app.faults.set({ mode: 'garbage', count: 1 });
    expect(createFor(adapter)).toMatchObject({ kind: 'refused', reason: 'bad-answer' });
    for (const body of [
      { joinUrl: 'https://x/j' },
      { id: 'c1' },
      { id: 'c1', joinUrl: 'ftp://x/j' },
      { id: '' },
    ]) {
      expect(createFor(answering(201, body))).toMatchObject({ kind: 'refused', reason: 'bad-answer' });
    }
    expect(createFor(answering(201, { id: 'c1', joinUrl: 'https://x/j/c1' }))).toMatchObject({
      kind: 'applied',
      value: { id: 'c1', joinUrl: 'https://x/j/c1' },
    });
  });
});
