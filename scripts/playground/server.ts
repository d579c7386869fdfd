import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fontFile } from '../../emulator/cards/fonts';
import { panelHtml } from '../../emulator/cards/render';
import { FAULT_MODES, type FaultMode } from '../../vendor-server/app';
import { listenFailure } from '../cli';
import { playgroundPage } from './page';
import {
  CALENDARS,
  conferenceView,
  createSession,
  type EventFields,
  type PlaygroundSession,
} from './session';

/**
 * The playground's HTTP server, on 127.0.0.1 only: `GET /` is the page, `GET /api/state` everything it
 * draws, and each `POST /api/<operation>` applies one user operation and answers with the new state.
 * The emulator runs synchronously on this thread (UrlFetchApp blocks it while the vendor worker
 * answers), so requests are naturally handled one at a time.
 */

export interface Playground {
  url: string;
  session: PlaygroundSession;
  close(): Promise<void>;
}

const HOUR = 3_600_000;

type Body = Record<string, unknown>;

function text(body: Body, key: string): string {
  const v = body[key];
  if (typeof v !== 'string') throw new Error(`"${key}" must be a string`);
  return v;
}

function params(body: Body): Record<string, string> {
  const raw = body.parameters;
  if (!raw || typeof raw !== 'object') return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

function fields(body: Body): EventFields {
  const attendees = Array.isArray(body.attendees) ? body.attendees.map(String) : [];
  return { summary: text(body, 'summary'), start: text(body, 'start'), end: text(body, 'end'), attendees };
}

/** The languages the picker offers: the add-on's, plus one it does not speak (falls back to English). */
export const PICKER_LOCALES: ReadonlyArray<readonly [string, string]> = [
  ['en', 'English'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['ja', '日本語'],
  ['pt-BR', 'Português (Brasil)'],
  ['xx', 'Other (not translated)'],
];

function locale(body: Body): string {
  const tag = text(body, 'locale');
  if (!PICKER_LOCALES.some(([t]) => t === tag)) throw new Error(`unknown language ${tag}`);
  return tag;
}

function faultMode(body: Body): FaultMode {
  const mode = text(body, 'mode');
  if (!FAULT_MODES.includes(mode as FaultMode)) throw new Error(`unknown vendor mode ${mode}`);
  return mode as FaultMode;
}

/** The user operations, by path. Each returns something for the page (or nothing: it reloads state). */
function operations(s: PlaygroundSession): Record<string, (body: Body) => unknown> {
  return {
    'editor/new': () => ({ eventId: s.newEventId() }),
    'editor/conference': (b) =>
      s.chooseConference(text(b, 'calendarId'), text(b, 'eventId'), text(b, 'solutionId')),
    'editor/save': (b) =>
      s.saveEvent(
        text(b, 'calendarId'),
        text(b, 'eventId'),
        fields(b),
        typeof b.targetCalendarId === 'string' ? b.targetCalendarId : undefined,
      ),
    'editor/cancel': (b) => s.discardEvent(text(b, 'calendarId'), text(b, 'eventId')),
    'event/delete': (b) => s.deleteEvent(text(b, 'calendarId'), text(b, 'eventId')),
    'event/restore': (b) => s.restoreEvent(text(b, 'calendarId'), text(b, 'eventId')),
    'event/duplicate': (b) => s.duplicateEvent(text(b, 'calendarId'), text(b, 'eventId')),
    'panel/home': () => s.openHome(),
    'panel/event': (b) => s.openEvent(text(b, 'calendarId'), text(b, 'eventId')),
    'panel/click': (b) => s.click(text(b, 'functionName'), params(b)),
    'panel/back': () => s.back(),
    'vendor/mode': (b) => s.setFault(faultMode(b)),
    'vendor/delete-meeting': (b) => s.vendorSide(text(b, 'calendarId'), text(b, 'eventId'), 'delete'),
    'vendor/move-meeting': (b) => s.vendorSide(text(b, 'calendarId'), text(b, 'eventId'), 'move'),
    'calendar/invalidate-sync-tokens': () => s.invalidateSyncTokens(),
    'time/advance': (b) => s.advance(Math.min(48, Math.max(1, Number(b.hours) || 1)) * HOUR),
    'user/locale': (b) => s.setLocale(locale(b)),
  };
}

function eventsOf(s: PlaygroundSession, calendarId: string) {
  return s.emu.calendar
    .liveEvents(calendarId)
    .filter((e) => e.start?.dateTime && e.end?.dateTime)
    .map((e) => ({
      id: e.id,
      calendarId,
      summary: e.summary ?? '',
      start: e.start?.dateTime,
      end: e.end?.dateTime,
      attendees: (e.attendees ?? []).map((a) => a.email),
      conference: conferenceView(e.conferenceData),
    }));
}

/** Everything the page draws. */
export async function snapshot(s: PlaygroundSession) {
  const [conferences, requests] = await Promise.all([s.vendor.conferences(), s.vendor.requests()]);
  const top = s.stack.at(-1) ?? {};
  const name = manifestName(s);
  return {
    now: s.emu.clock.now(),
    user: { locale: s.emu.user.locale, timeZone: s.emu.user.timeZone, choices: PICKER_LOCALES },
    calendars: CALENDARS.map((id) => ({ id, events: eventsOf(s, id) })),
    deleted: s.deleted,
    solutions: (s.emu.manifest.addOns?.calendar?.conferenceSolution ?? []).map((c) => ({
      id: c.id,
      name: c.name,
    })),
    panel: {
      context: s.panelContext,
      html: panelHtml(top, { name }, { canGoBack: s.stack.length > 1, notification: s.notification }),
    },
    runLog: s.runLog.slice(-80).reverse(),
    vendor: { mode: s.fault, conferences, requests: requests.slice(-40).reverse() },
  };
}

function manifestName(s: PlaygroundSession): string {
  const common = (s.emu.manifest.addOns as { common?: { name?: string } } | undefined)?.common;
  return common?.name ?? 'Add-on';
}

async function readBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 65_536) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw === '' ? {} : (JSON.parse(raw) as Body);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

async function handle(s: PlaygroundSession, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (req.method === 'GET' && path === '/')
    return send(res, 200, 'text/html; charset=utf-8', playgroundPage());
  if (req.method === 'GET' && path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
  const font = req.method === 'GET' && path.startsWith('/fonts/') ? fontFile(path.slice(7)) : undefined;
  if (font) return send(res, 200, 'font/woff2', font);
  if (req.method === 'GET' && path === '/api/state') {
    return send(res, 200, 'application/json', JSON.stringify(await snapshot(s)));
  }
  const op = req.method === 'POST' && path.startsWith('/api/') ? operations(s)[path.slice(5)] : undefined;
  if (!op) return send(res, 404, 'application/json', JSON.stringify({ error: `no ${req.method} ${path}` }));
  try {
    const result = await op(await readBody(req));
    send(res, 200, 'application/json', JSON.stringify({ result: result ?? null, state: await snapshot(s) }));
  } catch (error) {
    send(res, 400, 'application/json', JSON.stringify({ error: (error as Error).message }));
  }
}

export async function startPlayground(
  options: { port?: number; startAt?: number } = {},
): Promise<Playground> {
  const session = await createSession(options.startAt);
  const server = createServer((req, res) => {
    handle(session, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify({ error: String(error) }));
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    // e.g. the port is taken: stop the vendor worker too, or the process would never exit.
    session.emu.close();
    await session.vendor.close();
    throw listenFailure(error, '127.0.0.1', options.port ?? 0);
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    session,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      session.emu.close();
      await session.vendor.close();
    },
  };
}
