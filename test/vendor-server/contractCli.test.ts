import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startVendorWorker, type VendorHandle } from '../../vendor-server/worker';

/** `npm run contract` (build/scripts/contract.js) against both reference servers over real HTTP on 127.0.0.1. */
const run = promisify(execFile);
const KEY = 'contract-key-not-a-secret';

async function contract(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['build/scripts/contract.js', ...args]);
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('npm run contract', () => {
  const servers: Partial<Record<'acme' | 'zoom', VendorHandle>> = {};
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-'));
    servers.acme = await startVendorWorker({ apiKey: KEY, dataFile: join(dir, 'acme.json') });
    servers.zoom = await startVendorWorker({
      apiKey: KEY,
      dataFile: join(dir, 'zoom.json'),
      cliPath: 'build/vendor-server/zoomCli.js',
    });
  });
  afterAll(async () => {
    await servers.acme?.close();
    await servers.zoom?.close();
  });

  it.each(['acme', 'zoom'] as const)(
    'passes every documented behaviour against the %s reference server',
    async (vendor) => {
      const { code, out } = await contract([
        '--base-url',
        `${servers[vendor]!.url}/`,
        '--api-key',
        KEY,
        '--vendor',
        vendor,
      ]);
      expect(out).not.toContain('FAIL');
      expect(out).toMatch(/PASS {2}a wrong credential is refused as unauthorized/);
      // Both adapters declare meeting options: the suite checks them (issue 23).
      expect(out).toMatch(/PASS {2}meeting options: every on\/off option/);
      expect(out).toMatch(/PASS {2}meeting options: an update of the synced fields .* leaves every option/);
      expect(out).not.toContain(KEY); // the key is never printed
      expect(code).toBe(0);
    },
    // A child process doing about 30 real HTTP requests, each a blocking round trip: slow on a busy machine.
    180_000,
  );

  it('reports failures and exits non-zero when the adapter does not fit the server', async () => {
    const { code, out } = await contract([
      '--base-url',
      `${servers.acme!.url}/`,
      '--api-key',
      KEY,
      '--vendor',
      'zoom',
    ]);
    expect(out).toMatch(/FAIL {2}create returns a conference/);
    expect(code).toBe(1);
  });

  it('--help prints the usage; unknown flags and a missing base URL are refused', async () => {
    expect(await contract(['--help'])).toMatchObject({
      code: 0,
      out: expect.stringContaining('--base-url URL'),
    });
    expect(await contract(['--base-url', 'http://127.0.0.1:1/', '--api-key', 'k', '--colour'])).toMatchObject(
      {
        code: 2,
        out: expect.stringContaining('unknown option --colour'),
      },
    );
    expect((await contract(['--api-key', 'k'])).code).toBe(2);
  });
});
