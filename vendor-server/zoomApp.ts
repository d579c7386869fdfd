import { timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createFaults,
  type Dispatch,
  type FaultState,
  type Faults,
  logEntry,
  type RequestLogEntry,
  seededRandom,
  type VendorRequest,
  type VendorResponse,
  type VendorSideOps,
} from './app';

/**
 * Reference implementation of the parts of Zoom's Meetings API (v2) the add-on uses, written from
 * Zoom's public documentation (API reference "Meetings", "Recurrence Object Definitions"):
 *
 * - `POST /users/me/meetings` -> 201 with the meeting (numeric `id`, `join_url`, `password`);
 * - `GET /meetings/{meetingId}` -> 200; `PATCH /meetings/{meetingId}` -> 204 (no body);
 *   `DELETE /meetings/{meetingId}` -> 204; an unknown or deleted meeting -> 404 `{code: 3001}`;
 * - `GET /users/me` -> 200 (the connection test);
 * - `PUT /meetings/{meetingId}/status` with `{"action": "recover"}` -> 204: "recover a deleted
 *   meeting" (Zoom's OpenAPI description of the `recover` action; scopes `meeting:write`,
 *   `meeting:write:admin`; answers 204, 400, 404). The meeting comes back with its id, join_url and
 *   password. `{"action": "end"}` -> 204 (nothing runs here, so nothing to end);
 * - a missing or wrong bearer token -> 401 `{code: 124}`; a malformed body -> 400 `{code: 300}`.
 *
 * Paths may carry Zoom's `/v2` prefix. There is no idempotency key: every POST makes a meeting,
 * as at Zoom. Fault modes are the Acme server's (down, 500, 429 with Retry-After, 403, garbage,
 * slow), so both adapters are tested the same way. ASSUMPTION (not stated by Zoom's docs): unknown
 * body fields are refused with 400, so that an adapter bug shows up in the tests.
 *
 * ASSUMPTIONS about `recover` (Zoom's reference does not say; docs/vendors.md lists them): a deleted
 * meeting stays recoverable for `recoverDays` (default 7, after the web portal's "Recently Deleted"
 * list; no stored Zoom document gives the period), after which recover answers 404 code 3001; recover
 * of a meeting that is not deleted answers 204 and changes nothing. `recoverDays: 0` is a Zoom
 * account that cannot recover at all (the tests' "vendor that cannot undo a delete").
 */

export interface ZoomRecurrence {
  type: 1 | 2 | 3;
  repeat_interval?: number;
  weekly_days?: string;
  monthly_day?: number;
  monthly_week?: number;
  monthly_week_day?: number;
  end_times?: number;
  end_date_time?: string;
}

export interface ZoomMeeting {
  id: number;
  uuid: string;
  host_id: string;
  topic: string;
  /** 1 instant, 2 scheduled, 3 recurring without fixed time, 8 recurring with fixed time. */
  type: 1 | 2 | 3 | 8;
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  created_at: string;
  join_url: string;
  password: string;
  recurrence?: ZoomRecurrence;
  settings: {
    meeting_invitees: Array<{ email: string }>;
    auto_recording: 'local' | 'cloud' | 'none';
    waiting_room: boolean;
    join_before_host: boolean;
    mute_upon_entry: boolean;
    /** "Alternative host's emails or IDs: multiple values separated by a comma." */
    alternative_hosts: string;
    global_dial_in_numbers: ZoomDialIn[];
  };
}

/** `settings.global_dial_in_numbers[]`: `country` is the country code, `type` toll or tollfree. */
export interface ZoomDialIn {
  city?: string;
  country: string;
  country_name: string;
  number: string;
  type: 'toll' | 'tollfree';
}

