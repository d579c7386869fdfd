/**
 * `npm run soak`: the long tests. First the model-based randomized test of test/model at scale: N random
 * sequences (issue 16's mix by default: calendar edits, copies into watched and unwatched calendars,
 * moves, restores, splits, vendor outages, overlapping and cut-off runs, time passing) on the built
 * bundle, each left to converge, every vendor DELETE and the end state checked by the oracle. Then
 * test/e2e/storage.test.ts at full size (1,500 conferences; `npm test` runs it with fewer).
 *
 * Sequence i uses seed S+i, so every failure can be replayed alone; the first one is also shrunk. The
 * sequences are spread over worker threads (sequence i on worker i mod W), one per core by default.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { formatOps, mixSequenceArb, type Op, sequenceArb } from '../test/model/ops';
import {
  emptyStats,
  formatViolation,
  runSequence,
  type SequenceStats,
  type Violation,
} from '../test/model/runner';
import {
  emulatorHasSwitches,
  type ModelSwitches,
  SWITCH_MODES,
  type SwitchMode,
  switchesFor,
  UNDO_MODES,
  type UndoMode,
  undoFor,
} from '../test/model/world';
import { type CommandSpec, type FlagSpec, intFlag, parseOrExplain, UsageError } from './cli';

export const SOAK_COMMAND = {
  name: 'soak',
  usage: 'npm run soak -- [options]   (or: node build/scripts/soak.js [options])',
  summary: `Tens of thousands of random sequences of calendar edits, copies, moves, restores, vendor outages,
overlapping and cut-off runs on the built bundle; every vendor DELETE and the end state (vendor ==
calendar, no orphan past its day) checked. Then the storage test at full size.`,
  flags: {
    runs: { type: 'string', value: 'N', help: 'number of sequences (default 20000)' },
    seed: { type: 'string', value: 'S', help: 'seed of the first sequence; sequence i uses S+i (default 1)' },
    'max-length': { type: 'string', value: 'L', help: 'operations per sequence at most (default 40)' },
    workers: {
      type: 'string',
      value: 'W',
      help: 'worker threads running sequences in parallel (default: one per core, at most 2)',
    },
    legacy: {
      type: 'boolean',
      help: "issue 13's operations only (copies only into watched calendars, their trigger run at once)",
    },
    switches: {
      type: 'string',
      value: 'MODE',
      help: `issue 16's emulator switches: off, refuse (Calendar refuses a copy's conference write-back),
fire (the script's own writes fire its triggers), both, or vary (each sequence by its seed; the
default when the emulator has them, else off)`,
    },
    undo: {
      type: 'string',
      value: 'MODE',
      help: `whether the reference vendor can undo a delete (issue 22): on (its trash keeps deleted
conferences, the default), off (every restore answers 404, as a vendor without undo), or vary (each
sequence by its seed: both kinds of vendor)`,
    },
    failures: { type: 'string', value: 'FILE', help: 'write every failing seed and its violations (JSON)' },
    'storage-conferences': {
      type: 'string',
      value: 'N',
      help: 'conferences in test/e2e/storage.test.ts afterwards (default 1500, at least 450; 0 skips it)',
    },
  },
  examples: [
    'npm run soak -- --runs 20000 --seed 7',
    'npm run soak -- --runs 1 --seed 1234 --workers 1 --storage-conferences 0   replay one failing sequence',
    'npm run soak -- --runs 8000 --seed 60001 --undo vary   both kinds of vendor',
  ],
} satisfies CommandSpec<Record<string, FlagSpec>>;

interface SoakOptions {
  runs: number;
  seed: number;
  maxLength: number;
  workers: number;
  legacy: boolean;
  switches: SwitchMode;
  undo: UndoMode;
  failuresFile?: string;
  storageConferences: number;
}

function switchMode(value: string | undefined): SwitchMode {
  if (value === undefined) return emulatorHasSwitches() ? 'vary' : 'off';
  if (!(SWITCH_MODES as readonly string[]).includes(value))
    throw new UsageError(`--switches must be one of ${SWITCH_MODES.join(', ')}, got ${value}`);
  if (value !== 'off' && !emulatorHasSwitches())
    throw new UsageError(`--switches ${value}: this emulator has no such switches yet (branch h-google)`);
  return value as SwitchMode;
}

function undoMode(value: string | undefined): UndoMode {
  if (value === undefined) return 'on';
  if (!(UNDO_MODES as readonly string[]).includes(value))
    throw new UsageError(`--undo must be one of ${UNDO_MODES.join(', ')}, got ${value}`);
  return value as UndoMode;
}

/** The emulator's and the vendor's switches of sequence `seed`. */
function sequenceSwitches(options: { switches: SwitchMode; undo: UndoMode }, seed: number): ModelSwitches {
  return { ...switchesFor(options.switches, seed), ...undoFor(options.undo, seed) };
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
      runs: intFlag('runs', values.runs, { min: 1 }) ?? 20000,
      seed: intFlag('seed', values.seed) ?? 1,
      maxLength: intFlag('max-length', values['max-length'], { min: 1 }) ?? 40,
      workers: intFlag('workers', values.workers, { min: 1, max: 64 }) ?? Math.min(2, availableParallelism()),
      legacy: values.legacy === true,
      switches: switchMode(values.switches),
      undo: undoMode(values.undo),
      ...(values.failures === undefined ? {} : { failuresFile: values.failures }),
      storageConferences: storageCount(values['storage-conferences']),
    }),
  );
}

