/**
 * `npm run bench`: the economy benchmark (issue 6). Runs the seeded workloads of bench/workloads.ts
 * on the built bundle in the emulator and prints Markdown tables. With --write it also writes
 * bench/results.json, bench/results.md and bench/ratios.svg (all byte-for-byte reproducible); with
 * --check it compares a fresh run with those committed files. The local CPU figure is wall time:
 * printed, and kept out of those files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { withCapacityTable } from '../bench/capacity';
import {
  callsTable,
  markdownReport,
  measureDecideCpu,
  ratiosSvg,
  summaryTable,
  timingTable,
  userDayTable,
} from '../bench/report';
import { FULL_SIZES, runAll, SMALL_SIZES, type WorkloadName, type WorkloadResult } from '../bench/workloads';
import { type CommandSpec, type FlagSpec, parseOrExplain, UsageError } from './cli';

const WORKLOADS: WorkloadName[] = Object.keys(FULL_SIZES) as WorkloadName[];

export const BENCH_COMMAND = {
  name: 'bench',
  usage: 'npm run bench -- [options]   (or: node build/scripts/bench.js [options])',
  summary: `The economy benchmark: seeded workloads on the built bundle in the emulator; prints Markdown tables.
Nothing is written unless --write is given.`,
  flags: {
    write: {
      type: 'boolean',
      help: 'write bench/results.json, bench/results.md, bench/ratios.svg and the table in docs/capacity.md (full sizes, all workloads)',
    },
    check: {
      type: 'boolean',
      help: 'exit 1 if a fresh full run differs from the committed bench/results.* files',
    },
    small: { type: 'boolean', help: 'the reduced sizes the test suite uses (print only)' },
    only: { type: 'string', value: 'A,B', help: `some workloads only (print only): ${WORKLOADS.join(', ')}` },
    cpu: { type: 'boolean', help: 'only the CPU measurement, as one JSON line (used by test/bench)' },
    force: {
      type: 'boolean',
      help: 'also run workloads registered as waiting for a dependency (e.g. lifecycle); print only',
    },
  },
  examples: ['npm run bench', 'npm run bench -- --write', 'npm run bench -- --only burst,noise'],
} satisfies CommandSpec<Record<string, FlagSpec>>;

interface BenchOptions {
  write: boolean;
  check: boolean;
  small: boolean;
  only?: WorkloadName[];
  cpu: boolean;
  force: boolean;
}

export function parseBenchArgs(argv: string[]) {
  return parseOrExplain(BENCH_COMMAND, argv, ({ values }): BenchOptions => {
    const only = values.only?.split(',').map((w) => w.trim()) as WorkloadName[] | undefined;
    const unknown = only?.find((w) => !WORKLOADS.includes(w));
    if (unknown !== undefined)
      throw new UsageError(`unknown workload ${unknown} (workloads: ${WORKLOADS.join(', ')})`);
    const write = values.write ?? false;
    const check = values.check ?? false;
    if ((write || check) && (values.small || only))
      throw new UsageError('--write and --check need the full run: drop --small and --only');
    const force = values.force ?? false;
    if ((write || check) && force)
      throw new UsageError('--force measures workloads whose dependency has not landed: print only');
    return { write, check, small: values.small ?? false, only, cpu: values.cpu ?? false, force };
  });
}

/** The three tracked files, exactly as --write writes them. */
function resultFiles(results: WorkloadResult[]): Record<string, string> {
  const json = {
    generatedBy: 'npm run bench -- --write',
    note: 'Seeded workloads on the emulator: counts and simulated milliseconds, identical on every run. Wall-time CPU figures are not included.',
    results,
  };
  return {
    'bench/results.json': `${JSON.stringify(json, null, 2)}\n`,
    'bench/results.md': markdownReport(results),
    'bench/ratios.svg': ratiosSvg(results),
    // The capacity table (users per deployment under each limit) comes from the same results.
    'docs/capacity.md': withCapacityTable(readOrEmpty('docs/capacity.md'), results),
  };
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function main(argv: string[]): number {
  const parsed = parseBenchArgs(argv);
  if (parsed.kind === 'exit') return parsed.exitCode;
  const opts = parsed.options;
  if (opts.cpu) {
    // Plain Node, outside jest's module sandbox (which runs this code many times slower).
    console.log(JSON.stringify(measureDecideCpu()));
    return 0;
  }
  const results = runAll(opts.small ? SMALL_SIZES : FULL_SIZES, opts.only, opts.force);
  const cpu = measureDecideCpu();
  console.log(summaryTable(results));
  console.log('');
  console.log(timingTable(results));
  console.log('');
  console.log(callsTable(results));
  const perUserDay = userDayTable(results);
  if (perUserDay !== '') console.log(`\nPer user-day:\n${perUserDay}`);
  console.log('');
  console.log(
    `Local CPU (wall time): decide() over ${cpu.items} changed items, median ${cpu.medianMs} ms of ${cpu.repeats} runs.`,
  );
  let code = 0;
  const files = resultFiles(results);
  if (opts.check) {
    const stale = Object.keys(files).filter((path) => readOrEmpty(path) !== files[path]);
    if (stale.length > 0) {
      console.error(
        `\nnot what a fresh run gives: ${stale.join(', ')} (npm run bench -- --write updates them)`,
      );
      code = 1;
    } else
      console.log(
        '\nbench/results.json, results.md, ratios.svg and the table in docs/capacity.md match this run',
      );
  }
  if (opts.write) {
    for (const [path, text] of Object.entries(files)) writeFileSync(path, text);
    console.log(`\nwrote ${Object.keys(files).join(', ')}`);
  }
  for (const r of results) for (const d of r.differences ?? []) console.error(`${r.name}: ${d}`);
  const bad = results.filter((r) => !r.skipped && !r.consistent);
  if (bad.length > 0) {
    console.error(`vendor out of sync after: ${bad.map((r) => r.name).join(', ')}`);
    code = 1;
  }
  return code;
}

process.exitCode = main(process.argv.slice(2));
