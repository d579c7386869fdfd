/**
 * `npm run playground [-- --port N]`: a Calendar-like page on 127.0.0.1 driving the built bundle
 * (dist/Code.js) in the emulator against the reference vendor server (see scripts/playground/).
 */

import { failureText, requireBuilt } from './cli';
import { checkProjectOrExit } from './config/contract';
import { parsePlaygroundArgs as parse, PLAYGROUND_USAGE as USAGE } from './playground/args';
import { startPlayground } from './playground/server';

async function main(): Promise<void> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`playground: ${(error as Error).message}\nRun with --help for all options.`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  checkProjectOrExit();
  requireBuilt('dist/Code.js');
  const playground = await startPlayground({ port: options.port });
  console.log(`playground: open ${playground.url} (Ctrl-C to stop)`);
  const stop = () => {
    void playground.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(failureText('playground', error));
  process.exitCode = 1;
});
