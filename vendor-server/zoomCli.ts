#!/usr/bin/env node
// The Zoom-shaped reference server: node build/vendor-server/zoomCli.js --port 8788 --api-key TOKEN
// Same options, admin endpoints and fault modes as cli.ts (the Acme one).
import { runCli } from './run';
import { createZoomApp } from './zoomApp';

runCli(process.argv.slice(2), { name: 'zoom-server', cliFile: 'zoomCli.js', createApp: createZoomApp }).then(
  (result) => {
    if (typeof result === 'number') process.exitCode = result;
  },
  (e: unknown) => {
    console.error(`zoom-server: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);
