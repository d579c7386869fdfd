// Tests run the built artifacts: build dist/Code.js (and the Node tools, e.g. the vendor server
// process) once before any test file loads them.
const { execFileSync } = require('node:child_process');

module.exports = async () => {
  execFileSync(process.execPath, ['esbuild.config.mjs', '--tools'], { stdio: 'inherit' });
};
