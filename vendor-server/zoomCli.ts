#!/usr/bin/env node
// The Zoom-shaped reference server: node build/vendor-server/zoomCli.js --port 8788 --api-key TOKEN
// Same options, admin endpoints and fault modes as cli.ts (the Acme one).
import { parseCliArgs, USAGE } from './run';
import { startVendorServer } from './server';
import { createZoomApp } from './zoomApp';

async function main(argv: string[]): Promise<number | undefined> {
  let opts: ReturnType<typeof parseCliArgs>;
  try {
    opts = parseCliArgs(argv, process.env);
  } catch (e) {
    console.error(`zoom-server: ${(e as Error).message}\n${USAGE.replace('cli.js', 'zoomCli.js')}`);
    return 2;
  }
  if (opts === 'help') {
    console.log(USAGE.replace('cli.js', 'zoomCli.js'));
    return 0;
  }
  const app = createZoomApp({ apiKey: opts.apiKey, dataFile: opts.dataFile, idSeed: opts.idSeed });
  const server = await startVendorServer({
    app,
    port: opts.port,
    host: opts.host,
    log: opts.quiet ? undefined : (line) => console.log(line),
  });
  // worker.ts waits for this exact phrase.
  console.log(`vendor-server listening on ${server.url}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`zoom-server: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);
