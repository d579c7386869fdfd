import { createCardService } from '../../emulator/cards/cardService';
import { cardToHtml } from '../../emulator/cards/render';
import { bannerPage } from '../../scripts/listing/art';
import { buildEventCard } from '../../src/cards/eventCard';
import { buildHubCard } from '../../src/cards/hubCard';
import { buildSettingsCard } from '../../src/cards/settingsCard';
import { cardTranslator } from '../../src/cards/text';
import { LANGS } from '../../src/i18n/locale';
import { EVENT, HUB, SETTINGS } from '../unit/cards/scenarios';
import {
  type Browser,
  fontProblems,
  glyphsByFont,
  japaneseCharacters,
  launchBrowser,
  ownText,
} from './browser';

/**
 * Every language readable: the cards (`npm run cards`, the playground's side panel) and the listing's
 * art draw each of the six languages with fonts from the project's own npm packages, Roboto and Noto
 * Sans JP, never a system fallback or an empty box. Chromium itself says which font drew each glyph
 * (CDP CSS.getPlatformFontsForNode). The playground's Japanese side panel is checked the same way in
 * test/playground/playground.test.ts.
 */

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser({ width: 800, height: 900 });
  (globalThis as Record<string, unknown>).CardService = createCardService();
}, 120_000);

afterAll(async () => {
  delete (globalThis as Record<string, unknown>).CardService;
  await browser?.close();
});

const PANEL_TEXT = '.addon-panel, .addon-panel *';

/** A homepage, an event and a settings card in `lang`, as `npm run cards` draws them. */
function cards(lang: string): Array<{ printJson(): string }> {
  const tr = cardTranslator({ locale: lang, timeZone: 'Asia/Tokyo' });
  const first = <T>(record: Record<string, T>): T => Object.values(record)[0];
  return [
    buildHubCard(first(HUB), tr),
    buildEventCard(first(EVENT), tr),
    buildSettingsCard(first(SETTINGS), tr),
  ];
}

const cardsHtml = (lang: string) => cards(lang).map((card) => cardToHtml(card, { name: 'Acme Meetings' }));

describe('every language is drawn in the panel fonts', () => {
  it.each(LANGS)(
    '%s: every glyph of a homepage, an event and a settings card is Roboto or Noto Sans JP',
    async (lang) => {
      for (const html of cardsHtml(lang)) {
        await browser.page.setContent(html);
        expect([lang, await fontProblems(browser.page, PANEL_TEXT)]).toEqual([lang, []]);
      }
    },
  );

  it('Japanese text is drawn by Noto Sans JP, one glyph per character', async () => {
    const tr = cardTranslator({ locale: 'ja', timeZone: 'Asia/Tokyo' });
    await browser.page.setContent(
      cardToHtml(buildEventCard(Object.values(EVENT)[0], tr), { name: 'Acme Meetings' }),
    );
    const text = await ownText(browser.page, PANEL_TEXT);
    const glyphs = await glyphsByFont(browser.page, PANEL_TEXT);
    expect(japaneseCharacters(text)).toBeGreaterThan(10);
    expect(glyphs['Noto Sans JP']).toBeGreaterThanOrEqual(japaneseCharacters(text));
  });

  it('the check fails when the Japanese font is missing: the same card without it has problems', async () => {
    const html = cardsHtml('ja')[1].replace(/@font-face\{font-family:"Noto Sans JP";[^}]*\}/g, '');
    await browser.page.setContent(html);
    expect(await fontProblems(browser.page, PANEL_TEXT)).not.toEqual([]);
  });

  it('a self-contained card inlines only the Japanese font files its text needs', () => {
    const english = cardsHtml('en').join('');
    const japanese = cardsHtml('ja')[1];
    expect(english).not.toContain('font-family:"Noto Sans JP"');
    const files = japanese.match(/@font-face\{font-family:"Noto Sans JP"/g) ?? [];
    expect(files.length).toBeGreaterThan(0);
    expect(files.length).toBeLessThan(120 / 2);
  });

  it("the listing's banner draws a Japanese add-on name in Noto Sans JP", async () => {
    await browser.page.setContent(bannerPage({ name: 'アクメ会議', color: '#1a73e8' }, 220, 140));
    expect(await fontProblems(browser.page, 'body *')).toEqual([]);
  });
});
