/**
 * Adapter for Zoom's public Meetings API (v2): `POST /users/me/meetings`, `PATCH /meetings/{id}`
 * (204, no body), `DELETE /meetings/{id}` (204), `GET /meetings/{id}`, `PUT /meetings/{id}/status`
 * with action `recover` ("recover a deleted meeting", 204) to undo a delete, and `GET /users/me` as
 * the connection test. Ids are numeric; the credential is an OAuth bearer token (the user's, through
 * Google's OAuth2 library, or a server-to-server token set as the key). The field mapping lives in
 * zoomMapping.ts; docs/zoom-mapping.md explains it.
 *
 * Zoom has no idempotency key, so a create is repeated only when Zoom says it did nothing (429);
 * `idempotentCreate` is false and onCreate never repeats a create whose fate is unknown.
 */
import type { SyncedFields } from '../../calendar/syncedFields';
import type { BrandConfig } from '../../config/brand';
import type { VendorEndpoint } from '../../config/config';
import type { Clock, HttpClient, HttpRequest, HttpResult, Log } from '../../platform/ports';
import { MEETING_OPTIONS, type MeetingOptionName, type MeetingOptions, onlySupported } from '../options';
import type {
  CallOutcome,
  CreateRequest,
  DialInNumber,
  MeetingOptionsCapability,
  VendorCall,
  VendorConference,
  VendorOutcome,
  VendorPort,
  VendorSnapshot,
} from '../port';
import { classifyHttp, parseJsonObject } from './http';
import {
  rruleOf,
  ZOOM_NO_FIXED_TIME,
  type ZoomMeetingBody,
  type ZoomRecurrence,
  zoomMeetingBody,
  zoomOptionsBody,
  zoomOptionsOf,
} from './zoomMapping';

export interface ZoomAdapterOptions {
  endpoint: VendorEndpoint;
  /** Sent as `Authorization: Bearer`; never logged. */
  bearer: string;
  brand: Pick<BrandConfig, 'solutions'>;
  http: HttpClient;
  clock: Pick<Clock, 'now'>;
  log?: Log;
}

/** The meeting options Zoom's meeting settings hold (docs/vendors.md, "Zoom"). */
const ZOOM_OPTIONS: readonly MeetingOptionName[] = MEETING_OPTIONS;

/**
 * A new meeting passcode: 8 digits (Zoom: passcodes of at most 10 characters of
 * `[a-z A-Z 0-9 @ - _ *]`; digits also work from a phone keypad).
 */
function newPasscode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += String(Math.floor(Math.random() * 10));
  return code;
}

export class ZoomAdapter implements VendorPort {
  readonly idempotentCreate = false;
  readonly undoesDeletes = true;

  /**
   * `PATCH /meetings/{id}` with the changed settings (and `password` for the passcode) only: Zoom
   * keeps what a PATCH leaves out, so the topic, time and guests are untouched. Zoom answers 204
   * without a body: the card reads the meeting afterwards.
   */
  readonly meetingOptions: MeetingOptionsCapability = {
    supported: ZOOM_OPTIONS,
    write: (conferenceId, changes) => {
      const body = zoomOptionsBody(onlySupported(changes, ZOOM_OPTIONS), newPasscode);
      const path = `meetings/${encodeURIComponent(conferenceId)}`;
      const [result] = this.options.http.fetchAll([this.request('patch', path, body)]);
      return this.emptyOutcome(result);
    },
  };

  constructor(private readonly options: ZoomAdapterOptions) {}

  create(request: CreateRequest): VendorOutcome<VendorConference> {
    const recorded = this.options.brand.solutions.some((s) => s.id === request.solutionId && s.recorded);
    // The recorded solution records whatever the defaults say: the user picked it for that.
    const { autoRecording: _a, ...defaults } = request.options ?? {};
    const body = this.withOptions(this.body(request.fields, recorded), recorded ? defaults : request.options);
    const [result] = this.options.http.fetchAll([this.request('post', 'users/me/meetings', body)]);
    return this.conferenceOutcome(result);
  }

  /**
   * One parallel round trip for every call; an `undelete` is `PUT /meetings/{id}/status`
   * `{"action":"recover"}` there, and the recovered meetings get a second round trip together
   * (`finishUndeletes`).
   */
  send(calls: readonly VendorCall[]): CallOutcome[] {
    if (calls.length === 0) return [];
    const results = this.options.http.fetchAll(calls.map((call) => this.callRequest(call)));
    const outcomes = calls.map((call, i): CallOutcome => {
      const result = results[i] ?? { kind: 'network-error' as const, message: 'no response' };
      if (call.op === 'lookup') return this.snapshotOutcome(result);
      return this.emptyOutcome(result); // PATCH, DELETE and the recover answer 204 without a body
    });
    return this.finishUndeletes(calls, outcomes);
  }

