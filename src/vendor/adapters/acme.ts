/**
 * Adapter for the Acme REST contract (docs/vendor-api.openapi.json): `POST /conferences` with an
 * `Idempotency-Key`, `PATCH`/`DELETE`/`GET /conferences/{id}`, the batch read
 * `GET /conferences?ids=`. The only place that knows Acme's status codes and bodies; everything else sees `VendorOutcome` kinds.
 */
import type { SyncedFields } from '../../calendar/syncedFields';
import type { VendorConfig } from '../../config/config';
import type { Clock, HttpClient, HttpRequest, HttpResult } from '../../platform/ports';
import { hash53 } from '../../util/hash';
import {
  hasOptions,
  MEETING_OPTIONS,
  type MeetingOptionName,
  onlySupported,
  optionsFromJson,
} from '../options';
import type {
  CallOutcome,
  CreateRequest,
  DialInNumber,
  MeetingOptionsCapability,
  ReadOutcome,
  VendorCall,
  VendorConference,
  VendorOutcome,
  VendorPort,
  VendorSnapshot,
} from '../port';
import { classifyHttp, parseJsonObject, retryAfterMs } from './http';

/** Acme holds every option the add-on knows (docs/vendor-api.md, "Meeting options"). */
const ACME_OPTIONS: readonly MeetingOptionName[] = MEETING_OPTIONS;
/** Ids per batch read request: 50 ids of 14 characters keep the URL far below UrlFetch's 2 KB. */
const BATCH_READ_IDS = 50;

export class AcmeAdapter implements VendorPort {
  readonly idempotentCreate = true;
  readonly undoesDeletes = true;

  /** `PATCH /conferences/{id}` with `{options}` only: the synced fields are not touched. */
  readonly meetingOptions: MeetingOptionsCapability = {
    supported: ACME_OPTIONS,
    write: (conferenceId, changes) => {
      const path = `conferences/${encodeURIComponent(conferenceId)}`;
      const options = onlySupported(changes, ACME_OPTIONS);
      const [result] = this.http.fetchAll([this.request('patch', path, { options })]);
      return this.snapshotOutcome(result);
    },
  };

