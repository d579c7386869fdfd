import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { ToolError } from '../cli';

/**
 * Which Chromium the browser tests and `npm run listing` drive, without root and without downloading
 * a browser from anywhere but the npm registry at `npm ci`:
 *
 * 1. `CHROME_PATH` or `CHROMIUM_PATH`, when set (the user's choice wins; a wrong path is an error,
 *    never a silent fallback to another browser);
 * 2. on Linux x64, the Chromium that the devDependency `@sparticuz/chromium` ships inside its tarball
 *    (brotli-compressed, with the NSS libraries it links against), unpacked once into the user's
 *    cache directory (`~/.cache/`, outside node_modules so the install stays small) — the same
 *    browser on every machine, so screenshots agree;
 * 3. a Chromium or Chrome already installed at the usual Linux and macOS paths.
 *
 * If none is there, `findChromium` rejects with one line saying what to install.
 */

export type ChromiumSource = 'env' | 'package' | 'system';

export interface ChromiumFound {
  executablePath: string;
  source: ChromiumSource;
  /** Extra environment for the browser process (the packaged one's shared libraries). */
  env: Record<string, string>;
}

export class NoChromiumError extends ToolError {
  override name = 'NoChromiumError';
}

export const INSTALL_HINT =
  'run `npm ci` (on Linux x64 it installs @sparticuz/chromium), or install Google Chrome or Chromium, or set CHROME_PATH to its executable';

const PACKAGE_DIR = join('node_modules', '@sparticuz', 'chromium');

/** Where Chrome and Chromium are installed by Debian/Ubuntu, Fedora, snap, Google's packages and macOS. */
export const SYSTEM_PATHS: Readonly<Record<string, readonly string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
};

export interface FindOptions {
  env?: Record<string, string | undefined>;
  platform?: string;
  arch?: string;
  /** The project root (node_modules is looked for here). */
  root?: string;
  exists?: (path: string) => boolean;
}

export async function findChromium(options: FindOptions = {}): Promise<ChromiumFound> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const root = options.root ?? process.cwd();
  const exists = options.exists ?? existsSync;
  for (const name of ['CHROME_PATH', 'CHROMIUM_PATH']) {
    const chosen = env[name];
    if (!chosen) continue;
    if (!exists(chosen)) throw new NoChromiumError(`${name}=${chosen} does not exist: ${INSTALL_HINT}`);
    return { executablePath: chosen, source: 'env', env: {} };
  }
  const packageDir = join(root, PACKAGE_DIR);
  if (platform === 'linux' && arch === 'x64' && exists(join(packageDir, 'bin', 'chromium.br'))) {
    return unpackPackaged(packageDir, cacheRoot(env));
  }
  const installed = (SYSTEM_PATHS[platform] ?? []).find((p) => exists(p));
  if (installed) return { executablePath: installed, source: 'system', env: {} };
  throw new NoChromiumError(`No Chromium for the browser tests: ${INSTALL_HINT}`);
}

/** `$XDG_CACHE_HOME` or `~/.cache`, or the temporary directory when the home directory is read-only. */
function cacheRoot(env: Record<string, string | undefined>): string {
  const preferred = join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'calendar-addon');
  try {
    mkdirSync(preferred, { recursive: true });
    return preferred;
  } catch {
    return join(tmpdir(), 'calendar-addon-cache');
  }
}

/**
 * Unpacks the packaged Chromium (about 190 MB, a few seconds) unless this version already is. Streamed,
 * so the event loop (a vendor worker starting beside it, a timer) keeps running; written to a
 * directory of its own and renamed into place, so a concurrent test worker or an interrupted run never
 * leaves a half-written browser behind.
 */
export async function unpackPackaged(packageDir: string, cacheRoot: string): Promise<ChromiumFound> {
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = join(cacheRoot, `chromium-${version}`);
  const found = (): ChromiumFound => ({
    executablePath: join(target, 'chromium'),
    source: 'package',
    // Its own NSS build (the one it was linked against), so no system library is needed.
    env: { LD_LIBRARY_PATH: [join(target, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') },
  });
  if (existsSync(join(target, 'chromium'))) return found();
  const staging = `${target}.partial-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    const bin = join(packageDir, 'bin');
    await pipeline(
      createReadStream(join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(join(staging, 'chromium'), { mode: 0o755 }),
    );
    extractTar(brotliDecompressSync(readFileSync(join(bin, 'al2023.tar.br'))), staging);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process unpacked the same version first: use its copy.
    if (!existsSync(join(target, 'chromium'))) throw error;
  }
  return found();
}

/** Regular files and directories of a ustar archive (all the packaged archives hold). */
export function extractTar(archive: Buffer, into: string): string[] {
  const written: string[] = [];
  for (let at = 0; at + 512 <= archive.length; ) {
    const header = archive.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, length: number) =>
      header
        .subarray(from, from + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join('/');
    const type = field(156, 1) || '0';
    const path = join(into, name);
    const inside = relative(into, path);
    if (inside.startsWith('..') || isAbsolute(inside))
      throw new Error(`tar entry outside the target: ${name}`);
    if (type === '5') mkdirSync(path, { recursive: true });
    else if (type === '0') {
      mkdirSync(dirname(path), { recursive: true });
      const mode = Number.parseInt(field(100, 8).trim() || '644', 8);
      writeFileSync(path, archive.subarray(at + 512, at + 512 + size), { mode });
      written.push(name);
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return written;
}
