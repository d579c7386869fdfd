// `npm run test:long`: the test files `npm test` leaves out to stay under a minute (test/long-tests.cjs),
// with the same settings. .ci/run runs it after `npm test`.
const LONG_TESTS = require('./test/long-tests.cjs');
const base = require('./jest.config.cjs');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: LONG_TESTS.map((file) => `<rootDir>/${file}`),
  testPathIgnorePatterns: ['/node_modules/'],
};
