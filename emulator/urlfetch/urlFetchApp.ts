import { performance } from 'node:perf_hooks';
import { AppsScriptException, DailyQuota } from '../appsscript/errors';
import type { ServiceContext } from '../context';
import { compileAllowlist } from './allowlist';
import { SyncHttpClient, type SyncHttpRequest, type SyncHttpResult } from './syncHttp';

/**
 * Emulated `UrlFetchApp` (developers.google.com/apps-script/reference/url-fetch/url-fetch-app).
 *
 * The add-on calls `https://<host>/...`. A route maps each hostname to where the emulator really sends the
 * request — like a hosts-file entry plus a TLS-terminating proxy: **TLS is not emulated**, the request goes
 * as plain HTTP to `target` (path and query preserved, appended to the target's base path) with the
 * original `Host` header, or to an in-process handler. `validateHttpsCertificates` therefore has no effect.
 *
 * Real HTTP is synchronous, as in Apps Script (see `syncHttp.ts`): the server must not run on the thread
 * that calls `fetch`.
 *
 * Metering: each request counts `urlfetch.request`; each call counts `urlfetch.fetch` or
 * `urlfetch.fetchAll`; each call advances simulated time through ONE `ctx.call('urlfetch.roundtrip')`
 * (a fetchAll batch runs in parallel, so one round trip for the batch; each followed redirect hop is one
 * more round trip). When the real HTTP exchange took longer than that simulated latency (a deliberately
 * slow server), the clock is advanced further so the call costs the real elapsed time in total, i.e.
 * `max(latency, realElapsed)`. In-process routes cost the latency only (deterministic).
 */

export type InProcessRequest = {
  method: string;
  /** The URL the add-on asked for (`https://host/path?query`). */
  url: string;
  /** Path and query of that URL. */
  path: string;
  headers: Record<string, string>;
  body: string;
};

export type InProcessResponse = { status: number; headers?: Record<string, string>; body?: string };

export type UrlFetchRoute =
  | { kind: 'http'; target: string /* e.g. 'http://127.0.0.1:5123' or 'http://127.0.0.1:5123/base' */ }
  | {
      kind: 'inprocess';
      /** Called synchronously. A thrown error behaves like a reset connection ("Address unavailable"). */
      handle: (req: InProcessRequest) => InProcessResponse;
    };

export interface UrlFetchAppOptions {
  ctx: ServiceContext;
  /** Hostname (e.g. `conference.example.com`) → route. An unlisted host is a DNS error. */
  routes: Record<string, UrlFetchRoute>;
  /** The manifest's `urlFetchWhitelist`: when given, every URL must match an entry (see allowlist.ts). */
  whitelist?: string[];
  /** Requests per 24-hour quota window (opened by the first request). Default 20,000 (consumer account). */
  dailyQuota?: number;
  /** Real-time HTTP timeout per request, ms. Default 10,000 (Apps Script's own is about 60 s). */
  timeoutMs?: number;
}

