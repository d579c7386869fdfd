import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startPlaygroundAndBrowser } from '../../test/playground/browser';
import type { ChromiumFound } from '../browser/chromium';
import { bannerPage, brandFromConfig, iconPage, type ListingBrand } from './art';
import { pngSize } from './png';
import { checkScopes, type Manifest, scopesMarkdown } from './scopes';

/**
 * `npm run listing`'s work: out/listing/ with what the Marketplace SDK's Store Listing asks for
 * (docs/marketplace.md cites Google's page): application icons, the application card banner and
 * screenshots of the add-on (from the playground, in Chromium), plus scopes.md for the OAuth consent
 * screen. Everything is drawn locally; nothing is fetched.
 */

export const ICON_SIZES = [32, 48, 96, 128] as const;
export const BANNER = { width: 220, height: 140 } as const;
export const SCREENSHOT = { width: 1280, height: 800 } as const;

export interface ListedFile {
  file: string;
  width?: number;
  height?: number;
}

/** Draws `html` (a page of exactly width x height) and saves it as a PNG; transparent where the page is. */
async function renderPng(page: Page, html: string, size: { width: number; height: number }, path: string) {
  await page.setViewportSize(size);
  await page.setContent(html);
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, ...size } });
}

async function writeArt(page: Page, brand: ListingBrand, outDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const size of ICON_SIZES) {
    const file = `icon-${size}x${size}.png`;
    await renderPng(page, iconPage(brand, size), { width: size, height: size }, join(outDir, file));
    files.push(file);
  }
  const banner = `banner-${BANNER.width}x${BANNER.height}.png`;
  await renderPng(page, bannerPage(brand, BANNER.width, BANNER.height), BANNER, join(outDir, banner));
  return [...files, banner];
}

/** The playground without its developer panel: Calendar's week view and the add-on's side panel. */
const LISTING_CSS = 'main{grid-template-columns:1fr 300px !important}.dev{display:none !important}';

/**
 * Scrolls an element into view although the page may redraw it meanwhile: the side panel is drawn
 * again when the playground's answer arrives, and an element replaced mid-scroll is "not attached".
 */
async function scrollIntoView(locator: Locator, tries = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await locator.scrollIntoViewIfNeeded();
    } catch (error) {
      if (i >= tries || !/not attached/.test(String(error))) throw error;
    }
  }
}

/** Clicks and waits for the playground's answer (its /api/<op> call), so no card wording is relied on. */
async function act(page: Page, op: string, click: () => Promise<unknown>) {
  const answered = page.waitForResponse((r) => r.url().endsWith(`/api/${op}`));
  await click();
  if (!(await answered).ok()) throw new Error(`playground: /api/${op} failed`);
  await page.evaluate('document.fonts.ready');
}

/** A second meeting, in the other calendar and a day later: the homepage lists the user's week. */
async function addMeetingTomorrow(page: Page, title: string) {
  await act(page, 'editor/new', () => page.getByTestId('create').click());
  await page.getByTestId('title').fill(title);
  const form = page.getByTestId('editor');
  const day = Date.parse(await form.locator('[name=date]').inputValue());
  await form.locator('[name=date]').fill(new Date(day + 86_400_000).toISOString().slice(0, 10));
  await page.getByTestId('calendar').selectOption({ index: 1 });
  await act(page, 'editor/conference', () => page.getByTestId('conference').selectOption({ index: 1 }));
  await act(page, 'editor/save', () => page.getByTestId('save').click());
}

async function writeScreenshots(page: Page, url: string, outDir: string): Promise<string[]> {
  await page.setViewportSize(SCREENSHOT);
  await page.goto(url);
  await page.addStyleTag({ content: LISTING_CSS });
  const shots: string[] = [];
  const shoot = async (name: string) => {
    const file = `screenshot-${shots.length + 1}-${name}.png`;
    await page.screenshot({ path: join(outDir, file) });
    shots.push(file);
  };
  await act(page, 'editor/new', () => page.getByTestId('create').click());
  await page.getByTestId('title').fill('Weekly planning');
  await page.getByTestId('guests').fill('bob@example.com, carol@example.com');
  await act(page, 'editor/conference', () => page.getByTestId('conference').selectOption({ index: 1 }));
  await shoot('choose-conference');
  await act(page, 'editor/save', () => page.getByTestId('save').click());
  await shoot('event-card');
  // The meeting's options (issue 23): a guest made alternative host, in one click.
  const panel = page.getByTestId('panel');
  await act(page, 'panel/click', () =>
    panel.locator('.decorated', { hasText: 'bob@example.com' }).getByRole('button').click(),
  );
  await scrollIntoView(panel.locator('.decorated', { hasText: 'bob@example.com' }));
  await shoot('meeting-options');
  await addMeetingTomorrow(page, 'Design review');
  await act(page, 'panel/home', () => page.getByTestId('addon-home').click());
  await shoot('homepage');
  return shots;
}

export interface ListingOptions {
  outDir?: string;
  chromium?: ChromiumFound;
  manifestPath?: string;
  bundlePath?: string;
}

/** Writes out/listing/ (or `outDir`) and returns what it wrote, with each PNG's pixel size. */
/** The screenshots' day: a Tuesday morning, so they are the same whenever they are made. */
const LISTING_START = Date.UTC(2026, 10, 24, 9);

export async function writeListing(options: ListingOptions = {}): Promise<ListedFile[]> {
  const outDir = options.outDir ?? join('out', 'listing');
  mkdirSync(outDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(options.manifestPath ?? 'appsscript.json', 'utf8')) as Manifest;
  const { unexplained } = checkScopes(manifest, readFileSync(options.bundlePath ?? 'dist/Code.js', 'utf8'));
  if (unexplained.length > 0)
    throw new Error(`scopes without a reason in scripts/listing/scopes.ts: ${unexplained.join(', ')}`);
  writeFileSync(join(outDir, 'scopes.md'), scopesMarkdown(manifest));

  const { playground, browser } = await startPlaygroundAndBrowser(
    SCREENSHOT,
    options.chromium,
    LISTING_START,
  );
  try {
    const pngs = [
      ...(await writeArt(browser.page, brandFromConfig(), outDir)),
      ...(await writeScreenshots(browser.page, playground.url, outDir)),
    ];
    if (browser.external.length > 0)
      throw new Error(`the listing pages tried to load ${browser.external.join(', ')}`);
    return [
      { file: 'scopes.md' },
      ...pngs.map((file) => ({ file, ...pngSize(readFileSync(join(outDir, file))) })),
    ];
  } finally {
    await browser.close();
    await playground.close();
  }
}
