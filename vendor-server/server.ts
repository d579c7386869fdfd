import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenFailure } from '../scripts/cli';
import { type VendorApp, type VendorRequest, type VendorResponse, validateFaultSettings } from './app';

/** What the HTTP server needs of an app: the Acme reference (app.ts) or the Zoom one (zoomApp.ts). */
export type ServableApp = Pick<VendorApp, 'dispatch' | 'requests' | 'faults' | 'reset' | 'vendorSide'> & {
  conferences(): unknown[];
};

export interface VendorServerOptions {
  app: ServableApp;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** One line per request: method, path (no query), status, duration. Never headers, so never the key. */
  log?: (line: string) => void;
  /** Larger request bodies get 413. Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface VendorServer {
  /** e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  port: number;
  /** Stops listening and drops open connections, including ones held by fault mode 'slow'. */
  close(): Promise<void>;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function jsonResponse(status: number, value: unknown): VendorResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(value) };
}

/** The methods each admin endpoint answers (the Allow header of its 405). */
const ADMIN_METHODS: Record<string, string> = {
  '/_admin/conferences': 'GET',
  '/_admin/requests': 'GET',
  '/_admin/faults': 'GET, POST',
  '/_admin/reset': 'POST',
};

/**
 * `POST /_admin/conferences/{id}/delete` and `.../move` (`{start, end}`): what a host does in the
 * vendor's own UI. 204 when done, 404 when there is no live conference with that id.
 */
function handleVendorSide(
  app: ServableApp,
  method: string,
  path: string,
  body: string,
): VendorResponse | null {
  const m = /^\/_admin\/conferences\/([^/]+)\/(delete|move)$/.exec(path);
  if (!m) return null;
  if (method !== 'POST') {
    return {
      ...jsonResponse(405, { error: `${method} not allowed on ${path}` }),
      headers: { ...JSON_HEADERS, allow: 'POST' },
    };
  }
  const id = decodeURIComponent(m[1]!);
  let done: boolean;
  try {
    if (m[2] === 'delete') done = app.vendorSide.deleteConference(id);
    else {
      const { start, end } = JSON.parse(body) as { start?: unknown; end?: unknown };
      if (typeof start !== 'string' || typeof end !== 'string') throw new Error('start and end are required');
      done = app.vendorSide.moveConference(id, start, end);
    }
  } catch (e) {
    return jsonResponse(400, { error: `bad request: ${(e as Error).message}` });
  }
  return done ? { status: 204, headers: {}, body: '' } : jsonResponse(404, { error: `no conference ${id}` });
}

/** The reference server's own endpoints under /_admin/ (no auth): inspection and fault injection. */
function handleAdmin(app: ServableApp, method: string, pathname: string, body: string): VendorResponse {
  const path = pathname.replace(/\/+$/, '');
  const vendorSide = handleVendorSide(app, method, path, body);
  if (vendorSide) return vendorSide;
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /_admin/conferences':
      return jsonResponse(200, app.conferences());
    case 'GET /_admin/requests':
      return jsonResponse(200, app.requests());
    case 'GET /_admin/faults':
      return jsonResponse(200, app.faults.get());
    case 'POST /_admin/faults': {
      let settings: unknown;
      try {
        settings = JSON.parse(body);
        validateFaultSettings(settings);
      } catch (e) {
        return jsonResponse(400, { error: `bad fault settings: ${(e as Error).message}` });
      }
      return jsonResponse(200, app.faults.set(settings));
    }
    case 'POST /_admin/reset':
      app.reset();
      return { status: 204, headers: {}, body: '' };
    default: {
      const allow = ADMIN_METHODS[path];
      if (allow)
        return {
          ...jsonResponse(405, { error: `${method} not allowed on ${path}` }),
          headers: { ...JSON_HEADERS, allow },
        };
      return jsonResponse(404, { error: `no admin endpoint ${method} ${pathname}` });
    }
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Reads a request body up to `maxBytes`; `undefined` when it is larger. */
function readBody(req: IncomingMessage, maxBytes: number, done: (body: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  pathname: string;
  send(r: VendorResponse): void;
  logLine(outcome: string): void;
}

/** One request and its response, logged as method, path, outcome and duration. */
function exchange(req: IncomingMessage, res: ServerResponse, log: (line: string) => void): Exchange {
  const started = process.hrtime.bigint();
  const method = (req.method ?? 'GET').toUpperCase();
  const pathname = (req.url ?? '/').split('?')[0];
  const logLine = (outcome: string) => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(`${method} ${pathname} ${outcome} ${ms.toFixed(1)}ms`);
  };
  const send = (r: VendorResponse) => {
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.body !== '') headers['content-length'] = Buffer.byteLength(r.body);
    res.writeHead(r.status, headers);
    res.end(r.body);
    logLine(String(r.status));
  };
  return { req, res, method, pathname, send, logLine };
}

/** Hands an API request to the app and acts on its decision: answer now, later ('slow'), or refuse ('down'). */
function serveApi(app: ServableApp, x: Exchange, body: string, timers: Set<NodeJS.Timeout>): void {
  const vreq: VendorRequest = { method: x.method, path: x.req.url ?? '/', headers: flatHeaders(x.req), body };
  const d = app.dispatch(vreq);
  if (d.kind === 'refuse') {
    x.res.socket?.destroy();
    x.res.destroy();
    x.logLine('refused');
    return;
  }
  if (d.delayMs <= 0) {
    x.send(d.response);
    return;
  }
  const t = setTimeout(() => {
    timers.delete(t);
    if (!x.res.destroyed) x.send(d.response);
  }, d.delayMs);
  timers.add(t);
}

export function startVendorServer(opts: VendorServerOptions): Promise<VendorServer> {
  const { app, port = 0, host = '127.0.0.1', log = () => {}, maxBodyBytes = 1024 * 1024 } = opts;
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const x = exchange(req, res, log);
    req.on('error', () => res.destroy());
    readBody(req, maxBodyBytes, (body) => {
      if (body === undefined) {
        x.send(jsonResponse(413, { error: `request body over ${maxBodyBytes} bytes` }));
        return;
      }
      try {
        if (x.pathname.startsWith('/_admin/')) x.send(handleAdmin(app, x.method, x.pathname, body));
        else serveApi(app, x, body, timers);
      } catch (e) {
        x.send(jsonResponse(500, { error: `internal error: ${(e as Error).message}` }));
      }
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(listenFailure(error, host, port)));
    server.listen(port, host, () => {
      server.off('error', reject);
      const actualPort = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${actualPort}`,
        port: actualPort,
        close: () =>
          new Promise<void>((done) => {
            for (const t of timers) clearTimeout(t);
            timers.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
