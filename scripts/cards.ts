/**
 * `npm run cards`: renders every card of the add-on for realistic states with the emulator's
 * CardService and writes, for each, its JSON (`out/cards/<name>.json`) and an HTML preview drawn like
 * Calendar's side panel (`out/cards/<name>.html`, the playground's renderer), plus
 * `out/cards/index.html` linking them all. The states are the ones the unit tests assert
 * (test/unit/cards/scenarios.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCardService } from '../emulator/cards/cardService';
import { cardToJson } from '../emulator/cards/inspect';
import { cardToHtml } from '../emulator/cards/render';
import { buildEventCard } from '../src/cards/eventCard';
import { buildHomepageCard, buildStopSyncingConfirmCard } from '../src/cards/homepageCard';
import { buildSettingsCard } from '../src/cards/settingsCard';
import { EVENT, HOMEPAGE, SETTINGS } from '../test/unit/cards/scenarios';

const USAGE = `usage: npm run cards [-- OUT_DIR]

Writes every add-on card (JSON + HTML preview) for the states in test/unit/cards/scenarios.ts
to OUT_DIR (default out/cards).`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (args.some((a) => a.startsWith('-')) || args.length > 1) {
  console.error(`cards: unknown arguments: ${args.join(' ')}\n\n${USAGE}`);
  process.exit(2);
}

(globalThis as Record<string, unknown>).CardService = createCardService();

const manifest = JSON.parse(readFileSync('appsscript.json', 'utf8'));
const chrome = { name: String(manifest.addOns?.common?.name ?? 'Add-on') };
const outDir = args[0] ?? join('out', 'cards');
mkdirSync(outDir, { recursive: true });

const cards: Array<[string, () => { printJson(): string }]> = [
  ...Object.entries(HOMEPAGE).map(
    ([state, model]) =>
      [`homepage-${state}`, () => buildHomepageCard(model)] as [string, () => { printJson(): string }],
  ),
  ['homepage-confirm-stop', () => buildStopSyncingConfirmCard('ada@example.com')],
  ...Object.entries(EVENT).map(
    ([state, model]) =>
      [`event-${state}`, () => buildEventCard(model)] as [string, () => { printJson(): string }],
  ),
  ...Object.entries(SETTINGS).map(
    ([state, model]) =>
      [`settings-${state}`, () => buildSettingsCard(model)] as [string, () => { printJson(): string }],
  ),
];

const links: string[] = [];
for (const [name, build] of cards) {
  const card = build();
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(cardToJson(card), null, 2)}\n`);
  writeFileSync(join(outDir, `${name}.html`), cardToHtml(card, chrome));
  links.push(`<li><a href="${name}.html">${name}</a> (<a href="${name}.json">JSON</a>)</li>`);
}
writeFileSync(
  join(outDir, 'index.html'),
  `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Add-on cards</title></head><body>\n<h1>Add-on cards</h1>\n<ul>\n${links.join('\n')}\n</ul>\n</body></html>\n`,
);
console.log(`wrote ${cards.length} cards (JSON + HTML) to ${outDir}/ — open ${join(outDir, 'index.html')}`);
