import { performance } from 'node:perf_hooks';
import { AppsScriptException } from '../../../emulator/appsscript/errors';
import { SimClock } from '../../../emulator/clock';
import { DEFAULT_LATENCY_MS, simpleContext } from '../../../emulator/context';
import { AllowlistPrefixError } from '../../../emulator/urlfetch/allowlist';
import {
  createUrlFetchApp,
  type EmulatedUrlFetchApp,
  type UrlFetchRoute,
} from '../../../emulator/urlfetch/urlFetchApp';
import { closedPort, type ServerThread, startServerThread } from './serverThread';

const HOST = 'conference.example.com';
let server: ServerThread;
const apps: EmulatedUrlFetchApp[] = [];

beforeAll(async () => {
  server = await startServerThread();
});
afterAll(async () => {
  for (const a of apps) a.close();
  await server.close();
});

function setup(
  opts: {
    latency?: number;
    routes?: Record<string, UrlFetchRoute>;
    whitelist?: string[];
    dailyQuota?: number;
    timeoutMs?: number;
  } = {},
) {
  const ctx = simpleContext(new SimClock(0), undefined, {
    ...DEFAULT_LATENCY_MS,
    'urlfetch.roundtrip': opts.latency ?? DEFAULT_LATENCY_MS['urlfetch.roundtrip'],
  });
  const app = createUrlFetchApp({
    ctx,
    routes: opts.routes ?? { [HOST]: { kind: 'http', target: server.target } },
    whitelist: opts.whitelist,
    dailyQuota: opts.dailyQuota,
    timeoutMs: opts.timeoutMs,
  });
  apps.push(app);
  return { ctx, app, UrlFetchApp: app.service };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an exception');
}

