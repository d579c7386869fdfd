import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The build refuses to produce a bundle when appsscript.json's conferenceSolution entries and
 * vendor.config.json disagree (id, name, logoUrl, onCreateFunction), in one line naming the field of
 * each file (scripts/config/contract.ts). Runs the real build in a copy of the project with one file
 * changed.
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
  for (const entry of ['src', 'node_modules', 'scripts', 'emulator'])
    symlinkSync(join(root, entry), join(dir, entry));
  for (const file of ['esbuild.config.mjs', 'vendor.config.schema.json'])
    cpSync(join(root, file), join(dir, file));
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
      'appsscript.json: addOns.calendar.conferenceSolution[0].name is "Other"; expected "Acme Meeting"',
    ],
    [
      'a different logo in the configuration',
      { config: (c: Config) => (c.solutions[1].logoUrl = 'https://example.com/x.png') },
      'addOns.calendar.conferenceSolution[1].logoUrl is',
    ],
    [
      'a solution only in the manifest',
      { config: (c: Config) => c.solutions.pop() },
      'addOns.calendar.conferenceSolution[1].id is "acme-recorded"; expected an id of vendor.config.json\'s solutions',
    ],
    [
      'a solution only in the configuration',
      { manifest: (m: Manifest) => m.addOns.calendar.conferenceSolution.pop() },
      'vendor.config.json: solutions[1].id is "acme-recorded", which appsscript.json does not list',
    ],
    [
      'another onCreate function name',
      { config: (c: Config) => (c.solutions[0].onCreateFunction = 'makeIt') },
      'addOns.calendar.conferenceSolution[0].onCreateFunction is',
    ],
    [
      "another add-on name in the manifest's addOns.common",
      { manifest: (m: Manifest) => (m.addOns.common.name = 'Other Meetings') },
      'appsscript.json: addOns.common.name is "Other Meetings"; expected "Acme Meetings"',
    ],
  ])('fails on %s', (_what, change, message) => {
    const result = buildWith(change);
    expect(result.ok).toBe(false);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });
});
