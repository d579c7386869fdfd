import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyOptions, checkOptions, defaultOptions, type MeetingOptions } from './acmeOptions';

/**
 * Reference implementation of the video vendor's API (docs/vendor-api.openapi.json), as a synchronous
 * request handler: the emulator calls `handle` in-process, server.ts wraps it in node `http`.
 */

export interface EventDateTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

export interface Conference {
  id: string;
  joinUrl: string;
  /** The first of `dialIn` (kept for clients of the contract's first version). */
  phone?: { number: string; pin: string };
  /** Every dial-in number of the conference, with its CLDR region code; the same PIN for all. */
  dialIn?: DialIn[];
  /** The page listing every dial-in number. */
  dialInUrl?: string;
  passcode?: string;
  solutionId: string;
  calendarId: string;
  eventId: string;
  title: string | null;
  start: EventDateTime | null;
  end: EventDateTime | null;
  attendees: string[];
  recurrence: string[];
  recorded: boolean;
  /** The meeting options (docs/vendor-api.md, "Meeting options"). */
  options?: MeetingOptions;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface DialIn {
  number: string;
  regionCode: string;
  pin: string;
  tollFree: boolean;
}

export interface VendorRequest {
  method: string;
  /** May include a `?query`. */
  path: string;
  /** Lower-case keys. */
  headers: Record<string, string>;
  body: string;
}

export interface VendorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RequestLogEntry {
  /** `now()` when the request arrived. */
  at: number;
  method: string;
  path: string;
  /** 0 when the request was refused (fault mode 'down'). */
  status: number;
  idempotencyKey?: string;
  /** Parsed JSON body, or the raw text when it is not JSON; absent when empty. */
  body?: unknown;
}

export type FaultMode = 'up' | 'down' | 'slow' | 'http429' | 'http500' | 'http401' | 'http403' | 'garbage';
export const FAULT_MODES: readonly FaultMode[] = [
  'up',
  'down',
  'slow',
  'http429',
  'http500',
  'http401',
  'http403',
  'garbage',
];

export interface FaultSettings {
  mode: FaultMode;
  /** How many requests are affected; unlimited when left out. */
  count?: number;
  /** For 'http429'; default 1. */
  retryAfterSeconds?: number;
  /** For 'slow'; default 1000. */
  slowMs?: number;
}

export interface FaultState {
  mode: FaultMode;
  /** Requests still to affect; null = unlimited. */
  remaining: number | null;
  retryAfterSeconds: number;
  slowMs: number;
}

export interface Faults {
  set(settings: FaultSettings): FaultState;
  get(): FaultState;
  clear(): void;
}

/**
 * What `dispatch` decided: answer (possibly after `delayMs`, for fault mode 'slow') or refuse the
 * connection (fault mode 'down').
 */
export type Dispatch = { kind: 'respond'; response: VendorResponse; delayMs: number } | { kind: 'refuse' };

/**
 * What happens at the vendor without the add-on: a host deletes a conference in the vendor's own web
 * UI (or a retention job does), or moves it to another time in the vendor's app. NOT part of the API
 * contract: tests, the playground and the bench use it (in process, or `POST /_admin/conferences/{id}/...`
 * on the HTTP server) to change the vendor side behind the add-on's back.
 */
export interface VendorSideOps {
  /** Deletes a live conference as the vendor's own UI would; false when there is none with that id. */
  deleteConference(id: string): boolean;
  /** Moves a live conference to another start and end (RFC 3339); false when there is none. */
  moveConference(id: string, start: string, end: string): boolean;
}

export interface VendorApp {
  /** Synchronous handler. Fault mode 'down' throws an Error with code 'ECONNREFUSED'; 'slow' is ignored. */
  handle(req: VendorRequest): VendorResponse;
  /** Like `handle`, but reports 'down' and 'slow' instead of acting on them (for the HTTP server). */
  dispatch(req: VendorRequest): Dispatch;
  /** Live (not deleted) conferences, oldest first. Copies. */
  conferences(): Conference[];
  /** Any conference by id, including deleted ones (then `deleted: true`). A copy. */
  conference(id: string): (Conference & { deleted?: boolean }) | undefined;
  /** Log of API requests received, oldest first (the last `requestLogLimit` of them). Copies. */
  requests(): RequestLogEntry[];
  readonly faults: Faults;
  /** Changes made at the vendor behind the add-on's back (not part of the API). */
  readonly vendorSide: VendorSideOps;
  /** Forget conferences, idempotency keys, the request log and faults (and persist the empty state). */
  reset(): void;
}

export interface VendorAppOptions {
  apiKey: string;
  /** JSON file the state is loaded from at start and written to (atomically) after each change. */
  dataFile?: string;
  now?: () => number;
  /** Makes ids, pins and passcodes deterministic. */
  idSeed?: number;
  /** Request log entries kept; default 10000. */
  requestLogLimit?: number;
  /** Days a deleted conference can be restored (`POST /conferences/{id}/restore`); default 30, 0 = never. */
  trashDays?: number;
}

interface StoredConference extends Conference {
  deleted?: boolean;
}

interface DataFile {
  format: 'vendor-server/1';
  conferences: StoredConference[];
  idempotency: Record<string, string>;
}

export const JOIN_URL_BASE = 'https://conference.example.com/j/';
export const PHONE_NUMBER = '+1 555 0100';
/** The reference vendor's dial-in numbers (fictional): one toll number each in the US and Germany, a US toll-free one. */
export const DIAL_IN_NUMBERS: ReadonlyArray<Omit<DialIn, 'pin'>> = [
  { number: PHONE_NUMBER, regionCode: 'US', tollFree: false },
  { number: '+49 30 5550100', regionCode: 'DE', tollFree: false },
  { number: '+1 800 555 0100', regionCode: 'US', tollFree: true },
];
export const DIAL_IN_PAGE_BASE = 'https://conference.example.com/dial-in/';
const RECORDED_SOLUTION = 'acme-recorded';
const SYNCED_FIELDS = ['title', 'start', 'end', 'attendees', 'recurrence'] as const;
const CREATE_FIELDS = ['calendarId', 'eventId', 'solutionId', ...SYNCED_FIELDS, 'options'] as const;
const DATE_TIME_FIELDS = ['dateTime', 'date', 'timeZone'];
const MAX_IDEMPOTENCY_KEY = 255;

/**
 * Longest strings and lists the API accepts (also in docs/vendor-api.openapi.json as maxLength and
 * maxItems). Generous on purpose: they exist so that a broken client cannot store megabytes in one field,
 * and must stay above anything Calendar produces (event ids are at most 1024 characters, Calendar API
 * events resource; an email address at most 254).
 */
export const LIMITS = {
  id: 1024,
  solutionId: 255,
  title: 8192,
  timeZone: 64,
  attendee: 320,
  attendees: 10_000,
  recurrenceLine: 16_384,
  recurrence: 1000,
} as const;

/** RFC 3339 date-time, as the Calendar API writes EventDateTime.dateTime. */
const RFC3339_DATE_TIME =
  /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;
/** RFC 3339 full-date, as in EventDateTime.date for all-day events. */
const FULL_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
/** An IANA time zone name (Europe/Zurich, America/Argentina/Buenos_Aires, Etc/GMT+5, UTC). */
const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers, e.g. `allow` on a 405 (RFC 9110 requires it there). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Writes `data` to `path` through a temporary file and a rename; throws if any step fails. */
function writeDataFile(path: string, data: DataFile): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, JSON.stringify(data, null, 1));
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing left to clean up, or nothing that can be
    }
    throw new HttpError(
      500,
      `could not save the change, so nothing was changed: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/** mulberry32: small deterministic PRNG for seeded ids (both reference servers). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cryptoRandom(): number {
  return randomBytes(4).readUInt32BE(0) / 4294967296;
}

function randomString(rand: () => number, alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): VendorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

function errorResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): VendorResponse {
  return json(status, { error: message }, headers);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rejectUnknownFields(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw new HttpError(400, `unknown field ${where}${key}`);
  }
}

function checkString(
  v: unknown,
  name: string,
  opts: { nullable?: boolean; nonEmpty?: boolean; maxLength: number },
): void {
  if (v === null && opts.nullable) return;
  if (typeof v !== 'string')
    throw new HttpError(400, `${name} must be a string${opts.nullable ? ' or null' : ''}`);
  if (opts.nonEmpty && v.length === 0) throw new HttpError(400, `${name} must not be empty`);
  if (v.length > opts.maxLength)
    throw new HttpError(400, `${name} is longer than ${opts.maxLength} characters`);
}

function checkStringArray(v: unknown, name: string, maxItems: number, maxLength: number): void {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new HttpError(400, `${name} must be an array of strings`);
  }
  if (v.length > maxItems) throw new HttpError(400, `${name} has more than ${maxItems} entries`);
  if (v.some((x: string) => x.length > maxLength))
    throw new HttpError(400, `${name} has an entry longer than ${maxLength} characters`);
}

/** True when year-month-day names a real day (2026-02-30 does not; JavaScript's Date would roll it over). */
function realDay(year: string, month: string, day: string): boolean {
  const d = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    d.getUTCFullYear() === Number(year) &&
    d.getUTCMonth() === Number(month) - 1 &&
    d.getUTCDate() === Number(day)
  );
}

function checkDateTime(v: unknown, name: string): void {
  if (v === null) return;
  if (!isPlainObject(v)) throw new HttpError(400, `${name} must be an EventDateTime object or null`);
  rejectUnknownFields(v, DATE_TIME_FIELDS, `${name}.`);
  if ('dateTime' in v) {
    checkString(v.dateTime, `${name}.dateTime`, { maxLength: 64 });
    const m = RFC3339_DATE_TIME.exec(v.dateTime as string);
    if (!m || !realDay(m[1]!, m[2]!, m[3]!))
      throw new HttpError(400, `${name}.dateTime must be an RFC 3339 date-time (2026-01-05T10:00:00Z)`);
  }
  if ('date' in v) {
    checkString(v.date, `${name}.date`, { maxLength: 64 }); // the format below allows 10
    const m = FULL_DATE.exec(v.date as string);
    if (!m || !realDay(m[1]!, m[2]!, m[3]!))
      throw new HttpError(400, `${name}.date must be a date (2026-01-05)`);
  }
  if ('timeZone' in v) {
    checkString(v.timeZone, `${name}.timeZone`, { maxLength: LIMITS.timeZone });
    if (!TIME_ZONE.test(v.timeZone as string))
      throw new HttpError(400, `${name}.timeZone must be an IANA time zone name (Europe/Zurich)`);
  }
}

/** Validates the synced fields present in `body` (all optional here). */
function checkSynced(body: Record<string, unknown>): void {
  if ('title' in body) checkString(body.title, 'title', { nullable: true, maxLength: LIMITS.title });
  if ('start' in body) checkDateTime(body.start, 'start');
  if ('end' in body) checkDateTime(body.end, 'end');
  if ('attendees' in body) checkStringArray(body.attendees, 'attendees', LIMITS.attendees, LIMITS.attendee);
  if ('recurrence' in body)
    checkStringArray(body.recurrence, 'recurrence', LIMITS.recurrence, LIMITS.recurrenceLine);
}

function parseBody(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'malformed JSON body');
  }
  if (!isPlainObject(value)) throw new HttpError(400, 'body must be a JSON object');
  return value;
}

function copyDateTime(v: unknown): EventDateTime | null {
  if (!isPlainObject(v)) return null;
  const out: EventDateTime = {};
  for (const k of DATE_TIME_FIELDS) {
    if (typeof v[k] === 'string') out[k as keyof EventDateTime] = v[k] as string;
  }
  return out;
}

function publicView(c: StoredConference): Conference {
  const { deleted: _deleted, ...rest } = structuredClone(c);
  // Conferences stored before options existed hold the defaults.
  rest.options ??= { ...defaultOptions(rest.recorded), passcode: rest.passcode !== undefined };
  return rest;
}

function refusedError(): Error & { code: string } {
  const err = new Error('connect ECONNREFUSED (vendor server is down)') as Error & { code: string };
  err.code = 'ECONNREFUSED';
  return err;
}

const FAULT_UP: FaultState = { mode: 'up', remaining: null, retryAfterSeconds: 1, slowMs: 1000 };

/** The fault switch of the admin endpoints; `take` consumes one request's worth of the current fault. */
export function createFaults(): Faults & { take(): FaultState } {
  let fault: FaultState = { ...FAULT_UP };
  return {
    set(settings: FaultSettings): FaultState {
      validateFaultSettings(settings);
      const count = settings.count;
      fault = {
        mode: count === 0 ? 'up' : settings.mode,
        remaining: settings.mode === 'up' || count === undefined || count === 0 ? null : count,
        retryAfterSeconds: settings.retryAfterSeconds ?? 1,
        slowMs: settings.slowMs ?? 1000,
      };
      return { ...fault };
    },
    get: () => ({ ...fault }),
    clear() {
      fault = { ...FAULT_UP };
    },
    take() {
      const current = { ...fault };
      if (fault.mode !== 'up' && fault.remaining !== null) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) fault = { ...fault, mode: 'up', remaining: null };
      }
      return current;
    },
  };
}

/** The answer an injected fault gives instead of the API's; undefined for 'up', 'slow' and 'down'. */
function injectedResponse(f: FaultState): VendorResponse | undefined {
  switch (f.mode) {
    case 'http429':
      return errorResponse(429, 'rate limited', { 'retry-after': String(f.retryAfterSeconds) });
    case 'http500':
      return errorResponse(500, 'internal error (injected fault)');
    case 'http401':
      return errorResponse(401, 'the key is no longer valid (injected fault)');
    case 'http403':
      return errorResponse(403, 'forbidden (injected fault)');
    case 'garbage':
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<html><body>502 Bad Gateway</body></html',
      };
    default:
      return undefined;
  }
}

function readDataFile(path: string): DataFile {
  const text = readFileSync(path, 'utf8');
  let data: DataFile;
  try {
    data = JSON.parse(text) as DataFile;
  } catch (e) {
    throw new Error(`vendor-server: data file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (data.format !== 'vendor-server/1' || !Array.isArray(data.conferences)) {
    throw new Error(`vendor-server: data file ${path} has an unknown format`);
  }
  return data;
}

