const LONG_TESTS = require('./test/long-tests.cjs');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The slowest files run in `npm run test:long` (jest.long.config.cjs), which .ci/run runs too.
  testPathIgnorePatterns: ['/node_modules/', ...LONG_TESTS.map((file) => `<rootDir>/${file}`)],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.tools.json', diagnostics: false }],
  },
  // Typechecking is a separate step (npm run typecheck); ts-jest only strips types, which keeps tests fast.
  testTimeout: 60000,
  // Both cores of a 2-core machine (jest defaults to cores - 1, i.e. one worker there).
  maxWorkers: '100%',
  globalSetup: '<rootDir>/test/globalSetup.cjs',
  // How long jest waits for a worker to exit after the last test file before it force-exits it and
  // prints "A worker process has failed to exit gracefully" (default 500 ms). No handle leaks here:
  // at that moment each worker holds nothing but its stdio and IPC channel and exits within ~10 ms
  // (traced per worker; --detectOpenHandles over every file finds none). The warning came from the
  // 500 ms deadline on a 2-core machine shared with other jobs (load 10 and more): missed by
  // scheduling alone. A real leak keeps a worker alive for good, so it is still force-exited and
  // reported, after 5 s.
  workerGracefulExitTimeout: 5000,
};
