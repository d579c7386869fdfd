import { randomBytes } from 'node:crypto';
import { isMainThread, workerData } from 'node:worker_threads';
import {
  type CommandSpec,
  type FlagSpec,
  helpText,
  intFlag,
  parseCommandLine,
  portFlag,
  UsageError,
} from '../scripts/cli';
import { createVendorApp } from './app';
import { type ServableApp, startVendorServer, type VendorServer } from './server';
import { readSharedClock } from './sharedClock';

/** Which reference server a CLI runs: its name in messages, its entry file, and the app it serves. */
export interface ServerKind {
  name: string;
  cliFile: string;
  createApp(opts: { apiKey: string; dataFile?: string; idSeed?: number; now?: () => number }): ServableApp & {
    conferences(): unknown[];
  };
}

/** The Acme reference server (docs/vendor-api.openapi.json). */
export const ACME_SERVER: ServerKind = {
  name: 'vendor-server',
  cliFile: 'cli.js',
  createApp: createVendorApp,
};

export const VENDOR_SERVER_COMMAND = {
  name: 'vendor-server',
  usage: 'npm run vendor-server -- [options]   (or: node build/vendor-server/cli.js [options])',
  summary: `The reference vendor server (docs/vendor-api.openapi.json) on its own, for manual testing.
Without --api-key or VENDOR_API_KEY it makes up a key for this run and prints it.`,
  flags: {
    port: { type: 'string', value: 'N', help: 'port to listen on (default 8787; 0 = any free port)' },
    host: { type: 'string', value: 'H', help: 'interface to bind (default 127.0.0.1)' },
    'api-key': { type: 'string', value: 'KEY', help: 'bearer key clients must send (or env VENDOR_API_KEY)' },
    data: {
      type: 'string',
      value: 'FILE',
      help: 'JSON file conferences are kept in across restarts (default: memory only)',
    },
    seed: { type: 'string', value: 'N', help: 'deterministic ids, pins and passcodes' },
    quiet: { type: 'boolean', help: 'no per-request log lines' },
  },
} satisfies CommandSpec<Record<string, FlagSpec>>;

export const USAGE = helpText(VENDOR_SERVER_COMMAND);

/** Where the API key came from: a made-up one is printed, one the user chose is not. */
export type ApiKeySource = 'flag' | 'env' | 'generated';

export interface CliOptions {
  port: number;
  host: string;
  apiKey: string;
  apiKeySource: ApiKeySource;
  dataFile?: string;
  idSeed?: number;
  quiet: boolean;
}

/** Parses CLI arguments; returns 'help' for --help. Throws UsageError with a message on bad arguments. */
export function parseCliArgs(
  argv: string[],
  env: Record<string, string | undefined> = {},
  makeKey: () => string = () => `local-${randomBytes(12).toString('hex')}`,
): CliOptions | 'help' {
  const line = parseCommandLine(VENDOR_SERVER_COMMAND, argv);
  if (line.kind === 'help') return 'help';
  if (line.kind === 'usage-error') throw new UsageError(line.message);
  const { values } = line;
  const [apiKey, apiKeySource]: [string, ApiKeySource] = values['api-key']
    ? [values['api-key'], 'flag']
    : env.VENDOR_API_KEY
      ? [env.VENDOR_API_KEY, 'env']
      : [makeKey(), 'generated'];
  return {
    port: portFlag('port', values.port) ?? 8787,
    host: values.host ?? '127.0.0.1',
    apiKey,
    apiKeySource,
    dataFile: values.data,
    idSeed: intFlag('seed', values.seed),
    quiet: values.quiet ?? false,
  };
}

/** The simulated clock of the thread that started this server in a worker (worker.ts `clock`), if any. */
function hostClock(): (() => number) | undefined {
  const shared = isMainThread ? undefined : (workerData as { clock?: unknown } | null)?.clock;
  return shared instanceof SharedArrayBuffer ? readSharedClock(shared) : undefined;
}

/**
 * Starts the server from CLI arguments and stops it on SIGINT/SIGTERM; returns it (its close() also drops
 * the signal handlers), or the exit code for --help and bad usage.
 */
export async function runCli(argv: string[], kind: ServerKind = ACME_SERVER): Promise<VendorServer | number> {
  let opts: CliOptions | 'help';
  try {
    opts = parseCliArgs(argv, process.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const line = VENDOR_SERVER_COMMAND.usage.replaceAll('cli.js', kind.cliFile);
    console.error(`${kind.name}: ${e.message}\nUsage: ${line}\nRun with --help for all options.`);
    return 2;
  }
  if (opts === 'help') {
    console.log(USAGE.replaceAll('cli.js', kind.cliFile));
    return 0;
  }
  const app = kind.createApp({
    apiKey: opts.apiKey,
    dataFile: opts.dataFile,
    idSeed: opts.idSeed,
    now: hostClock(),
  });
  const server = await startVendorServer({
    app,
    port: opts.port,
    host: opts.host,
    log: opts.quiet ? undefined : (line) => console.log(line),
  });
  // worker.ts waits for this exact phrase, whichever server it started.
  console.log(`vendor-server listening on ${server.url}`);
  if (opts.apiKeySource === 'generated')
    console.log(
      `${kind.name}: API key for this run: ${opts.apiKey} (send "Authorization: Bearer ${opts.apiKey}"; choose one with --api-key or VENDOR_API_KEY)`,
    );
  if (opts.dataFile)
    console.log(`${kind.name}: ${app.conferences().length} conference(s) in ${opts.dataFile}`);
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
