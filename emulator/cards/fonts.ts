import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The side panel's type, from npm packages, as `@font-face` rules: so every machine draws the cards in
 * the same fonts without a system font package, and nothing is fetched from the network.
 * - Roboto (`@fontsource-variable/roboto`) for the Latin-script languages (en, de, fr, es, pt-BR);
 * - Noto Sans JP (`@fontsource-variable/noto-sans-jp`) for Japanese, which Roboto has no glyphs for.
 *   The package splits the font into 120 files by unicode-range (as Google Fonts serves it); a page
 *   declares them all and the browser loads only the files whose range covers a character it draws
 *   (the playground), and a self-contained page inlines only those its text needs (`npm run cards`,
 *   the listing's art). The six languages' Japanese needs 29 of the 120 files (about 625 KB).
 * Each package's own style sheet (wght.css: all weights in one variable file) gives every file's
 * unicode-range; only the family names and the URLs are ours. Font stacks name "Noto Sans JP" right
 * after Roboto, so Latin text stays in Roboto.
 */

export interface FontFace {
  family: 'Roboto' | 'Noto Sans JP';
  /** e.g. roboto-latin-wght-normal.woff2, noto-sans-jp-42-wght-normal.woff2 */
  file: string;
  /** e.g. latin-ext, 42 */
  subset: string;
  unicodeRange: string;
}

interface FontPackage {
  family: FontFace['family'];
  dir: string;
  /** The file name's prefix (`roboto`), before `-<subset>-wght-normal.woff2`. */
  prefix: string;
  /** Which of the package's subsets to declare. */
  subsets: (subset: string) => boolean;
}

export const ROBOTO_DIR = join('node_modules', '@fontsource-variable', 'roboto');
export const NOTO_SANS_JP_DIR = join('node_modules', '@fontsource-variable', 'noto-sans-jp');

/** Enough for English and the Latin-script languages. */
export const LATIN_SUBSETS = ['latin', 'latin-ext'] as const;

const PACKAGES: readonly FontPackage[] = [
  // Only the numbered (CJK) files: Roboto draws Latin, Cyrillic and Vietnamese.
  { family: 'Noto Sans JP', dir: NOTO_SANS_JP_DIR, prefix: 'noto-sans-jp', subsets: (s) => /^\d+$/.test(s) },
  { family: 'Roboto', dir: ROBOTO_DIR, prefix: 'roboto', subsets: () => true },
];

/** A family's upright faces as its package declares them (wght.css), in its order. */
function packageFaces(pkg: FontPackage): FontFace[] {
  const css = readFileSync(join(pkg.dir, 'wght.css'), 'utf8');
  const file = new RegExp(`url\\(\\./files/(${pkg.prefix}-([a-z0-9-]+)-wght-normal\\.woff2)\\)`);
  const faces: FontFace[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const f = file.exec(block);
    const range = /unicode-range:\s*([^;]+);/.exec(block);
    if (f && range && pkg.subsets(f[2]))
      faces.push({ family: pkg.family, file: f[1], subset: f[2], unicodeRange: range[1].trim() });
  }
  if (faces.length === 0) throw new Error(`no ${pkg.family} face in ${pkg.dir}/wght.css`);
  return faces;
}

let cachedFaces: FontFace[] | undefined;

/** Every face the side panel may use: Noto Sans JP's, then Roboto's. Paths are from the project root. */
export function panelFaces(): FontFace[] {
  cachedFaces ??= PACKAGES.flatMap(packageFaces);
  return cachedFaces;
}

/** The code points a unicode-range covers (`U+4e00-4e0f`, `U+3001`). */
function rangesOf(unicodeRange: string): Array<[number, number]> {
  return unicodeRange.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(from, 16), Number.parseInt(to ?? from, 16)];
  });
}

/** True when some character of `text` lies in the face's unicode-range. */
export function faceCovers(face: FontFace, text: string): boolean {
  const ranges = rangesOf(face.unicodeRange);
  for (const ch of new Set(text)) {
    const c = ch.codePointAt(0) ?? 0;
    if (ranges.some(([from, to]) => c >= from && c <= to)) return true;
  }
  return false;
}

/** `@font-face` rules for `faces`; `src(face)` is each file's URL. */
export function fontFaceCss(src: (face: FontFace) => string, faces: FontFace[] = panelFaces()): string {
  return faces
    .map(
      (f) =>
        // block: text is drawn once, in its font (no fallback flash that screenshots could catch).
        `@font-face{font-family:${f.family === 'Roboto' ? 'Roboto' : `"${f.family}"`};font-style:normal;font-weight:100 900;font-display:block;src:url(${src(f)}) format('woff2');unicode-range:${f.unicodeRange}}`,
    )
    .join('\n');
}

/** A font file by name, only if one of the packages declares it (the playground serves these). */
export function fontFile(name: string): Buffer | undefined {
  const face = panelFaces().find((f) => f.file === name);
  if (!face) return undefined;
  const dir = PACKAGES.find((p) => p.family === face.family)?.dir ?? ROBOTO_DIR;
  return readFileSync(join(dir, 'files', name));
}

const dataUrls = new Map<string, string>();

/**
 * For a self-contained HTML file: Roboto's Latin faces, and the Noto Sans JP files `text` needs, as
 * data: URLs (about 100 KB, plus 20 to 60 KB per Japanese file).
 */
export function inlineFontFaceCss(text: string): string {
  const latin = panelFaces().filter(
    (f) => f.family === 'Roboto' && (LATIN_SUBSETS as readonly string[]).includes(f.subset),
  );
  // Only what Roboto's Latin faces do not draw (a "·" or "–" is Roboto's, not a reason for a CJK file).
  const rest = [...new Set(text)].filter((ch) => !latin.some((f) => faceCovers(f, ch))).join('');
  const faces = [...panelFaces().filter((f) => f.family === 'Noto Sans JP' && faceCovers(f, rest)), ...latin];
  return fontFaceCss((f) => {
    let url = dataUrls.get(f.file);
    if (!url) {
      url = `data:font/woff2;base64,${(fontFile(f.file) as Buffer).toString('base64')}`;
      dataUrls.set(f.file, url);
    }
    return url;
  }, faces);
}

/** The font stack's fallback for Japanese, right after Roboto in every stack (quoted for a style attribute too). */
export const JAPANESE_FAMILY = "'Noto Sans JP'";
