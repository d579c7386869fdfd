// The test files `npm test` leaves to `npm run test:long` (which .ci/run runs after `npm test`): the
// slowest ones, so that the developer's loop stays under a minute on a 2-core machine (README, "Quick
// start"). Each still runs in CI, unchanged.
module.exports = [
  // A real Chromium drives the playground and draws every card in every language (~40 s).
  'test/playground/playground.test.ts',
  // Hundreds of random operation sequences, and the soak's regression seeds replayed.
  'test/model/model.test.ts',
  'test/model/regressions.test.ts',
  // The benchmark's workloads against their recorded results.
  'test/bench/bench.test.ts',
  // The contract suite's CLI against both reference servers.
  'test/vendor-server/contractCli.test.ts',
];