export interface ZoomApp {
  handle(req: VendorRequest): VendorResponse;
  dispatch(req: VendorRequest): Dispatch;
  /** Live (not deleted) meetings, oldest first. Copies. */
  conferences(): ZoomMeeting[];
  /** Any meeting by id, deleted ones too (then `deleted: true`). */
  conference(id: string): (ZoomMeeting & { deleted?: boolean }) | undefined;
  requests(): RequestLogEntry[];
  readonly faults: Faults;
  /** Changes made in Zoom's own UI behind the add-on's back (not part of the API). */
  readonly vendorSide: VendorSideOps;
  reset(): void;
}

export interface ZoomAppOptions {
  /** The bearer token clients must send (an OAuth access token at Zoom). */
  apiKey: string;
  dataFile?: string;
  now?: () => number;
  idSeed?: number;
  requestLogLimit?: number;
  /**
   * Days a deleted meeting can be recovered (`PUT /meetings/{id}/status`, action `recover`);
   * default 7 (an assumption, see above), 0 = never: recover answers 404 like a meeting gone for good.
   */
  recoverDays?: number;
}

/** Default days a deleted meeting stays recoverable (ASSUMPTION: no stored Zoom document says). */
export const ZOOM_RECOVER_DAYS = 7;

export const ZOOM_JOIN_URL_BASE = 'https://zoom.example.com/j/';
export const ZOOM_DIAL_IN = '+1 555 0199';
/** The reference server's global dial-in numbers (fictional). */
export const ZOOM_DIAL_IN_NUMBERS: readonly ZoomDialIn[] = [
  { city: 'New York', country: 'US', country_name: 'US', number: ZOOM_DIAL_IN, type: 'toll' },
  { city: 'Frankfurt', country: 'DE', country_name: 'Germany', number: '+49 69 5550199', type: 'toll' },
  { country: 'US', country_name: 'US', number: '+1 888 555 0199', type: 'tollfree' },
];
const TOP_FIELDS = [
  'topic',
  'type',
  'start_time',
  'duration',
  'timezone',
  'agenda',
  'recurrence',
  'settings',
  'password',
];
const SETTINGS_FIELDS = [
  'meeting_invitees',
  'auto_recording',
  'waiting_room',
  'join_before_host',
  'mute_upon_entry',
  'alternative_hosts',
];
/** Zoom: a passcode "may only contain the following characters: [a-z A-Z 0-9 @ - _ *]. Max of 10 characters." */
const PASSWORD = /^[a-zA-Z0-9@\-_*]{0,10}$/;
const RECURRENCE_FIELDS = [
  'type',
  'repeat_interval',
  'weekly_days',
  'monthly_day',
  'monthly_week',
  'monthly_week_day',
  'end_times',
  'end_date_time',
];

class ZoomError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new ZoomError(400, 300, message);

function json(status: number, value: unknown, headers: Record<string, string> = {}): VendorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: JSON.stringify(value),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKnown(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj))
    if (!allowed.includes(key)) throw invalid(`Unknown field: ${where}${key}`);
}

function intIn(v: unknown, name: string, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw invalid(`${name} must be an integer from ${min} to ${max}`);
  }
}

/** "Recurrence Object Definitions": limits per type, end_times XOR end_date_time. */
export function checkRecurrence(r: unknown): asserts r is ZoomRecurrence {
  if (!isObject(r)) throw invalid('recurrence must be an object');
  onlyKnown(r, RECURRENCE_FIELDS, 'recurrence.');
  intIn(r.type, 'recurrence.type', 1, 3);
  const maxInterval = r.type === 1 ? 90 : r.type === 2 ? 12 : 3;
  if (r.repeat_interval !== undefined) intIn(r.repeat_interval, 'recurrence.repeat_interval', 1, maxInterval);
  if (r.type === 2 && !(typeof r.weekly_days === 'string' && /^[1-7](,[1-7])*$/.test(r.weekly_days))) {
    throw invalid('recurrence.weekly_days is required for a weekly meeting (1-7, comma-separated)');
  }
  if (r.type === 3) {
    if (r.monthly_day !== undefined) intIn(r.monthly_day, 'recurrence.monthly_day', 1, 31);
    else {
      if (![-1, 1, 2, 3, 4].includes(r.monthly_week as number))
        throw invalid('recurrence.monthly_week is invalid');
      intIn(r.monthly_week_day, 'recurrence.monthly_week_day', 1, 7);
    }
  }
  if (r.end_times !== undefined && r.end_date_time !== undefined) {
    throw invalid('recurrence: end_times and end_date_time cannot be used together');
  }
  if (r.end_times !== undefined) intIn(r.end_times, 'recurrence.end_times', 1, 50);
  if (r.end_date_time !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(String(r.end_date_time))) {
    throw invalid('recurrence.end_date_time must be yyyy-MM-ddTHH:mm:ssZ');
  }
}

