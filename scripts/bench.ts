/**
 * `npm run bench`: the economy benchmark (issue 6). Runs the seeded workloads of bench/workloads.ts
 * on the built bundle in the emulator, prints a Markdown table, and writes bench/results.json,
 * bench/results.md and bench/ratios.svg (all byte-for-byte reproducible). The local CPU figure is
 * wall time: printed, and kept out of those files.
 *
 *   npm run bench                      full sizes
 *   npm run bench -- --small           the reduced sizes the test suite uses
 *   npm run bench -- --only burst,noise
 *   npm run bench -- --no-write        print only
 *   npm run bench -- --force           also run workloads marked as waiting for a dependency (prints only)
 *   node build/scripts/bench.js --cpu  only the CPU measurement, as JSON (used by test/bench)
 */
import { writeFileSync } from 'node:fs';
import {
  callsTable,
  markdownReport,
  measureClassifyCpu,
  ratiosSvg,
  summaryTable,
  timingTable,
} from '../bench/report';
import { FULL_SIZES, runAll, SMALL_SIZES, type WorkloadName } from '../bench/workloads';

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--cpu')) {
    // Plain Node, outside jest's module sandbox (which runs this code many times slower).
    console.log(JSON.stringify(measureClassifyCpu()));
    return;
  }
  const small = args.includes('--small');
  const force = args.includes('--force');
  const write = !args.includes('--no-write') && !small && !force;
  const onlyIndex = args.indexOf('--only');
  const onlyArg = onlyIndex >= 0 ? args[onlyIndex + 1] : args.find((a) => a.startsWith('--only='));
  const only = onlyArg?.replace(/^--only=/, '').split(',') as WorkloadName[] | undefined;

  const results = runAll(small ? SMALL_SIZES : FULL_SIZES, only, force);
  const cpu = measureClassifyCpu();

  console.log(summaryTable(results));
  console.log('');
  console.log(timingTable(results));
  console.log('');
  console.log(callsTable(results));
  console.log('');
  console.log(
    `Local CPU (wall time): classify() over ${cpu.items} changed items, median ${cpu.medianMs} ms of ${cpu.repeats} runs.`,
  );

  if (write && !only) {
    const json = {
      generatedBy: 'npm run bench',
      note: 'Seeded workloads on the emulator: counts and simulated milliseconds, identical on every run. Wall-time CPU figures are not included.',
      results,
    };
    writeFileSync('bench/results.json', `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync('bench/results.md', markdownReport(results));
    writeFileSync('bench/ratios.svg', ratiosSvg(results));
    console.log('\nwrote bench/results.json, bench/results.md, bench/ratios.svg');
  }
  for (const r of results) for (const d of r.differences ?? []) console.error(`${r.name}: ${d}`);
  const bad = results.filter((r) => !r.skipped && !r.consistent);
  if (bad.length > 0) {
    console.error(`vendor out of sync after: ${bad.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main();
