/**
 * `npm run cards`: renders every card of the add-on for realistic states with the emulator's
 * CardService and writes, for each, its JSON (`out/cards/<name>.json`) and an HTML preview
 * (`out/cards/<name>.html`), plus `out/cards/index.html` linking them all. For reviewers: no
 * screenshots needed. The states are the ones the unit tests assert (test/unit/cards/scenarios.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardToHtml, cardToJson, createCardService } from '../emulator/cards/cardService';
import { buildEventCard } from '../src/cards/eventCard';
import { buildHomepageCard, buildStopSyncingConfirmCard } from '../src/cards/homepageCard';
import { buildSettingsCard } from '../src/cards/settingsCard';
import { EVENT, HOMEPAGE, SETTINGS } from '../test/unit/cards/scenarios';

(globalThis as Record<string, unknown>).CardService = createCardService();

const outDir = process.argv[2] ?? join('out', 'cards');
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
  writeFileSync(join(outDir, `${name}.html`), cardToHtml(card));
  links.push(`<li><a href="${name}.html">${name}</a> (<a href="${name}.json">JSON</a>)</li>`);
}
writeFileSync(
  join(outDir, 'index.html'),
  `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Add-on cards</title></head><body>\n<h1>Add-on cards</h1>\n<ul>\n${links.join('\n')}\n</ul>\n</body></html>\n`,
);
console.log(`wrote ${cards.length} cards (JSON + HTML) to ${outDir}/ — open ${join(outDir, 'index.html')}`);