function checkSettings(s: unknown): void {
  if (!isObject(s)) throw invalid('settings must be an object');
  onlyKnown(s, SETTINGS_FIELDS, 'settings.');
  const invitees = s.meeting_invitees;
  if (invitees !== undefined) {
    if (!Array.isArray(invitees) || invitees.some((i) => !isObject(i) || typeof i.email !== 'string')) {
      throw invalid('settings.meeting_invitees must be a list of {email}');
    }
  }
  if (s.auto_recording !== undefined && !['local', 'cloud', 'none'].includes(s.auto_recording as string)) {
    throw invalid('settings.auto_recording must be local, cloud or none');
  }
  for (const key of ['waiting_room', 'join_before_host', 'mute_upon_entry']) {
    if (s[key] !== undefined && typeof s[key] !== 'boolean')
      throw invalid(`settings.${key} must be a boolean`);
  }
  if (s.alternative_hosts !== undefined && typeof s.alternative_hosts !== 'string') {
    throw invalid('settings.alternative_hosts must be a string of emails separated by commas');
  }
}

/** Checks a create or update body; `creating` requires what a new meeting needs. */
export function checkMeetingBody(body: Record<string, unknown>, creating: boolean): void {
  onlyKnown(body, TOP_FIELDS, '');
  if (body.topic !== undefined && (typeof body.topic !== 'string' || body.topic.length > 200)) {
    throw invalid('topic must be a string of at most 200 characters');
  }
  if (body.type !== undefined && ![1, 2, 3, 8].includes(body.type as number))
    throw invalid('type is invalid');
  if (body.start_time !== undefined && Number.isNaN(Date.parse(String(body.start_time)))) {
    throw invalid('start_time is not a date-time');
  }
  if (body.duration !== undefined) intIn(body.duration, 'duration', 0, 100000);
  if (body.timezone !== undefined && typeof body.timezone !== 'string')
    throw invalid('timezone must be a string');
  if (body.agenda !== undefined && (typeof body.agenda !== 'string' || body.agenda.length > 2000)) {
    throw invalid('agenda must be a string of at most 2000 characters');
  }
  if (body.type === 8 || body.recurrence !== undefined) {
    if (creating && body.type === 8 && body.start_time === undefined) throw invalid('start_time is required');
    if (body.type === 8) checkRecurrence(body.recurrence);
  }
  if (body.settings !== undefined) checkSettings(body.settings);
  if (body.password !== undefined && !(typeof body.password === 'string' && PASSWORD.test(body.password))) {
    throw invalid('password may only contain [a-z A-Z 0-9 @ - _ *], at most 10 characters');
  }
}

/** A new passcode: the join link carries it (`?pwd=`), as Zoom's links do; an empty one none. */
function setPassword(meeting: ZoomMeeting, password: string): void {
  meeting.password = password;
  const link = `${ZOOM_JOIN_URL_BASE}${meeting.id}`;
  meeting.join_url = password === '' ? link : `${link}?pwd=${password}`;
}

function digits(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rand() * 10));
  return s;
}

