// npm run contract -- --base-url URL --api-key KEY [--vendor acme|zoom]
// Runs the adapter's contract suite against a live server and reports each behaviour.
import { parseArgs } from 'node:util';
import { ADAPTERS, type AdapterName, BRAND } from '../src/config/brand';
import { blockingHttpClient } from './contract/blockingHttp';
import { runContract } from './contract/suite';

export const USAGE = `Usage: npm run contract -- --base-url URL --api-key KEY [--vendor acme|zoom]
  --base-url URL   the vendor API's base URL (e.g. your staging API, or a reference server)
  --api-key KEY    the bearer credential (or env CONTRACT_API_KEY); never printed
  --vendor NAME    the adapter to check: ${ADAPTERS.join(' or ')} (default: vendor.config.json, now "${BRAND.adapter}")
  --help
Exit code: 0 when every behaviour passed, 1 when one failed, 2 for bad usage.`;

function parse(argv: string[]): { baseUrl: string; apiKey: string; vendor: AdapterName } | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      vendor: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const baseUrl = values['base-url'];
  const apiKey = values['api-key'] ?? process.env.CONTRACT_API_KEY;
  const vendor = (values.vendor ?? BRAND.adapter) as AdapterName;
  if (!baseUrl || !/^https?:\/\/\S+$/.test(baseUrl)) throw new Error('--base-url must be an http(s) URL');
  if (!apiKey) throw new Error('--api-key (or env CONTRACT_API_KEY) is required');
  if (!ADAPTERS.includes(vendor)) throw new Error(`--vendor must be one of ${ADAPTERS.join(', ')}`);
  return { baseUrl, apiKey, vendor };
}

function main(argv: string[]): number {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(argv);
  } catch (error) {
    console.error(`contract: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  console.log(`contract: ${options.vendor} adapter against ${options.baseUrl}`);
  const results = runContract({ ...options, http: blockingHttpClient() });
  for (const r of results)
    console.log(`${r.passed ? 'PASS' : 'FAIL'}  ${r.name}${r.detail ? `: ${r.detail}` : ''}`);
  const failed = results.filter((r) => !r.passed).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