/** The conferences and idempotency keys, in memory and (optionally) in the data file. */
class ConferenceStore {
  private byId = new Map<string, StoredConference>();
  private idempotency = new Map<string, string>();

  constructor(private readonly dataFile: string | undefined) {
    if (dataFile && existsSync(dataFile)) {
      const data = readDataFile(dataFile);
      for (const c of data.conferences) this.byId.set(c.id, c);
      this.idempotency = new Map(Object.entries(data.idempotency ?? {}));
    }
  }

  has = (id: string) => this.byId.has(id);
  get = (id: string) => this.byId.get(id);
  live = () => [...this.byId.values()].filter((c) => !c.deleted);

  /** The conference made under `key`, unless it has been deleted since. */
  madeUnder(key: string): StoredConference | undefined {
    const id = this.idempotency.get(key);
    const c = id === undefined ? undefined : this.byId.get(id);
    return c && !c.deleted ? c : undefined;
  }

  /** A conference by id, deleted or not. */
  find(id: string): StoredConference | undefined {
    return this.byId.get(id);
  }

  /** A conference that exists and is not deleted, else a 404. */
  liveOne(id: string): StoredConference {
    const c = this.byId.get(id);
    if (!c || c.deleted) throw new HttpError(404, `no conference ${id}`);
    return c;
  }

