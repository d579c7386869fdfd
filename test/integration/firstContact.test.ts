import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Issue 25's first contact: each mistake a new vendor engineer makes gives ONE line on stderr that
 * names the file and the field (or line and column), what was found and what is expected, or the way
 * out (another --port, the build command, a browser); exit code 1; no stack trace. Each bad input runs
 * at build time (esbuild.config.mjs, what every npm script runs first) and at run time (the built
 * tool, as `node build/scripts/<tool>.js` runs it), in a copy of the project with that one mistake.
 */

const ROOT = resolve('.');
const LINKED = ['src', 'node_modules', 'scripts', 'emulator', 'vendor-server', 'build'];
const COPIED = ['esbuild.config.mjs', 'vendor.config.schema.json', 'appsscript.json', 'vendor.config.json'];

interface Edit {
  /** vendor.config.json's text → the text with the mistake. */
  config?: (text: string) => string;
  /** appsscript.json's text → the text with the mistake (also written as dist/appsscript.json). */
  manifest?: (text: string) => string;
  /** Leave dist/ out (a missing build). */
  noDist?: boolean;
}

/** A copy of the project (sources and build linked) with one mistake. */
function projectWith(edit: Edit): string {
  const dir = mkdtempSync(join(tmpdir(), 'first-contact-'));
  for (const entry of LINKED) symlinkSync(join(ROOT, entry), join(dir, entry));
  for (const file of COPIED) cpSync(join(ROOT, file), join(dir, file));
  const config = readFileSync('vendor.config.json', 'utf8');
  const manifest = readFileSync('appsscript.json', 'utf8');
  writeFileSync(join(dir, 'vendor.config.json'), edit.config ? edit.config(config) : config);
  writeFileSync(join(dir, 'appsscript.json'), edit.manifest ? edit.manifest(manifest) : manifest);
  if (!edit.noDist) {
    mkdirSync(join(dir, 'dist'));
    cpSync(join(ROOT, 'dist/Code.js'), join(dir, 'dist/Code.js'));
    cpSync(join(dir, 'appsscript.json'), join(dir, 'dist/appsscript.json'));
  }
  return dir;
}

interface Run {
  code: number;
  stderr: string;
}

