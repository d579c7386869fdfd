import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCliArgs, runCli } from '../../vendor-server/run';
import type { VendorServer } from '../../vendor-server/server';
import { API_KEY, http, type Started, start, VALID_CREATE } from './helpers';

/** The HTTP wrapper: fault modes over a real socket, logging, persistence across a restart, the CLI. */

let s: Started;
let n = 0;
const create = () =>
  http(`${s.server.url}/conferences`, 'POST', {
    body: VALID_CREATE,
    headers: { 'idempotency-key': `k${++n}` },
  });

beforeEach(async () => {
  s = await start();
});
afterEach(async () => {
  await s.server.close();
});

describe('fault modes over HTTP', () => {
  it("'down' drops the connection without an answer, for `count` requests", async () => {
    s.app.faults.set({ mode: 'down', count: 1 });
    await expect(create()).rejects.toThrow(/fetch failed/);
    expect((await create()).status).toBe(201);
    expect(s.lines[0]).toMatch(/^POST \/conferences refused \d+\.\dms$/);
    expect(s.app.requests().map((r) => r.status)).toEqual([0, 201]);
  });

  it("'slow' delays the answer by slowMs; close() does not wait for a held request", async () => {
    s.app.faults.set({ mode: 'slow', slowMs: 150, count: 1 });
    const t0 = Date.now();
    expect((await create()).status).toBe(201);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    s.app.faults.set({ mode: 'slow', slowMs: 60_000 });
    const pending = create().catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    const c0 = Date.now();
    await s.server.close();
    expect(Date.now() - c0).toBeLessThan(1000);
    expect(String(await pending)).toMatch(/fetch failed/);
    s = await start(); // for afterEach
  });

  it("'garbage' answers 200 with a body that is not JSON; 'http429' lasts until set back to 'up'", async () => {
    s.app.faults.set({ mode: 'garbage', count: 1 });
    const g = await create();
    expect(g.status).toBe(200);
    expect(() => JSON.parse(g.text)).toThrow();
    expect(g.headers.get('content-type')).not.toMatch(/json/);

    await http(`${s.server.url}/_admin/faults`, 'POST', {
      body: { mode: 'http429', retryAfterSeconds: 2 },
      auth: null,
    });
    for (let i = 0; i < 3; i++) {
      const r = await create();
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('2');
    }
    // Admin endpoints are never affected by faults.
    expect((await http(`${s.server.url}/_admin/conferences`, 'GET', { auth: null })).status).toBe(200);
    await http(`${s.server.url}/_admin/faults`, 'POST', { body: { mode: 'up' }, auth: null });
    expect((await create()).status).toBe(201);
  });
});

describe('HTTP details', () => {
  it('logs one line per request (method, path, status, ms) and never the bearer key', async () => {
    const c = JSON.parse((await create()).text);
    await http(`${s.server.url}/conferences/${c.id}?api_key=${API_KEY}`, 'GET');
    await http(`${s.server.url}/conferences/${c.id}`, 'GET', { auth: `Bearer ${API_KEY}-wrong` });
    await http(`${s.server.url}/_admin/requests`, 'GET', { auth: null });
    expect(s.lines).toHaveLength(4);
    expect(s.lines[0]).toMatch(/^POST \/conferences 201 \d+\.\dms$/);
    expect(s.lines[1]).toMatch(new RegExp(`^GET /conferences/${c.id} 200 `));
    expect(s.lines[2]).toMatch(/ 401 /);
    expect(s.lines[3]).toMatch(/^GET \/_admin\/requests 200 /);
    for (const line of s.lines) expect(line).not.toContain(API_KEY);
  });

  it('404 for unknown paths (admin ones too), 405 for wrong methods, 413 for huge bodies', async () => {
    expect((await http(`${s.server.url}/v2/conferences`, 'GET')).status).toBe(404);
    expect((await http(`${s.server.url}/_admin/nothing`, 'GET', { auth: null })).status).toBe(404);
    expect((await http(`${s.server.url}/conferences`, 'DELETE')).status).toBe(405);
    const huge = await http(`${s.server.url}/conferences`, 'POST', {
      body: { ...VALID_CREATE, title: 'x'.repeat(1_100_000) },
      headers: { 'idempotency-key': 'huge' },
    });
    expect(huge.status).toBe(413);
  });
});

