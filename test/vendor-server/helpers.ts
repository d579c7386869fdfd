import { createVendorApp, type VendorApp, type VendorAppOptions } from '../../vendor-server/app';
import { startVendorServer, type VendorServer } from '../../vendor-server/server';

export const API_KEY = 'test-key-9f8e7d6c5b4a';

export interface Started {
  app: VendorApp;
  server: VendorServer;
  lines: string[];
}

export async function start(opts: Partial<VendorAppOptions> = {}): Promise<Started> {
  const app = createVendorApp({ apiKey: API_KEY, idSeed: 42, ...opts });
  const lines: string[] = [];
  const server = await startVendorServer({ app, log: (l) => lines.push(l) });
  return { app, server, lines };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

export async function http(
  url: string,
  method: string,
  opts: { body?: unknown; rawBody?: string; headers?: Record<string, string>; auth?: string | null } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const auth = opts.auth === undefined ? `Bearer ${API_KEY}` : opts.auth;
  if (auth !== null) headers.authorization = auth;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export const VALID_CREATE = {
  calendarId: 'primary',
  eventId: 'evt123',
  solutionId: 'acme-video',
  title: 'Weekly sync',
  start: { dateTime: '2026-01-05T10:00:00+01:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2026-01-05T10:30:00+01:00', timeZone: 'Europe/Berlin' },
  attendees: ['a@example.com', 'b@example.com'],
  recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO'],
};
