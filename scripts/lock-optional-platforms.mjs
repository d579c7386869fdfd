// Keeps `npm ci` working behind registries that only serve some platforms' binaries.
//
// Packages such as @biomejs/biome and jest's unrs-resolver list one optional dependency per
// platform. When npm cannot fetch the other platforms' metadata (the registry answers 404), it
// writes a lock file without them, and `npm ci` then refuses that lock file ("Missing: ... from
// lock file"). This adds a minimal optional entry for each missing one; npm skips them at install
// time like any optional dependency for another platform. Run after changing dependencies:
//   npm install && node scripts/lock-optional-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    packages[`node_modules/${name}`] = { version: range.replace(/^[\^~]/, ''), dev: true, optional: true };
    added++;
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform entr${added === 1 ? 'y' : 'ies'}`);
