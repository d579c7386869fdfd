import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pngSize } from '../../scripts/listing/png';
import { checkScopes, type Manifest, SCOPE_NEEDS, scopesMarkdown } from '../../scripts/listing/scopes';
import { BANNER, ICON_SIZES, SCREENSHOT, writeListing } from '../../scripts/listing/write';

/**
 * `npm run listing` (its core, writeListing, in real Chromium): the files the Marketplace SDK's Store
 * Listing asks for, each at the pixel size it asks for, and scopes.md explaining every manifest scope.
 */

const manifest = JSON.parse(readFileSync('appsscript.json', 'utf8')) as Manifest;
const bundle = readFileSync('dist/Code.js', 'utf8');

describe('npm run listing', () => {
  it('writes icons at 32/48/96/128 px, the 220x140 banner, 1280x800 screenshots and scopes.md', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'listing-'));
    const files = await writeListing({ outDir });
    const size = (file: string) => pngSize(readFileSync(join(outDir, file)));
    for (const s of ICON_SIZES) expect(size(`icon-${s}x${s}.png`)).toEqual({ width: s, height: s });
    expect(size('banner-220x140.png')).toEqual(BANNER);
    const shots = files.filter((f) => f.file.startsWith('screenshot-'));
    expect(shots.length).toBeGreaterThanOrEqual(3);
    for (const s of shots) expect(size(s.file)).toEqual(SCREENSHOT);
    // An icon has transparent corners (a rounded square), a screenshot is an opaque page: both are
    // real drawings, not empty files.
    expect(readFileSync(join(outDir, 'icon-128x128.png')).length).toBeGreaterThan(500);
    expect(readFileSync(join(outDir, 'scopes.md'), 'utf8')).toBe(scopesMarkdown(manifest));
  }, 60_000);
});

describe('scopes.md', () => {
  it('explains every scope of the manifest, and the built add-on still makes the calls that need each', () => {
    expect(checkScopes(manifest, bundle)).toEqual({ unexplained: [], unused: [] });
    const md = scopesMarkdown(manifest);
    for (const scope of manifest.oauthScopes ?? []) expect(md).toContain(`\`${scope.split('/auth/')[1]}\``);
    expect(md).toMatch(/calendar\.readonly` \|[^\n]*\| Sensitive/);
  });

  it('flags a scope the code no longer needs, and one the table does not explain', () => {
    const withoutPatch = bundle.replace(/events\(\)\.patch\(/g, 'events().get(');
    expect(checkScopes(manifest, withoutPatch).unused).toEqual([
      'https://www.googleapis.com/auth/calendar.events',
    ]);
    const extra = { ...manifest, oauthScopes: [...(manifest.oauthScopes ?? []), 'https://mail.google.com/'] };
    expect(checkScopes(extra, bundle).unexplained).toEqual(['https://mail.google.com/']);
    expect(SCOPE_NEEDS.every((n) => n.narrower.length > 0)).toBe(true);
  });
});