// ------------------------------------------------------------------------------------ one worker

interface Slice {
  seed: number;
  runs: number;
  maxLength: number;
  legacy: boolean;
  switches: SwitchMode;
  undo: UndoMode;
  worker: number;
  workers: number;
}

interface Failure {
  seed: number;
  violations: Violation[];
  ops: Op[];
}

type Counts = SequenceStats & {
  faultOps: Record<'down' | 'http500' | 'http429', number>;
  lockHolds: number;
  /** Sequences played with a vendor that cannot undo a delete. */
  withoutUndo: number;
};

type WorkerMessage =
  | { kind: 'progress'; done: number; failures: number }
  | { kind: 'done'; counts: Counts; failures: Failure[] };

function emptyCounts(): Counts {
  return { ...emptyStats(), faultOps: { down: 0, http500: 0, http429: 0 }, lockHolds: 0, withoutUndo: 0 };
}

function arbitrary(maxLength: number, legacy: boolean): fc.Arbitrary<Op[]> {
  return legacy ? sequenceArb(maxLength) : mixSequenceArb(maxLength);
}

function addStats(total: Counts, stats: SequenceStats): void {
  for (const [key, value] of Object.entries(stats) as Array<[keyof SequenceStats, unknown]>) {
    if (typeof value === 'number') (total[key] as number) += value;
  }
  for (const k of ['down', 'http500', 'http429'] as const) total.faults[k] += stats.faults[k];
}

function addCounts(total: Counts, part: Counts): void {
  addStats(total, part); // every number, lockHolds and withoutUndo too
  for (const k of ['down', 'http500', 'http429'] as const) total.faultOps[k] += part.faultOps[k];
}

/** Runs sequences seed+i for every i of this worker's share, reporting progress now and then. */
function runSlice(slice: Slice, progress: (done: number, failures: number) => void) {
  const arb = arbitrary(slice.maxLength, slice.legacy);
  const counts = emptyCounts();
  const failures: Failure[] = [];
  let done = 0;
  for (let i = slice.worker; i < slice.runs; i += slice.workers) {
    const s = slice.seed + i;
    const [ops] = fc.sample(arb, { seed: s, numRuns: 1 }) as Op[][];
    const switches = sequenceSwitches(slice, s);
    const { violations, stats } = runSequence(ops!, s, { switches });
    addStats(counts, stats);
    if (switches.vendorCannotUndo) counts.withoutUndo++;
    for (const op of ops!) {
      if (op.t === 'fault') counts.faultOps[op.mode]++;
      if (op.t === 'hold') counts.lockHolds++;
    }
    if (violations.length > 0) failures.push({ seed: s, violations: violations.slice(0, 4), ops: ops! });
    if (++done % 250 === 0) progress(done, failures.length);
  }
  return { counts, failures };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const result = runSlice(workerData as Slice, (done, failures) =>
    port.postMessage({ kind: 'progress', done, failures } satisfies WorkerMessage),
  );
  port.postMessage({ kind: 'done', ...result } satisfies WorkerMessage);
}

// ------------------------------------------------------------------------------------ the run

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
function printShrunk(arb: fc.Arbitrary<Op[]>, seed: number, options: SoakOptions): void {
  const switches = sequenceSwitches(options, seed);
  const shrunk = fc.check(
    fc.property(arb, (ops) => runSequence(ops, seed, { switches }).violations.length === 0),
    { seed, numRuns: 1 },
  );
  if (shrunk.failed && shrunk.counterexample) {
    const ops = shrunk.counterexample[0];
    const how = Object.keys(switches).join(', ') || 'no switches';
    console.log(`\nshrunk counterexample of seed ${seed} (world seed ${seed}, ${how}):\n${formatOps(ops)}`);
    const violations = runSequence(ops, seed, { switches }).violations;
    console.log(violations.map((v) => formatViolation(v, true)).join('\n'));
  }
}

