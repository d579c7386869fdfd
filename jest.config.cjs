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
};
