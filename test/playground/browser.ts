import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * The system Chromium (Debian's `chromium` package; `.ci/run` installs it when missing) driven by
 * playwright-core. Nothing downloads a browser, and every request the page makes to anything but
 * 127.0.0.1 is refused and recorded, so a test can assert the page needs no network.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** URLs the page tried to load outside 127.0.0.1 (refused). */
  external: string[];
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
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
 * Widths of everything in each side panel that is wider than its box (horizontal overflow): empty
 * when the panel draws within its width, as Calendar's side panel must.
 */
export function panelOverflow(page: Page): Promise<string[]> {
  return page.evaluate(OVERFLOW_CHECK) as Promise<string[]>;
}

/** Runs in the page (as a string: the Node typecheck has no DOM types). */
const OVERFLOW_CHECK = `(() => {
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
})()`;
