// npm run contract -- --base-url URL --api-key KEY [--vendor acme|zoom]
// Runs the adapter's contract suite against a live server and reports each behaviour.
import { ADAPTERS, type AdapterName, BRAND } from '../src/config/brand';
import { type CommandSpec, type FlagSpec, helpText, parseOrExplain, UsageError } from './cli';
import { blockingHttpClient } from './contract/blockingHttp';
import { runContract } from './contract/suite';

export const CONTRACT_COMMAND = {
  name: 'contract',
  usage: 'npm run contract -- --base-url URL --api-key KEY [--vendor acme|zoom]',
  summary: `Runs the adapter's contract suite against a live vendor server and reports each behaviour.
Exit code: 0 when every behaviour passed, 1 when one failed, 2 for bad usage.`,
  flags: {
    'base-url': {
      type: 'string',
      value: 'URL',
      help: "the vendor API's base URL (e.g. your staging API, or a reference server)",
    },
    'api-key': {
      type: 'string',
      value: 'KEY',
      help: 'the bearer credential (or env CONTRACT_API_KEY); never printed',
    },
    vendor: {
      type: 'string',
      value: 'NAME',
      help: `the adapter to check: ${ADAPTERS.join(' or ')} (default: vendor.config.json, now "${BRAND.adapter}")`,
    },
  },
} satisfies CommandSpec<Record<string, FlagSpec>>;

export const USAGE = helpText(CONTRACT_COMMAND);

function main(argv: string[]): number {
  const parsed = parseOrExplain(CONTRACT_COMMAND, argv, ({ values }) => {
    const baseUrl = values['base-url'];
    const apiKey = values['api-key'] ?? process.env.CONTRACT_API_KEY;
    const vendor = (values.vendor ?? BRAND.adapter) as AdapterName;
    if (!baseUrl || !/^https?:\/\/\S+$/.test(baseUrl))
      throw new UsageError('--base-url must be an http(s) URL');
    if (!apiKey) throw new UsageError('--api-key (or env CONTRACT_API_KEY) is required');
    if (!ADAPTERS.includes(vendor)) throw new UsageError(`--vendor must be one of ${ADAPTERS.join(', ')}`);
    return { baseUrl, apiKey, vendor };
  });
  if (parsed.kind === 'exit') return parsed.exitCode;
  const options = parsed.options;
  console.log(`contract: ${options.vendor} adapter against ${options.baseUrl}`);
  const results = runContract({ ...options, http: blockingHttpClient() });
  for (const r of results)
    console.log(`${r.passed ? 'PASS' : 'FAIL'}  ${r.name}${r.detail ? `: ${r.detail}` : ''}`);
  const failed = results.filter((r) => !r.passed).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
