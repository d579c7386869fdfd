import { mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { requireBuilt, ToolError } from '../scripts/cli';
import type { Conference, FaultSettings, FaultState, RequestLogEntry } from './app';

/**
 * The reference vendor server (the built `build/vendor-server/cli.js`) running in a worker thread.
 *
 * Why a worker: the emulator's UrlFetchApp is synchronous like Apps Script's; it blocks the calling
 * thread in `Atomics.wait` while another thread does the HTTP. A server on the calling thread could
 * never answer (see emulator/urlfetch/syncHttp.ts). A worker has its own event loop, shares the
 * process (no orphan to clean up), and is stopped with `terminate()`.
 *
 * Everything else goes over HTTP, as a developer with curl would: the admin endpoints for the request
 * log, the conferences and fault injection. The API key reaches the worker through its environment,
 * never through argv or output.
 */
export interface VendorHandle {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  port: number;
  dataFile: string;
  conferences(): Promise<Conference[]>;
  requests(): Promise<RequestLogEntry[]>;
  setFault(settings: FaultSettings): Promise<FaultState>;
  /** The vendor's own UI (not the API): deletes a conference; false when there is none. */
  vendorDelete(id: string): Promise<boolean>;
  /** The vendor's own UI: moves a conference to another start and end (RFC 3339). */
  vendorMove(id: string, start: string, end: string): Promise<boolean>;
  /** Resolves once the worker has stopped. */
  close(): Promise<void>;
}

export interface StartVendorOptions {
  apiKey: string;
  /** 0 = any free port. */
  port?: number;
  /** Removed first: every run starts with an empty vendor. */
  dataFile: string;
  /** Default: build/vendor-server/cli.js under the current directory. */
  cliPath?: string;
  /** How long to wait for "listening on", ms. */
  startTimeoutMs?: number;
  /** The server's clock (sharedClock.ts): e.g. the emulator's simulated time. Default: the wall clock. */
  clock?: SharedArrayBuffer;
}

export const DEFAULT_CLI_PATH = 'build/vendor-server/cli.js';

/** Resolves with the server's URL once the worker prints "listening on"; rejects if it stops or is late. */
function listeningUrl(worker: Worker, exited: Promise<number>, timeoutMs: number): Promise<string> {
  let stderr = '';
  worker.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('vendor server did not start in time')), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      void worker.terminate();
      reject(error);
    };
    worker.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /vendor-server listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    worker.once('error', (e) => fail(e));
    // The server's own one-line reason (a port in use...) is the user's; anything longer is a bug's trace.
    void exited.then((code) => {
      const why = stderr.trim();
      if (why && !why.includes('\n')) fail(new ToolError(why));
      else fail(new Error(`vendor server stopped (exit ${code}): ${why || 'no message'}`));
    });
  });
}

/** A JSON call to one of the server's /_admin/ endpoints. */
function adminCaller(url: string) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

/** `POST /_admin/conferences/{id}/delete|move`: true on 204, false on 404. */
async function vendorSide(url: string, id: string, op: 'delete' | 'move', body?: unknown): Promise<boolean> {
  const res = await fetch(`${url}/_admin/conferences/${encodeURIComponent(id)}/${op}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204 || res.status === 404) return res.status === 204;
  throw new Error(`POST /_admin/conferences/${id}/${op} -> ${res.status} ${await res.text()}`);
}

export async function startVendorWorker(opts: StartVendorOptions): Promise<VendorHandle> {
  const cliPath = resolve(requireBuilt(opts.cliPath ?? DEFAULT_CLI_PATH));
  const dataFile = resolve(opts.dataFile);
  rmSync(dataFile, { force: true });
  mkdirSync(dirname(dataFile), { recursive: true });

  const worker = new Worker(cliPath, {
    argv: ['--port', String(opts.port ?? 0), '--data', dataFile, '--quiet'],
    env: { ...process.env, VENDOR_API_KEY: opts.apiKey },
    workerData: { clock: opts.clock },
    stdout: true,
    stderr: true,
  });
  const exited = new Promise<number>((done) => worker.once('exit', done));
  const url = await listeningUrl(worker, exited, opts.startTimeoutMs ?? 10_000);
  // Keep draining stdout (the data-file line, anything else) so the worker never blocks on it.
  worker.stdout.resume();

  const admin = adminCaller(url);
  let closing: Promise<void> | undefined;
  return {
    url,
    port: Number(new URL(url).port),
    dataFile,
    conferences: () => admin<Conference[]>('GET', '/_admin/conferences'),
    requests: () => admin<RequestLogEntry[]>('GET', '/_admin/requests'),
    setFault: (settings) => admin<FaultState>('POST', '/_admin/faults', settings),
    vendorDelete: (id) => vendorSide(url, id, 'delete'),
    vendorMove: (id, start, end) => vendorSide(url, id, 'move', { start, end }),
    close() {
      closing ??= worker.terminate().then(() => undefined);
      return closing;
    },
  };
}
