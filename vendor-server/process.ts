import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import type { Conference, FaultSettings, RequestLogEntry } from './app';

/**
 * Runs the reference vendor server as its own process (build/vendor-server/cli.js), the way a
 * real vendor is a separate machine. It has to be: the emulated UrlFetchApp blocks the calling
 * thread while it waits, so a server on that same thread could never answer.
 */
export interface VendorProcess {
  url: string;
  port: number;
  conferences(): Promise<Conference[]>;
  requests(): Promise<RequestLogEntry[]>;
  setFaults(settings: FaultSettings): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const VENDOR_CLI = 'build/vendor-server/cli.js';

export async function spawnVendorServer(options: {
  apiKey: string;
  port?: number;
  dataFile?: string;
  seed?: number;
  /** Receives the server's log lines (one per request). */
  log?: (line: string) => void;
}): Promise<VendorProcess> {
  const cli = resolve(VENDOR_CLI);
  if (!existsSync(cli))
    throw new Error(`${VENDOR_CLI} is missing: run "node esbuild.config.mjs --tools" first`);
  const args = [cli, '--port', String(options.port ?? 0)];
  if (options.dataFile) args.push('--data', options.dataFile);
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  // The key goes through the environment, not argv, so it never shows in process listings.
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, VENDOR_API_KEY: options.apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('vendor server did not start within 10 s')), 10_000);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolveUrl(match[1].replace(/\/$/, ''));
        } else if (line) options.log?.(line);
        newline = buffered.indexOf('\n');
      }
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => options.log?.(chunk.trimEnd()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vendor server exited with code ${code}`));
    });
  });
  const port = Number(new URL(url).port);

  const admin = (method: string, path: string, body?: unknown) =>
    new Promise<string>((ok, fail) => {
      const req = request(
        `${url}${path}`,
        { method, headers: { 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.on('end', () =>
            (res.statusCode ?? 500) < 300
              ? ok(text)
              : fail(new Error(`${method} ${path}: ${res.statusCode} ${text}`)),
          );
        },
      );
      req.on('error', fail);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });

  return {
    url,
    port,
    conferences: async () => JSON.parse(await admin('GET', '/_admin/conferences')) as Conference[],
    requests: async () => JSON.parse(await admin('GET', '/_admin/requests')) as RequestLogEntry[],
    setFaults: async (settings) => {
      await admin('POST', '/_admin/faults', settings);
    },
    reset: async () => {
      await admin('POST', '/_admin/reset');
    },
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
