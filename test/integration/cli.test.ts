import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helpText, parseCommandLine } from '../../scripts/cli';
import { incompletePlatformEntries, platformFromName } from '../../scripts/lock-optional-platforms';

/**
 * Every Node tool, run the way `npm run <tool>` runs it (the built file, as a child process): `--help`
 * prints the usage and exits 0 without doing anything else; an unknown flag is refused with exit 2.
 * Then the deploy checks that must answer before clasp talks to Google (no network needed).
 */

const TOOLS = [
  'build/scripts/start.js',
  'build/scripts/bench.js',
  'build/scripts/soak.js',
  'build/scripts/cards.js',
  'build/scripts/listing.js',
  'build/scripts/deploy.js',
  'build/scripts/create-project.js',
  'build/scripts/lock-optional-platforms.js',
  'build/vendor-server/cli.js',
  'build/vendor-server/zoomCli.js',
  'build/scripts/playground.js',
  'build/scripts/contract.js',
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [file, ...args], { timeout: 30_000, env }, (error, stdout, stderr) =>
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.each(TOOLS)('%s', (tool) => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await run(tool, ['--help']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: /);
    expect(r.stdout).toContain('--help');
  });

  it('an unknown flag exits 2 and names it, doing nothing else', async () => {
    const r = await run(tool, ['--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown option --bogus');
    expect(r.stderr).toContain('--help');
    expect(existsSync('--bogus')).toBe(false); // cards once wrote into a folder of that name
  });
});

describe('the shared parser (scripts/cli.ts)', () => {
  const spec = {
    name: 'demo',
    usage: 'demo [options] [DIR]',
    summary: 'A demo.',
    flags: { port: { type: 'string', value: 'N', help: 'a port' }, json: { type: 'boolean', help: 'JSON' } },
    positionals: [{ name: 'DIR', help: 'a folder' }],
  } as const satisfies Parameters<typeof parseCommandLine>[0];

  it('lists every flag and positional in the help text', () => {
    const text = helpText(spec);
    for (const part of ['Usage: demo', '--port N', '--json', 'DIR', '-h, --help'])
      expect(text).toContain(part);
  });

  it('says what is wrong in the user terms', () => {
    expect(parseCommandLine(spec, ['--port'])).toEqual({
      kind: 'usage-error',
      message: 'option --port needs a value',
    });
    expect(parseCommandLine(spec, ['--json=1'])).toEqual({
      kind: 'usage-error',
      message: 'option --json takes no value',
    });
    expect(parseCommandLine(spec, ['a', 'b'])).toEqual({
      kind: 'usage-error',
      message: 'unexpected argument: b',
    });
    expect(parseCommandLine(spec, ['--port', '1', 'out'])).toEqual({
      kind: 'run',
      values: { port: '1' },
      positionals: ['out'],
    });
  });
});

describe('deploy and create-project stop before Google with the next command to run', () => {
  let dir: string;
  let home: string;
  // An empty home: clasp finds no saved login there, and answers that offline.
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deploy-test-'));
    home = join(dir, 'home');
    mkdirSync(home);
    env = { ...process.env, HOME: home, USERPROFILE: home };
    delete env.clasp_config_auth;
    delete env.clasp_config_project;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const projectFile = (scriptId: string): string => {
    const path = join(dir, '.clasp.json');
    writeFileSync(path, JSON.stringify({ scriptId, rootDir: 'dist', scriptExtensions: ['.js', '.gs'] }));
    return path;
  };

  it("deploy refuses the repository's placeholder script id and says how to get a real one", async () => {
    const shipped = JSON.parse(readFileSync('.clasp.json', 'utf8')) as { scriptId: string };
    const r = await run('build/scripts/deploy.js', ['--project', projectFile(shipped.scriptId)], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has no Apps Script project yet');
    expect(r.stderr).toContain('npm run create-project');
    expect(r.stderr).not.toContain('pushing');
  });

  it('deploy without a clasp login says: npx clasp login', async () => {
    const r = await run(
      'build/scripts/deploy.js',
      ['--project', projectFile('1AbCdEfGhIjKlMnOpQrStUvWxYz')],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('clasp is not logged in to Google.\nNext: npx clasp login');
    expect(r.stderr).not.toContain('pushing');
  });

  it('deploy --dry-run lists exactly the bundle and the manifest, offline and without a login', async () => {
    // clasp takes rootDir relative to the project file and refuses one outside its folder, so this
    // project file sits next to .clasp.json, with the same rootDir and a script id that is not the placeholder.
    const project = `.clasp.dry-run-test-${process.pid}.json`;
    const shipped = JSON.parse(readFileSync('.clasp.json', 'utf8')) as Record<string, unknown>;
    writeFileSync(project, JSON.stringify({ ...shipped, scriptId: '1AbCdEfGhIjKlMnOpQrStUvWxYz' }));
    let r: Run;
    try {
      r = await run('build/scripts/deploy.js', ['--project', project, '--dry-run'], env);
    } finally {
      rmSync(project, { force: true });
    }
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout) as { filesToPush: string[] };
    expect(status.filesToPush.map((f) => f.replace(/.*dist\//, 'dist/')).sort()).toEqual([
      'dist/Code.js',
      'dist/appsscript.json',
    ]);
  });

  // (Its login check is deploy's, tested above: every clasp start costs seconds of CPU.)
  it('create-project keeps an id that is already set unless --force', async () => {
    const path = projectFile('1Existing');
    const existing = await run('build/scripts/create-project.js', ['--project', path], env);
    expect(existing.code).toBe(1);
    expect(existing.stderr).toContain('already names a project');
    expect(existing.stderr).toContain('npm run create-project -- --force');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ scriptId: '1Existing', rootDir: 'dist' });
  });
});

describe('package-lock.json', () => {
  it("gives every other platform's optional binary its os/cpu, so npm ci skips it", () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    expect([...incompletePlatformEntries(lock).keys()]).toEqual([]);
  });

  it('reads the platform from the package name when the registry cannot say', () => {
    expect(platformFromName('@biomejs/cli-linux-x64-musl')).toEqual({
      os: ['linux'],
      cpu: ['x64'],
      libc: ['musl'],
    });
    expect(platformFromName('@biomejs/cli-darwin-arm64')).toEqual({ os: ['darwin'], cpu: ['arm64'] });
    expect(platformFromName('@unrs/resolver-binding-linux-arm64-gnu')).toEqual({
      os: ['linux'],
      cpu: ['arm64'],
      libc: ['glibc'],
    });
    expect(platformFromName('@pkgjs/parseargs')).toBeUndefined();
  });
});