  /**
   * The recovered meetings' fields (PATCH) and join links (GET), all in one parallel round trip; the
   * link is the one the meeting had (a PATCH of topic, time or invitees leaves id, join_url and
   * password alone). A 404 from recover (deleted for good, or past Zoom's recover period) is
   * `already-gone`. Any other refusal of the recover (Zoom does not document its answer for a meeting
   * that is not deleted) still tries the PATCH: it answers 404 when there is nothing to give back,
   * so a repeated undo is safe either way.
   */
  private finishUndeletes(calls: readonly VendorCall[], outcomes: CallOutcome[]): CallOutcome[] {
    const recovered = calls.flatMap((call, i) => {
      const o = outcomes[i] as CallOutcome;
      const goOn = o.kind === 'applied' || (o.kind === 'refused' && o.reason === 'invalid-request');
      return call.op === 'undelete' && goOn ? [{ call, i }] : [];
    });
    if (recovered.length === 0) return outcomes;
    const results = this.options.http.fetchAll(
      recovered.flatMap(({ call }) => {
        const path = `meetings/${encodeURIComponent(call.conferenceId)}`;
        return [this.request('patch', path, this.body(call.fields, false)), this.request('get', path)];
      }),
    );
    recovered.forEach(({ i }, k) => {
      const updated = this.emptyOutcome(results[2 * k]);
      const snapshot = this.snapshotOutcome(results[2 * k + 1]);
      outcomes[i] =
        updated.kind !== 'applied'
          ? updated
          : snapshot.kind === 'applied'
            ? { kind: 'applied', value: snapshot.value.conference }
            : snapshot;
    });
    return outcomes;
  }

  /** `GET /users/me`: proves the token is accepted, changes nothing. */
  testConnection(): VendorOutcome<null> {
    const [result] = this.options.http.fetchAll([this.request('get', 'users/me')]);
    const outcome = this.emptyOutcome(result);
    if (outcome.kind !== 'already-gone') return outcome;
    return {
      kind: 'refused',
      reason: 'invalid-request',
      detail: 'no user at this base URL (is it Zoom v2?)',
    };
  }

  /** What a GET returns after a PATCH with these fields: the mapping there and back, no request. */
  heldView(fields: SyncedFields): SyncedFields {
    const { body } = zoomMeetingBody(fields, { recorded: false });
    const meeting: Record<string, unknown> = { ...body };
    const {
      conference: _c,
      updatedAt: _u,
      options: _o,
      ...held
    } = snapshotOf(meeting, { id: '0', joinUrl: '' });
    return held;
  }

  private body(fields: CreateRequest['fields'], recorded: boolean) {
    const { body, fallback } = zoomMeetingBody(fields, { recorded });
    if (fallback) {
      this.options.log?.info({ msg: 'zoom: meeting without a fixed time (type 3)', fallback });
    }
    return body;
  }

  /** A create's body with the new meeting's options (defaults) set in it. */
  private withOptions(body: ZoomMeetingBody, options: MeetingOptions | undefined): ZoomMeetingBody {
    if (!options) return body;
    const { password, settings } = zoomOptionsBody(onlySupported(options, ZOOM_OPTIONS), newPasscode);
    return {
      ...body,
      ...(password === undefined ? {} : { password }),
      settings: { ...body.settings, ...settings },
    };
  }

  private callRequest(call: VendorCall): HttpRequest {
    const path = `meetings/${encodeURIComponent(call.conferenceId)}`;
    if (call.op === 'lookup') return this.request('get', path);
    if (call.op === 'delete') return this.request('delete', path);
    if (call.op === 'undelete') return this.request('put', `${path}/status`, { action: 'recover' });
    // Which solution made it is not known here; recording is set at create and left alone.
    return this.request('patch', path, this.body(call.fields, false));
  }

  private emptyOutcome(result: HttpResult | undefined): VendorOutcome<null> {
    const outcome = classifyHttp(result, this.options.clock.now());
    return outcome.kind === 'applied' ? { kind: 'applied', value: null } : outcome;
  }

  private conferenceOutcome(result: HttpResult | undefined): VendorOutcome<VendorConference> {
    const outcome = classifyHttp(result, this.options.clock.now());
    if (outcome.kind !== 'applied') return outcome;
    const meeting = parseJsonObject(outcome.value);
    const conference = meeting && conferenceOf(meeting);
    if (!conference) return { kind: 'refused', reason: 'bad-answer', detail: 'no numeric id or join_url' };
    return { kind: 'applied', value: conference };
  }

