import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The build refuses to produce a bundle when appsscript.json's conferenceSolution entries and
 * vendor.config.json disagree (id, name, logoUrl, onCreateFunction). Runs the real build in a copy
 * of the project with one file changed.
 */
interface Manifest {
  addOns: { common: { name: string }; calendar: { conferenceSolution: Array<{ name: string }> } };
}
interface Config {
  addOn: { name: string };
  solutions: Array<{ logoUrl: string; onCreateFunction: string }>;
}

function buildWith(change: { manifest?: (m: Manifest) => void; config?: (c: Config) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'brand-'));
  const root = resolve('.');
  for (const entry of ['src', 'node_modules']) symlinkSync(join(root, entry), join(dir, entry));
  cpSync(join(root, 'esbuild.config.mjs'), join(dir, 'esbuild.config.mjs'));
  const manifest = JSON.parse(readFileSync('appsscript.json', 'utf8'));
  const config = JSON.parse(readFileSync('vendor.config.json', 'utf8'));
  change.manifest?.(manifest);
  change.config?.(config);
  writeFileSync(join(dir, 'appsscript.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'vendor.config.json'), JSON.stringify(config));
  try {
    execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: dir, stdio: 'pipe' });
    return { ok: true, stderr: '', code: readFileSync(join(dir, 'dist/Code.js'), 'utf8') };
  } catch (e) {
    return { ok: false, stderr: String((e as { stderr: Buffer }).stderr), code: '' };
  }
}

describe('build: the manifest and vendor.config.json must agree', () => {
  it('builds when they agree, with one top-level onCreate function per configured solution', () => {
    const result = buildWith({});
    expect(result.ok).toBe(true);
    expect(result.code).toContain('function createWebConference()');
    expect(result.code).toContain('function createRecordedConference()');
  });

  it.each([
    [
      'a renamed solution in the manifest',
      { manifest: (m: Manifest) => (m.addOns.calendar.conferenceSolution[0].name = 'Other') },
      'name is',
    ],
    [
      'a different logo in the configuration',
      { config: (c: Config) => (c.solutions[1].logoUrl = 'https://example.com/x.png') },
      'logoUrl is',
    ],
    [
      'a solution only in the manifest',
      { config: (c: Config) => c.solutions.pop() },
      'is in appsscript.json but not in vendor.config.json',
    ],
    [
      'a solution only in the configuration',
      { manifest: (m: Manifest) => m.addOns.calendar.conferenceSolution.pop() },
      'is in vendor.config.json but not in appsscript.json',
    ],
    [
      'another onCreate function name',
      { config: (c: Config) => (c.solutions[0].onCreateFunction = 'makeIt') },
      'onCreateFunction is',
    ],
    [
      "another add-on name in the manifest's addOns.common",
      { manifest: (m: Manifest) => (m.addOns.common.name = 'Other Meetings') },
      'addOns.common.name is',
    ],
  ])('fails on %s', (_what, change, message) => {
    const result = buildWith(change);
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain('the manifest and vendor.config.json disagree');
    expect(result.stderr).toContain(message);
  });
});
