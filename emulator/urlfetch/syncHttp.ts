import { performance } from 'node:perf_hooks';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * Synchronous real HTTP for the emulator. Apps Script's `UrlFetchApp.fetch` blocks the script until the
 * response is there; node has no blocking HTTP client, so the requests run inside one `worker_threads`
 * Worker (node `http` module, `Promise.all` for a batch) while the calling thread sleeps in
 * `Atomics.wait` on a SharedArrayBuffer. The worker posts the results on a MessageChannel and bumps the
 * shared counter; the caller wakes up and reads them with `receiveMessageOnPort`.
 *
 * Consequence: the server being called must NOT run on the calling thread (that thread is blocked, so the
 * server could never answer: the call would end in a timeout). Run test servers in another Worker or
 * process.
 */

/** One request as the worker sees it: a plain `http:` URL (routing already applied). */
export interface SyncHttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export type SyncHttpFailure = 'refused' | 'dns' | 'timeout' | 'invalid';

export type SyncHttpResult =
  | { ok: true; status: number; rawHeaders: string[]; body: Uint8Array }
  | { ok: false; error: SyncHttpFailure; detail: string };

interface WorkerReply {
  id: number;
  results: SyncHttpResult[];
}

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const reply = workerData.port;
const signal = new Int32Array(workerData.signal);

function classify(e) {
  const code = (e && e.code) || '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ERR_INVALID_URL' || code === 'ERR_UNESCAPED_CHARACTERS' || code === 'ERR_INVALID_HTTP_TOKEN'
      || code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_PROTOCOL') return 'invalid';
  return 'refused';
}

function one(r, timeoutMs) {
  return new Promise((resolve) => {
    let done = false;
    let req;
    const finish = (v) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(v);
    };
    const timer = setTimeout(() => {
      finish({ ok: false, error: 'timeout', detail: 'no response within ' + timeoutMs + ' ms' });
      if (req) req.destroy();
    }, timeoutMs);
    try {
      req = http.request(r.url, { method: r.method, headers: r.headers, agent: false }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => finish({ ok: true, status: res.statusCode, rawHeaders: res.rawHeaders,
          body: new Uint8Array(Buffer.concat(chunks)) }));
        res.on('error', (e) => finish({ ok: false, error: classify(e), detail: String(e.code || e.message) }));
        res.on('aborted', () => finish({ ok: false, error: 'refused', detail: 'response aborted' }));
      });
    } catch (e) {
      finish({ ok: false, error: classify(e), detail: String((e && e.message) || e) });
      return;
    }
    req.on('error', (e) => finish({ ok: false, error: classify(e), detail: String(e.code || e.message) }));
    if (r.body && r.body.length) req.write(Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength));
    req.end();
  });
}

parentPort.on('message', async (msg) => {
  const results = await Promise.all(msg.requests.map((r) => one(r, msg.timeoutMs)));
  reply.postMessage({ id: msg.id, results });
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

/** Grace period on top of the per-request timeout before the caller gives up on the worker itself. */
const WORKER_GRACE_MS = 2000;

export class SyncHttpClient {
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private signal: Int32Array | undefined;
  private nextId = 1;

  constructor(private readonly timeoutMs: number) {}

  /**
   * Runs all requests in parallel in the worker and blocks until every one has a result (response,
   * network failure or timeout). Results are in request order.
   */
  send(requests: SyncHttpRequest[]): SyncHttpResult[] {
    if (requests.length === 0) return [];
    const { worker, port, signal } = this.ensureWorker();
    const id = this.nextId++;
    let seen = Atomics.load(signal, 0);
    worker.postMessage({ id, requests, timeoutMs: this.timeoutMs });
    const deadline = performance.now() + this.timeoutMs + WORKER_GRACE_MS;
    for (;;) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const reply = m.message as WorkerReply;
        if (reply.id === id) return reply.results;
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) break;
      // Short slices: robust even if a reply became visible only after the counter moved.
      Atomics.wait(signal, 0, seen, Math.min(remaining, 50));
      seen = Atomics.load(signal, 0);
    }
    // The worker itself is stuck (should not happen: it enforces the timeout). Start afresh next time.
    this.close();
    return requests.map(() => ({ ok: false, error: 'timeout', detail: 'worker did not answer' }));
  }

  close(): void {
    const w = this.worker;
    this.worker = undefined;
    this.port?.close();
    this.port = undefined;
    this.signal = undefined;
    if (w) void w.terminate();
  }

  private ensureWorker(): { worker: Worker; port: MessagePort; signal: Int32Array } {
    if (this.worker && this.port && this.signal)
      return { worker: this.worker, port: this.port, signal: this.signal };
    const shared = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, signal: shared },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    // A crash of the worker is reported to the blocked caller as a timeout; keep it from being unhandled.
    worker.on('error', () => {});
    this.worker = worker;
    this.port = port1;
    this.signal = new Int32Array(shared);
    return { worker, port: port1, signal: this.signal };
  }
}
