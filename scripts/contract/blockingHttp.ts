import { spawnSync } from 'node:child_process';
import type { HttpClient, HttpRequest, HttpResult } from '../../src/platform/ports';

/**
 * The add-on's HttpClient (synchronous, like UrlFetchApp.fetchAll) for Node tools, over http or
 * https: each batch runs in a short-lived child Node process (global fetch, requests in parallel)
 * while this process waits. Slow per call, but the adapters run unchanged against any live server.
 */
const CHILD = `
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', async () => {
  const { requests, timeoutMs } = JSON.parse(input);
  const results = await Promise.all(requests.map(async (r) => {
    try {
      const res = await fetch(r.url, {
        method: r.method.toUpperCase(),
        headers: r.payload === undefined ? r.headers : { ...r.headers, 'content-type': 'application/json' },
        body: r.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { kind: 'response', status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
    } catch (e) {
      return { kind: 'network-error', message: String((e && e.cause && e.cause.code) || (e && e.message) || e) };
    }
  }));
  process.stdout.write(JSON.stringify(results));
});`;

export function blockingHttpClient(timeoutMs = 30_000): HttpClient {
  return {
    fetchAll(requests: HttpRequest[]): HttpResult[] {
      if (requests.length === 0) return [];
      const child = spawnSync(process.execPath, ['-e', CHILD], {
        input: JSON.stringify({ requests, timeoutMs }),
        encoding: 'utf8',
        timeout: timeoutMs + 5000,
        maxBuffer: 64 * 1024 * 1024,
      });
      try {
        return JSON.parse(child.stdout) as HttpResult[];
      } catch {
        const message = `request runner failed: ${child.error?.message ?? child.stderr.slice(0, 200)}`;
        return requests.map(() => ({ kind: 'network-error', message }));
      }
    },
  };
}
