import { parseArgs } from 'node:util';

export const PLAYGROUND_USAGE = `usage: npm run playground [-- --port N]

Serves a local Calendar playground on http://127.0.0.1:N/ (default 8790; 0 = any free port):
a week view with an event editor, the add-on's side panel, the vendor's conferences and HTTP log,
switches to take the vendor down or make it fail, and a run log of every execution.
Nothing is reachable from other machines, and nothing is fetched from the network.

  --port N   port to listen on
  --help     this text`;

/** `--port N` (default 8790) and `--help`; throws on anything else. */
export function parsePlaygroundArgs(argv: string[]): { port: number } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new Error(`unexpected argument: ${positionals[0]}`);
  const port = values.port === undefined ? 8790 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number (0-65535), got ${values.port}`);
  }
  return { port };
}