export interface UrlFetchParams {
  method?: string;
  headers?: Record<string, string>;
  payload?: string | number[] | Uint8Array | Record<string, unknown>;
  contentType?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

export interface UrlFetchRequest extends UrlFetchParams {
  url: string;
}

export interface EmulatedBlob {
  getBytes(): number[];
  getDataAsString(charset?: string): string;
  getContentType(): string | null;
  getName(): string | null;
  setName(name: string): EmulatedBlob;
  copyBlob(): EmulatedBlob;
}

export interface HTTPResponse {
  getResponseCode(): number;
  getContentText(charset?: string): string;
  /** Header name → value; a header sent several times has its values joined with `, `. */
  getHeaders(): Record<string, string>;
  /** Header name → value, or an array of values for a header sent several times. */
  getAllHeaders(): Record<string, string | string[]>;
  /** Raw bytes as Apps Script's `Byte[]` (signed, -128..127). */
  getContent(): number[];
  getBlob(): EmulatedBlob;
  getAs(contentType: string): EmulatedBlob;
}

export interface UrlFetchLogEntry {
  /** Simulated time the call started. */
  at: number;
  method: string;
  url: string;
  status?: number;
  /** The thrown error message, for a request that failed without an HTTP response. */
  error?: string;
}

export interface UrlFetchAppService {
  fetch(url: string, params?: UrlFetchParams): HTTPResponse;
  fetchAll(requests: Array<UrlFetchRequest | string>): HTTPResponse[];
  getRequest(url: string, params?: UrlFetchParams): Record<string, unknown>;
}

export interface EmulatedUrlFetchApp {
  /** The `UrlFetchApp` global to install in the script's sandbox. */
  service: UrlFetchAppService;
  /** One entry per request, in order. */
  requests: UrlFetchLogEntry[];
  /** Stops the HTTP worker (a later fetch would start a new one). */
  close(): void;
}

export const URL_MAX_LENGTH = 2 * 1024;
export const PAYLOAD_MAX_BYTES = 50 * 1024 * 1024;
/** How much of the body the "Request failed" message quotes. Apps Script's exact cut is UNCONFIRMED. */
export const TRUNCATED_RESPONSE_CHARS = 200;
/** Maximum redirect hops followed (Apps Script's own limit is not documented). */
export const MAX_REDIRECTS = 10;
const USER_AGENT =
  'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: emulator)';
/** "URL Fetch calls: 20,000 / day" consumer, "100,000 / day" Google Workspace (QUOTAS). */
export const URLFETCH_DAILY_QUOTA = { consumer: 20_000, workspace: 100_000 } as const;

/**
 * An error as Apps Script's V8 runtime throws it from a service (the emulator's shared
 * `AppsScriptException`): `name` is `Exception`, so `String(e)` reads `Exception: <message>` while
 * `e.message` holds the bare text. `cause` keeps the underlying failure for debugging.
 */
export function appsScriptException(message: string, cause?: unknown): AppsScriptException {
  const e = new AppsScriptException(message);
  if (cause !== undefined)
    Object.defineProperty(e, 'cause', { value: cause, configurable: true, writable: true });
  return e;
}

type Prepared = {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | undefined;
  mute: boolean;
  follow: boolean;
};

type Outcome =
  | { ok: true; status: number; headers: Array<[string, string]>; body: Uint8Array }
  | { ok: false; error: 'refused' | 'dns' | 'timeout' | 'invalid'; detail: string; cause?: unknown };

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/** What every part of one emulated UrlFetchApp shares. */
interface FetchState {
  readonly ctx: ServiceContext;
  readonly routes: Record<string, UrlFetchRoute>;
  readonly client: SyncHttpClient;
  readonly requests: UrlFetchLogEntry[];
  readonly quota: DailyQuota;
  readonly allowlist?: { allows(url: URL): boolean };
}

type Pending = { r: Prepared; i: number; hops: number };

/** Throws (AllowlistPrefixError) when the whitelist holds an entry Google would refuse in the manifest. */
export function createUrlFetchApp(opts: UrlFetchAppOptions): EmulatedUrlFetchApp {
  const state: FetchState = {
    ctx: opts.ctx,
    routes: opts.routes,
    client: new SyncHttpClient(opts.timeoutMs ?? 10000),
    requests: [],
    quota: new DailyQuota(opts.dailyQuota ?? URLFETCH_DAILY_QUOTA.consumer, 'urlfetch'),
    allowlist: opts.whitelist ? compileAllowlist(opts.whitelist) : undefined,
  };
  return {
    service: urlFetchService(state),
    requests: state.requests,
    close() {
      state.client.close();
    },
  };
}

function urlFetchService(state: FetchState): UrlFetchAppService {
  return {
    fetch(url: string, params?: UrlFetchParams): HTTPResponse {
      return run(state, [{ url, params: params ?? {} }], 'fetch')[0];
    },
    fetchAll(list: Array<UrlFetchRequest | string>): HTTPResponse[] {
      if (!Array.isArray(list)) throw appsScriptException('Invalid argument: requests');
      const items = list.map((req) => {
        if (typeof req === 'string') return { url: req, params: {} };
        if (!req || typeof req !== 'object') throw appsScriptException('Invalid argument: requests');
        const { url, ...params } = req;
        return { url, params };
      });
      return run(state, items, 'fetchAll');
    },
    getRequest: (url: string, params?: UrlFetchParams) => describeRequest(state, url, params),
  };
}

function describeRequest(state: FetchState, url: string, params?: UrlFetchParams): Record<string, unknown> {
  const r = prepare(state, url, params);
  const headers = { ...r.headers };
  delete headers['Content-Type'];
  delete headers['User-Agent'];
  return {
    url: r.url.href === url ? url : r.url.href,
    method: r.method.toLowerCase(),
    headers,
    payload: r.body ? Buffer.from(r.body).toString('utf8') : '',
    contentType: r.body ? r.headers['Content-Type'] : undefined,
    muteHttpExceptions: r.mute,
    followRedirects: r.follow,
    validateHttpsCertificates: params?.validateHttpsCertificates !== false,
    useIntranet: false,
  };
}

/** The URL checks Apps Script makes before sending: length, syntax, https, the manifest allowlist. */
function checkedUrl(state: FetchState, rawUrl: unknown, escaping: boolean | undefined): URL {
  if (typeof rawUrl !== 'string' || rawUrl === '') throw appsScriptException(`Invalid argument: url`);
  const urlText = escaping === false ? rawUrl : escapeUrl(rawUrl);
  if (urlText.length > URL_MAX_LENGTH) throw appsScriptException('Limit Exceeded: URLFetch URL Length.');
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw appsScriptException(`Invalid argument: ${rawUrl}`);
  }
  if (url.protocol !== 'https:') {
    throw appsScriptException(
      `Invalid argument: ${rawUrl} (the emulator accepts only https: URLs; TLS is not emulated, routes map ` +
        'https hosts to local targets)',
    );
  }
  if (state.allowlist && !state.allowlist.allows(url)) {
    throw appsScriptException(
      `Request to ${urlText} failed because the URL has not been whitelisted in the script manifest.`,
    );
  }
  return url;
}

