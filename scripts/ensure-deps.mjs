// Runs before `npm start` and `npm test` (prestart/pretest): installs the locked dependencies when
// node_modules is missing or older than package-lock.json, so each command works on a fresh clone.
//
// Everything it prints goes to stderr, so that `npm start -- --json` keeps stdout for JSON. When stderr
// is not a terminal (CI, a pipe, an editor's task runner) npm shows no progress of its own, so this
// prints a line every few seconds while `npm ci` runs.
//
// This is the one tool that cannot use the shared parser (scripts/cli.ts): it runs before the
// dependencies that build it are installed. npm passes it no arguments; it knows only --help.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const USAGE = `Usage: node scripts/ensure-deps.mjs
Runs npm ci when node_modules is missing or older than package-lock.json (npm runs it before start and test).`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (args.length > 0) {
  console.error(`ensure-deps: unknown option ${args[0]}\n${USAGE}`);
  process.exit(2);
}

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs;
if (stale) {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  console.error('Installing dependencies (npm ci, about 570 MB; about 40 s with a warm npm cache)...');
  const heartbeat = process.stderr.isTTY
    ? undefined
    : setInterval(() => console.error(`  ... still installing (${seconds()} s)`), 5000);
  const code = await new Promise((done) => {
    // npm's own summary ("added 600 packages") goes to stderr too.
    const child = spawn('npm', ['ci', '--no-audit', '--no-fund'], {
      stdio: ['inherit', process.stderr, 'inherit'],
      shell: process.platform === 'win32',
    });
    child.on('close', (status) => done(status ?? 1));
    child.on('error', (e) => {
      console.error(`ensure-deps: could not run npm: ${e.message}`);
      done(1);
    });
  });
  if (heartbeat) clearInterval(heartbeat);
  if (code !== 0) {
    console.error(`ensure-deps: npm ci failed (exit ${code})`);
    process.exit(code);
  }
  console.error(`Dependencies installed in ${seconds()} s.`);
}
