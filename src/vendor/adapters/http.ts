/**
 * HTTP conventions most REST vendors share, turned into `VendorOutcome` kinds. Adapters use these
 * and add what is particular to their vendor.
 */
import type { HttpResult } from '../../platform/ports';
import { parseJson } from '../../util/text';
import type { VendorOutcome } from '../port';

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

/**
 * 2xx applied (the body as text); 404/410 already gone; 401 unauthorized; 403 forbidden;
 * 408/429/5xx retry later (honouring Retry-After); other 4xx refused; no answer unreachable.
 */
export function classifyHttp(result: HttpResult | undefined, now: number): VendorOutcome<string> {
  if (!result) return { kind: 'unreachable', detail: 'no response' };
  if (result.kind === 'network-error') return { kind: 'unreachable', detail: result.message.slice(0, 120) };
  const { status } = result;
  if (status >= 200 && status < 300) return { kind: 'applied', value: result.body };
  if (status === 404 || status === 410) return { kind: 'already-gone' };
  if (status === 401) return { kind: 'unauthorized', detail: `status 401${errorText(result.body)}` };
  if (status === 408 || status === 429 || status >= 500) {
    const delayMs = retryAfterMs(header(result.headers, 'Retry-After'), now);
    return {
      kind: 'retry-later',
      detail: `status ${status}`,
      ...(delayMs === undefined ? {} : { delayMs }),
      ...(status === 429 ? { rateLimited: true as const } : {}),
    };
  }
  const reason = status === 403 ? 'forbidden' : 'invalid-request';
  return { kind: 'refused', reason, detail: `status ${status}${errorText(result.body)}` };
}

function errorText(body: string): string {
  const parsed = parseJsonObject(body);
  return typeof parsed?.error === 'string' ? `: ${parsed.error.slice(0, 120)}` : '';
}

export function parseJsonObject(text: string): Record<string, unknown> | null {
  const parsed = parseJson<unknown>(text);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : null;
}
