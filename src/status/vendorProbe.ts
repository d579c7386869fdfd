import type { VendorConfig } from '../config/config';
import type { HttpClient, HttpRequest, HttpResult } from '../platform/ports';
import type { VendorSnapshot, VendorView } from './status';

/**
 * Read-only calls to the vendor for the cards: what it holds for a conference
 * (`GET /conferences/{id}`), and a connection test. Neither changes anything at the vendor.
 */

function getRequest(config: VendorConfig, path: string): HttpRequest {
  return {
    url: config.baseUrl + path,
    method: 'get',
    headers: { Authorization: `Bearer ${config.apiKey}`, Accept: 'application/json' },
  };
}

function one(http: HttpClient, request: HttpRequest): HttpResult {
  return http.fetchAll([request])[0] ?? { kind: 'network-error', message: 'no response' };
}

function isDateTime(v: unknown): boolean {
  return v === null || (typeof v === 'object' && !Array.isArray(v));
}

export function fetchVendorConference(
  config: VendorConfig,
  http: HttpClient,
  conferenceId: string,
): VendorView {
  const result = one(http, getRequest(config, `conferences/${encodeURIComponent(conferenceId)}`));
  if (result.kind === 'network-error') return { kind: 'unavailable', reason: 'unreachable' };
  if (result.status === 404) return { kind: 'missing' };
  if (result.status === 401 || result.status === 403) return { kind: 'unauthorized' };
  if (result.status !== 200) return { kind: 'unavailable', reason: `status ${result.status}` };
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(result.body) as Record<string, unknown>;
  } catch {
    return { kind: 'unavailable', reason: 'unreadable answer' };
  }
  if (!c || typeof c !== 'object') return { kind: 'unavailable', reason: 'unreadable answer' };
  const snapshot: VendorSnapshot = {
    title: typeof c.title === 'string' ? c.title : null,
    start: isDateTime(c.start) ? (c.start as VendorSnapshot['start']) : null,
    end: isDateTime(c.end) ? (c.end as VendorSnapshot['end']) : null,
    attendees: Array.isArray(c.attendees)
      ? c.attendees.filter((a): a is string => typeof a === 'string')
      : [],
    recurrence: Array.isArray(c.recurrence)
      ? c.recurrence.filter((a): a is string => typeof a === 'string')
      : [],
  };
  if (typeof c.updatedAt === 'string') snapshot.updatedAt = c.updatedAt;
  return { kind: 'ok', conference: snapshot };
}

export type ConnectionTest =
  | { ok: true; ms: number }
  | {
      ok: false;
      problem: 'unreachable' | 'rejected' | 'forbidden' | 'vendor-error';
      detail: string;
      ms: number;
    };

/**
 * Asks for a conference that cannot exist: 404 proves the vendor is reachable and accepted our
 * credential (authorization is checked before the lookup); 401/403 say the credential is refused.
 */
export function testConnection(config: VendorConfig, http: HttpClient, now: () => number): ConnectionTest {
  const started = now();
  const result = one(http, getRequest(config, 'conferences/connection-test'));
  const ms = Math.max(0, now() - started);
  if (result.kind === 'network-error') {
    return { ok: false, problem: 'unreachable', detail: result.message.slice(0, 120), ms };
  }
  if (result.status === 404 || (result.status >= 200 && result.status < 300)) return { ok: true, ms };
  if (result.status === 401) return { ok: false, problem: 'rejected', detail: String(result.status), ms };
  if (result.status === 403) return { ok: false, problem: 'forbidden', detail: String(result.status), ms };
  return { ok: false, problem: 'vendor-error', detail: String(result.status), ms };
}
