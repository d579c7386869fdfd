import { parseArgs } from 'node:util';
import { createVendorApp } from './app';
import { startVendorServer, type VendorServer } from './server';

export const USAGE = `Usage: node build/vendor-server/cli.js [options]
  --port N        port to listen on (default 8787; 0 = any free port)
  --host H        interface to bind (default 127.0.0.1)
  --api-key KEY   bearer key clients must send (or env VENDOR_API_KEY)
  --data FILE     JSON file conferences are kept in across restarts (default: memory only)
  --seed N        deterministic ids, pins and passcodes
  --quiet         no per-request log lines
  --help`;

export interface CliOptions {
  port: number;
  host: string;
  apiKey: string;
  dataFile?: string;
  idSeed?: number;
  quiet: boolean;
}

function intArg(name: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return n;
}

/** Parses CLI arguments; returns 'help' for --help. Throws with a message on bad arguments. */
export function parseCliArgs(
  argv: string[],
  env: Record<string, string | undefined> = {},
): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const apiKey = values['api-key'] ?? env.VENDOR_API_KEY;
  if (!apiKey) throw new Error('--api-key (or env VENDOR_API_KEY) is required');
  const port = intArg('port', values.port, 8787)!;
  if (port > 65535) throw new Error(`--port must be at most 65535, got ${port}`);
  return {
    port,
    host: values.host ?? '127.0.0.1',
    apiKey,
    dataFile: values.data,
    idSeed: intArg('seed', values.seed),
    quiet: values.quiet ?? false,
  };
}

/**
 * Starts the server from CLI arguments and stops it on SIGINT/SIGTERM; returns it (its close() also drops
 * the signal handlers), or the exit code for --help and bad usage.
 */
export async function runCli(argv: string[]): Promise<VendorServer | number> {
  let opts: CliOptions | 'help';
  try {
    opts = parseCliArgs(argv, process.env);
  } catch (e) {
    console.error(`vendor-server: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (opts === 'help') {
    console.log(USAGE);
    return 0;
  }
  const app = createVendorApp({ apiKey: opts.apiKey, dataFile: opts.dataFile, idSeed: opts.idSeed });
  const server = await startVendorServer({
    app,
    port: opts.port,
    host: opts.host,
    log: opts.quiet ? undefined : (line) => console.log(line),
  });
  console.log(`vendor-server listening on ${server.url}`);
  if (opts.dataFile)
    console.log(`vendor-server: ${app.conferences().length} conference(s) in ${opts.dataFile}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    ...server,
    close: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      return server.close();
    },
  };
}