/** A meeting as stored: deleted ones stay (with the time of the delete) until recovered or expired. */
type StoredMeeting = ZoomMeeting & { deleted?: boolean; deleted_at?: number };

interface Stored {
  meetings: StoredMeeting[];
}

function faultResponse(f: FaultState): VendorResponse | undefined {
  switch (f.mode) {
    case 'http429':
      return json(
        429,
        {
          code: 429,
          message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
        },
        {
          'retry-after': String(f.retryAfterSeconds),
        },
      );
    case 'http500':
      return json(500, { code: 500, message: 'internal error (injected fault)' });
    case 'http401':
      return json(401, { code: 124, message: 'Invalid access token.' });
    case 'http403':
      return json(403, { code: 403, message: 'forbidden (injected fault)' });
    case 'garbage':
      return {
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>502 Bad Gateway</body></html',
      };
    default:
      return undefined;
  }
}

/** The meetings, kept in memory and (optionally) in a JSON file written atomically after each change. */
class MeetingStore {
  private meetings = new Map<string, StoredMeeting>();

  constructor(private readonly dataFile?: string) {
    if (dataFile && existsSync(dataFile)) {
      const data = JSON.parse(readFileSync(dataFile, 'utf8')) as Stored;
      for (const m of data.meetings ?? []) this.meetings.set(String(m.id), m);
    }
  }

  has = (id: string) => this.meetings.has(id);
  get = (id: string) => this.meetings.get(id);
  all = () => [...this.meetings.values()];
  liveCopies = () =>
    this.all()
      .filter((m) => !m.deleted)
      .map((m) => structuredClone(m) as ZoomMeeting);

  /** A meeting that exists and is not deleted, else Zoom's 404 (code 3001). */
  live(id: string): StoredMeeting {
    const m = this.meetings.get(id);
    if (!m || m.deleted) throw new ZoomError(404, 3001, `Meeting does not exist: ${id}.`);
    return m;
  }

  /** Marks a meeting deleted (recoverable until `recoverDays` after `at`). */
  trash(meeting: StoredMeeting, at: number): void {
    meeting.deleted = true;
    meeting.deleted_at = at;
    this.persist();
  }

  add(meeting: ZoomMeeting): void {
    this.meetings.set(String(meeting.id), meeting);
    this.persist();
  }

  clear(): void {
    this.meetings = new Map();
    this.persist();
  }