function prepare(state: FetchState, rawUrl: unknown, params: UrlFetchParams | undefined): Prepared {
  const p = params ?? {};
  const url = checkedUrl(state, rawUrl, p.escaping);
  const method = (p.method ?? 'get').toString().toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw appsScriptException(`Invalid argument: method`);
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
  let explicitContentType: string | undefined;
  for (const [k, v] of Object.entries(p.headers ?? {})) {
    if (k.toLowerCase() === 'content-type') explicitContentType = String(v);
    else if (k.toLowerCase() !== 'host' && k.toLowerCase() !== 'content-length') headers[k] = String(v);
  }
  let body: Uint8Array | undefined;
  if (p.payload !== undefined && p.payload !== null && method !== 'GET') {
    body = encodePayload(p.payload);
    if (body.byteLength > PAYLOAD_MAX_BYTES) throw appsScriptException('Limit Exceeded: URLFetch POST Size.');
    headers['Content-Type'] = p.contentType ?? explicitContentType ?? 'application/x-www-form-urlencoded';
  } else if (p.contentType ?? explicitContentType) {
    headers['Content-Type'] = (p.contentType ?? explicitContentType) as string;
  }
  return {
    url,
    method,
    headers,
    body,
    mute: p.muteHttpExceptions === true,
    follow: p.followRedirects !== false,
  };
}

/** Sends one hop for every prepared request: in-process handlers now, HTTP ones in parallel in the worker. */
function sendHop(state: FetchState, batch: Prepared[]): { outcomes: Outcome[]; realMs: number } {
  const outcomes: Outcome[] = new Array(batch.length);
  const httpIdx: number[] = [];
  const httpReqs: SyncHttpRequest[] = [];
  batch.forEach((r, i) => {
    const route = Object.hasOwn(state.routes, r.url.hostname) ? state.routes[r.url.hostname] : undefined;
    const path = r.url.pathname + r.url.search;
    if (!route) {
      outcomes[i] = { ok: false, error: 'dns', detail: `no route for host ${r.url.hostname}` };
    } else if (route.kind === 'inprocess') {
      outcomes[i] = callInProcess(route, r, path);
    } else {
      const target = new URL(route.target);
      const base = target.pathname.replace(/\/+$/, '');
      httpIdx.push(i);
      httpReqs.push({
        url: `${target.protocol}//${target.host}${base}${path}`,
        method: r.method,
        headers: { ...r.headers, Host: r.url.host },
        body: r.body,
      });
    }
  });
  let realMs = 0;
  if (httpReqs.length > 0) {
    const t0 = performance.now();
    const results = state.client.send(httpReqs);
    realMs = performance.now() - t0;
    results.forEach((res, k) => {
      outcomes[httpIdx[k]] = fromSyncResult(res);
    });
  }
  return { outcomes, realMs };
}

