import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Roboto, the side panel's type, from the devDependency `@fontsource-variable/roboto` (one variable
 * woff2 per script subset, all weights in one file), as `@font-face` rules: so every machine draws
 * the cards in the same font without a system font package, and nothing is fetched from the network.
 * The package's own style sheet gives each file's unicode-range; only the family name and the URLs
 * are ours.
 */

export const ROBOTO_DIR = join('node_modules', '@fontsource-variable', 'roboto');

/** Enough for English and the Latin-script languages; other scripts fall back to system fonts. */
export const LATIN_SUBSETS = ['latin', 'latin-ext'] as const;

export interface RobotoFace {
  /** e.g. roboto-latin-wght-normal.woff2 */
  file: string;
  /** e.g. latin-ext */
  subset: string;
  unicodeRange: string;
}

let cachedFaces: RobotoFace[] | undefined;

/** The upright faces the package declares (its wght.css), in its order. Paths are from the project root. */
export function robotoFaces(): RobotoFace[] {
  if (cachedFaces) return cachedFaces;
  const css = readFileSync(join(ROBOTO_DIR, 'wght.css'), 'utf8');
  const faces: RobotoFace[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/(roboto-([a-z-]+)-wght-normal\.woff2)\)/.exec(block);
    const range = /unicode-range:\s*([^;]+);/.exec(block);
    if (file && range) faces.push({ file: file[1], subset: file[2], unicodeRange: range[1].trim() });
  }
  if (!faces.some((f) => f.subset === 'latin')) throw new Error(`no Latin Roboto face in ${ROBOTO_DIR}`);
  cachedFaces = faces;
  return faces;
}

/** `@font-face` rules naming the family "Roboto"; `src(face)` is each file's URL. */
export function robotoFontFaceCss(src: (face: RobotoFace) => string, subsets?: readonly string[]): string {
  return robotoFaces()
    .filter((f) => !subsets || subsets.includes(f.subset))
    .map(
      (f) =>
        // block: text is drawn once, in Roboto (no fallback flash that screenshots could catch).
        `@font-face{font-family:Roboto;font-style:normal;font-weight:100 900;font-display:block;src:url(${src(f)}) format('woff2');unicode-range:${f.unicodeRange}}`,
    )
    .join('\n');
}

/** A font file by name, only if the package declares it (the playground serves these). */
export function robotoFile(name: string): Buffer | undefined {
  if (!robotoFaces().some((f) => f.file === name)) return undefined;
  return readFileSync(join(ROBOTO_DIR, 'files', name));
}

let inline: string | undefined;

/** The Latin faces as data: URLs, for a self-contained HTML file (about 100 KB). */
export function inlineRobotoFontFaceCss(): string {
  inline ??= robotoFontFaceCss(
    (f) => `data:font/woff2;base64,${readFileSync(join(ROBOTO_DIR, 'files', f.file)).toString('base64')}`,
    LATIN_SUBSETS,
  );
  return inline;
}
