import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type ChromiumFound, findChromium } from '../../scripts/browser/chromium';
import { type Playground, startPlayground } from '../../scripts/playground/server';

/**
 * Chromium driven by playwright-core: the one `@sparticuz/chromium` ships in node_modules (Linux x64),
 * CHROME_PATH / CHROMIUM_PATH, or an installed Chrome (scripts/browser/chromium.ts). Nothing downloads
 * a browser, and every request the page makes to anything but 127.0.0.1 is refused and recorded, so a
 * test can assert the page needs no network. No browser at all is a failure that says what to
 * install, never a skipped test.
 */

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** URLs the page tried to load outside 127.0.0.1 (refused). */
  external: string[];
  close(): Promise<void>;
}

export async function launchBrowser(
  viewport = { width: 1440, height: 900 },
  chromiumFound?: ChromiumFound,
): Promise<Browser> {
  const found = chromiumFound ?? (await findChromium());
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: found.executablePath,
    env: { ...process.env, ...found.env },
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const external: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'about:' || url.hostname === '127.0.0.1') {
      return route.continue();
    }
    external.push(url.href);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    external,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The playground and a browser, started together. If either fails (no Chromium, say), the one that
 * did start is closed before the error is rethrown: a vendor worker left running would keep the test
 * process alive after the failure is reported.
 */
export async function startPlaygroundAndBrowser(
  viewport?: { width: number; height: number },
  chromiumFound?: ChromiumFound,
  startAt?: number,
): Promise<{ playground: Playground; browser: Browser }> {
  const [playground, browser] = await Promise.allSettled([
    startPlayground({ port: 0, startAt }),
    launchBrowser(viewport, chromiumFound),
  ]);
  if (playground.status === 'fulfilled' && browser.status === 'fulfilled')
    return { playground: playground.value, browser: browser.value };
  if (playground.status === 'fulfilled') await playground.value.close();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw playground.status === 'rejected' ? playground.reason : (browser as PromiseRejectedResult).reason;
}

/**
 * Widths of everything in each side panel that is wider than its box (horizontal overflow): empty
 * when the panel draws within its width, as Calendar's side panel must.
 */
export function panelOverflow(page: Page): Promise<string[]> {
  return page.evaluate(OVERFLOW_CHECK) as Promise<string[]>;
}

/**
 * How many Roboto faces the page has loaded once its fonts are ready: at least one when its text is
 * drawn in Roboto from the project's own font files (none on a machine whose browser fell back).
 */
export function robotoFacesLoaded(page: Page): Promise<number> {
  return page.evaluate(`document.fonts.ready.then(() =>
    [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Roboto' && f.status === 'loaded').length)`) as Promise<number>;
}

/** Glyphs drawn per font family in the elements `selector` matches (Chromium's own account, over CDP). */
export async function glyphsByFont(page: Page, selector: string): Promise<Record<string, number>> {
  await page.evaluate('document.fonts.ready');
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const glyphs: Record<string, number> = {};
    for (const nodeId of nodeIds) {
      // The platform fonts Chromium used for the element's own text nodes (CSS.getPlatformFontsForNode).
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const f of fonts) {
        const family = panelFont(f.familyName) ?? f.familyName;
        glyphs[family] = (glyphs[family] ?? 0) + f.glyphCount;
      }
    }
    return glyphs;
  } finally {
    await cdp.detach();
  }
}

/** The side panel's own fonts: Roboto for Latin script, Noto Sans JP for Japanese. */
export const PANEL_FONTS = ['Roboto', 'Noto Sans JP'];

/** The panel font a platform font name belongs to (a variable font reports its default instance: "Noto Sans JP Thin"). */
const panelFont = (family: string) => PANEL_FONTS.find((f) => family === f || family.startsWith(`${f} `));

/** The text of the elements' own text nodes (what glyphsByFont counts), each once. */
export function ownText(page: Page, selector: string): Promise<string> {
  return page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})]
    .flatMap((el) => [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent))
    .join('')`) as Promise<string>;
}

/** Japanese characters (kana, kanji, CJK punctuation and full-width forms) in `text`. */
export const japaneseCharacters = (text: string): number =>
  [...text].filter((c) => /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c)).length;

/**
 * What is wrong with how the elements `selector` matches draw their text: glyphs from a font that is
 * not the panel's (a system fallback, or the tofu of a missing glyph), or fewer Noto Sans JP glyphs
 * than the Japanese characters of the text (a character drawn as an empty box). Empty when every
 * character is drawn by the panel's fonts.
 */
export async function fontProblems(page: Page, selector: string): Promise<string[]> {
  const glyphs = await glyphsByFont(page, selector);
  const text = await ownText(page, selector);
  const problems = Object.entries(glyphs)
    .filter(([family]) => !PANEL_FONTS.includes(family))
    .map(([family, n]) => `${n} glyph(s) drawn in ${family}, not in the panel's fonts`);
  const japanese = japaneseCharacters(text);
  if ((glyphs['Noto Sans JP'] ?? 0) < japanese)
    problems.push(`${japanese} Japanese characters but ${glyphs['Noto Sans JP'] ?? 0} Noto Sans JP glyphs`);
  return problems;
}

/** Runs in the page (as a string: the Node typecheck has no DOM types), once its fonts are in. */
const OVERFLOW_CHECK = `document.fonts.ready.then(() => {
  const problems = [];
  for (const panel of document.querySelectorAll('.addon-panel')) {
    const right = panel.getBoundingClientRect().right + 0.5;
    if (panel.scrollWidth > panel.clientWidth)
      problems.push('panel scrollWidth ' + panel.scrollWidth + ' > clientWidth ' + panel.clientWidth);
    for (const el of panel.querySelectorAll('*')) {
      const name = el.tagName + '.' + String(el.className.baseVal ?? el.className);
      if (el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX !== 'visible')
        problems.push(name + ': scrollWidth ' + el.scrollWidth + ' > ' + el.clientWidth);
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > right)
        problems.push(name + ' "' + (el.textContent || '').slice(0, 40) + '" ends at ' + box.right + ' > ' + right);
    }
  }
  return problems;
})`;