  constructor(
    private readonly config: VendorConfig,
    private readonly http: HttpClient,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** Stable per calendar+event+solution, so a retried create returns the same conference. */
  static idempotencyKey(calendarId: string, eventId: string, solutionId: string, after?: string): string {
    const text = `${calendarId}\n${eventId}\n${solutionId}`;
    const key = `cal-${hash53(text)}-${hash53(text, 7)}`;
    return after === undefined ? key : `${key}-${hash53(after)}`;
  }

  create(request: CreateRequest): VendorOutcome<VendorConference> {
    const { calendarId, eventId, solutionId, fields, after } = request;
    const options = request.options && onlySupported(request.options, ACME_OPTIONS);
    const body = {
      calendarId,
      eventId,
      solutionId,
      ...fields,
      ...(options && hasOptions(options) ? { options } : {}),
    };
    const key = AcmeAdapter.idempotencyKey(calendarId, eventId, solutionId, after);
    const [result] = this.http.fetchAll([
      this.request('post', 'conferences', body, { 'Idempotency-Key': key }),
    ]);
    const outcome = this.conferenceOutcome(result);
    // 200 instead of 201: an earlier create with the same key answered (the vendor ignored this body).
    if (outcome.kind === 'applied' && result?.kind === 'response' && result.status === 200) {
      return { ...outcome, replay: true };
    }
    return outcome;
  }

  send(calls: readonly VendorCall[]): CallOutcome[] {
    if (calls.length === 0) return [];
    const results = this.http.fetchAll(calls.map((call) => this.callRequest(call)));
    return calls.map((call, i) => {
      const result = results[i] ?? { kind: 'network-error' as const, message: 'no response' };
      if (call.op === 'delete') return this.emptyOutcome(result);
      if (call.op === 'lookup') return this.snapshotOutcome(result);
      return this.conferenceOutcome(result); // update, undelete
    });
  }

  /**
   * `POST /conferences/{id}/restore` with the synced fields (an `undelete` call): the vendor's trash
   * gives a deleted conference back with the event's values (404: gone for good).
   */
  private callRequest(call: VendorCall): HttpRequest {
    const path = `conferences/${encodeURIComponent(call.conferenceId)}`;
    if (call.op === 'update') return this.request('patch', path, patchBody(call.fields));
    if (call.op === 'undelete') return this.request('post', `${path}/restore`, patchBody(call.fields));
    return this.request(call.op === 'delete' ? 'delete' : 'get', path);
  }

  /**
   * `GET /conferences?ids=a,b,c`, at most BATCH_READ_IDS ids a request (a URL stays well under
   * UrlFetch's 2 KB), the requests in parallel. A server that does not offer it (404, 405 on the
   * path) gives undefined: the caller reads one by one.
   */
  readMany(conferenceIds: readonly string[]): ReadOutcome[] | undefined {
    if (conferenceIds.length === 0) return [];
    const chunks: string[][] = [];
    for (let i = 0; i < conferenceIds.length; i += BATCH_READ_IDS)
      chunks.push(conferenceIds.slice(i, i + BATCH_READ_IDS));
    const results = this.http.fetchAll(
      chunks.map((ids) => this.request('get', `conferences?ids=${ids.map(encodeURIComponent).join(',')}`)),
    );
    const offered = results.every((r) => r?.kind !== 'response' || (r.status !== 404 && r.status !== 405));
    if (!offered) return undefined;
    return chunks.flatMap((ids, i) => this.batchOutcomes(ids, results[i]));
  }

  /** One outcome per id from one batch answer: found, in `missing` (gone), or the request's own failure. */
  private batchOutcomes(ids: readonly string[], result: HttpResult | undefined): ReadOutcome[] {
    const outcome = classifyHttp(result, this.clock.now());
    if (outcome.kind !== 'applied') return ids.map(() => outcome);
    const body = parseJsonObject(outcome.value);
    const found = new Map<string, Record<string, unknown>>();
    for (const c of Array.isArray(body?.conferences) ? body.conferences : []) {
      if (c && typeof c === 'object' && typeof c.id === 'string') found.set(c.id, c);
    }
    const missing = new Set(Array.isArray(body?.missing) ? body.missing : []);
    return ids.map((id): ReadOutcome => {
      const c = found.get(id);
      if (c)
        return this.snapshotOutcome({ kind: 'response', status: 200, headers: {}, body: JSON.stringify(c) });
      if (missing.has(id)) return { kind: 'already-gone' };
      return {
        kind: 'refused',
        reason: 'bad-answer',
        detail: `batch read: neither found nor missing: ${id}`,
      };
    });
  }

  /** Asks for a conference that cannot exist: 404 proves reachability and an accepted credential. */
  testConnection(): VendorOutcome<null> {
    const [result] = this.http.fetchAll([this.request('get', 'conferences/connection-test')]);
    const outcome = this.emptyOutcome(result);
    return outcome.kind === 'already-gone' ? { kind: 'applied', value: null } : outcome;
  }

  private emptyOutcome(result: HttpResult | undefined): VendorOutcome<null> {
    const outcome = classifyHttp(result, this.clock.now());
    return outcome.kind === 'applied' ? { kind: 'applied', value: null } : outcome;
  }

  private conferenceOutcome(result: HttpResult | undefined): VendorOutcome<VendorConference> {
    const outcome = classifyHttp(result, this.clock.now());
    if (outcome.kind !== 'applied') return outcome;
    const body = parseJsonObject(outcome.value);
    const conference = body && conferenceOf(body);
    if (!conference)
      return { kind: 'refused', reason: 'bad-answer', detail: 'no usable conference id or joinUrl' };
    return { kind: 'applied', value: conference };
  }

  private snapshotOutcome(result: HttpResult | undefined): VendorOutcome<VendorSnapshot> {
    const outcome = this.conferenceOutcome(result);
    if (outcome.kind !== 'applied') return outcome;
    if (result?.kind !== 'response') return { kind: 'unreachable', detail: 'no response' };
    const c = parseJsonObject(result.body) ?? {};
    const strings = (v: unknown) =>
      Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
    const dateTime = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as never) : null);
    const snapshot: VendorSnapshot = {
      conference: outcome.value,
      title: typeof c.title === 'string' ? c.title : null,
      start: dateTime(c.start),
      end: dateTime(c.end),
      attendees: strings(c.attendees),
      recurrence: strings(c.recurrence),
    };
    if (typeof c.updatedAt === 'string') snapshot.updatedAt = c.updatedAt;
    if (c.options !== undefined) snapshot.options = onlySupported(optionsFromJson(c.options), ACME_OPTIONS);
    return { kind: 'applied', value: snapshot };
  }

  private request(
    method: HttpRequest['method'],
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): HttpRequest {
    const request: HttpRequest = {
      url: this.config.baseUrl + path,
      method,
      headers: { Authorization: `Bearer ${this.config.apiKey}`, Accept: 'application/json', ...extraHeaders },
    };
    if (body !== undefined) request.payload = JSON.stringify(body);
    return request;
  }
}

function patchBody(fields: SyncedFields) {
  const { title, start, end, attendees, recurrence } = fields;
  return { title, start, end, attendees, recurrence };
}

function conferenceOf(c: Record<string, unknown>): VendorConference | null {
  if (typeof c.id !== 'string' || c.id === '' || c.id.length > 512 || /[\t\n\r]/.test(c.id)) return null;
  if (typeof c.joinUrl !== 'string' || !/^https?:\/\//.test(c.joinUrl)) return null;
  const conference: VendorConference = { id: c.id, joinUrl: c.joinUrl };
  const dialIn = dialInOf(c);
  if (dialIn.length > 0) conference.dialIn = dialIn;
  if (typeof c.dialInUrl === 'string') conference.dialInListUrl = c.dialInUrl;
  if (typeof c.passcode === 'string') conference.passcode = c.passcode;
  return conference;
}

/** `dialIn` (every number, with its region), or the older single `phone` of the contract. */
function dialInOf(c: Record<string, unknown>): DialInNumber[] {
  const listed = Array.isArray(c.dialIn) ? c.dialIn : c.phone ? [c.phone] : [];
  const numbers: DialInNumber[] = [];
  for (const raw of listed) {
    const d = (raw ?? {}) as { number?: unknown; pin?: unknown; regionCode?: unknown; tollFree?: unknown };
    if (typeof d.number !== 'string') continue;
    const dial: DialInNumber = { number: d.number };
    if (typeof d.pin === 'string') dial.pin = d.pin;
    if (typeof d.regionCode === 'string') dial.regionCode = d.regionCode;
    if (typeof d.tollFree === 'boolean') dial.charge = d.tollFree ? 'toll-free' : 'toll';
    numbers.push(dial);
  }
  return numbers;
}

/** Re-exported for the Retry-After tests. */
export { retryAfterMs };