function callInProcess(
  route: Extract<UrlFetchRoute, { kind: 'inprocess' }>,
  r: Prepared,
  path: string,
): Outcome {
  const headers: Record<string, string> = { ...r.headers, Host: r.url.host };
  let res: InProcessResponse;
  try {
    res = route.handle({
      method: r.method,
      url: r.url.href,
      path,
      headers,
      body: r.body ? Buffer.from(r.body).toString('utf8') : '',
    });
  } catch (e) {
    return { ok: false, error: 'refused', detail: 'in-process handler threw', cause: e };
  }
  const body = new Uint8Array(Buffer.from(res.body ?? '', 'utf8'));
  const hdrs: Array<[string, string]> = Object.entries(res.headers ?? {}).map(([k, v]) => [k, String(v)]);
  if (!hdrs.some(([k]) => k.toLowerCase() === 'content-length'))
    hdrs.push(['Content-Length', String(body.length)]);
  return { ok: true, status: res.status, headers: hdrs, body };
}

/**
 * The next hop of a request whose answer was `o`: the redirected request, the final outcome (no redirect
 * to follow), or an outcome replacing it (a redirect to a non-https URL).
 */
function redirectStep(p: Pending, o: Outcome): { next: Pending } | { final: Outcome } {
  const location = o.ok ? headerValue(o.headers, 'location') : undefined;
  if (!o.ok || !p.r.follow || !REDIRECT_CODES.has(o.status) || !location || p.hops >= MAX_REDIRECTS) {
    return { final: o };
  }
  let nextUrl: URL;
  try {
    nextUrl = new URL(location, p.r.url);
  } catch {
    return { final: o };
  }
  if (nextUrl.protocol !== 'https:') {
    return { final: { ok: false, error: 'dns', detail: `redirect to non-https URL ${nextUrl.href}` } };
  }
  const keepBody = o.status === 307 || o.status === 308;
  const headers = { ...p.r.headers };
  if (!keepBody) delete headers['Content-Type'];
  const method = keepBody || p.r.method === 'HEAD' ? p.r.method : 'GET';
  const r: Prepared = { ...p.r, url: nextUrl, method, body: keepBody ? p.r.body : undefined, headers };
  return { next: { i: p.i, hops: p.hops + 1, r } };
}

/**
 * Runs a batch to completion: one round trip per hop (the batch is parallel), redirects followed per
 * request. Returns the final outcome of each request.
 */
function execute(state: FetchState, batch: Prepared[]): Outcome[] {
  const { ctx } = state;
  const finals: Outcome[] = new Array(batch.length);
  let pending: Pending[] = batch.map((r, i) => ({ r, i, hops: 0 }));
  while (pending.length > 0) {
    const before = ctx.clock.now();
    ctx.call('urlfetch.roundtrip');
    const latency = ctx.clock.now() - before;
    const { outcomes, realMs } = sendHop(
      state,
      pending.map((p) => p.r),
    );
    if (realMs > latency) ctx.clock.advance(Math.ceil(realMs - latency));
    const next: Pending[] = [];
    pending.forEach((p, k) => {
      const step = redirectStep(p, outcomes[k]);
      if ('next' in step) next.push(step.next);
      else finals[p.i] = step.final;
    });
    pending = next;
  }
  return finals;
}

function failureMessage(o: Extract<Outcome, { ok: false }>, url: string): string {
  switch (o.error) {
    case 'dns':
      return `DNS error: ${url}`;
    case 'timeout':
      return `Timeout: ${url}`;
    case 'invalid':
      return `Invalid argument: ${url}`;
    default:
      return `Address unavailable: ${url}`;
  }
}

function toResponseOrThrow(
  requests: UrlFetchLogEntry[],
  r: Prepared,
  o: Outcome,
  originalUrl: string,
  at: number,
): HTTPResponse {
  if (!o.ok) {
    const msg = failureMessage(o, originalUrl);
    requests.push({ at, method: r.method, url: originalUrl, error: msg });
    throw appsScriptException(msg, o.cause ?? o.detail);
  }
  requests.push({ at, method: r.method, url: originalUrl, status: o.status });
  const response = makeResponse(o.status, o.headers, o.body);
  if (o.status >= 400 && !r.mute) {
    const text = response.getContentText();
    throw appsScriptException(
      `Request failed for ${r.url.protocol}//${r.url.host} returned code ${o.status}. Truncated server ` +
        `response: ${text.slice(0, TRUNCATED_RESPONSE_CHARS)} (use muteHttpExceptions option to examine full response)`,
    );
  }
  return response;
}