describe('persistence across a server restart', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vendor-server-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('conferences created before a restart are still there after it', async () => {
    await s.server.close();
    const dataFile = join(dir, 'conferences.json');
    s = await start({ dataFile });
    const c = JSON.parse((await create()).text);
    await s.server.close();

    s = await start({ dataFile });
    const got = await http(`${s.server.url}/conferences/${c.id}`, 'GET');
    expect(got.status).toBe(200);
    expect(JSON.parse(got.text)).toEqual(c);
    expect((await http(`${s.server.url}/conferences/${c.id}`, 'DELETE')).status).toBe(204);
  });
});

describe('CLI', () => {
  it('parses flags, takes the key from VENDOR_API_KEY or makes one up, rejects bad ones', () => {
    expect(parseCliArgs(['--port', '9000', '--api-key', 'K', '--data', 'd.json', '--seed', '3'])).toEqual({
      port: 9000,
      host: '127.0.0.1',
      apiKey: 'K',
      apiKeySource: 'flag',
      dataFile: 'd.json',
      idSeed: 3,
      quiet: false,
    });
    expect(parseCliArgs([], { VENDOR_API_KEY: 'E' })).toMatchObject({
      apiKey: 'E',
      apiKeySource: 'env',
      port: 8787,
    });
    expect(parseCliArgs(['--help'])).toBe('help');
    // No flags at all is the local default: port 8787 and a key made up for this run.
    expect(parseCliArgs([], {}, () => 'made-up')).toMatchObject({
      apiKey: 'made-up',
      apiKeySource: 'generated',
      port: 8787,
    });
    expect(() => parseCliArgs(['--api-key', 'K', '--port', 'x'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--api-key', 'K', '--bogus'])).toThrow('unknown option --bogus');
  });

  it('starts a server and prints its URL', async () => {
    const out: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    let server: VendorServer | number | undefined;
    try {
      server = await runCli(['--port', '0', '--api-key', 'cli-key']);
      if (typeof server === 'number') throw new Error(`exit ${server}`);
      expect(out[0]).toBe(`vendor-server listening on ${server.url}`);
      expect(out.join('\n')).not.toContain('cli-key'); // a key the user chose is not printed
      const r = await http(`${server.url}/conferences/nope`, 'GET', { auth: 'Bearer cli-key' });
      expect(r.status).toBe(404);
      expect(out.at(-1)).toMatch(/^GET \/conferences\/nope 404 /);
    } finally {
      if (server && typeof server !== 'number') await server.close();
      spy.mockRestore();
    }
  });

  it('with no flags, makes up a key, prints it, and that key works', async () => {
    const out: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    const saved = process.env.VENDOR_API_KEY;
    delete process.env.VENDOR_API_KEY;
    let server: VendorServer | number | undefined;
    try {
      server = await runCli(['--port', '0', '--quiet']);
      if (typeof server === 'number') throw new Error(`exit ${server}`);
      const key = /API key for this run: (\S+)/.exec(out.join('\n'))?.[1];
      expect(key).toMatch(/^local-[0-9a-f]{24}$/);
      expect((await http(`${server.url}/conferences/nope`, 'GET', { auth: `Bearer ${key}` })).status).toBe(
        404,
      );
      expect((await http(`${server.url}/conferences/nope`, 'GET', { auth: 'Bearer wrong' })).status).toBe(
        401,
      );
    } finally {
      if (saved !== undefined) process.env.VENDOR_API_KEY = saved;
      if (server && typeof server !== 'number') await server.close();
      spy.mockRestore();
    }
  });
});
