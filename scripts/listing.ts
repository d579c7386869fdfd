/**
 * `npm run listing [-- DIR]`: the Google Workspace Marketplace store listing's icons, card banner and
 * screenshots, and scopes.md (see scripts/listing/write.ts and docs/marketplace.md).
 */
import { join } from 'node:path';
import { type CommandSpec, type FlagSpec, failureText, parseOrExplain } from './cli';
import { writeListing } from './listing/write';

export const LISTING_COMMAND = {
  name: 'listing',
  usage: 'npm run listing -- [DIR]   (or: node build/scripts/listing.js [DIR])',
  summary:
    'Writes the Marketplace store listing assets: icons 32/48/96/128 px, the 220x140 card banner, 1280x800 screenshots of the playground (Chromium), and scopes.md.',
  flags: {},
  positionals: [{ name: 'DIR', help: `where to write them (default ${join('out', 'listing')})` }],
} satisfies CommandSpec<Record<string, FlagSpec>>;

const parsed = parseOrExplain(LISTING_COMMAND, process.argv.slice(2), ({ positionals }) => ({
  outDir: positionals[0] ?? join('out', 'listing'),
}));
if (parsed.kind === 'exit') process.exit(parsed.exitCode);
const { outDir } = parsed.options;

writeListing({ outDir }).then(
  (files) => {
    for (const f of files) console.log(`${join(outDir, f.file)}${f.width ? `  ${f.width}x${f.height}` : ''}`);
  },
  (error: unknown) => {
    console.error(failureText('listing', error));
    process.exitCode = 1;
  },
);
