// `npm test`: typecheck, lint, build and jest, with the checks beside the tests instead of before them.
// On a 2-core machine the typecheck is single-threaded and jest leaves a core idle while its last
// files finish: side by side, the typecheck's seconds fill those gaps instead of coming first (README,
// "Quick start"). jest's output streams as it runs; the checks' output is printed once they end, so the two
// never interleave. The exit code is 1 if any step failed, and each failure is named on the last line.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Arguments after `npm test --` go to jest (`npm test -- test/unit`, `npm test -- -t name`). */
const jestArgs = process.argv.slice(2);

/** Runs `npm run <script>` for each script in turn; resolves with the output and the failed script. */
function runInTurn(scripts, { inherit }) {
  return new Promise((done) => {
    let output = '';
    const next = (i) => {
      if (i === scripts.length) return done({ output, failed: undefined });
      const args = scripts[i] === 'test:unit' && jestArgs.length > 0 ? ['--', ...jestArgs] : [];
      const child = spawn(npm, ['run', '--silent', scripts[i], ...args], {
        stdio: inherit ? 'inherit' : 'pipe',
      });
      child.stdout?.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr?.on('data', (chunk) => {
        output += chunk;
      });
      child.on('close', (code) => (code === 0 ? next(i + 1) : done({ output, failed: scripts[i] })));
    };
    next(0);
  });
}

const [checks, tests] = await Promise.all([
  runInTurn(['typecheck', 'lint'], { inherit: false }),
  runInTurn(['build', 'test:unit'], { inherit: true }),
]);
process.stderr.write(checks.output);
const failed = [checks.failed, tests.failed].filter(Boolean);
if (failed.length > 0) {
  console.error(`npm test: failed: ${failed.map((s) => `npm run ${s}`).join(', ')}`);
  process.exit(1);
}
console.error('npm test: typecheck, lint, build and tests passed');