function run(
  state: FetchState,
  list: Array<{ url: string; params: UrlFetchParams }>,
  kind: 'fetch' | 'fetchAll',
): HTTPResponse[] {
  const { ctx, requests } = state;
  const prepared = list.map((x) => prepare(state, x.url, x.params));
  state.quota.take(ctx.clock.now(), prepared.length);
  const at = ctx.clock.now();
  ctx.meter.count(`urlfetch.${kind}`);
  ctx.meter.count('urlfetch.request', prepared.length);
  if (prepared.length === 0) return [];
  const outcomes = execute(state, prepared);
  // As Apps Script: a network failure of any request fails the whole fetchAll; log every request first.
  const failed = outcomes.findIndex((o) => !o.ok);
  if (failed >= 0) {
    outcomes.forEach((o, i) => {
      if (i !== failed) requests.push(logEntry(at, prepared[i], list[i].url, o));
    });
    toResponseOrThrow(requests, prepared[failed], outcomes[failed], list[failed].url, at);
  }
  const responses: HTTPResponse[] = [];
  let firstError: unknown;
  outcomes.forEach((o, i) => {
    try {
      responses.push(toResponseOrThrow(requests, prepared[i], o, list[i].url, at));
    } catch (e) {
      firstError ??= e;
    }
  });
  if (firstError !== undefined) throw firstError;
  return responses;
}

function logEntry(at: number, r: Prepared, url: string, o: Outcome): UrlFetchLogEntry {
  return o.ok
    ? { at, method: r.method, url, status: o.status }
    : { at, method: r.method, url, error: `${o.error}: ${o.detail}` };
}

function fromSyncResult(res: SyncHttpResult): Outcome {
  if (!res.ok) return { ok: false, error: res.error, detail: res.detail };
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
    headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
  return { ok: true, status: res.status, headers, body: res.body };
}

function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  const h = headers.find(([k]) => k.toLowerCase() === name);
  return h?.[1];
}

/** Escapes characters that cannot appear in a URL, leaving reserved characters and `%XX` as they are. */
function escapeUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (c) => encodeURIComponent(c));
}

function encodePayload(payload: NonNullable<UrlFetchParams['payload']>): Uint8Array {
  if (typeof payload === 'string') return new Uint8Array(Buffer.from(payload, 'utf8'));
  if (ArrayBuffer.isView(payload))
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  if (Array.isArray(payload)) return new Uint8Array(payload.map((b) => Number(b) & 0xff));
  if (typeof payload === 'object') {
    const parts = Object.entries(payload).map(
      ([k, v]) =>
        `${encodeURIComponent(k)}=${encodeURIComponent(v === null || v === undefined ? '' : String(v))}`,
    );
    return new Uint8Array(Buffer.from(parts.join('&'), 'utf8'));
  }
  return new Uint8Array(Buffer.from(String(payload), 'utf8'));
}

function makeResponse(status: number, headers: Array<[string, string]>, body: Uint8Array): HTTPResponse {
  const contentType = headerValue(headers, 'content-type') ?? null;
  const blob = (name: string | null, type: string | null): EmulatedBlob => {
    let blobName = name;
    const b: EmulatedBlob = {
      getBytes: () => toSignedBytes(body),
      getDataAsString: (charset?: string) => decode(body, charset),
      getContentType: () => type,
      getName: () => blobName,
      setName(n: string) {
        blobName = n;
        return b;
      },
      copyBlob: () => blob(blobName, type),
    };
    return b;
  };
  return {
    getResponseCode: () => status,
    getContentText: (charset?: string) => decode(body, charset ?? charsetOf(contentType)),
    getHeaders() {
      const out: Record<string, string> = {};
      for (const [k, v] of headers) out[k] = k in out ? `${out[k]}, ${v}` : v;
      return out;
    },
    getAllHeaders() {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of headers) {
        const prev = out[k];
        out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      return out;
    },
    getContent: () => toSignedBytes(body),
    getBlob: () => blob(null, contentType),
    getAs: (type: string) => blob(null, type),
  };
}

function charsetOf(contentType: string | null): string | undefined {
  const m = contentType ? /charset=([^;\s]+)/i.exec(contentType) : null;
  return m ? m[1].replace(/"/g, '') : undefined;
}

function decode(body: Uint8Array, charset?: string): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function toSignedBytes(body: Uint8Array): number[] {
  return Array.from(body, (b) => (b > 127 ? b - 256 : b));
}