  persist(): void {
    if (!this.dataFile) return;
    mkdirSync(dirname(this.dataFile), { recursive: true });
    const tmp = `${this.dataFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ meetings: this.all() } satisfies Stored, null, 1));
    renameSync(tmp, this.dataFile);
  }
}

function parseBody(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('Request Body should be a valid JSON object.');
  }
  if (!isObject(value)) throw invalid('Request Body should be a valid JSON object.');
  return value;
}

/** Start, length, zone, topic, type and recurrence from a create or update body. */
function applyFields(meeting: ZoomMeeting, body: Record<string, unknown>): void {
  for (const key of ['start_time', 'duration', 'timezone', 'agenda'] as const) {
    if (body[key] !== undefined) (meeting as unknown as Record<string, unknown>)[key] = body[key];
  }
  if (body.topic !== undefined) meeting.topic = body.topic as string;
  if (body.type !== undefined) meeting.type = body.type as ZoomMeeting['type'];
  if (meeting.type === 8 && body.recurrence !== undefined)
    meeting.recurrence = body.recurrence as ZoomRecurrence;
  if (meeting.type !== 8) delete meeting.recurrence;
  if (meeting.type === 3) {
    delete meeting.start_time;
    delete meeting.duration;
  }
}

function newMeeting(body: Record<string, unknown>, id: string, rand: () => number, now: number): ZoomMeeting {
  const settings = (body.settings ?? {}) as Partial<ZoomMeeting['settings']>;
  const password = typeof body.password === 'string' ? body.password : digits(rand, 6);
  const meeting: ZoomMeeting = {
    id: Number(id),
    uuid: `${digits(rand, 8)}==`,
    host_id: 'reference-user',
    topic: 'Zoom Meeting',
    type: 2,
    created_at: `${new Date(now).toISOString().slice(0, 19)}Z`,
    join_url: '',
    password: '',
    settings: {
      meeting_invitees: [...(settings.meeting_invitees ?? [])],
      auto_recording: settings.auto_recording ?? 'none',
      waiting_room: settings.waiting_room ?? false,
      join_before_host: settings.join_before_host ?? false,
      mute_upon_entry: settings.mute_upon_entry ?? false,
      alternative_hosts: settings.alternative_hosts ?? '',
      global_dial_in_numbers: ZOOM_DIAL_IN_NUMBERS.map((d) => ({ ...d })),
    },
  };
  setPassword(meeting, password);
  applyFields(meeting, body);
  return meeting;
}

interface RouteContext {
  store: MeetingStore;
  authorized(headers: Record<string, string>): boolean;
  rand: () => number;
  now: () => number;
  recoverMs: number;
}

const STATUS_ACTIONS = ['end', 'recover'];

/**
 * `PUT /meetings/{id}/status`: `recover` undoes a delete within the recover period (the meeting keeps
 * its id, join_url and password); `end` of a live meeting changes nothing here (no meeting runs).
 */
function updateStatus(ctx: RouteContext, id: string, req: VendorRequest): VendorResponse {
  const body = parseBody(req.body);
  onlyKnown(body, ['action'], '');
  if (!STATUS_ACTIONS.includes(body.action as string)) throw invalid('action must be end or recover');
  const noContent: VendorResponse = { status: 204, headers: {}, body: '' };
  if (body.action === 'end') {
    ctx.store.live(id);
    return noContent;
  }
  const m = ctx.store.get(id);
  const expired = !m || (m.deleted && ctx.now() - (m.deleted_at ?? 0) >= ctx.recoverMs);
  if (expired) throw new ZoomError(404, 3001, `Meeting does not exist: ${id}.`);
  if (m.deleted) {
    delete m.deleted;
    delete m.deleted_at;
    ctx.store.persist();
  }
  return noContent;
}

/** The API itself (faults aside): one request to one response, or a ZoomError. */
function route(req: VendorRequest, ctx: RouteContext): VendorResponse {
  const { store } = ctx;
  if (!ctx.authorized(req.headers)) throw new ZoomError(401, 124, 'Invalid access token.');
  const pathname = req.path.split('?')[0]!.replace(/^\/v2(?=\/)/, '');
  const method = req.method.toUpperCase();
  const noContent: VendorResponse = { status: 204, headers: {}, body: '' };
  if (pathname === '/users/me' && method === 'GET') {
    return json(200, { id: 'reference-user', email: 'host@example.com', type: 2, status: 'active' });
  }
  if (pathname === '/users/me/meetings' && method === 'POST') {
    const body = parseBody(req.body);
    checkMeetingBody(body, true);
    let id: string;
    do id = `8${digits(ctx.rand, 10)}`;
    while (store.has(id));
    const meeting = newMeeting(body, id, ctx.rand, ctx.now());
    store.add(meeting);
    return json(201, meeting);
  }
  const m = /^\/meetings\/(\d+)(\/status)?$/.exec(pathname);
  if (!m) throw new ZoomError(404, 404, `No such API endpoint: ${method} ${pathname}`);
  const id = m[1]!;
  if (m[2]) {
    if (method !== 'PUT') throw new ZoomError(405, 405, `${method} not allowed`);
    return updateStatus(ctx, id, req);
  }
  if (method === 'GET') return json(200, publicMeeting(store.live(id)));
  if (method === 'DELETE') {
    store.trash(store.live(id), ctx.now());
    return noContent;
  }
  if (method !== 'PATCH') throw new ZoomError(405, 405, `${method} not allowed`);
  const body = parseBody(req.body);
  checkMeetingBody(body, false);
  const meeting = store.live(id);
  applyFields(meeting, body);
  if (body.settings !== undefined) Object.assign(meeting.settings, body.settings);
  if (typeof body.password === 'string') setPassword(meeting, body.password);
  store.persist();
  return noContent;
}

/** A meeting as the API returns it (the store's own bookkeeping left out). */
function publicMeeting(m: StoredMeeting): ZoomMeeting {
  const { deleted: _d, deleted_at: _a, ...meeting } = m;
  return meeting;
}

function bearerCheck(apiKey: string): RouteContext['authorized'] {
  const expected = Buffer.from(apiKey);
  return (headers) => {
    const m = /^Bearer\s+(.+)$/i.exec((headers.authorization ?? '').trim());
    const given = Buffer.from(m?.[1] ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}

/** Zoom's own web UI: deleting a meeting, or moving it (start in UTC, whole minutes, as Zoom keeps it). */
function zoomSideOps(store: MeetingStore, now: () => number): VendorSideOps {
  const live = (id: string) => {
    const m = store.get(id);
    return m && !m.deleted ? m : undefined;
  };
  return {
    deleteConference(id) {
      const m = live(id);
      if (!m) return false;
      store.trash(m, now());
      return true;
    },
    moveConference(id, start, end) {
      const m = live(id);
      const from = Date.parse(start);
      const to = Date.parse(end);
      if (!m || !Number.isFinite(from) || !Number.isFinite(to)) return false;
      m.start_time = `${new Date(from).toISOString().slice(0, 19)}Z`;
      m.duration = Math.max(1, Math.round((to - from) / 60000));
      if (m.type === 3) m.type = 2;
      store.persist();
      return true;
    },
  };
}

export function createZoomApp(opts: ZoomAppOptions): ZoomApp {
  if (!opts.apiKey) throw new Error('createZoomApp: apiKey is required');
  const now = opts.now ?? Date.now;
  const logLimit = opts.requestLogLimit ?? 10000;
  const faults = createFaults();
  const store = new MeetingStore(opts.dataFile);
  const ctx: RouteContext = {
    store,
    authorized: bearerCheck(opts.apiKey),
    rand: seededRandom(opts.idSeed ?? Date.now() & 0xffffffff),
    now,
    recoverMs: (opts.recoverDays ?? ZOOM_RECOVER_DAYS) * 24 * 3600_000,
  };
  let log: RequestLogEntry[] = [];

  function dispatch(req: VendorRequest): Dispatch {
    const at = now();
    const f = faults.take();
    let response = f.mode === 'down' ? undefined : faultResponse(f);
    if (f.mode !== 'down' && !response) {
      try {
        response = route(req, ctx);
      } catch (e) {
        if (!(e instanceof ZoomError)) throw e;
        response = json(e.status, { code: e.code, message: e.message });
      }
    }
    log.push(logEntry(req, at, response?.status ?? 0));
    if (log.length > logLimit) log = log.slice(log.length - logLimit);
    if (!response) return { kind: 'refuse' };
    return { kind: 'respond', response, delayMs: f.mode === 'slow' ? f.slowMs : 0 };
  }

  return {
    handle(req) {
      const d = dispatch(req);
      if (d.kind === 'refuse') {
        throw Object.assign(new Error('connect ECONNREFUSED (vendor server is down)'), {
          code: 'ECONNREFUSED',
        });
      }
      return d.response;
    },
    dispatch,
    conferences: () => store.liveCopies(),
    conference: (id) => {
      const m = store.get(id);
      return m ? structuredClone(m) : undefined;
    },
    requests: () => structuredClone(log),
    faults,
    vendorSide: zoomSideOps(store, now),
    reset() {
      store.clear();
      log = [];
      faults.clear();
    },
  };
}