describe('UrlFetchApp.fetch over real HTTP', () => {
  it('returns synchronously with the response of a real server (host routed, path and query kept)', () => {
    const { UrlFetchApp } = setup();
    const res = UrlFetchApp.fetch(`https://${HOST}/api/echo?x=1&y=a%20b`);
    expect(res).not.toBeInstanceOf(Promise);
    expect(res.getResponseCode()).toBe(200);
    const echo = JSON.parse(res.getContentText());
    expect(echo.method).toBe('GET');
    expect(echo.url).toBe('/api/echo?x=1&y=a%20b');
    expect(echo.headers.host).toBe(HOST);
    expect(echo.headers['user-agent']).toMatch(/Google-Apps-Script/);
    expect(res.getHeaders()['Content-Type']).toBe('application/json; charset=utf-8');
  });

  it('prepends the base path of the route target', () => {
    const { UrlFetchApp } = setup({ routes: { [HOST]: { kind: 'http', target: `${server.target}/base/` } } });
    const echo = JSON.parse(UrlFetchApp.fetch(`https://${HOST}/v1/echo`).getContentText());
    expect(echo.url).toBe('/base/v1/echo');
  });

  it('sends method (case-insensitive), headers and a string payload with contentType', () => {
    const { UrlFetchApp } = setup();
    const res = UrlFetchApp.fetch(`https://${HOST}/echo`, {
      method: 'PoSt',
      headers: { Authorization: 'Bearer t' },
      payload: JSON.stringify({ a: 1 }),
      contentType: 'application/json',
    });
    const echo = JSON.parse(res.getContentText());
    expect(echo.method).toBe('POST');
    expect(echo.headers.authorization).toBe('Bearer t');
    expect(echo.headers['content-type']).toBe('application/json');
    expect(JSON.parse(echo.body)).toEqual({ a: 1 });
  });

  it('form-encodes an object payload', () => {
    const { UrlFetchApp } = setup();
    const echo = JSON.parse(
      UrlFetchApp.fetch(`https://${HOST}/echo`, {
        method: 'put',
        payload: { a: 'x y', b: 2 },
      }).getContentText(),
    );
    expect(echo.method).toBe('PUT');
    expect(echo.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(echo.body).toBe('a=x%20y&b=2');
  });

  it('getAllHeaders returns arrays for repeated headers; getHeaders joins them; getContent gives signed bytes', () => {
    const { UrlFetchApp } = setup();
    const res = UrlFetchApp.fetch(`https://${HOST}/multi`);
    expect(res.getAllHeaders()['Set-Cookie']).toEqual(['a=1', 'b=2']);
    expect(res.getAllHeaders()['X-Single']).toBe('one');
    expect(res.getHeaders()['Set-Cookie']).toBe('a=1, b=2');
    expect(res.getContent()).toEqual([...Buffer.from('multi')]);
    expect(res.getBlob().getDataAsString()).toBe('multi');
  });

  it('follows redirects by default; followRedirects:false returns the 3xx', () => {
    const { UrlFetchApp, ctx } = setup();
    const res = UrlFetchApp.fetch(`https://${HOST}/redirect?to=/echo`);
    expect(res.getResponseCode()).toBe(200);
    expect(JSON.parse(res.getContentText()).url).toBe('/echo');
    expect(ctx.meter.get('urlfetch.request')).toBe(1);
    const raw = UrlFetchApp.fetch(`https://${HOST}/redirect?to=/echo`, { followRedirects: false });
    expect(raw.getResponseCode()).toBe(302);
    expect(raw.getHeaders().Location).toBe('/echo');
  });
});

describe('muteHttpExceptions', () => {
  it('false (default): a status >= 400 throws Apps Script\'s "Request failed" exception with a truncated body', () => {
    const { UrlFetchApp, app } = setup();
    const e = thrown(() => UrlFetchApp.fetch(`https://${HOST}/status/404?pad=500`));
    expect(e).toBeInstanceOf(AppsScriptException);
    expect(e.name).toBe('Exception');
    expect(String(e)).toBe(
      `Exception: Request failed for https://${HOST} returned code 404. Truncated server response: ` +
        `${`error body 404${'x'.repeat(500)}`.slice(0, 200)} (use muteHttpExceptions option to examine full response)`,
    );
    expect(app.requests.at(-1)).toMatchObject({ method: 'GET', status: 404 });
  });

  it('true: the error response is returned', () => {
    const { UrlFetchApp } = setup();
    const res = UrlFetchApp.fetch(`https://${HOST}/status/503`, { muteHttpExceptions: true });
    expect(res.getResponseCode()).toBe(503);
    expect(res.getContentText()).toBe('error body 503');
  });
});

describe('network failures', () => {
  it('a refused connection throws "Address unavailable: <url>"', async () => {
    const port = await closedPort();
    const { UrlFetchApp, app } = setup({
      routes: { [HOST]: { kind: 'http', target: `http://127.0.0.1:${port}` } },
    });
    const url = `https://${HOST}/x`;
    expect(String(thrown(() => UrlFetchApp.fetch(url, { muteHttpExceptions: true })))).toBe(
      `Exception: Address unavailable: ${url}`,
    );
    expect(app.requests.at(-1)?.error).toBe(`Address unavailable: ${url}`);
  });

  it('a reset connection throws "Address unavailable: <url>"', () => {
    const { UrlFetchApp } = setup();
    expect(thrown(() => UrlFetchApp.fetch(`https://${HOST}/reset`)).message).toBe(
      `Address unavailable: https://${HOST}/reset`,
    );
  });

  it('an unknown host throws "DNS error: <url>"', () => {
    const { UrlFetchApp, ctx } = setup();
    expect(String(thrown(() => UrlFetchApp.fetch('https://unknown.example.org/a')))).toBe(
      'Exception: DNS error: https://unknown.example.org/a',
    );
    expect(ctx.meter.get('urlfetch.request')).toBe(1);
  });

  it('no answer within timeoutMs throws "Timeout: <url>"', () => {
    const { UrlFetchApp } = setup({ timeoutMs: 300 });
    expect(String(thrown(() => UrlFetchApp.fetch(`https://${HOST}/hang`)))).toBe(
      `Exception: Timeout: https://${HOST}/hang`,
    );
  });
});

describe('URL rules', () => {
  it('rejects non-https URLs', () => {
    const { UrlFetchApp, ctx } = setup();
    expect(thrown(() => UrlFetchApp.fetch(`http://${HOST}/echo`)).message).toMatch(
      /^Invalid argument: http:\/\/conference\.example\.com\/echo \(the emulator accepts only https: URLs/,
    );
    expect(ctx.meter.get('urlfetch.request')).toBe(0);
  });

  it('rejects URLs outside the manifest whitelist', () => {
    const { UrlFetchApp } = setup({ whitelist: [`https://${HOST}/api/`] });
    expect(UrlFetchApp.fetch(`https://${HOST}/api/echo`).getResponseCode()).toBe(200);
    expect(String(thrown(() => UrlFetchApp.fetch(`https://${HOST}/other/echo`)))).toBe(
      `Exception: Request to https://${HOST}/other/echo failed because the URL has not been whitelisted in the script manifest.`,
    );
  });
});

// developers.google.com/apps-script/manifest/allowlist-url ("Allowlist URLs").
describe('urlFetchWhitelist per the allowlist page', () => {
  const ok = () => ({ status: 200 });
  const anyHost = (...hosts: string[]) =>
    Object.fromEntries(hosts.map((h) => [h, { kind: 'inprocess' as const, handle: ok }]));
  const allowed = (whitelist: string[], url: string) => {
    const { UrlFetchApp } = setup({
      whitelist,
      routes: anyHost('example.com', 'subdomain.example.com', 'any.number.of.subdomains.example.com'),
    });
    try {
      UrlFetchApp.fetch(url);
      return true;
    } catch (e) {
      if (/not been whitelisted/.test(String(e))) return false;
      throw e;
    }
  };

  it.each([
    'https://example.com/foo',
    'https://example.com/foo/',
    'https://example.com/foo/bar',
    'https://example.com/foo?bar',
    'https://example.com/foo#bar',
  ])(
    '"A URL matches if it is the same as or a child of the prefix": https://example.com/foo allows %s',
    (url) => {
      expect(allowed(['https://example.com/foo'], url)).toBe(true);
    },
  );

  it('"Path matching is case-sensitive": https://example.com/foo does not allow /FOO', () => {
    expect(allowed(['https://example.com/foo'], 'https://example.com/FOO')).toBe(false);
  });

  it('a child starts at a path segment (ASSUMPTION): https://example.com/foo does not allow /foobar or /fo', () => {
    expect(allowed(['https://example.com/foo'], 'https://example.com/foobar')).toBe(false);
    expect(allowed(['https://example.com/foo'], 'https://example.com/fo')).toBe(false);
    expect(allowed(['https://example.com/foo/'], 'https://example.com/foo/bar')).toBe(true);
  });

  it('a prefix is not a substring match: another host that starts the same way is refused', () => {
    expect(allowed(['https://example.com/'], 'https://example.com.evil.test/')).toBe(false);
  });

  it('"*" matches subdomains: https://*.example.com/foo allows any number of subdomains, not the bare domain or another path', () => {
    const prefix = ['https://*.example.com/foo'];
    expect(allowed(prefix, 'https://subdomain.example.com/foo')).toBe(true);
    expect(allowed(prefix, 'https://any.number.of.subdomains.example.com/foo')).toBe(true);
    expect(allowed(prefix, 'https://subdomain.example.com/bar')).toBe(false);
    expect(allowed(prefix, 'https://example.com/foo')).toBe(false);
  });

  it.each([
    'http://example.com/', // "must use https://, not http://"
    'https://example.com', // "must have a non-empty path"
    'https://*.*.example.com/foo', // several wildcards
    'https://subdomain.*.example.com/foo', // "the wildcard must be a leading prefix"
  ])('a manifest prefix Google refuses is refused: %s', (prefix) => {
    expect(() => setup({ whitelist: [prefix] })).toThrow(AllowlistPrefixError);
  });
});

describe('more URL rules', () => {
  it('rejects URLs longer than 2 KB and payloads over 50 MB', () => {
    const { UrlFetchApp } = setup();
    expect(thrown(() => UrlFetchApp.fetch(`https://${HOST}/${'a'.repeat(2100)}`)).message).toBe(
      'Limit Exceeded: URLFetch URL Length.',
    );
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    expect(
      thrown(() => UrlFetchApp.fetch(`https://${HOST}/echo`, { method: 'post', payload: big })).message,
    ).toBe('Limit Exceeded: URLFetch POST Size.');
  });

  it('escapes unsafe characters unless escaping is false', () => {
    const { UrlFetchApp } = setup();
    const echo = JSON.parse(UrlFetchApp.fetch(`https://${HOST}/echo?q=a b|c`).getContentText());
    expect(echo.url).toBe('/echo?q=a%20b%7Cc');
  });
});

describe('fetchAll', () => {
  it('runs the requests in parallel, returns responses in order and costs one simulated round trip', () => {
    const { UrlFetchApp, ctx } = setup({ latency: 500 });
    UrlFetchApp.fetch(`https://${HOST}/echo`); // warm up the HTTP worker: time only the batch
    const before = ctx.meter.snapshot();
    const clockBefore = ctx.clock.now();
    const t0 = performance.now();
    const responses = UrlFetchApp.fetchAll(
      [0, 1, 2, 3, 4].map((i) => ({ url: `https://${HOST}/slow?ms=200&id=${i}` })),
    );
    const realMs = performance.now() - t0;
    expect(responses.map((r) => r.getContentText())).toEqual([0, 1, 2, 3, 4].map((i) => `slow ${i}`));
    expect(realMs).toBeGreaterThanOrEqual(190);
    expect(realMs).toBeLessThan(800); // sequential would take >= 1000 ms
    // One simulated round trip, max(latency, the real exchange): 500 ms on an idle machine, a little
    // more when a loaded one made the exchange slower; five sequential ones would be 2,500 ms. Timed
    // from after the warm-up, whose real time (starting the HTTP worker) can exceed the latency.
    const batchMs = ctx.clock.now() - clockBefore;
    expect(batchMs).toBeGreaterThanOrEqual(500);
    expect(batchMs).toBeLessThan(1000);
    expect(ctx.meter.since(before)).toEqual({
      'urlfetch.fetchAll': 1,
      'urlfetch.request': 5,
      'urlfetch.roundtrip': 1,
    });
  });

  it('a network failure of any request throws for the whole batch', () => {
    const { UrlFetchApp, app } = setup();
    const e = thrown(() =>
      UrlFetchApp.fetchAll([
        `https://${HOST}/echo`,
        { url: 'https://nowhere.example.org/', muteHttpExceptions: true },
      ]),
    );
    expect(e.message).toBe('DNS error: https://nowhere.example.org/');
    expect(app.requests).toHaveLength(2);
  });

  it('a non-muted HTTP error throws; a muted one is returned', () => {
    const { UrlFetchApp } = setup();
    expect(() => UrlFetchApp.fetchAll([`https://${HOST}/echo`, `https://${HOST}/status/500`])).toThrow(
      /returned code 500/,
    );
    const rs = UrlFetchApp.fetchAll([
      { url: `https://${HOST}/echo` },
      { url: `https://${HOST}/status/500`, muteHttpExceptions: true },
    ]);
    expect(rs.map((r) => r.getResponseCode())).toEqual([200, 500]);
  });
});

describe('metering, time and quota', () => {
  it('counts urlfetch.fetch and urlfetch.request and advances the clock by one round trip per fetch', () => {
    // A latency well above what a real echo takes even on a loaded machine: the clock then moves by
    // exactly the latency per fetch (it moves by the real time only when that is longer).
    const { UrlFetchApp, ctx } = setup({ latency: 5000 });
    UrlFetchApp.fetch(`https://${HOST}/echo`);
    UrlFetchApp.fetch(`https://${HOST}/echo`);
    expect(ctx.meter.snapshot()).toEqual({
      'urlfetch.fetch': 2,
      'urlfetch.request': 2,
      'urlfetch.roundtrip': 2,
    });
    expect(ctx.clock.now()).toBe(10_000);
  });

  it('a server slower than the simulated latency costs its real elapsed time', () => {
    const { UrlFetchApp, ctx } = setup({ latency: 50 });
    UrlFetchApp.fetch(`https://${HOST}/slow?ms=300&id=1`);
    expect(ctx.clock.now()).toBeGreaterThanOrEqual(295);
    expect(ctx.clock.now()).toBeLessThan(1500);
  });

  it("throws Apps Script's daily quota error once the quota is used; quotas reset 24 hours after the first request", () => {
    const { UrlFetchApp, ctx } = setup({
      dailyQuota: 3,
      routes: { [HOST]: { kind: 'inprocess', handle: () => ({ status: 200 }) } },
    });
    UrlFetchApp.fetch(`https://${HOST}/a`);
    UrlFetchApp.fetchAll([`https://${HOST}/a`, `https://${HOST}/b`]);
    expect(String(thrown(() => UrlFetchApp.fetch(`https://${HOST}/a`)))).toBe(
      'Exception: Service invoked too many times for one day: urlfetch.',
    );
    expect(ctx.meter.get('urlfetch.request')).toBe(3);
    // developers.google.com/apps-script/guides/services/quotas: "reset 24 hours after the first request".
    ctx.clock.set(24 * 60 * 60 * 1000 - 1);
    expect(String(thrown(() => UrlFetchApp.fetch(`https://${HOST}/a`)))).toContain('urlfetch');
    ctx.clock.set(24 * 60 * 60 * 1000 + 200);
    expect(UrlFetchApp.fetch(`https://${HOST}/a`).getResponseCode()).toBe(200);
  });

  it('lets the execution-stopped exception of ctx.call propagate before any request is sent', () => {
    const handle = jest.fn(() => ({ status: 200 }));
    const ctx = simpleContext();
    const killed = {
      ...ctx,
      call: () => {
        throw new Error('execution killed');
      },
    };
    const app = createUrlFetchApp({ ctx: killed, routes: { [HOST]: { kind: 'inprocess', handle } } });
    expect(() => app.service.fetch(`https://${HOST}/a`)).toThrow('execution killed');
    expect(handle).not.toHaveBeenCalled();
  });
});

describe('in-process routes', () => {
  it('call the handler synchronously with the same semantics as HTTP routes', () => {
    const handle = jest.fn(
      (req: { method: string; path: string; body: string; headers: Record<string, string> }) => ({
        status: req.path === '/fail' ? 500 : 201,
        headers: { 'Content-Type': 'text/plain' },
        body: `${req.method} ${req.path} ${req.body} ${req.headers.Host}`,
      }),
    );
    const { UrlFetchApp, ctx, app } = setup({ routes: { [HOST]: { kind: 'inprocess', handle } } });
    const res = UrlFetchApp.fetch(`https://${HOST}/x?y=1`, { method: 'post', payload: 'hi' });
    expect(res.getResponseCode()).toBe(201);
    expect(res.getContentText()).toBe(`POST /x?y=1 hi ${HOST}`);
    expect(() => UrlFetchApp.fetch(`https://${HOST}/fail`)).toThrow(/returned code 500/);
    expect(ctx.clock.now()).toBe(2 * DEFAULT_LATENCY_MS['urlfetch.roundtrip']);
    expect(app.requests.map((r) => r.status)).toEqual([201, 500]);
  });

  it('a throwing handler is a reset connection', () => {
    const { UrlFetchApp } = setup({
      routes: {
        [HOST]: {
          kind: 'inprocess',
          handle: () => {
            throw new Error('boom');
          },
        },
      },
    });
    expect(thrown(() => UrlFetchApp.fetch(`https://${HOST}/x`)).message).toBe(
      `Address unavailable: https://${HOST}/x`,
    );
  });
});

describe('getRequest', () => {
  it('describes the request without sending it', () => {
    const { UrlFetchApp, ctx } = setup();
    const r = UrlFetchApp.getRequest(`https://${HOST}/echo`, {
      method: 'post',
      payload: { a: '1' },
      headers: { X: 'y' },
    });
    expect(r).toMatchObject({
      url: `https://${HOST}/echo`,
      method: 'post',
      payload: 'a=1',
      contentType: 'application/x-www-form-urlencoded',
      headers: { X: 'y' },
      muteHttpExceptions: false,
      followRedirects: true,
    });
    expect(ctx.meter.snapshot()).toEqual({});
  });
});

describe('thread model', () => {
  it('a server on the calling thread cannot answer while fetch blocks: the call times out', async () => {
    const http = await import('node:http');
    const local = http.createServer((_req, res) => res.end('never seen'));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const { port } = local.address() as { port: number };
    const { UrlFetchApp } = setup({
      timeoutMs: 300,
      routes: { [HOST]: { kind: 'http', target: `http://127.0.0.1:${port}` } },
    });
    expect(thrown(() => UrlFetchApp.fetch(`https://${HOST}/x`)).message).toBe(`Timeout: https://${HOST}/x`);
    local.closeAllConnections();
    await new Promise((resolve) => local.close(resolve));
  });
});