/** Runs the sequences on `workers` worker threads and sums what they found. */
async function runAll(options: SoakOptions, onProgress: (done: number, failures: number) => void) {
  const total = emptyCounts();
  const failures: Failure[] = [];
  const progress = new Array<{ done: number; failures: number }>(options.workers).fill({
    done: 0,
    failures: 0,
  });
  const one = (worker: number) =>
    new Promise<void>((resolve, reject) => {
      const slice: Slice = { ...options, worker, workers: options.workers };
      const thread = new Worker(__filename, { workerData: slice });
      thread.on('message', (m: WorkerMessage) => {
        if (m.kind === 'progress') {
          progress[worker] = { done: m.done, failures: m.failures };
          onProgress(
            progress.reduce((n, p) => n + p.done, 0),
            progress.reduce((n, p) => n + p.failures, 0),
          );
        } else {
          addCounts(total, m.counts);
          failures.push(...m.failures);
        }
      });
      thread.on('error', reject);
      thread.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`worker ${worker} exited ${code}`)),
      );
    });
  await Promise.all(Array.from({ length: options.workers }, (_, w) => one(w)));
  failures.sort((a, b) => a.seed - b.seed);
  return { total, failures };
}

function summary(options: SoakOptions, total: Counts, failures: Failure[], seconds: number): string[] {
  const { runs, seed, maxLength, workers } = options;
  const f = total.faults;
  const o = total.faultOps;
  const byKind = new Map<string, number>();
  for (const failure of failures) {
    const first = failure.violations[0]!;
    const key = `${first.kind} / ${first.shape}`;
    byKind.set(key, (byKind.get(key) ?? 0) + 1);
  }
  return [
    `soak: ${runs} sequences of ${options.legacy ? "issue 13's operations" : "issue 16's mix"} (seeds ${seed}..${seed + runs - 1}, up to ${maxLength} ops each, ${workers} worker${workers === 1 ? '' : 's'}, switches ${options.switches})`,
    `  vendor undo ${options.undo}: ${runs - total.withoutUndo} sequences with a vendor that can undo a delete, ${total.withoutUndo} with one that cannot`,
    `  time: ${seconds.toFixed(1)} s (${((seconds * 1000) / runs).toFixed(1)} ms per sequence, wall clock)`,
    `  ops: ${total.ops}; trigger runs: ${total.triggerRuns}; conferences created: ${total.conferencesCreated}; vendor requests: ${total.vendorRequests}`,
    `  user operations: copies into watched calendars ${total.copiesWatched}, into unwatched ones ${total.copiesUnwatched}; moves ${total.moves}; restores ${total.restores}; splits ${total.splits}; drafts gone unseen ${total.drafts}`,
    `  faults injected: ${f.down + f.http500 + f.http429} failed vendor requests (down ${f.down}, 500 ${f.http500}, 429 ${f.http429}) from ${o.down + o.http500 + o.http429} fault episodes (down ${o.down}, 500 ${o.http500}, 429 ${o.http429})`,
    `  runs cut off part-way: ${total.cutRuns}; runs locked out by a concurrent run: ${total.lockedOut} (${total.lockHolds} lock holds); token invalidations: ${total.tokenInvalidations}; another calendar's trigger first: ${total.otherCalendarFirst}`,
    `  vendor DELETEs judged as they arrived: ${total.deletesChecked}`,
    `  convergence: ${runs - failures.length}/${runs} sequences passed, ${failures.length} failed (by kind / shape of the first violation):`,
    ...[...byKind].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `    ${kind}: ${n}`),
  ];
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseSoakArgs(argv);
  if (parsed.kind === 'exit') return parsed.exitCode;
  const options = parsed.options;
  const started = Date.now();
  let shown = 0;
  const { total, failures } = await runAll(options, (done, failed) => {
    if (done < shown + 1000) return;
    shown = done - (done % 1000);
    console.error(
      `  ... ${done} sequences, ${failed} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(summary(options, total, failures, seconds).join('\n'));
  for (const failure of failures.slice(0, 20))
    console.log(`  FAIL seed ${failure.seed}: ${formatViolation(failure.violations[0]!)}`);
  if (failures.length > 20) console.log(`  ... and ${failures.length - 20} more`);
  if (options.failuresFile) writeFileSync(options.failuresFile, `${JSON.stringify(failures, null, 1)}\n`);
  if (failures.length > 0)
    printShrunk(arbitrary(options.maxLength, options.legacy), failures[0]!.seed, options);
  const storageOk = options.storageConferences === 0 || storageTest(options.storageConferences);
  return failures.length > 0 || !storageOk ? 1 : 0;
}

if (isMainThread)
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
