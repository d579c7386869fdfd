// Keeps `npm ci` working, and small, behind registries that only serve some platforms' metadata.
//
// Packages such as @biomejs/biome and jest's unrs-resolver list one optional dependency per
// platform. When npm cannot fetch the other platforms' metadata (the registry answers 404), it
// writes a lock file without them, and `npm ci` then refuses that lock file ("Missing: ... from
// lock file"). This adds an entry for each missing one, and completes entries an earlier version of
// this script left bare.
//
// An entry must carry the package's `os`, `cpu` and `libc`: that is all `npm ci` looks at to skip
// another platform's binary. Without them npm installs every platform's Biome (about 800 MB). The
// fields come from the registry (`npm view <pkg>@<version> --json`, which also gives `integrity` and
// the tarball URL); when the registry cannot answer, from the package name (`cli-linux-x64-musl`,
// `resolver-binding-win32-arm64-msvc`), which is how these packages name their platform.
//
// Run after changing dependencies:
//   npm install && node scripts/lock-optional-platforms.mjs
// `--offline` skips the registry and derives the platform from the names only; `--check` changes
// nothing and exits 1 if any platform entry lacks os/cpu (for CI).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const USAGE = `Usage: node scripts/lock-optional-platforms.mjs [--offline] [--check] [--help]
Adds or completes package-lock.json entries for other platforms' optional binaries (os/cpu/libc,
integrity, resolved) so that npm ci skips them.
  --offline   do not ask the registry; derive os/cpu/libc from the package name
  --check     change nothing; exit 1 if an optional platform entry lacks os/cpu`;

const OS = [
  'android',
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 's390x', 'riscv64', 'mips64el', 'wasm32'];

/** os/cpu/libc from a platform package name, or undefined when the name does not say. */
export function platformFromName(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return undefined;
  const platform = { os: [os], cpu: [cpu] };
  if (os === 'linux') {
    if (parts.some((p) => p.startsWith('musl'))) platform.libc = ['musl'];
    else platform.libc = ['glibc'];
  }
  return platform;
}

function fromRegistry(name, version) {
  try {
    const out = execFileSync('npm', ['view', `${name}@${version}`, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    });
    const meta = JSON.parse(out);
    return Array.isArray(meta) ? meta.at(-1) : meta;
  } catch {
    return undefined;
  }
}

/** The lock entry npm would write for an optional platform package, as far as we can know it. */
function platformEntry(name, version, { offline, keepResolved }) {
  const meta = offline ? undefined : fromRegistry(name, version);
  const guessed = platformFromName(name);
  const platform = (field) => (meta ? meta[field] : guessed?.[field]);
  // Field order as npm writes it, so that a later `npm install` does not reshuffle the file.
  const entry = {
    version,
    resolved: keepResolved ? meta?.dist?.tarball : undefined,
    integrity: meta?.dist?.integrity,
    cpu: platform('cpu'),
    dev: true,
    libc: platform('libc'),
    license: meta?.license,
    optional: true,
    os: platform('os'),
    engines: meta?.engines,
  };
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
}

function main(args) {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => !['--offline', '--check'].includes(a));
  if (unknown.length > 0) {
    console.error(`lock-optional-platforms: unknown option ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const offline = args.includes('--offline');
  const check = args.includes('--check');
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  const packages = lock.packages;
  // npm leaves out `resolved` when omit-lockfile-registry-resolved is set; follow the file's own habit.
  const keepResolved = Object.values(packages).some((p) => p.resolved);
  const wanted = new Map();
  for (const [path, entry] of Object.entries(packages)) {
    for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
      const key = packages[nested] ? nested : `node_modules/${name}`;
      const existing = packages[key];
      if (!platformFromName(name)) continue; // not a platform binary: npm's entry is the right one
      if (existing?.os && existing.cpu) continue;
      wanted.set(key, { name, version: existing?.version ?? range.replace(/^[\^~=]/, '') });
    }
  }
  if (check) {
    for (const key of wanted.keys()) console.error(`lock-optional-platforms: ${key} has no os/cpu`);
    return wanted.size > 0 ? 1 : 0;
  }
  for (const [key, { name, version }] of wanted)
    packages[key] = platformEntry(name, version, { offline, keepResolved });
  // npm keeps `packages` sorted by path; so do we, to keep diffs small.
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
  );
  writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
  const n = wanted.size;
  console.log(`package-lock.json: wrote ${n} optional platform entr${n === 1 ? 'y' : 'ies'}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
