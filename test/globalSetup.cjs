// Tests run the built artifact: build dist/Code.js once before any test file loads it.
const { execFileSync } = require('node:child_process');

module.exports = async () => {
  execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
};
