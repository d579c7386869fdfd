/**
 * `npm run soak`: the model-based randomized test of test/model at scale. Runs N random sequences
 * (calendar edits, vendor outages, overlapping and cut-off runs, time passing) on the built bundle,
 * lets each converge, checks the vendor against the calendar, and prints what it did and found.
 *
 *   npm run soak                                   5000 sequences, seed 1
 *   npm run soak -- --runs 20000 --seed 7
 *   npm run soak -- --max-length 60
 *   npm run soak -- --runs 1 --seed 1234           replay one failing sequence (its seed is printed)
 *
 * Sequence i uses seed S+i, so every failure can be replayed alone; the first one is also shrunk.
 */
import fc from 'fast-check';
import { formatOps, type Op, sequenceArb } from '../test/model/ops';
import { emptyStats, runSequence, type SequenceStats } from '../test/model/runner';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function main(): void {
  const args = process.argv.slice(2);
  const runs = Number(flag(args, '--runs') ?? 5000);
  const seed = Number(flag(args, '--seed') ?? 1);
  const maxLength = Number(flag(args, '--max-length') ?? 40);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || !Number.isInteger(maxLength)) {
    console.error('usage: soak [--runs N] [--seed S] [--max-length L]');
    process.exit(2);
  }
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
    if (violations.length > 0) failures.push({ seed: s, violation: violations[0]! });
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
  if (failures.length > 0) {
    const first = failures[0]!.seed;
    const shrunk = fc.check(
      fc.property(arb, (ops) => runSequence(ops, first).violations.length === 0),
      { seed: first, numRuns: 1 },
    );
    if (shrunk.failed && shrunk.counterexample) {
      const ops = shrunk.counterexample[0];
      console.log(`\nshrunk counterexample of seed ${first} (world seed ${first}):\n${formatOps(ops)}`);
      console.log(runSequence(ops, first).violations.join('\n'));
    }
    process.exitCode = 1;
  }
}

main();
