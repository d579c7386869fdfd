import { type CommandSpec, type FlagSpec, helpText, parseCommandLine, portFlag } from '../cli';

export const PLAYGROUND_COMMAND = {
  name: 'playground',
  usage: 'npm run playground -- [--port N]   (or: node build/scripts/playground.js [--port N])',
  summary: `Serves a local Calendar playground on http://127.0.0.1:N/ (default 8790; 0 = any free port):
a week view with an event editor, the add-on's side panel, the vendor's conferences and HTTP log,
switches to take the vendor down or make it fail, and a run log of every execution.
Nothing is reachable from other machines, and nothing is fetched from the network.`,
  flags: { port: { type: 'string', value: 'N', help: 'port to listen on' } },
} satisfies CommandSpec<Record<string, FlagSpec>>;

export const PLAYGROUND_USAGE = helpText(PLAYGROUND_COMMAND);

/** `--port N` (default 8790) and `--help`; throws (a UsageError) on anything else. */
export function parsePlaygroundArgs(argv: string[]): { port: number } | 'help' {
  const line = parseCommandLine(PLAYGROUND_COMMAND, argv);
  if (line.kind === 'help') return 'help';
  if (line.kind === 'usage-error') throw new Error(line.message);
  return { port: portFlag('port', line.values.port) ?? 8790 };
}
