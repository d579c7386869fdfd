/**
 * The one command-line parser of every Node tool in this repository (npm start, bench, soak, cards,
 * deploy, vendor-server, ...). Each tool describes its flags once; the same description produces the
 * `--help` text and the parser, so they cannot drift apart. Unknown flags, missing values and stray
 * arguments are usage errors: printed with a pointer to `--help`, exit code 2 (the shell convention for
 * "wrong usage", distinct from 1 = "ran and failed").
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the help text (`N`, `FILE`); string flags only. */
  value?: string;
  help: string;
}

export interface CommandSpec<F extends Record<string, FlagSpec>> {
  /** The tool's name in messages, e.g. `bench`. */
  name: string;
  /** How to run it, e.g. `npm run bench -- [options]`. */
  usage: string;
  /** What it does, a few lines. */
  summary: string;
  flags: F;
  /** Positional arguments it accepts, in order; anything beyond them is a usage error. */
  positionals?: Array<{ name: string; help: string }>;
  examples?: string[];
}

export type FlagValues<F extends Record<string, FlagSpec>> = {
  [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedCommandLine<F extends Record<string, FlagSpec>> {
  values: FlagValues<F>;
  positionals: string[];
}

/** A bad command line: the message says what is wrong, in the user's terms. */
export class UsageError extends Error {}

export type CommandLine<F extends Record<string, FlagSpec>> =
  | ({ kind: 'run' } & ParsedCommandLine<F>)
  | { kind: 'help'; text: string }
  | { kind: 'usage-error'; message: string };

export function helpText<F extends Record<string, FlagSpec>>(spec: CommandSpec<F>): string {
  const rows: Array<[string, string]> = [];
  for (const p of spec.positionals ?? []) rows.push([p.name, p.help]);
  for (const [name, flag] of Object.entries(spec.flags)) {
    const short = flag.short ? `-${flag.short}, ` : '';
    const value = flag.type === 'string' ? ` ${flag.value ?? 'VALUE'}` : '';
    rows.push([`${short}--${name}${value}`, flag.help]);
  }
  rows.push(['-h, --help', 'this text']);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = [`Usage: ${spec.usage}`, '', spec.summary, ''];
  for (const [left, help] of rows)
    lines.push(`  ${left.padEnd(width)}${help.replace(/\n/g, `\n  ${' '.repeat(width)}`)}`);
  if (spec.examples?.length) lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

/** node:util's messages name its own API ("parseArgs", "place it at the end ..."); ours name the flag. */
function usageMessage(error: Error & { code?: string }): string {
  // The flag as the user typed it: `--port` out of "Option '-p, --port <value>' argument missing".
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message)
        ? `option ${option} needs a value`
        : `option ${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument: ${quoted}`;
    default:
      return error.message;
  }
}

/** Parses without side effects: what to do (run, print help) or what is wrong. */
export function parseCommandLine<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
  argv: string[],
): CommandLine<F> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, flag] of Object.entries(spec.flags))
    options[name] = flag.short ? { type: flag.type, short: flag.short } : { type: flag.type };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    return { kind: 'usage-error', message: usageMessage(e as Error & { code?: string }) };
  }
  if (parsed.values.help) return { kind: 'help', text: helpText(spec) };
  const allowed = spec.positionals?.length ?? 0;
  if (parsed.positionals.length > allowed)
    return { kind: 'usage-error', message: `unexpected argument: ${parsed.positionals[allowed]}` };
  const { help: _help, ...values } = parsed.values;
  return { kind: 'run', values: values as FlagValues<F>, positionals: parsed.positionals };
}

/** What a tool does after parsing: run with these options, or exit (after --help or a usage error). */
export type CliOutcome<T> = { kind: 'options'; options: T } | { kind: 'exit'; exitCode: 0 | 2 };

/**
 * Parses `argv` and hands the result to `interpret` (which may throw UsageError for bad values). Prints
 * the help text (stdout, exit 0) or the usage error (stderr, exit 2) in those cases. Returns instead of
 * exiting so that tests can call it.
 */
export function parseOrExplain<F extends Record<string, FlagSpec>, T>(
  spec: CommandSpec<F>,
  argv: string[],
  interpret: (parsed: ParsedCommandLine<F>) => T,
): CliOutcome<T> {
  const line = parseCommandLine(spec, argv);
  if (line.kind === 'help') {
    console.log(line.text);
    return { kind: 'exit', exitCode: 0 };
  }
  try {
    if (line.kind === 'usage-error') throw new UsageError(line.message);
    return { kind: 'options', options: interpret(line) };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${spec.name}: ${e.message}\nUsage: ${spec.usage}\nRun with --help for all options.`);
    return { kind: 'exit', exitCode: 2 };
  }
}

/** An integer flag within [min, max]; undefined when absent. */
export function intFlag(
  name: string,
  value: string | undefined,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < min || n > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${value}`);
  return n;
}

/** A TCP port (0 = any free one); undefined when absent. */
export function portFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new UsageError(`--${name} must be a port number (0-65535), got ${value}`);
  return n;
}

/**
 * A failure the user can fix (a port in use, a missing build, a missing browser, a configuration
 * mistake): its message is one line that says what is wrong and the way out. Tools print it as is;
 * anything else is a bug and keeps its stack trace.
 */
export class ToolError extends Error {
  override name = 'ToolError';
}

/** What a tool prints when `error` stops it: the one line of a ToolError, else the stack. */
export function failureText(tool: string, error: unknown): string {
  if (error instanceof ToolError) return `${tool}: ${error.message}`;
  return `${tool}: ${(error as Error)?.stack ?? String(error)}`;
}

/** A listen() failure as the way out: another port. Other errors are returned unchanged. */
export function listenFailure(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: string })?.code;
  const way = 'pick another with --port N (0 = any free port)';
  if (code === 'EADDRINUSE') return new ToolError(`port ${port} on ${host} is in use; ${way}`);
  if (code === 'EACCES')
    return new ToolError(`port ${port} on ${host} is not allowed for this user (a privileged port); ${way}`);
  if (code === 'EADDRNOTAVAIL')
    return new ToolError(`${host} is not an address of this machine; pick another with --host H`);
  return error;
}

/** The built file a tool runs, or a ToolError saying how to build it. */
export function requireBuilt(path: string): string {
  const command = path.startsWith('dist/') ? 'npm run build' : 'npm run build -- --tools';
  if (!existsSync(path)) throw new ToolError(`${path} is missing: build it first with ${command}`);
  return path;
}
