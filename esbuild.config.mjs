// Builds what Apps Script runs (dist/Code.js + dist/appsscript.json) and, with --tools, the Node
// tools (emulator-driven scripts, the reference vendor server) into build/.
//
// Apps Script only finds top-level `function` declarations, and esbuild's IIFE hides everything.
// So the bundle exposes src/main.ts's exports as `__addon`, and this script appends one
// `function name() {...}` stub per exported function. The exports of src/main.ts are the single
// list of entry points. The build then loads the finished file in a bare vm, as Apps Script would,
// and fails if any name the manifest, a trigger or a card action uses is not a top-level function.
//
// vendor.config.json is the one file that names the vendor, its adapter and its conference
// solutions. Before anything is built, scripts/config/contract.ts checks it against
// vendor.config.schema.json (ajv) and checks the manifest against it (urlFetchWhitelist entries,
// apiBaseUrl inside them, addOns.calendar.conferenceSolution and addOns.common the same as the
// file's): a mistake is one line and exit code 1. The build writes one top-level onCreate function
// per configured solution (src/main.ts exports them as ON_CREATE_FUNCTIONS).
//
// --tools also builds the Node tools and, for the tests, the same add-on on the Zoom adapter
// (build/variants/zoom/Code.js: vendor.config.json with `adapter` set to "zoom").
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import * as esbuild from 'esbuild';

const GLOBAL = '__addon';

function fail(message) {
  console.error(`build failed: ${message}`);
  process.exit(1);
}

/**
 * The configuration contract (scripts/config/contract.ts: vendor.config.json against its JSON Schema
 * with ajv, and the manifest's rules), bundled for this script and imported from memory. Any mistake
 * is one line on stderr and exit code 1, before anything is built.
 */
async function checkedProject() {
  const out = await esbuild.build({
    entryPoints: ['scripts/config/contract.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const source = Buffer.from(out.outputFiles[0].text).toString('base64');
  const contract = await import(`data:text/javascript;base64,${source}`);
  try {
    return contract.checkProject('.');
  } catch (e) {
    if (!(e instanceof contract.ConfigProblem)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}

const { manifest } = await checkedProject();

/** Every function name the manifest refers to (onCreateFunction, runFunction, ...). */
export function manifestFunctionNames(m) {
  const names = new Set();
  const walk = (node) => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (
        typeof value === 'string' &&
        /^(onCreateFunction|runFunction|createSettingsUrlFunction|onTriggerFunction)$/.test(key)
      ) {
        names.add(value);
      } else walk(value);
    }
  };
  walk(m.addOns ?? {});
  return [...names];
}

/** Names used as string literals with newTrigger('x') or setFunctionName('x') anywhere in src/. */
function literalHandlerNames(dir = 'src') {
  const names = new Set();
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      for (const n of literalHandlerNames(path)) names.add(n);
    } else if (path.endsWith('.ts')) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/(?:newTrigger|setFunctionName)\(\s*['"`]([A-Za-z_$][\w$]*)['"`]/g))
        names.add(m[1]);
    }
  }
  return names;
}

/** Loads vendor.config.json (optionally with some fields replaced, for a variant build). */
function vendorConfigPlugin(overrides) {
  return {
    name: 'vendor-config',
    setup(build) {
      build.onLoad({ filter: /vendor\.config\.json$/ }, (args) => ({
        contents: JSON.stringify({ ...JSON.parse(readFileSync(args.path, 'utf8')), ...overrides }),
        loader: 'json',
      }));
    },
  };
}

/**
 * What the bundle exports, loaded in a bare vm: one stub per exported function and per
 * ON_CREATE_FUNCTIONS entry, and the handler names it declares (triggers, card actions).
 */
function entryPoints(bundle) {
  const probe = vm.createContext({});
  vm.runInContext(bundle, probe, { filename: 'bundle.js' });
  const exported = probe[GLOBAL] ?? {};
  const functions = Object.keys(exported).filter((k) => typeof exported[k] === 'function');
  const declaredHandlers = [
    ...(Array.isArray(exported.TRIGGER_HANDLERS) ? exported.TRIGGER_HANDLERS : []),
    ...(Array.isArray(exported.CARD_ACTIONS) ? exported.CARD_ACTIONS : []),
  ];
  const onCreate = exported.ON_CREATE_FUNCTIONS ?? {};
  const onCreateNames = Object.keys(onCreate).filter((k) => typeof onCreate[k] === 'function');
  const clash = onCreateNames.filter((name) => functions.includes(name));
  if (clash.length > 0) fail(`onCreateFunction names clash with exports of src/main.ts: ${clash.join(', ')}`);
  const stub = (name, target) =>
    `function ${name}() {\n  return ${GLOBAL}.${target}.apply(this, arguments);\n}`;
  const stubs = [
    ...functions.map((name) => stub(name, name)),
    ...onCreateNames.map((name) => stub(name, `ON_CREATE_FUNCTIONS.${name}`)),
  ].join('\n');
  return { names: [...functions, ...onCreateNames], declaredHandlers, stubs };
}

async function buildAddon({ outdir = 'dist', overrides = {} } = {}) {
  const result = await esbuild.build({
    entryPoints: ['src/main.ts'],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    platform: 'neutral',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    define: { __URL_FETCH_WHITELIST__: JSON.stringify(manifest.urlFetchWhitelist ?? []) },
    plugins: [vendorConfigPlugin(overrides)],
    logLevel: 'warning',
  });
  const bundle = result.outputFiles[0].text;

  const { names, declaredHandlers, stubs } = entryPoints(bundle);
  const code = `${bundle}\n// Top-level entry points for Apps Script (generated by esbuild.config.mjs).\n${stubs}\n`;

  // Load the finished file the way Apps Script does and check every name that must be callable.
  const context = vm.createContext({});
  vm.runInContext(code, context, { filename: 'Code.js' });
  const required = new Set([
    ...manifestFunctionNames(manifest),
    ...declaredHandlers,
    ...literalHandlerNames(),
  ]);
  const missing = [...required].filter((name) => typeof context[name] !== 'function');
  if (missing.length > 0) fail(`no top-level function in dist/Code.js for: ${missing.join(', ')}`);

  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, 'Code.js'), code);
  writeFileSync(join(outdir, 'appsscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // On stderr: it is progress, and `npm start -- --json` keeps stdout for JSON lines.
  console.error(
    `${outdir}/Code.js: ${(code.length / 1024).toFixed(1)} KB, ${names.length} entry points: ${names.join(', ')}`,
  );
}

async function buildTools() {
  const candidates = [
    'scripts/start.ts',
    'scripts/bench.ts',
    'scripts/soak.ts',
    'scripts/cards.ts',
    'scripts/listing.ts',
    'scripts/deploy.ts',
    'scripts/create-project.ts',
    'scripts/lock-optional-platforms.ts',
    'scripts/playground.ts',
    'vendor-server/cli.ts',
    'vendor-server/zoomCli.ts',
    'scripts/contract.ts',
  ].filter((p) => existsSync(p));
  await esbuild.build({
    entryPoints: candidates,
    outdir: 'build',
    outbase: '.',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    // playwright-core loads its own files at run time: it stays in node_modules, required as is.
    external: ['playwright-core'],
  });
}

await buildAddon();
if (process.argv.includes('--tools')) {
  await buildAddon({ outdir: 'build/variants/zoom', overrides: { adapter: 'zoom' } });
  await buildTools();
}
