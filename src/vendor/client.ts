import type { SyncedFields } from '../calendar/syncedFields';
import type { VendorConfig } from '../config/config';
import type { HttpClient, HttpRequest, HttpResult } from '../platform/ports';
import { hash53 } from '../util/hash';
import type { CreateConferenceBody, VendorConference, VendorOutcome } from './types';

/**
 * The vendor's REST API (docs/vendor-api.openapi.json) over UrlFetchApp. Builds requests, sends
 * independent ones in parallel, and classifies every answer into ok / transient / permanent so
 * the rest of the add-on never looks at status codes.
 */
export class VendorClient {
  constructor(
    private readonly config: VendorConfig,
    private readonly http: HttpClient,
  ) {}

  /** Stable per calendar+event+solution, so a retried create returns the same conference. */
  static idempotencyKey(calendarId: string, eventId: string, solutionId: string): string {
    const text = `${calendarId}\n${eventId}\n${solutionId}`;
    return `cal-${hash53(text)}-${hash53(text, 7)}`;
  }

  /**
   * `after`: the id of a conference an earlier create with the base key returned that has since been
   * deleted. The key then derives from it, so the new create is still idempotent when retried.
   */
  createRequest(body: CreateConferenceBody, after?: string): HttpRequest {
    const key = VendorClient.idempotencyKey(body.calendarId, body.eventId, body.solutionId);
    return this.request('post', 'conferences', body, {
      'Idempotency-Key': after === undefined ? key : `${key}-${hash53(after)}`,
    });
  }

  getRequest(conferenceId: string): HttpRequest {
    return this.request('get', `conferences/${encodeURIComponent(conferenceId)}`);
  }

  patchRequest(conferenceId: string, fields: SyncedFields): HttpRequest {
    const body = {
      title: fields.title,
      start: fields.start,
      end: fields.end,
      attendees: fields.attendees,
      recurrence: fields.recurrence,
    };
    return this.request('patch', `conferences/${encodeURIComponent(conferenceId)}`, body);
  }

  deleteRequest(conferenceId: string): HttpRequest {
    return this.request('delete', `conferences/${encodeURIComponent(conferenceId)}`);
  }

  /** Sends requests in parallel (one UrlFetchApp.fetchAll). */
  send(requests: HttpRequest[]): HttpResult[] {
    return requests.length === 0 ? [] : this.http.fetchAll(requests);
  }

  create(body: CreateConferenceBody, after?: string): VendorOutcome<VendorConference> {
    const [result] = this.send([this.createRequest(body, after)]);
    return parseConference(result!);
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

function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unparsable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** Classifies a transport result: 2xx ok; 429/5xx/network transient; other 4xx permanent. */
export function classifyResult(result: HttpResult, now = 0): VendorOutcome<string> {
  if (result.kind === 'network-error') {
    return { ok: false, kind: 'transient', reason: `vendor unreachable: ${result.message.slice(0, 120)}` };
  }
  const { status } = result;
  if (status >= 200 && status < 300) return { ok: true, value: result.body, status };
  if (status === 429 || status >= 500 || status === 408) {
    return {
      ok: false,
      kind: 'transient',
      status,
      retryAfterMs: retryAfterMs(header(result.headers, 'Retry-After'), now),
      reason: `vendor answered ${status}`,
    };
  }
  return {
    ok: false,
    kind: 'permanent',
    status,
    reason: `vendor refused the request (${status})${errorText(result.body)}`,
  };
}

function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return `: ${parsed.error.slice(0, 120)}`;
  } catch {
    // not JSON: the status code says enough
  }
  return '';
}

/** A 2xx answer must be a JSON conference with a usable id and join URL; anything else is permanent. */
export function parseConference(result: HttpResult, now = 0): VendorOutcome<VendorConference> {
  const outcome = classifyResult(result, now);
  if (!outcome.ok) return outcome;
  let parsed: unknown;
  try {
    parsed = JSON.parse(outcome.value);
  } catch {
    return { ok: false, kind: 'permanent', status: outcome.status, reason: 'vendor answer is not JSON' };
  }
  const c = parsed as Partial<VendorConference> | null;
  if (!c || typeof c !== 'object' || typeof c.id !== 'string' || c.id === '' || /[\t\n\r]/.test(c.id)) {
    return {
      ok: false,
      kind: 'permanent',
      status: outcome.status,
      reason: 'vendor answer has no usable conference id',
    };
  }
  if (typeof c.joinUrl !== 'string' || !/^https?:\/\//.test(c.joinUrl)) {
    return {
      ok: false,
      kind: 'permanent',
      status: outcome.status,
      reason: 'vendor answer has no valid joinUrl',
    };
  }
  const conference: VendorConference = { id: c.id, joinUrl: c.joinUrl };
  if (c.phone && typeof c.phone === 'object' && typeof c.phone.number === 'string') {
    conference.phone = { number: c.phone.number };
    if (typeof c.phone.pin === 'string') conference.phone.pin = c.phone.pin;
  }
  if (typeof c.passcode === 'string') conference.passcode = c.passcode;
  return { ok: true, value: conference, status: outcome.status };
}