  /**
   * Saves the state as it will be once `next` is applied, and only then applies it in memory: a change
   * is kept in both places or in neither. The file is replaced by renaming a complete temporary file,
   * so a crash mid-write leaves the previous version. A failed write is a 500 that changed nothing, so a
   * retry (same Idempotency-Key for a create) does exactly what the first request would have done.
   */
  commit(conference: StoredConference, idempotencyKey?: string): void {
    if (this.dataFile) {
      const conferences = new Map(this.byId).set(conference.id, conference);
      const keys = new Map(this.idempotency);
      if (idempotencyKey !== undefined) keys.set(idempotencyKey, conference.id);
      writeDataFile(this.dataFile, {
        format: 'vendor-server/1',
        conferences: [...conferences.values()],
        idempotency: Object.fromEntries(keys),
      });
    }
    this.byId.set(conference.id, conference);
    if (idempotencyKey !== undefined) this.idempotency.set(idempotencyKey, conference.id);
  }

  clear(): void {
    if (this.dataFile)
      writeDataFile(this.dataFile, { format: 'vendor-server/1', conferences: [], idempotency: {} });
    this.byId = new Map();
    this.idempotency = new Map();
  }
}

interface ApiContext {
  store: ConferenceStore;
  authorized(headers: Record<string, string>): boolean;
  rand: () => number;
  now: () => number;
  trashMs: number;
}

