/**
 * `npm run soak`: the long tests. First the model-based randomized test of test/model at scale: N random
 * sequences (calendar edits, vendor outages, overlapping and cut-off runs, time passing) on the built
 * bundle, each left to converge, the vendor checked against the calendar. Then test/e2e/storage.test.ts
 * at full size (1,500 conferences; `npm test` runs it with fewer).
 *
 * Sequence i uses seed S+i, so every failure can be replayed alone; the first one is also shrunk.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatOps, type Op, sequenceArb } from '../test/model/ops';
import { emptyStats, formatViolation, runSequence, type SequenceStats } from '../test/model/runner';
import { type CommandSpec, type FlagSpec, intFlag, parseOrExplain, UsageError } from './cli';

export const SOAK_COMMAND = {
  name: 'soak',
  usage: 'npm run soak -- [options]   (or: node build/scripts/soak.js [options])',
  summary: `Thousands of random sequences of calendar edits, vendor outages, overlapping and cut-off runs on the
built bundle, each checked for convergence (vendor == calendar); then the storage test at full size.`,
  flags: {
    runs: { type: 'string', value: 'N', help: 'number of sequences (default 5000)' },
    seed: { type: 'string', value: 'S', help: 'seed of the first sequence; sequence i uses S+i (default 1)' },
    'max-length': { type: 'string', value: 'L', help: 'operations per sequence at most (default 40)' },
    'storage-conferences': {
      type: 'string',
      value: 'N',
      help: 'conferences in test/e2e/storage.test.ts afterwards (default 1500, at least 450; 0 skips it)',
    },
  },
  examples: [
    'npm run soak -- --runs 20000 --seed 7',
    'npm run soak -- --runs 1 --seed 1234 --storage-conferences 0   replay one failing sequence',
  ],
} satisfies CommandSpec<Record<string, FlagSpec>>;

interface SoakOptions {
  runs: number;
  seed: number;
  maxLength: number;
  storageConferences: number;
}

/** The storage test asserts several record shards per calendar, which takes at least 450 conferences. */
function storageCount(value: string | undefined): number {
  const n = intFlag('storage-conferences', value) ?? 1500;
  if (n !== 0 && n < 450) throw new UsageError('--storage-conferences must be 0 (skip) or at least 450');
  return n;
}

export function parseSoakArgs(argv: string[]) {
  return parseOrExplain(
    SOAK_COMMAND,
    argv,
    ({ values }): SoakOptions => ({
      runs: intFlag('runs', values.runs, { min: 1 }) ?? 5000,
      seed: intFlag('seed', values.seed) ?? 1,
      maxLength: intFlag('max-length', values['max-length'], { min: 1 }) ?? 40,
      storageConferences: storageCount(values['storage-conferences']),
    }),
  );
}

/** test/e2e/storage.test.ts with `conferences` conferences, in jest (its output shown as it runs). */
function storageTest(conferences: number): boolean {
  console.log(`\nstorage: test/e2e/storage.test.ts with ${conferences} conferences`);
  const jest = join(process.cwd(), 'node_modules', 'jest', 'bin', 'jest.js');
  const result = spawnSync(process.execPath, [jest, 'test/e2e/storage.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, STORAGE_CONFERENCES: String(conferences) },
  });
  return result.status === 0;
}

/** Shrinks the failing sequence of `seed` to a smaller one that still fails, and prints it. */
function printShrunk(arb: fc.Arbitrary<Op[]>, seed: number): void {
  const shrunk = fc.check(
    fc.property(arb, (ops) => runSequence(ops, seed).violations.length === 0),
    { seed, numRuns: 1 },
  );
  if (shrunk.failed && shrunk.counterexample) {
    const ops = shrunk.counterexample[0];
    console.log(`\nshrunk counterexample of seed ${seed} (world seed ${seed}):\n${formatOps(ops)}`);
    console.log(runSequence(ops, seed).violations.map(formatViolation).join('\n'));
  }
}

function main(argv: string[]): number {
  const parsed = parseSoakArgs(argv);
  if (parsed.kind === 'exit') return parsed.exitCode;
  const { runs, seed, maxLength, storageConferences } = parsed.options;
  const arb = sequenceArb(maxLength);
  const total: SequenceStats & { faultOps: Record<string, number>; lockHolds: number } = {
    ...emptyStats(),
    faultOps: { down: 0, http500: 0, http429: 0 },
    lockHolds: 0,
  };
  const failures: Array<{ seed: number; violation: string }> = [];
  const started = Date.now();
  for (let i = 0; i < runs; i++) {
    const s = seed + i;
    const [ops] = fc.sample(arb, { seed: s, numRuns: 1 }) as Op[][];
    const { violations, stats } = runSequence(ops!, s);
    total.ops += stats.ops;
    for (const k of ['down', 'http500', 'http429'] as const) total.faults[k] += stats.faults[k];
    total.cutRuns += stats.cutRuns;
    total.lockedOut += stats.lockedOut;
    total.tokenInvalidations += stats.tokenInvalidations;
    total.conferencesCreated += stats.conferencesCreated;
    total.vendorRequests += stats.vendorRequests;
    total.triggerRuns += stats.triggerRuns;
    for (const op of ops!) {
      if (op.t === 'fault') total.faultOps[op.mode] = (total.faultOps[op.mode] ?? 0) + 1;
      if (op.t === 'hold') total.lockHolds++;
    }
    if (violations.length > 0) failures.push({ seed: s, violation: formatViolation(violations[0]!) });
    if ((i + 1) % 1000 === 0 && i + 1 < runs)
      console.error(
        `  ... ${i + 1} sequences, ${failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
  }
  const seconds = (Date.now() - started) / 1000;
  const f = total.faults;
  const lines = [
    `soak: ${runs} sequences (seeds ${seed}..${seed + runs - 1}, up to ${maxLength} ops each)`,
    `  time: ${seconds.toFixed(1)} s (${((seconds * 1000) / runs).toFixed(1)} ms per sequence)`,
    `  ops: ${total.ops}; trigger runs: ${total.triggerRuns}; conferences created: ${total.conferencesCreated}; vendor requests: ${total.vendorRequests}`,
    `  faults injected: ${f.down + f.http500 + f.http429} failed vendor requests (down ${f.down}, 500 ${f.http500}, 429 ${f.http429}) from ${
      total.faultOps.down! + total.faultOps.http500! + total.faultOps.http429!
    } fault episodes (down ${total.faultOps.down}, 500 ${total.faultOps.http500}, 429 ${total.faultOps.http429})`,
    `  runs cut off part-way: ${total.cutRuns}; runs locked out by a concurrent run: ${total.lockedOut} (${total.lockHolds} lock holds); token invalidations: ${total.tokenInvalidations}`,
    `  convergence: ${runs - failures.length}/${runs} sequences converged, ${failures.length} failed`,
  ];
  console.log(lines.join('\n'));
  for (const failure of failures.slice(0, 20))
    console.log(`  FAIL seed ${failure.seed}: ${failure.violation}`);
  if (failures.length > 20) console.log(`  ... and ${failures.length - 20} more`);
  if (failures.length > 0) printShrunk(arb, failures[0]!.seed);
  const storageOk = storageConferences === 0 || storageTest(storageConferences);
  return failures.length > 0 || !storageOk ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
