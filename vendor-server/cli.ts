#!/usr/bin/env node
// Entry point: node build/vendor-server/cli.js --port 8787 --api-key KEY --data .vendor-data/conferences.json
import { failureText } from '../scripts/cli';
import { runCli } from './run';

runCli(process.argv.slice(2)).then(
  (result) => {
    if (typeof result === 'number') process.exitCode = result;
  },
  (e: unknown) => {
    console.error(failureText('vendor-server', e));
    process.exitCode = 1;
  },
);