function bearerCheck(apiKey: string): ApiContext['authorized'] {
  const expected = Buffer.from(apiKey);
  return (headers) => {
    const m = /^Bearer\s+(.+)$/i.exec((headers.authorization ?? '').trim());
    if (!m) return false;
    const given = Buffer.from(m[1]);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}

function newId(ctx: ApiContext): string {
  for (;;) {
    const id = 'cnf_' + randomString(ctx.rand, '0123456789abcdefghijklmnopqrstuvwxyz', 10);
    if (!ctx.store.has(id)) return id;
  }
}

/** A create's body, validated: everything but the synced fields is required. */
function createBody(req: VendorRequest): { key: string; body: Record<string, unknown> } {
  const key = req.headers['idempotency-key'];
  if (key === undefined || key === '') throw new HttpError(400, 'Idempotency-Key header is required');
  if (key.length > MAX_IDEMPOTENCY_KEY) throw new HttpError(400, 'Idempotency-Key is too long');
  const body = parseBody(req.body);
  rejectUnknownFields(body, CREATE_FIELDS, '');
  checkString(body.calendarId, 'calendarId', { nonEmpty: true, maxLength: LIMITS.id });
  checkString(body.eventId, 'eventId', { nonEmpty: true, maxLength: LIMITS.id });
  checkString(body.solutionId, 'solutionId', { nonEmpty: true, maxLength: LIMITS.solutionId });
  checkSynced(body);
  if ('options' in body) checkOptions(body.options, badRequest);
  return { key, body };
}

const badRequest = (message: string) => new HttpError(400, message);
const passcodeFrom = (ctx: ApiContext) => () => randomString(ctx.rand, 'abcdefghjkmnpqrstuvwxyz23456789', 8);

function newConference(ctx: ApiContext, body: Record<string, unknown>): StoredConference {
  const c = plainConference(ctx, body);
  return applyOptions(c, (body.options as Partial<MeetingOptions> | undefined) ?? {}, passcodeFrom(ctx));
}

function plainConference(ctx: ApiContext, body: Record<string, unknown>): StoredConference {
  const id = newId(ctx);
  const at = new Date(ctx.now()).toISOString();
  const pin = randomString(ctx.rand, '0123456789', 6);
  return {
    id,
    joinUrl: JOIN_URL_BASE + id,
    phone: { number: PHONE_NUMBER, pin },
    dialIn: DIAL_IN_NUMBERS.map((d) => ({ ...d, pin })),
    dialInUrl: DIAL_IN_PAGE_BASE + id,
    passcode: randomString(ctx.rand, 'abcdefghjkmnpqrstuvwxyz23456789', 8),
    solutionId: body.solutionId as string,
    calendarId: body.calendarId as string,
    eventId: body.eventId as string,
    title: (body.title as string | null | undefined) ?? null,
    start: copyDateTime(body.start),
    end: copyDateTime(body.end),
    attendees: [...((body.attendees as string[] | undefined) ?? [])],
    recurrence: [...((body.recurrence as string[] | undefined) ?? [])],
    recorded: body.solutionId === RECORDED_SOLUTION,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

function create(ctx: ApiContext, req: VendorRequest): VendorResponse {
  const { key, body } = createBody(req);
  // A replay returns the conference made under this key, unless it has been deleted since: a key
  // protects retries of one create, and nobody retrying wants a deleted conference (the user removed
  // the meeting and added it again), so the key then makes a new conference and points to it.
  const existing = ctx.store.madeUnder(key);
  if (existing) return json(200, publicView(existing));
  const c = newConference(ctx, body);
  ctx.store.commit(c, key);
  return json(201, publicView(c), { location: `/conferences/${encodeURIComponent(c.id)}` });
}

/** Synced fields and `options` are independent: a PATCH changes only what it carries. */
function update(ctx: ApiContext, id: string, req: VendorRequest): VendorResponse {
  const { options, ...synced } = parseBody(req.body);
  if (options !== undefined) checkOptions(options, badRequest);
  let c = withSyncedFields(ctx, structuredClone(ctx.store.liveOne(id)), synced);
  if (options !== undefined) c = applyOptions(c, options, passcodeFrom(ctx));
  ctx.store.commit(c);
  return json(200, publicView(c));
}

/** The synced fields of a PATCH (or a restore) applied to a copy of a conference. */
function withSyncedFields(
  ctx: ApiContext,
  c: StoredConference,
  body: Record<string, unknown>,
): StoredConference {
  rejectUnknownFields(body, SYNCED_FIELDS, '');
  checkSynced(body);
  if ('title' in body) c.title = body.title as string | null;
  if ('start' in body) c.start = copyDateTime(body.start);
  if ('end' in body) c.end = copyDateTime(body.end);
  if ('attendees' in body) c.attendees = [...(body.attendees as string[])];
  if ('recurrence' in body) c.recurrence = [...(body.recurrence as string[])];
  c.version += 1;
  c.updatedAt = new Date(ctx.now()).toISOString();
  return c;
}

function remove(ctx: ApiContext, id: string): VendorResponse {
  const c = { ...ctx.store.liveOne(id), deleted: true, updatedAt: new Date(ctx.now()).toISOString() };
  ctx.store.commit(c);
  return { status: 204, headers: {}, body: '' };
}

/**
 * Undoes a delete within the trash's days (the conference keeps its id and join link) and sets the
 * synced fields in the body, as a PATCH would; a live conference just takes the fields, so a
 * repeated restore changes nothing more.
 */
function restore(ctx: ApiContext, id: string, req: VendorRequest): VendorResponse {
  const c = ctx.store.get(id);
  const trashedFor = c?.deleted ? ctx.now() - Date.parse(c.updatedAt) : 0;
  if (!c || (c.deleted && trashedFor >= ctx.trashMs))
    throw new HttpError(404, `no conference ${id} to restore`);
  const { deleted: _deleted, ...rest } = structuredClone(c);
  const back = withSyncedFields(ctx, rest, req.body.trim() === '' ? {} : parseBody(req.body));
  ctx.store.commit(back);
  return json(200, publicView(back));
}

/** At most this many ids in one batch read (`GET /conferences?ids=`). */
export const MAX_BATCH_READ_IDS = 100;

/**
 * `GET /conferences?ids=a,b,c`: several conferences in one request (the audit's batch read). The live
 * ones as a `GET /conferences/{id}` would answer them, in the order asked; the others (unknown or
 * deleted) by id in `missing`.
 */
function readMany(ctx: ApiContext, req: VendorRequest): VendorResponse {
  const query = new URLSearchParams(req.path.split('?')[1] ?? '');
  const ids = (query.get('ids') ?? '').split(',').filter((id) => id !== '');
  if (ids.length === 0) throw new HttpError(400, 'ids: give one or more conference ids, comma-separated');
  if (ids.length > MAX_BATCH_READ_IDS)
    throw new HttpError(400, `ids: at most ${MAX_BATCH_READ_IDS} per request`);
  const conferences: Conference[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const c = ctx.store.find(id);
    if (c && !c.deleted) conferences.push(publicView(c));
    else missing.push(id);
  }
  return json(200, { conferences, missing });
}

/** The API itself (faults aside): one request to one response, or an HttpError. */
function route(ctx: ApiContext, req: VendorRequest): VendorResponse {
  if (!ctx.authorized(req.headers)) throw new HttpError(401, 'missing or invalid bearer key');
  const pathname = req.path.split('?')[0];
  const method = req.method.toUpperCase();
  if (pathname === '/conferences') {
    if (method === 'POST') return create(ctx, req);
    if (method === 'GET') return readMany(ctx, req);
    throw new HttpError(405, `${method} not allowed on /conferences`, { allow: 'GET, POST' });
  }
  const m = /^\/conferences\/([^/]+)(\/restore)?$/.exec(pathname);
  if (!m) throw new HttpError(404, `no such path ${pathname}`);
  let id: string;
  try {
    id = decodeURIComponent(m[1]);
  } catch {
    throw new HttpError(400, 'malformed conference id in path');
  }
  if (m[2]) {
    if (method === 'POST') return restore(ctx, id, req);
    throw new HttpError(405, `${method} not allowed on /conferences/{id}/restore`, { allow: 'POST' });
  }
  if (method === 'GET') return json(200, publicView(ctx.store.liveOne(id)));
  if (method === 'PATCH') return update(ctx, id, req);
  if (method === 'DELETE') return remove(ctx, id);
  throw new HttpError(405, `${method} not allowed on /conferences/{id}`, { allow: 'GET, PATCH, DELETE' });
}

function routeOrError(ctx: ApiContext, req: VendorRequest): VendorResponse {
  try {
    return route(ctx, req);
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    return errorResponse(e.status, e.message, e.headers);
  }
}

/** The vendor's own UI: the same store, no request, no request log entry, no fault. */
function vendorSideOps(ctx: ApiContext): VendorSideOps {
  const live = (id: string) => {
    const c = ctx.store.get(id);
    return c && !c.deleted ? c : undefined;
  };
  const touched = (c: StoredConference): StoredConference => ({
    ...c,
    version: c.version + 1,
    updatedAt: new Date(ctx.now()).toISOString(),
  });
  return {
    deleteConference(id) {
      const c = live(id);
      if (!c) return false;
      ctx.store.commit({ ...touched(c), deleted: true });
      return true;
    },
    moveConference(id, start, end) {
      const c = live(id);
      if (!c) return false;
      checkDateTime({ dateTime: start }, 'start');
      checkDateTime({ dateTime: end }, 'end');
      const zone = c.start?.timeZone ? { timeZone: c.start.timeZone } : {};
      ctx.store.commit({
        ...touched(c),
        start: { dateTime: start, ...zone },
        end: { dateTime: end, ...zone },
      });
      return true;
    },
  };
}

/** One request as the log keeps it (both reference servers): body parsed when it is JSON. */
export function logEntry(req: VendorRequest, at: number, status: number): RequestLogEntry {
  const entry: RequestLogEntry = { at, method: req.method.toUpperCase(), path: req.path, status };
  const key = req.headers['idempotency-key'];
  if (key !== undefined) entry.idempotencyKey = key;
  if (req.body !== '') {
    try {
      entry.body = JSON.parse(req.body);
    } catch {
      entry.body = req.body;
    }
  }
  return entry;
}

export function createVendorApp(opts: VendorAppOptions): VendorApp {
  if (!opts.apiKey) throw new Error('createVendorApp: apiKey is required');
  const now = opts.now ?? Date.now;
  const logLimit = opts.requestLogLimit ?? 10000;
  const store = new ConferenceStore(opts.dataFile);
  const ctx: ApiContext = {
    store,
    authorized: bearerCheck(opts.apiKey),
    rand: opts.idSeed === undefined ? cryptoRandom : seededRandom(opts.idSeed),
    now,
    trashMs: (opts.trashDays ?? 30) * 24 * 3600_000,
  };
  const faults = createFaults();
  let log: RequestLogEntry[] = [];

  function dispatch(req: VendorRequest): Dispatch {
    const at = now();
    const f = faults.take();
    const response = f.mode === 'down' ? undefined : (injectedResponse(f) ?? routeOrError(ctx, req));
    log.push(logEntry(req, at, response?.status ?? 0));
    if (log.length > logLimit) log = log.slice(log.length - logLimit);
    if (!response) return { kind: 'refuse' };
    return { kind: 'respond', response, delayMs: f.mode === 'slow' ? f.slowMs : 0 };
  }

  return {
    handle(req) {
      const d = dispatch(req);
      if (d.kind === 'refuse') throw refusedError();
      return d.response;
    },
    dispatch,
    conferences: () => store.live().map(publicView),
    conference(id) {
      const c = store.get(id);
      return c ? structuredClone(c) : undefined;
    },
    requests: () => structuredClone(log),
    faults: { set: faults.set, get: faults.get, clear: faults.clear },
    vendorSide: vendorSideOps(ctx),
    reset() {
      store.clear();
      log = [];
      faults.clear();
    },
  };
}

/** Throws (with a message fit for a 400) unless `s` is valid FaultSettings. */
export function validateFaultSettings(s: unknown): asserts s is FaultSettings {
  if (!isPlainObject(s)) throw new Error('fault settings must be an object');
  for (const k of Object.keys(s)) {
    if (!['mode', 'count', 'retryAfterSeconds', 'slowMs'].includes(k)) throw new Error(`unknown field ${k}`);
  }
  if (!FAULT_MODES.includes(s.mode as FaultMode))
    throw new Error(`mode must be one of ${FAULT_MODES.join(', ')}`);
  for (const k of ['count', 'retryAfterSeconds', 'slowMs']) {
    const v = s[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      throw new Error(`${k} must be a non-negative integer`);
    }
  }
}
