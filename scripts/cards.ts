/**
 * `npm run cards`: renders every card of the add-on for realistic states with the emulator's
 * CardService and writes, for each, its JSON (`out/cards/<name>.json`) and an HTML preview drawn like
 * Calendar's side panel (`out/cards/<name>.html`, the playground's renderer), plus
 * `out/cards/index.html` linking them all. The states are the ones the unit tests assert
 * (test/unit/cards/scenarios.ts). `--locale de` draws them as a user whose Google account is in
 * that language sees them (`--time-zone` sets their zone; default UTC).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCardService } from '../emulator/cards/cardService';
import { cardToJson } from '../emulator/cards/inspect';
import { cardToHtml } from '../emulator/cards/render';
import { buildEventCard } from '../src/cards/eventCard';
import { buildHubCard } from '../src/cards/hubCard';
import { buildSettingsCard } from '../src/cards/settingsCard';
import { buildStopSyncingConfirmCard, buildSyncDetailsCard } from '../src/cards/syncDetailsCard';
import { cardTranslator } from '../src/cards/text';
import { EVENT, HUB, SETTINGS, SYNC_DETAILS } from '../test/unit/cards/scenarios';
import { type CommandSpec, type FlagSpec, parseOrExplain } from './cli';

export const CARDS_COMMAND = {
  name: 'cards',
  usage: 'npm run cards -- [--locale TAG] [--time-zone ZONE] [DIR]   (or: node build/scripts/cards.js ...)',
  summary:
    'Renders every card of the add-on for realistic states: JSON and an HTML preview of each, and an index.',
  flags: {
    locale: {
      type: 'string',
      value: 'TAG',
      help: "the user's language, as Google sends it (en, de-AT, ja, pt-BR...)",
    },
    'time-zone': { type: 'string', value: 'ZONE', help: "the user's time zone (default UTC)" },
  },
  positionals: [{ name: 'DIR', help: `where to write them (default ${join('out', 'cards')})` }],
} satisfies CommandSpec<Record<string, FlagSpec>>;

const parsed = parseOrExplain(CARDS_COMMAND, process.argv.slice(2), ({ positionals, values }) => ({
  outDir: positionals[0] ?? join('out', 'cards'),
  locale: values.locale,
  timeZone: values['time-zone'],
}));
if (parsed.kind === 'exit') process.exit(parsed.exitCode);
const { outDir, locale, timeZone } = parsed.options;
const tr = cardTranslator({ ...(locale ? { locale } : {}), timeZone: timeZone ?? 'UTC' });

(globalThis as Record<string, unknown>).CardService = createCardService();

const manifest = JSON.parse(readFileSync('appsscript.json', 'utf8'));
const chrome = { name: String(manifest.addOns?.common?.name ?? 'Add-on') };
mkdirSync(outDir, { recursive: true });

const cards: Array<[string, () => { printJson(): string }]> = [
  ...Object.entries(HUB).map(
    ([state, model]) =>
      [`homepage-${state}`, () => buildHubCard(model, tr)] as [string, () => { printJson(): string }],
  ),
  ...Object.entries(SYNC_DETAILS).map(
    ([state, model]) =>
      [`sync-details-${state}`, () => buildSyncDetailsCard(model, tr)] as [
        string,
        () => { printJson(): string },
      ],
  ),
  ['sync-details-confirm-stop', () => buildStopSyncingConfirmCard('ada@example.com', tr)],
  ...Object.entries(EVENT).map(
    ([state, model]) =>
      [`event-${state}`, () => buildEventCard(model, tr)] as [string, () => { printJson(): string }],
  ),
  ...Object.entries(SETTINGS).map(
    ([state, model]) =>
      [`settings-${state}`, () => buildSettingsCard(model, tr)] as [string, () => { printJson(): string }],
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
console.log(
  `wrote ${cards.length} cards (JSON + HTML, ${tr.locale}) to ${outDir}/ — open ${join(outDir, 'index.html')}`,
);
