import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

/**
 * What the README says that a test can measure: the sizes it states (bundle, install, browser, the
 * Japanese font), the commands it names (each an npm script, and every npm script named), and the
 * flags it shows for a command (each one that command's --help lists). A number within 10 % of the
 * measurement passes; past that, restate it from the measurement.
 */

const README = readFileSync('README.md', 'utf8');
const SCRIPTS = Object.keys(
  (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts,
);

/** The number a README sentence states: the first capture of `pattern`, thousands separators dropped. */
function stated(pattern: RegExp): number {
  const m = pattern.exec(README);
  if (!m) throw new Error(`README no longer says ${pattern}`);
  return Number(m[1].replace(/,/g, ''));
}

/** Disk use of a folder in MiB, as `du` counts it (what "installs N MB" means to a user). */
const diskMiB = (path: string) =>
  Number(execFileSync('du', ['-sk', path], { encoding: 'utf8' }).split('\t')[0]) / 1024;

function expectWithin10Percent(what: string, claimed: number, measured: number) {
  const ratio = claimed / measured;
  expect([what, claimed, Math.round(measured * 10) / 10, ratio > 0.9 && ratio < 1.1]).toEqual([
    what,
    claimed,
    Math.round(measured * 10) / 10,
    true,
  ]);
}

describe("the README's numbers are measured ones", () => {
  it('the bundle size (dist/Code.js)', () => {
    const kb = statSync('dist/Code.js').size / 1024;
    expectWithin10Percent('bundle KB', stated(/The bundle is not minified \(about ([\d,.]+) KB/), kb);
  });

  it('the install size (node_modules), the browser in it and the Japanese font', () => {
    expectWithin10Percent(
      'install MB',
      stated(/installs about \*\*([\d,.]+) MB\*\* into `node_modules`/),
      diskMiB('node_modules'),
    );
    // What the first npm start / npm test says while it installs (scripts/ensure-deps.mjs).
    const installer = /npm ci, about ([\d,.]+) MB/.exec(readFileSync('scripts/ensure-deps.mjs', 'utf8'));
    expectWithin10Percent('installer MB', Number(installer?.[1]), diskMiB('node_modules'));
    expectWithin10Percent(
      'browser MB',
      stated(/of which ([\d,.]+) MB is the browser/),
      diskMiB('node_modules/@sparticuz/chromium'),
    );
    expectWithin10Percent(
      'Noto Sans JP MB',
      stated(/`@fontsource-variable\/noto-sans-jp`, ([\d.]+) MB installed/),
      diskMiB('node_modules/@fontsource-variable/noto-sans-jp'),
    );
  });
});

describe("the README's commands and flags are the tools' own", () => {
  // npm's own hooks, run by npm start / npm test themselves.
  const HOOKS = ['prestart', 'pretest'];
  const named = new Set(
    [...README.matchAll(/\bnpm (?:run ([a-z][\w:-]*)|(start|test)\b)/g)].map((m) => m[1] ?? m[2]),
  );

  it('every npm script the README names exists, and it names every npm script', () => {
    expect([...named].filter((s) => !SCRIPTS.includes(s))).toEqual([]);
    expect(SCRIPTS.filter((s) => !HOOKS.includes(s) && !named.has(s))).toEqual([]);
  });

  /** The built file each npm script runs its tool from. */
  const TOOL_FILES: Record<string, string> = {
    start: 'build/scripts/start.js',
    bench: 'build/scripts/bench.js',
    soak: 'build/scripts/soak.js',
    cards: 'build/scripts/cards.js',
    listing: 'build/scripts/listing.js',
    deploy: 'build/scripts/deploy.js',
    'create-project': 'build/scripts/create-project.js',
    playground: 'build/scripts/playground.js',
    contract: 'build/scripts/contract.js',
    'vendor-server': 'build/vendor-server/cli.js',
  };
  // `npm start -- --port 8787 --json`, `npm run deploy -- --dry-run`: the command and the flags after --.
  const shown = [...README.matchAll(/`npm (?:run ([\w:-]+)|(start))(?: --silent)? -- ([^`]*)`/g)].map(
    (m) => ({
      script: m[1] ?? m[2],
      flags: [...m[3].matchAll(/(?:^|\s)(--[a-z][\w-]*)/g)].map((f) => f[1]),
    }),
  );

  it('the README shows flags for some commands (this test reads them)', () => {
    expect(shown.length).toBeGreaterThanOrEqual(5);
  });

  it.each(Object.keys(TOOL_FILES))('npm run %s: every flag the README shows is in its --help', (script) => {
    const flags = [...new Set(shown.filter((s) => s.script === script).flatMap((s) => s.flags))];
    if (flags.length === 0) return;
    const help = execFileSync(process.execPath, [TOOL_FILES[script], '--help'], { encoding: 'utf8' });
    expect(flags.filter((f) => !new RegExp(`${f}\\b`).test(help))).toEqual([]);
  });
});