  private snapshotOutcome(result: HttpResult | undefined): VendorOutcome<VendorSnapshot> {
    const outcome = classifyHttp(result, this.options.clock.now());
    if (outcome.kind !== 'applied') return outcome;
    const meeting = parseJsonObject(outcome.value);
    const conference = meeting && conferenceOf(meeting);
    if (!meeting || !conference) {
      return { kind: 'refused', reason: 'bad-answer', detail: 'no numeric id or join_url' };
    }
    return { kind: 'applied', value: snapshotOf(meeting, conference) };
  }

  private request(method: HttpRequest['method'], path: string, body?: unknown): HttpRequest {
    const request: HttpRequest = {
      url: this.options.endpoint.baseUrl + path,
      method,
      headers: { Authorization: `Bearer ${this.options.bearer}`, Accept: 'application/json' },
    };
    if (body !== undefined) request.payload = JSON.stringify(body);
    return request;
  }
}

/** Zoom ids are integers (int64 in the reference; 9 to 11 digits in practice, safe in a double). */
function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d{1,19}$/.test(value)) return value;
  return null;
}

function conferenceOf(m: Record<string, unknown>): VendorConference | null {
  const id = idOf(m.id);
  if (!id || typeof m.join_url !== 'string' || !/^https:\/\//.test(m.join_url)) return null;
  const conference: VendorConference = { id, joinUrl: m.join_url };
  if (typeof m.password === 'string' && m.password !== '') conference.passcode = m.password;
  const dialIn = zoomDialIn(m.settings, id);
  if (dialIn.length > 0) {
    conference.dialIn = dialIn;
    conference.dialInListUrl = dialInListUrl(m.join_url, id);
  }
  return conference;
}

interface ZoomDialInNumber {
  country?: unknown;
  number?: unknown;
  type?: unknown;
}

/**
 * `settings.global_dial_in_numbers` (`country` is the country code, `type` toll or tollfree). Zoom's
 * dial-in asks for the meeting ID, then the passcode: the meeting ID is the PIN.
 */
function zoomDialIn(settings: unknown, id: string): DialInNumber[] {
  const list = (settings as { global_dial_in_numbers?: unknown } | undefined)?.global_dial_in_numbers;
  if (!Array.isArray(list)) return [];
  return (list as ZoomDialInNumber[])
    .filter((d): d is ZoomDialInNumber & { number: string } => typeof d?.number === 'string')
    .map((d) => ({
      number: d.number,
      pin: id,
      ...(typeof d.country === 'string' ? { regionCode: d.country } : {}),
      ...(d.type === 'toll' || d.type === 'tollfree'
        ? { charge: d.type === 'toll' ? ('toll' as const) : ('toll-free' as const) }
        : {}),
    }));
}

/**
 * ASSUMPTION (docs/vendors.md, "Zoom"): Zoom's meeting object has no field with the page of all
 * numbers; its invitations link "Find your local number" on the join link's host
 * (`/zoomconference?m=<meeting>`), so the MORE entry point is built the same way.
 */
function dialInListUrl(joinUrl: string, id: string): string {
  const origin = /^https:\/\/[^/?#]+/.exec(joinUrl)?.[0] ?? 'https://zoom.us';
  return `${origin}/zoomconference?m=${encodeURIComponent(id)}`;
}

function snapshotOf(m: Record<string, unknown>, conference: VendorConference): VendorSnapshot {
  const settings = (m.settings ?? {}) as { meeting_invitees?: Array<{ email?: unknown }> };
  const invitees = Array.isArray(settings.meeting_invitees) ? settings.meeting_invitees : [];
  const timed = m.type !== ZOOM_NO_FIXED_TIME && typeof m.start_time === 'string';
  const startMs = timed ? Date.parse(m.start_time as string) : Number.NaN;
  const timeZone = typeof m.timezone === 'string' ? { timeZone: m.timezone } : {};
  const minutes = typeof m.duration === 'number' ? m.duration : 0;
  const snapshot: VendorSnapshot = {
    conference,
    title: typeof m.topic === 'string' ? m.topic : null,
    start: Number.isFinite(startMs) ? { dateTime: new Date(startMs).toISOString(), ...timeZone } : null,
    end: Number.isFinite(startMs)
      ? { dateTime: new Date(startMs + minutes * 60000).toISOString(), ...timeZone }
      : null,
    attendees: invitees.map((i) => i.email).filter((e): e is string => typeof e === 'string'),
    options: zoomOptionsOf(m),
    recurrence:
      m.recurrence && typeof m.recurrence === 'object' ? [rruleOf(m.recurrence as ZoomRecurrence)] : [],
  };
  return snapshot;
}
