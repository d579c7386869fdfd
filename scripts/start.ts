// `npm start`: the built add-on (dist/Code.js) in the local emulator of Google, against the reference
// vendor server over real HTTP on 127.0.0.1, playing a narrated story. Exit 0 only if every step did what
// it should and the vendor ends up holding exactly what Calendar says.
import { createInterface, type Interface } from 'node:readline';
import type { VendorHandle } from '../vendor-server/worker';
import {
  type CliOutcome,
  type CommandSpec,
  type FlagSpec,
  failureText,
  parseOrExplain,
  portFlag,
  requireBuilt,
  UsageError,
} from './cli';
import { checkProjectOrExit } from './config/contract';
import { makeStyle, renderConsistency, renderStep, type Style } from './story/render';
import { runStory, type StepReport, type StoryResult } from './story/story';
import { STORY_VENDORS, VENDOR_KINDS, type VendorKind } from './story/vendors';

export const START_COMMAND = {
  name: 'start',
  usage: 'npm start -- [options]   (or: node build/scripts/start.js [options])',
  summary: `Plays a story with the built add-on (dist/Code.js) in the local Google emulator, talking over HTTP to
the reference vendor server on 127.0.0.1. Exits 0 only if the vendor ends up matching Calendar.`,
  flags: {
    vendor: {
      type: 'string',
      value: VENDOR_KINDS.join('|'),
      help: `the reference vendor server, and the add-on built on its adapter (default acme);\nzoom: the Zoom-shaped server and ${STORY_VENDORS.zoom.bundlePath}`,
    },
    port: { type: 'string', value: 'N', help: 'vendor server port (default: any free port)' },
    data: {
      type: 'string',
      value: 'FILE',
      help: `vendor data file, emptied at start (default ${STORY_VENDORS.acme.defaultDataFile},\nor ${STORY_VENDORS.zoom.defaultDataFile} with --vendor zoom)`,
    },
    'keep-running': {
      type: 'boolean',
      help: 'leave the vendor server up afterwards and print curl examples (Ctrl-C stops it)',
    },
    step: { type: 'boolean', help: 'wait for Enter between steps (only when stdin is a terminal)' },
    json: {
      type: 'boolean',
      help: 'one JSON object per line on stdout (steps, then the result); no colours.\nnpm prints its own "> ..." banner on stdout: use npm start --silent -- --json',
    },
  },
  examples: ['npm start', 'npm start -- --vendor zoom', 'npm start --silent -- --json'],
} satisfies CommandSpec<Record<string, FlagSpec>>;

interface StartOptions {
  vendor: VendorKind;
  port: number;
  dataFile: string;
  keepRunning: boolean;
  step: boolean;
  json: boolean;
}

function vendorFlag(value: string | undefined): VendorKind {
  if (value === undefined) return 'acme';
  const kind = VENDOR_KINDS.find((k) => k === value);
  if (!kind) throw new UsageError(`--vendor must be one of ${VENDOR_KINDS.join(', ')}, got ${value}`);
  return kind;
}

export function parseStartArgs(argv: string[]): CliOutcome<StartOptions> {
  return parseOrExplain(START_COMMAND, argv, ({ values }) => {
    const vendor = vendorFlag(values.vendor);
    return {
      vendor,
      port: portFlag('port', values.port) ?? 0,
      dataFile: values.data ?? STORY_VENDORS[vendor].defaultDataFile,
      keepRunning: values['keep-running'] ?? false,
      step: values.step ?? false,
      json: values.json ?? false,
    };
  });
}

function curlExamples(url: string): string[] {
  return [
    `curl -s ${url}/_admin/conferences`,
    `curl -s ${url}/_admin/requests`,
    `curl -s ${url}/_admin/faults`,
    `curl -s -X POST ${url}/_admin/faults -H 'content-type: application/json' -d '{"mode":"http500","count":2}'`,
    `curl -s -X POST ${url}/_admin/faults -H 'content-type: application/json' -d '{"mode":"up"}'`,
  ];
}

/** Where the story's output goes: JSON lines, or narration (coloured on a terminal). */
interface Output {
  json: boolean;
  style: Style;
  emit(value: unknown): void;
  say(text: string): void;
}

function makeOutput(json: boolean): Output {
  return {
    json,
    style: makeStyle(!json && process.stdout.isTTY === true && !process.env.NO_COLOR),
    emit: (value) => process.stdout.write(`${JSON.stringify(value)}\n`),
    say: (text) => {
      if (!json) process.stdout.write(text);
    },
  };
}

