import { readVendorConfig, settingsUrl } from '../../../src/config/config';
import type { HttpRequest, HttpResult } from '../../../src/platform/ports';
import { classifyResult, parseConference, retryAfterMs, VendorClient } from '../../../src/vendor/client';
import { MemoryStore } from '../helpers';

const ok = (status: number, body: unknown): HttpResult => ({
  kind: 'response',
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: {},
});

describe('vendor client', () => {
  const config = { baseUrl: 'https://conference.example.com/api/', apiKey: 'sekret' };

  it('uses a stable Idempotency-Key per calendar+event+solution', () => {
    const a = VendorClient.idempotencyKey('c', 'e', 'acme-web');
    expect(VendorClient.idempotencyKey('c', 'e', 'acme-web')).toBe(a);
    expect(VendorClient.idempotencyKey('c', 'e', 'acme-recorded')).not.toBe(a);
    expect(VendorClient.idempotencyKey('c', 'e2', 'acme-web')).not.toBe(a);
  });

  it('encodes ids placed in URLs and sends only the synced fields', () => {
    const sent: HttpRequest[] = [];
    const client = new VendorClient(config, {
      fetchAll: (r) => {
        sent.push(...r);
        return r.map(() => ok(204, ''));
      },
    });
    const req = client.patchRequest('a/b?c', {
      title: 't',
      start: null,
      end: null,
      attendees: [],
      recurrence: [],
    });
    expect(req.url).toBe('https://conference.example.com/api/conferences/a%2Fb%3Fc');
    expect(Object.keys(JSON.parse(req.payload!))).toEqual([
      'title',
      'start',
      'end',
      'attendees',
      'recurrence',
    ]);
    expect(req.headers.Authorization).toBe('Bearer sekret');
    client.send([client.deleteRequest('x')]);
    expect(sent[0]?.method).toBe('delete');
  });

  it('classifies answers: 429/5xx/network transient, 400/401/403 permanent', () => {
    expect(classifyResult(ok(200, '{}'))).toMatchObject({ ok: true });
    expect(classifyResult(ok(503, ''))).toMatchObject({ ok: false, kind: 'transient' });
    expect(
      classifyResult({ kind: 'response', status: 429, body: '', headers: { 'Retry-After': '7' } }),
    ).toMatchObject({
      kind: 'transient',
      retryAfterMs: 7000,
    });
    expect(classifyResult({ kind: 'network-error', message: 'Address unavailable' })).toMatchObject({
      kind: 'transient',
    });
    for (const s of [400, 401, 403])
      expect(classifyResult(ok(s, { error: 'no' }))).toMatchObject({ kind: 'permanent', status: s });
  });

  it('rejects vendor answers that are not JSON or lack an id', () => {
    expect(parseConference(ok(200, '<html>'))).toMatchObject({
      ok: false,
      kind: 'permanent',
      reason: 'vendor answer is not JSON',
    });
    expect(parseConference(ok(200, { joinUrl: 'https://x/j' }))).toMatchObject({
      ok: false,
      kind: 'permanent',
    });
    expect(parseConference(ok(201, { id: 'c1', joinUrl: 'https://x/j/c1' }))).toMatchObject({ ok: true });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });
});

describe('vendor configuration', () => {
  const store = (values: Record<string, string>) => Object.assign(new MemoryStore(), { data: values });

  it('names the missing property and never its value', () => {
    expect(() => readVendorConfig(store({}), [])).toThrow(
      'Missing Script Properties: CONFERENCE_API_BASE_URL, CONFERENCE_API_KEY',
    );
    expect(() => readVendorConfig(store({ CONFERENCE_API_BASE_URL: 'https://x.com/' }), [])).toThrow(
      'Missing Script Property: CONFERENCE_API_KEY',
    );
  });

  it('accepts only https URLs inside the manifest whitelist', () => {
    const wl = ['https://conference.example.com/'];
    expect(() =>
      readVendorConfig(
        store({ CONFERENCE_API_BASE_URL: 'http://conference.example.com/', CONFERENCE_API_KEY: 'k' }),
        wl,
      ),
    ).toThrow(/https/);
    expect(() =>
      readVendorConfig(
        store({ CONFERENCE_API_BASE_URL: 'https://evil.example.com/', CONFERENCE_API_KEY: 'k' }),
        wl,
      ),
    ).toThrow(/urlFetchWhitelist/);
    expect(
      readVendorConfig(
        store({ CONFERENCE_API_BASE_URL: 'https://conference.example.com/api', CONFERENCE_API_KEY: 'k' }),
        wl,
      ),
    ).toEqual({
      baseUrl: 'https://conference.example.com/api/',
      apiKey: 'k',
    });
  });
});

describe('settings page URL', () => {
  it('uses CONFERENCE_SETTINGS_URL, else settingsUrl of vendor.config.json, never a non-https value', () => {
    expect(settingsUrl({ CONFERENCE_SETTINGS_URL: 'https://admin.vendor.example/addon' })).toBe(
      'https://admin.vendor.example/addon',
    );
    expect(settingsUrl({ CONFERENCE_API_BASE_URL: 'https://api.vendor.example/v1/' })).toBe(
      'https://conference.example.com/settings',
    );
    expect(
      settingsUrl({ CONFERENCE_SETTINGS_URL: 'javascript:alert(1)', CONFERENCE_API_BASE_URL: 'http://x/' }),
    ).toBe('https://conference.example.com/settings');
  });
});