function run(
  cwd: string,
  file: string,
  args: string[] = [],
  options: { uid?: number; env?: Record<string, string> } = {},
): Promise<Run> {
  const env = { ...process.env, ...options.env };
  return new Promise((done) => {
    execFile(
      process.execPath,
      [file, ...args],
      {
        cwd,
        timeout: 30_000,
        env,
        ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
      },
      (error, _stdout, stderr) =>
        done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

/** Exit 1, exactly one line on stderr, no stack trace, and every expected part in it. */
function expectOneLine(result: Run, ...parts: Array<string | RegExp>): void {
  const lines = result.stderr.trimEnd().split('\n');
  expect({ code: result.code, lines: lines.length }).toEqual({ code: 1, lines: 1 });
  expect(result.stderr).not.toMatch(/^\s+at /m);
  for (const part of parts) expect(lines[0]).toMatch(part);
}

const json = (change: (value: Record<string, unknown>) => void) => (text: string) => {
  const value = JSON.parse(text);
  change(value);
  return JSON.stringify(value, null, 2);
};
type Solutions = Array<Record<string, unknown>>;
type Manifest = { addOns: { calendar: { conferenceSolution: Solutions } } };

const CONFIG_MISTAKES: Array<[string, Edit, Array<string | RegExp>]> = [
  [
    'an http:// entry in urlFetchWhitelist',
    { manifest: (t) => t.replace('"https://conference.example.com/"', '"http://conference.example.com/"') },
    ['appsscript.json: urlFetchWhitelist[0] is "http://conference.example.com/"', 'expected an https:// URL'],
  ],
  [
    '"recorded": "true" (a string)',
    { config: json((c) => ((c.solutions as Solutions)[1].recorded = 'true')) },
    ['vendor.config.json: solutions[1].recorded is "true" (a string)', 'expected true or false'],
  ],
  [
    'a missing vendorName',
    { config: json((c) => delete c.vendorName) },
    ['vendor.config.json: vendorName is missing', 'expected a non-empty string'],
  ],
  [
    'an unknown adapter',
    { config: json((c) => (c.adapter = 'teams')) },
    ['vendor.config.json: adapter is "teams"', 'expected one of "acme", "zoom"'],
  ],
  [
    'an http:// settings URL',
    { config: json((c) => (c.settingsUrl = 'http://conference.example.com/settings')) },
    [
      'vendor.config.json: settingsUrl is "http://conference.example.com/settings"',
      'expected an https:// URL',
    ],
  ],
  [
    'a trailing comma',
    { config: (t) => t.replace(/("value": "acme-calendar-addon")/, '$1,') },
    [/^vendor\.config\.json: line \d+, column \d+: broken JSON, found "}"/, 'trailing comma'],
  ],
  [
    'an API base URL outside urlFetchWhitelist',
    { config: json((c) => (c.apiBaseUrl = 'https://api.other.example/v2/')) },
    [
      'vendor.config.json: apiBaseUrl is "https://api.other.example/v2/"',
      "inside appsscript.json's urlFetchWhitelist",
    ],
  ],
  [
    'a solution named differently in the manifest',
    { manifest: json((m) => ((m as Manifest).addOns.calendar.conferenceSolution[0].name = 'Acme meeting')) },
    [
      'appsscript.json: addOns.calendar.conferenceSolution[0].name is "Acme meeting"',
      'expected "Acme Meeting", as vendor.config.json\'s solutions[0].name says',
    ],
  ],
];

describe('a configuration mistake: one line naming the file and the field, exit 1, no stack trace', () => {
  it.each(CONFIG_MISTAKES)('%s: at build time (npm run build)', async (_what, edit, parts) => {
    expectOneLine(await run(projectWith(edit), 'esbuild.config.mjs'), ...parts);
  });

  it.each(CONFIG_MISTAKES)(
    '%s: at run time (npm start, node build/scripts/start.js)',
    async (_what, edit, parts) => {
      expectOneLine(await run(projectWith(edit), 'build/scripts/start.js'), ...parts);
    },
  );

  it.each([
    ['deploy --dry-run', 'build/scripts/deploy.js', ['--dry-run']],
    ['create-project', 'build/scripts/create-project.js', []],
    ['playground', 'build/scripts/playground.js', ['--port', '0']],
  ])('%s refuses them too (an http:// whitelist entry, a string "recorded")', async (_tool, file, args) => {
    const http = projectWith(CONFIG_MISTAKES[0][1]);
    const manifest = file.includes('deploy') ? 'dist/appsscript.json' : 'appsscript.json';
    expectOneLine(await run(http, file, args), `${manifest}: urlFetchWhitelist[0] is "http://`);
    expectOneLine(await run(projectWith(CONFIG_MISTAKES[1][1]), file, args), 'solutions[1].recorded');
  });

  it('the repository references its schema, and the schema accepts the repository', async () => {
    expect(JSON.parse(readFileSync('vendor.config.json', 'utf8')).$schema).toBe(
      './vendor.config.schema.json',
    );
    expect(await run(projectWith({}), 'esbuild.config.mjs')).toMatchObject({ code: 0 });
  });
});

/** A port another process holds. */
async function takenPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { port: (server.address() as { port: number }).port, server };
}

describe('every command fails in one line with the way out', () => {
  it.each([
    ['npm start', 'build/scripts/start.js'],
    ['npm run playground', 'build/scripts/playground.js'],
    ['npm run vendor-server', 'build/vendor-server/cli.js'],
  ])('%s on a port in use: pick another with --port N', async (_tool, file) => {
    const { port, server } = await takenPort();
    try {
      expectOneLine(
        await run(ROOT, file, ['--port', String(port)]),
        `port ${port} on 127.0.0.1 is in use`,
        '--port N',
      );
    } finally {
      server.close();
    }
  });

  // Binding below net.ipv4.ip_unprivileged_port_start needs privileges; as root, run the tool as nobody.
  const unprivilegedStart = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
  const whenPrivileged = unprivilegedStart > 80 ? it : it.skip;
  whenPrivileged('npm run vendor-server on port 80 without the right to bind it: pick another', async () => {
    const uid = process.getuid?.() === 0 ? { uid: 65534 } : {};
    expectOneLine(
      await run(ROOT, 'build/vendor-server/cli.js', ['--port', '80'], uid),
      'port 80 on 127.0.0.1 is not allowed for this user',
      '--port N',
    );
  });

  it.each([
    ['npm start', 'build/scripts/start.js', 'dist/Code.js is missing: build it first with npm run build'],
    [
      'npm run playground',
      'build/scripts/playground.js',
      'dist/Code.js is missing: build it first with npm run build',
    ],
    [
      'deploy --dry-run',
      'build/scripts/deploy.js',
      'dist/appsscript.json is missing; build it first with npm run build',
    ],
  ])('%s without a build says how to build', async (_tool, file, line) => {
    const args = file.includes('deploy') ? ['--dry-run'] : [];
    expectOneLine(await run(projectWith({ noDist: true }), file, args), line);
  });

  it('npm run listing without a browser says what to install', async () => {
    const env = { CHROME_PATH: '/nowhere/chrome' };
    expectOneLine(
      await run(projectWith({}), 'build/scripts/listing.js', [join(tmpdir(), 'listing-none')], { env }),
      'listing: CHROME_PATH=/nowhere/chrome does not exist',
      'install Google Chrome or Chromium',
    );
  });
});