/**
 * --step waits for Enter only when someone can press it (stdin is a terminal). An Enter pressed
 * while a step runs counts for the next pause; if stdin closes, the story just runs on.
 */
function makePauser(enabled: boolean, style: Style): { pause(): Promise<void>; close(): void } {
  let rl: Interface | undefined;
  let presses = 0;
  let waiting: (() => void) | undefined;
  if (enabled && process.stdin.isTTY) {
    rl = createInterface({ input: process.stdin, output: process.stderr });
    rl.on('line', () => {
      if (waiting) {
        const w = waiting;
        waiting = undefined;
        w();
      } else presses++;
    });
    rl.on('close', () => {
      rl = undefined;
      waiting?.();
    });
  }
  const pause = (): Promise<void> => {
    if (!rl) return Promise.resolve();
    if (presses > 0) {
      presses--;
      return Promise.resolve();
    }
    process.stderr.write(style.dim('Press Enter for the next step… '));
    return new Promise<void>((done) => {
      waiting = done;
    });
  };
  return { pause, close: () => rl?.close() };
}

function announce(out: Output, vendor: VendorKind, vendorUrl: string, dataFile: string): void {
  if (out.json) {
    out.emit({ type: 'start', vendor, vendorUrl, dataFile });
    return;
  }
  const profile = STORY_VENDORS[vendor];
  out.say(
    `${out.style.bold('Acme Meetings add-on')}: ${profile.bundlePath} in the local Google emulator, calendar alice@example.com\n` +
      `Reference vendor server (${profile.apiName}): ${vendorUrl} (data in ${dataFile}; a new API key for this run)\n`,
  );
}

function reportResult(out: Output, result: StoryResult): void {
  const unexpected = result.steps.filter((s) => !s.asExpected).map((s) => s.n);
  if (out.json) {
    out.emit({
      type: 'result',
      ok: result.ok,
      stepsNotAsExpected: unexpected,
      consistency: result.consistency,
    });
    return;
  }
  const { style } = out;
  out.say(`\n${renderConsistency(result.consistency, style)}`);
  if (unexpected.length > 0)
    out.say(style.red(`✗ step(s) ${unexpected.join(', ')} did not send what they should have\n`));
  out.say(`\n${result.ok ? style.green('All good: the vendor matches Calendar.') : style.red('FAILED')}\n`);
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseStartArgs(argv);
  if (parsed.kind === 'exit') return parsed.exitCode;
  const opts = parsed.options;
  checkProjectOrExit();
  requireBuilt(STORY_VENDORS[opts.vendor].bundlePath);
  const out = makeOutput(opts.json);
  const pauser = makePauser(opts.step, out.style);
  const onStep = async (step: StepReport) => {
    if (out.json) out.emit({ type: 'step', ...step });
    else out.say(`\n${renderStep(step, out.style)}`);
    await pauser.pause();
  };
  let vendor: VendorHandle | undefined;
  try {
    const result = await runStory({
      vendor: opts.vendor,
      port: opts.port,
      dataFile: opts.dataFile,
      keepVendor: opts.keepRunning,
      onStart: ({ vendorUrl, dataFile }) => announce(out, opts.vendor, vendorUrl, dataFile),
      onStep,
    });
    vendor = result.vendor;
    reportResult(out, result);
    const code = result.ok ? 0 : 1;
    if (vendor) return await keepRunning(vendor, out.json, code, out.emit, out.say);
    return code;
  } catch (e) {
    await vendor?.close();
    if (out.json) out.emit({ type: 'error', message: (e as Error).message });
    console.error(failureText('start', e));
    return 1;
  } finally {
    pauser.close();
  }
}

/** Leaves the vendor server up until Ctrl-C / SIGTERM; then exits with the story's code. */
function keepRunning(
  vendor: VendorHandle,
  json: boolean,
  code: number,
  emit: (v: unknown) => void,
  say: (s: string) => void,
): Promise<number> {
  const examples = curlExamples(vendor.url);
  if (json) emit({ type: 'keep-running', vendorUrl: vendor.url, examples });
  else
    say(
      `\nThe vendor server keeps running at ${vendor.url} (Ctrl-C to stop). Admin endpoints need no key:\n` +
        examples.map((e) => `  ${e}`).join('\n') +
        `\nThe vendor's API itself needs this run's key, which is not printed.\n`,
    );
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // Exit now: idle keep-alive connections to the stopped server would otherwise hold the loop.
      void vendor.close().then(() => {
        done(code);
        process.exit(code);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(failureText('start', e));
    process.exitCode = 1;
  },
);
