import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractTar, findChromium, NoChromiumError, SYSTEM_PATHS } from '../../scripts/browser/chromium';

/**
 * Where the browser tests get Chromium on a machine without root: the user's CHROME_PATH, the one
 * node_modules ships (Linux x64), or an installed Chrome; otherwise one line saying what to install.
 */

const none = () => false;
const only =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('finding a Chromium', () => {
  it('uses CHROME_PATH (or CHROMIUM_PATH) first, and refuses one that does not exist', async () => {
    const env = { CHROME_PATH: '/opt/my/chrome' };
    await expect(
      findChromium({ env, exists: only('/opt/my/chrome', '/usr/bin/chromium') }),
    ).resolves.toMatchObject({
      executablePath: '/opt/my/chrome',
      source: 'env',
    });
    await expect(findChromium({ env: { CHROMIUM_PATH: '/nope' }, exists: none })).rejects.toThrow(
      /^CHROMIUM_PATH=\/nope does not exist: run `npm ci`.*set CHROME_PATH/,
    );
  });

  it('falls back to an installed Chrome or Chromium on Linux and macOS', async () => {
    await expect(
      findChromium({ env: {}, platform: 'linux', root: '/nowhere', exists: only('/usr/bin/google-chrome') }),
    ).resolves.toMatchObject({ executablePath: '/usr/bin/google-chrome', source: 'system' });
    const mac = SYSTEM_PATHS.darwin[0];
    await expect(findChromium({ env: {}, platform: 'darwin', exists: only(mac) })).resolves.toMatchObject({
      executablePath: mac,
    });
  });

  it('without any browser, fails with one line that says what to install (never a silent skip)', async () => {
    const error = await findChromium({
      env: {},
      platform: 'linux',
      arch: 'x64',
      root: '/nowhere',
      exists: none,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoChromiumError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/npm ci.*@sparticuz\/chromium.*Google Chrome or Chromium.*CHROME_PATH/);
  });

  const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
  (linuxX64 ? it : it.skip)(
    'on Linux x64 uses the Chromium node_modules ships, unpacked outside node_modules with its own NSS',
    async () => {
      // The same cache the browser tests use (unpacked once per machine and user, a few seconds).
      const found = await findChromium();
      expect(found.source).toBe('package');
      expect(found.executablePath.startsWith(join(process.cwd(), 'node_modules'))).toBe(false);
      expect(statSync(found.executablePath).mode & 0o111).not.toBe(0);
      // The NSS libraries it was linked against come with it: no system package is needed.
      const lib = found.env.LD_LIBRARY_PATH.split(':')[0];
      expect(readdirSync(lib)).toEqual(expect.arrayContaining(['libnss3.so', 'libnspr4.so']));
    },
  );
});

describe('the tar reader for the packaged libraries', () => {
  function entry(name: string, body: string, type = '0'): Buffer {
    const header = Buffer.alloc(512);
    header.write(name, 0);
    header.write('0000644\0', 100);
    header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write(type, 156);
    const data = Buffer.alloc(Math.ceil(body.length / 512) * 512);
    data.write(body);
    return Buffer.concat([header, data]);
  }

  it('writes regular files and directories, and refuses a path outside the target', () => {
    const into = mkdtempSync(join(tmpdir(), 'tar-'));
    const archive = Buffer.concat([entry('lib/', '', '5'), entry('lib/a.so', 'hello'), Buffer.alloc(1024)]);
    expect(extractTar(archive, into)).toEqual(['lib/a.so']);
    expect(readFileSync(join(into, 'lib', 'a.so'), 'utf8')).toBe('hello');
    expect(() => extractTar(entry('../evil', 'x'), into)).toThrow(/outside the target/);
  });
});
